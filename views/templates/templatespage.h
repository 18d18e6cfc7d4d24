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
class StarController;
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
    // Whose stars to show and keep (the profile of the client).
    void setProfileName(const QString &profileName);
    void refresh();
    void focusFilter();
    // Selects the template once it is loaded (a link's, say).
    void select(const QString &templateId);
    // The version shown in the details pane (possibly an older one).
    std::optional<Template> selectedTemplate() const;
    QTableView *table() const { return m_table; }
    TemplateListModel *model() const { return m_model; }
    TemplateDetails *details() const { return m_details; }
    QSplitter *splitter() const { return m_splitter; }
    QAction *launchAction() const { return m_launch; }
    StarController *stars() const { return m_stars; }

Q_SIGNALS:
    void launchRequested(const Flotilla::Template &tpl);
    void copyLinkRequested(const Flotilla::Template &tpl);
    void runActivated(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void selectionChanged();

    TemplateListModel *m_model;
    QCheckBox *m_allVersions;
    StarController *m_stars;
    QTableView *m_table;
    TemplateDetails *m_details;
    QSplitter *m_splitter;
    QAction *m_launch;
    QAction *m_copyLink;
    QString m_pendingSelection;
};

} // namespace Flotilla
