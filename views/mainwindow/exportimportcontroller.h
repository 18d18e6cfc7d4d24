#pragma once

#include <wire/exportfile.h>

#include <QObject>
#include <QString>

class QAction;
class QTableView;
class QWidget;

namespace Flotilla {

class DefinitionsPage;
class ServerConnection;
class TemplatesPage;

// Export… and Import… of definitions and templates as files in upstream's
// create body (wire/exportfile.h), the files `flotilla export` writes and
// `flotilla create --from-file` reads. Export takes the selected rows of a
// page's table: one item goes to a file the user names, several to a folder,
// one file each named by alias. Import creates the file's item on the
// current server and selects it on its page. The file dialogs open
// window-modal (open()); nothing waits in a nested event loop.
class ExportImportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportImportController)

public:
    // Adds Export… and Import… to the context menus of both pages' tables.
    ExportImportController(ServerConnection *connection, DefinitionsPage *definitions, TemplatesPage *templates,
                           QWidget *window);

    QAction *importAction() const { return m_import; } // for the File menu
    QAction *exportDefinitionsAction() const { return m_exportDefinitions; }
    QAction *exportTemplatesAction() const { return m_exportTemplates; }

    // What the dialogs lead to. `target` is the file for one item, the folder for several.
    void exportDefinitions(const QList<Definition> &definitions, const QString &target);
    void exportTemplates(const QList<Template> &templates, const QString &target);
    void importFile(const QString &path);

Q_SIGNALS:
    // The page to show: the one an import went to.
    void pageRequested(QWidget *page);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message); // for the status bar

private:
    struct Item
    {
        QString fileName;
        QByteArray bytes;
    };
    static QList<Item> itemsOf(const QList<Definition> &definitions);
    static QList<Item> itemsOf(const QList<Template> &templates);
    QAction *addExportAction(QTableView *table, void (ExportImportController::*exportSelected)());
    void exportSelectedDefinitions();
    void exportSelectedTemplates();
    // A save dialog for one item, a folder dialog for several.
    void askWhereToExport(const QList<Item> &items);
    void writeItems(const QList<Item> &items, const QString &target);
    void askForImport();
    void selectPendingTemplate();

    ServerConnection *m_connection;
    DefinitionsPage *m_definitions;
    TemplatesPage *m_templates;
    QWidget *m_window;
    QAction *m_import;
    QAction *m_exportDefinitions;
    QAction *m_exportTemplates;
    QString m_folder; // where the last dialog was
    QString m_pendingTemplate;
};

} // namespace Flotilla
