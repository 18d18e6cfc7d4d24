#pragma once

#include <wire/definition.h>

#include <QWidget>

class QAction;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace Flotilla {

class ApiError;
class DefinitionDetails;
class DefinitionListModel;
class FlotillaClient;
class GroupsModel;
class NameFilterCombo;
class StarController;
class TagsModel;
struct Run;

// Definitions: alias search, group and tag filters, the server-sorted table
// and the current definition's details and runs. Several definitions can be
// selected (Shift, Ctrl) to launch or delete them together.
class DefinitionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionsPage)

public:
    explicit DefinitionsPage(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    // Whose stars to show and keep (the profile of the client).
    void setProfileName(const QString &profileName);
    void refresh();
    void focusFilter();
    void showGroup(const QString &group);
    void showTag(const QString &tag);
    // Selects the definition once it is loaded (after a create, say).
    void select(const QString &definitionId);
    std::optional<Definition> selectedDefinition() const; // the current one
    QList<Definition> selectedDefinitions() const;        // in table order
    QSplitter *splitter() const { return m_splitter; }
    QTableView *table() const { return m_table; }
    DefinitionDetails *details() const { return m_details; }

    QAction *newAction() const { return m_new; }
    QAction *launchAction() const { return m_launch; }
    StarController *stars() const { return m_stars; }

Q_SIGNALS:
    void newRequested();
    void editRequested(const Flotilla::Definition &definition);
    void copyRequested(const Flotilla::Definition &definition);
    void deleteRequested(const Flotilla::Definition &definition);
    void copyLinkRequested(const Flotilla::Definition &definition);
    void launchRequested(const Flotilla::Definition &definition);
    // "Notify me about this definition's runs": toggles the watch.
    void watchRequested(const Flotilla::Definition &definition);
    // With more than one definition selected.
    void launchManyRequested(const QList<Flotilla::Definition> &definitions);
    void deleteManyRequested(const QList<Flotilla::Definition> &definitions);
    void runActivated(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void selectionChanged();
    // `many`: what it does with several selected; without, it needs exactly one.
    QAction *addDefinitionAction(const QString &text, const QKeySequence &shortcut,
                                 void (DefinitionsPage::*signal)(const Definition &),
                                 void (DefinitionsPage::*many)(const QList<Definition> &) = nullptr);

    DefinitionListModel *m_model;
    GroupsModel *m_groups;
    TagsModel *m_tags;
    QLineEdit *m_aliasFilter;
    QLineEdit *m_imageFilter;
    NameFilterCombo *m_groupFilter;
    NameFilterCombo *m_tagFilter;
    QTimer *m_aliasDebounce; // and the image filter's
    StarController *m_stars;
    QTableView *m_table;
    DefinitionDetails *m_details;
    QSplitter *m_splitter;
    QAction *m_new;
    QAction *m_launch;
    QList<QAction *> m_selectionActions; // for one definition
    QList<QAction *> m_bulkActions;      // for one or several
    QString m_pendingSelection;
};

} // namespace Flotilla
