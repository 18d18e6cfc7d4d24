// ExportImportController against real control planes: Export… writes one
// file per selected item (a save dialog for one, a folder for several),
// Import… creates the file's definition or template on the current server
// and selects it, and bad files, clashes and unwritable folders are reported
// with what to fix.
#include <definitions/definitionspage.h>
#include <mainwindow/exportimportcontroller.h>
#include <templates/templatespage.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <jsoncompare.h>
#include <lists/definitionlistmodel.h>
#include <lists/templatelistmodel.h>
#include <testserver.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ExportImportController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void exportOfSeveralWritesOneFilePerAlias();
    void exportActionAsksForAFileForOneItem();
    void exportActionAsksForAFolderForSeveral();
    void importCreatesAndSelectsTheDefinition();
    void importCreatesAndSelectsTheTemplate();
    void importReportsWhatIsWrong_data();
    void importReportsWhatIsWrong();
    void exportReportsFilesItCannotWrite();

private:
    int rowOf(QTableView *table, const QString &text) const;
    QString writeFile(const QString &name, const QByteArray &bytes);
    QFileDialog *waitForFileDialog();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QWidget> m_window;
    ServerConnection *m_connection = nullptr;
    DefinitionsPage *m_definitions = nullptr;
    TemplatesPage *m_templates = nullptr;
    ExportImportController *m_controller = nullptr;
};

void Tst_ExportImportController::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
    for (const char *alias : {"export-one", "export-two"})
        QVERIFY(!createDefinition(*m_http, {{"alias", alias},
                                            {"image", "alpine:3"},
                                            {"command", "echo hi"},
                                            {"memory", 64},
                                            {"env", {{{"name", "A"}, {"value", "1"}}}}})
                     .isEmpty());
    const Json tpl = Json::parse(R"({"template_name":"export-tpl","image":"alpine:3","memory":64,
        "schema":{"type":"object"},"command_template":"echo hi"})");
    QCOMPARE(m_http->post(QStringLiteral("/api/v7/template"), tpl).status, 200);
}

void Tst_ExportImportController::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_window = std::make_unique<QWidget>();
    m_connection = new ServerConnection(m_window.get());
    m_definitions = new DefinitionsPage(m_window.get());
    m_templates = new TemplatesPage(m_window.get());
    m_controller = new ExportImportController(m_connection, m_definitions, m_templates, m_window.get());
    m_connection->setLocalServer(m_server->url(), m_server->token());
    m_connection->connectTo(ServerProfile::local());
    QCOMPARE(m_connection->state(), ServerConnection::State::Connected);
    m_definitions->setClient(m_connection->client());
    m_templates->setClient(m_connection->client());
    m_window->show();
    QTRY_VERIFY(rowOf(m_definitions->table(), QStringLiteral("export-two")) >= 0);
    QTRY_VERIFY(rowOf(m_templates->table(), QStringLiteral("export-tpl")) >= 0);
}

void Tst_ExportImportController::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

int Tst_ExportImportController::rowOf(QTableView *table, const QString &text) const
{
    const QModelIndexList found = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole, text, 1,
                                                        Qt::MatchExactly);
    if (!found.isEmpty())
        return found.constFirst().row();
    // The alias is not always the first column.
    for (int column = 1; column < table->model()->columnCount(); ++column) {
        const QModelIndexList inColumn = table->model()->match(table->model()->index(0, column), Qt::DisplayRole, text,
                                                               1, Qt::MatchExactly);
        if (!inColumn.isEmpty())
            return inColumn.constFirst().row();
    }
    return -1;
}

QString Tst_ExportImportController::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QFileDialog *Tst_ExportImportController::waitForFileDialog()
{
    QFileDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<QFileDialog *>()) != nullptr && dialog->isVisible(); }, 10000);
    return shown ? dialog : nullptr;
}

void Tst_ExportImportController::exportOfSeveralWritesOneFilePerAlias()
{
    Definition one;
    one.alias = QStringLiteral("first job");
    one.image = QStringLiteral("alpine:3");
    one.command = QStringLiteral("true");
    Definition two = one;
    two.alias = QStringLiteral("second");
    two.definitionId = QStringLiteral("assigned-by-a-server");
    QSignalSpy status(m_controller, &ExportImportController::statusMessage);
    m_controller->exportDefinitions({one, two}, m_dir->path());
    QCOMPARE(status.count(), 1);
    QVERIFY2(status.constFirst().constFirst().toString().contains(u"2"),
             qPrintable(status.constFirst().constFirst().toString()));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files),
             (QStringList{QStringLiteral("first_job.json"), QStringLiteral("second.json")}));
    QFile file(m_dir->filePath(QStringLiteral("second.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Json body = Json::parse(file.readAll().toStdString());
    QVERIFY(!body.contains("definition_id"));
    JSON_COMPARE(body["alias"], "second");
}

void Tst_ExportImportController::exportActionAsksForAFileForOneItem()
{
    QTableView *table = m_definitions->table();
    table->setCurrentIndex(table->model()->index(rowOf(table, QStringLiteral("export-one")), 0));
    QVERIFY(m_controller->exportDefinitionsAction()->isEnabled());
    QVERIFY(table->actions().contains(m_controller->exportDefinitionsAction()));
    m_controller->exportDefinitionsAction()->trigger();
    QFileDialog *dialog = waitForFileDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    const QString target = m_dir->filePath(QStringLiteral("chosen.json"));
    dialog->selectFile(target);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept() is protected
    QTRY_VERIFY(QFile::exists(target));
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const std::optional<ExportFile> exported = ExportFile::read(file.readAll(), &error);
    QVERIFY2(exported, qPrintable(error));
    QCOMPARE(exported->definition.alias, QStringLiteral("export-one"));
    QCOMPARE(exported->definition.env.size(), 1);
}

void Tst_ExportImportController::exportActionAsksForAFolderForSeveral()
{
    QTableView *table = m_templates->table();
    // Another part of the app makes the tables multi-select; the controller takes any selection.
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    QTableView *definitions = m_definitions->table();
    definitions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    definitions->selectionModel()->select(definitions->model()->index(rowOf(definitions, QStringLiteral("export-one")),
                                                                      0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    definitions->selectionModel()->select(definitions->model()->index(rowOf(definitions, QStringLiteral("export-two")),
                                                                      0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_controller->exportDefinitionsAction()->trigger();
    QFileDialog *dialog = waitForFileDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->fileMode(), QFileDialog::Directory);
    dialog->setDirectory(m_dir->path());
    dialog->selectFile(m_dir->path());
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept() is protected
    QTRY_COMPARE(QDir(m_dir->path()).entryList(QDir::Files),
                 (QStringList{QStringLiteral("export-one.json"), QStringLiteral("export-two.json")}));
}

void Tst_ExportImportController::importCreatesAndSelectsTheDefinition()
{
    QSignalSpy page(m_controller, &ExportImportController::pageRequested);
    QSignalSpy errors(m_controller, &ExportImportController::errorOccurred);
    const QString path = writeFile(QStringLiteral("imported.json"),
                                   R"({"alias":"imported-job","image":"alpine:3","command":"echo imported",
                                       "memory":32,"tags":["from-file"]})");
    m_controller->importFile(path);
    QTRY_COMPARE(page.count(), 1);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    QCOMPARE(page.constFirst().constFirst().value<QWidget *>(), m_definitions);
    QTRY_COMPARE(m_definitions->selectedDefinition().value_or(Definition{}).alias, QStringLiteral("imported-job"));
    const Json stored = m_http->get(QStringLiteral("/api/v1/task/alias/imported-job")).json();
    JSON_COMPARE(stored["tags"], Json::parse(R"(["from-file"])"));
    JSON_COMPARE(stored["memory"], 32);
}

void Tst_ExportImportController::importCreatesAndSelectsTheTemplate()
{
    QSignalSpy page(m_controller, &ExportImportController::pageRequested);
    const QString path = writeFile(QStringLiteral("tpl.json"),
                                   R"({"template_name":"imported-tpl","image":"alpine:3","memory":64,
                                       "schema":{"type":"object"},"command_template":"echo {{.x}}"})");
    m_controller->importFile(path);
    QTRY_COMPARE(page.count(), 1);
    QCOMPARE(page.constFirst().constFirst().value<QWidget *>(), m_templates);
    QTRY_COMPARE(m_templates->selectedTemplate().value_or(Template{}).templateName, QStringLiteral("imported-tpl"));
}

void Tst_ExportImportController::importReportsWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("alias taken: the server's message")
        << QByteArray(R"({"alias":"export-one","image":"i","command":"c"})")
        << QStringList{QStringLiteral("export-one"), QStringLiteral("HTTP 409")};
    QTest::newRow("field of the wrong type") << QByteArray(R"({"alias":"a","image":"i","command":"c","memory":"64"})")
                                             << QStringList{QStringLiteral("memory must be a JSON integer")};
    QTest::newRow("not JSON") << QByteArray("alias=x") << QStringList{QStringLiteral("not JSON")};
}

void Tst_ExportImportController::importReportsWhatIsWrong()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QSignalSpy errors(m_controller, &ExportImportController::errorOccurred);
    m_controller->importFile(writeFile(QStringLiteral("bad.json"), bytes));
    QTRY_COMPARE(errors.count(), 1);
    const QString message = errors.constFirst().constFirst().toString();
    QVERIFY2(message.contains(u"bad.json"), qPrintable(message));
    for (const QString &part : expected)
        QVERIFY2(message.contains(part), qPrintable(message));
}

void Tst_ExportImportController::exportReportsFilesItCannotWrite()
{
    QSignalSpy errors(m_controller, &ExportImportController::errorOccurred);
    Template tpl;
    tpl.templateName = QStringLiteral("t");
    tpl.version = 1;
    Template newer = tpl;
    newer.version = 2;
    const QString missing = m_dir->filePath(QStringLiteral("no/such/folder"));
    m_controller->exportTemplates({tpl, newer}, missing);
    QCOMPARE(errors.count(), 1);
    const QString message = errors.constFirst().constFirst().toString();
    // Two versions of one template: a file each.
    QVERIFY2(message.contains(u"t-v1.json") && message.contains(u"t-v2.json"), qPrintable(message));
}

QTEST_MAIN(Tst_ExportImportController)
#include "tst_exportimportcontroller.moc"
