#include "exportimportcontroller.h"

#include <definitions/definitionspage.h>
#include <templates/templatespage.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <lists/definitionlistmodel.h>
#include <lists/templatelistmodel.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QSaveFile>
#include <QTableView>

#include <algorithm>

namespace Flotilla {

namespace {

// The items of the selected rows, in table order; the current row when none is selected.
template <typename Item>
QList<Item> selectedItems(const QTableView *table)
{
    QModelIndexList rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty() && table->currentIndex().isValid())
        rows.append(table->currentIndex());
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<Item> items;
    for (const QModelIndex &row : std::as_const(rows))
        items.append(row.data(PagedTableModel::ObjectRole).value<Item>());
    return items;
}

QString jsonFilter()
{
    return ExportImportController::tr("JSON files (*.json)");
}

} // namespace

ExportImportController::ExportImportController(ServerConnection *connection, DefinitionsPage *definitions,
                                               TemplatesPage *templates, QWidget *window)
    : QObject(window)
    , m_connection(connection)
    , m_definitions(definitions)
    , m_templates(templates)
    , m_window(window)
    , m_import(new QAction(tr("&Import Definition or Template…"), this))
    , m_folder(QDir::homePath())
{
    connect(m_import, &QAction::triggered, this, &ExportImportController::askForImport);
    m_exportDefinitions = addExportAction(definitions->table(), &ExportImportController::exportSelectedDefinitions);
    m_exportTemplates = addExportAction(templates->table(), &ExportImportController::exportSelectedTemplates);
    // A refresh merges new rows in; a further page appends them.
    connect(templates->model(), &QAbstractItemModel::rowsInserted, this, &ExportImportController::selectPendingTemplate);
}

QAction *ExportImportController::addExportAction(QTableView *table, void (ExportImportController::*exportSelected)())
{
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *exportAction = new QAction(tr("E&xport…"), this);
    connect(exportAction, &QAction::triggered, this, exportSelected);
    auto *importAction = new QAction(tr("&Import…"), this);
    connect(importAction, &QAction::triggered, this, &ExportImportController::askForImport);
    table->addActions({separator, exportAction, importAction});
    const auto update = [table, exportAction] {
        exportAction->setEnabled(table->selectionModel()->hasSelection() || table->currentIndex().isValid());
    };
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, exportAction, update);
    connect(table->selectionModel(), &QItemSelectionModel::currentChanged, exportAction, update);
    update();
    return exportAction;
}

QList<ExportImportController::Item> ExportImportController::itemsOf(const QList<Definition> &definitions)
{
    QList<Item> items;
    for (const Definition &definition : definitions)
        items.append({ExportFile::fileName(definition.alias), ExportFile::write(definition)});
    return items;
}

QList<ExportImportController::Item> ExportImportController::itemsOf(const QList<Template> &templates)
{
    QList<Item> items;
    for (const Template &tpl : templates) {
        // Several versions of one template in one folder: each its own file.
        const auto sameName = [&tpl](const Template &other) { return other.templateName == tpl.templateName; };
        const bool versions = std::count_if(templates.begin(), templates.end(), sameName) > 1;
        const QString name = versions ? QStringLiteral("%1-v%2").arg(tpl.templateName).arg(tpl.version)
                                      : tpl.templateName;
        items.append({ExportFile::fileName(name), ExportFile::write(tpl)});
    }
    return items;
}

void ExportImportController::exportSelectedDefinitions()
{
    askWhereToExport(itemsOf(selectedItems<Definition>(m_definitions->table())));
}

void ExportImportController::exportSelectedTemplates()
{
    askWhereToExport(itemsOf(selectedItems<Template>(m_templates->table())));
}

void ExportImportController::exportDefinitions(const QList<Definition> &definitions, const QString &target)
{
    writeItems(itemsOf(definitions), target);
}

void ExportImportController::exportTemplates(const QList<Template> &templates, const QString &target)
{
    writeItems(itemsOf(templates), target);
}

void ExportImportController::askWhereToExport(const QList<Item> &items)
{
    if (items.isEmpty())
        return;
    auto *dialog = new QFileDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (items.size() == 1) {
        dialog->setWindowTitle(tr("Export"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilter(jsonFilter());
        dialog->setDefaultSuffix(QStringLiteral("json"));
        dialog->setDirectory(m_folder);
        dialog->selectFile(items.constFirst().fileName);
    } else {
        dialog->setWindowTitle(tr("Export %n Items to a Folder", nullptr, int(items.size())));
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setDirectory(m_folder);
    }
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, items](const QString &target) { writeItems(items, target); });
    dialog->open();
}

void ExportImportController::writeItems(const QList<Item> &items, const QString &target)
{
    const bool toFolder = items.size() != 1 || QFileInfo(target).isDir();
    m_folder = toFolder ? target : QFileInfo(target).absolutePath();
    QStringList failures;
    for (const Item &item : items) {
        const QString path = toFolder ? QDir(target).filePath(item.fileName) : target;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(item.bytes) != item.bytes.size() || !file.commit())
            failures.append(tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    if (!failures.isEmpty()) {
        return Q_EMIT errorOccurred(tr("Could not export %n item(s):", nullptr, int(failures.size())) + u'\n'
                                    + failures.join(u'\n'));
    }
    Q_EMIT statusMessage(
        tr("Exported %n item(s) to %1", nullptr, int(items.size())).arg(QDir::toNativeSeparators(target)));
}

void ExportImportController::askForImport()
{
    auto *dialog = new QFileDialog(m_window, tr("Import Definition or Template"), m_folder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({jsonFilter(), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &ExportImportController::importFile);
    dialog->open();
}

void ExportImportController::importFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    m_folder = QFileInfo(path).absolutePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Q_EMIT errorOccurred(tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    QString problems;
    const std::optional<ExportFile> exported = ExportFile::read(file.readAll(), &problems);
    if (!exported) {
        return Q_EMIT errorOccurred(tr("%1 is not a definition or template to import:").arg(name) + u'\n' + problems);
    }
    FlotillaClient *client = m_connection->client();
    if (!client)
        return Q_EMIT errorOccurred(tr("Not connected to a server yet."));
    if (exported->kind == ExportFile::Kind::Definition) {
        ResultJob<Definition> *job = client->createDefinition(exported->definition);
        connect(job, &ApiJob::finished, this, [this, job, name] {
            if (!job->succeeded())
                return Q_EMIT errorOccurred(tr("Could not import %1: %2").arg(name, job->error().sentence()));
            m_definitions->refresh();
            m_definitions->select(job->result().definitionId);
            Q_EMIT pageRequested(m_definitions);
            Q_EMIT statusMessage(tr("Imported %1").arg(job->result().alias));
        });
        return job->start();
    }
    if (!client->servesTemplates())
        return Q_EMIT errorOccurred(tr("Could not import %1: this server has no templates.").arg(name));
    ResultJob<CreatedTemplate> *job = client->createTemplate(exported->tpl);
    connect(job, &ApiJob::finished, this, [this, job, name] {
        if (!job->succeeded())
            return Q_EMIT errorOccurred(tr("Could not import %1: %2").arg(name, job->error().sentence()));
        const Template &tpl = job->result().tpl;
        m_pendingTemplate = tpl.templateId;
        m_templates->refresh();
        Q_EMIT pageRequested(m_templates);
        Q_EMIT statusMessage(job->result().didCreate ? tr("Imported %1").arg(tpl.displayName())
                                                     : tr("%1 is already on this server").arg(tpl.displayName()));
    });
    job->start();
}

void ExportImportController::selectPendingTemplate()
{
    if (m_pendingTemplate.isEmpty())
        return;
    TemplateListModel *model = m_templates->model();
    const int row = model->rowOf(m_pendingTemplate);
    if (row < 0) {
        // A further page comes back here with its rows.
        if (model->canFetchMore({}))
            model->fetchMore({});
        return;
    }
    m_pendingTemplate.clear();
    m_templates->table()->setCurrentIndex(model->index(row, 0));
    m_templates->table()->scrollTo(model->index(row, 0));
}

} // namespace Flotilla
