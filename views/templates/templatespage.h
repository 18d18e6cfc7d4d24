#pragma once

#include <wire/template.h>

#include <QWidget>

class QAction;
class QCheckBox;
class QSplitter;
class QTableView;

namespace Flotilla {

class ApiError;
class FlotillaClient;
class TemplateDetails;
class TemplateListModel;
struct Run;

// Templates: the server-sorted table (the latest version of each, or every
// version) and the selected template's details, versions and runs. Launch
// opens the form its schema generates.
class TemplatesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplatesPage)

public:
    explicit TemplatesPage(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    void refresh();
    void focusFilter();
    // The version shown in the details pane (possibly an older one).
    std::optional<Template> selectedTemplate() const;
    QTableView *table() const { return m_table; }
    TemplateListModel *model() const { return m_model; }
    TemplateDetails *details() const { return m_details; }
    QSplitter *splitter() const { return m_splitter; }
    QAction *launchAction() const { return m_launch; }

Q_SIGNALS:
    void launchRequested(const Flotilla::Template &tpl);
    void runActivated(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void selectionChanged();

    TemplateListModel *m_model;
    QCheckBox *m_allVersions;
    QTableView *m_table;
    TemplateDetails *m_details;
    QSplitter *m_splitter;
    QAction *m_launch;
};

} // namespace Flotilla
