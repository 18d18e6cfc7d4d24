// LogPane on a real control plane: a coloured log followed to its end with
// the exit status, search and filter, and saving exactly the server's bytes;
// opened at the end and read back to line 1 in small chunks, byte for byte,
// across a server restart; the spill file's place, mode and removal.
#include "awaitjob.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logpane.h>
#include <log/logsearch.h>
#include <log/logview.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// 3000 green lines "line N ok", then exit code 3.
const QString colourfulCommand = QStringLiteral(
    "i=1; while [ $i -le 3000 ]; do printf '\\033[32mline %d\\033[0m ok\\n' $i; i=$((i+1)); done; exit 3");

// A marker only in the first line, CRLF, invalid UTF-8, colours, `rows`
// numbered rows and a last line without a newline.
QString longLogCommand(int rows)
{
    return QStringLiteral("printf 'first line holds the needle\\n'; printf 'crlf line\\r\\n'; "
                          "printf 'bad \\377 byte\\n'; awk 'BEGIN { for (i = 1; i <= ")
           + QString::number(rows)
           + QStringLiteral("; i++) printf \"row %d of the log \\033[3%dmin colour\\033[0m\\n\", i, i % 8 }'; "
                            "printf 'last line without a newline'");
}

// The lines of `log` as the pane shows them: split at '\n', the last one
// even without it.
int lineCount(const QByteArray &log)
{
    return int(log.count('\n')) + (log.endsWith('\n') ? 0 : 1);
}

} // namespace

class Tst_LogPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void followsTheRunToItsExitStatus();
    void searchAndFilterModes();
    void saveWritesExactlyTheServersBytes();
    void saveAsksWithoutANestedEventLoop();
    void everyControlHasAnAccessibleName();
    void opensAtTheEndAndReadsBackToLineOne();
    void searchFindsAMatchNeverScrolledTo();
    void searchWhileReadingFromTheStartSaysStillLoading();
    void filterOverABigLogRunsInTheBackground();
    void spillFileLivesInTheCacheAndGoesWithThePane();
    void serverRestartWhileScrolledBack();

private:
    QString launch(const QString &command);
    // The run of longLogCommand(rows), once STOPPED; empty if it did not stop.
    QString stoppedLongLogRun(int rows);
    // A client that reads byte ranges (our control plane's flavour).
    std::unique_ptr<FlotillaClient> rangeClient(const TestServer &server) const;

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_LogPane::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server.url());
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
}

QString Tst_LogPane::launch(const QString &command)
{
    Definition definition;
    definition.alias = QStringLiteral("pane-%1").arg(QDateTime::currentMSecsSinceEpoch());
    definition.image = QStringLiteral("none");
    definition.command = command;
    auto *created = await(m_client->createDefinition(definition));
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(created->result().definitionId, request))->result().runId;
}

QString Tst_LogPane::stoppedLongLogRun(int rows)
{
    const QString runId = launch(longLogCommand(rows));
    HttpTestClient http(m_server);
    return waitForStatus(http, runId, "STOPPED").value("status", "") == "STOPPED" ? runId : QString();
}

void Tst_LogPane::followsTheRunToItsExitStatus()
{
    LogPane pane(m_client.get(), launch(colourfulCommand));
    pane.show();
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    QVERIFY(pane.isFinished());
    QCOMPARE(pane.model()->rowCount(), 3000);
    QCOMPARE(pane.model()->lineText(2999), u"line 3000 ok");
    QCOMPARE(pane.model()->lineSpans(0), (QList<ColourSpan>{{0, 6, 0xff00cd00, 0, 0}}));
    QVERIFY2(pane.statusText().contains(u"End of log") && pane.statusText().contains(u"exit code 3"),
             qPrintable(pane.statusText()));
    QTRY_COMPARE(pane.view()->indexAt(QPoint(1, pane.view()->viewport()->height() - 2)).data().toString(),
                 u"line 3000 ok");
}

void Tst_LogPane::searchAndFilterModes()
{
    LogPane pane(m_client.get(), launch(colourfulCommand));
    pane.show();
    // The pattern is there before the lines: hits come as they arrive.
    pane.setPattern(QStringLiteral("LINE 29"));
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(pane.search()->hitCount(), 1 + 10 + 100); // 29, 290..299, 2900..2999
    pane.findNext();
    QVERIFY(pane.search()->currentLineId() >= 0);
    QVERIFY2(pane.matchText().contains(u" of 111 matching lines"), qPrintable(pane.matchText()));

    pane.setMode(LogPane::Mode::Filter);
    pane.setPattern(QStringLiteral("^line 1\\d\\d ok$"), true, true);
    QCOMPARE(pane.filterModel()->rowCount(), 100);
    QCOMPARE(pane.search()->hitCount(), 0);
    pane.setFilterOptions(false, 2);
    QCOMPARE(pane.filterModel()->rowCount(), 104);
    pane.setFilterOptions(true, 0);
    QCOMPARE(pane.filterModel()->rowCount(), 2900);
    QVERIFY2(pane.matchText().startsWith(u"2"), qPrintable(pane.matchText()));
    pane.setPattern(QStringLiteral("(broken"), true);
    QVERIFY2(pane.matchText().contains(u"regular expression"), qPrintable(pane.matchText()));
    QCOMPARE(pane.filterModel()->rowCount(), 3000);
}

void Tst_LogPane::saveWritesExactlyTheServersBytes()
{
    // The save comes from the server, byte for byte.
    const QString runId = launch(QStringLiteral("seq 1 200000; printf 'no newline at the end \\303\\251'"));
    LogPane pane(m_client.get(), runId);
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(120000));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("whole.log"));
    QSignalSpy saved(&pane, &LogPane::saved);
    pane.saveTo(path);
    QVERIFY(saved.wait(60000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    HttpTestClient http(m_server);
    const QByteArray server = readLogByPaging(http, runId);
    QVERIFY(server.endsWith("the end \xc3\xa9"));
    QCOMPARE(file.readAll(), server);

    QSignalSpy failed(&pane, &LogPane::saveFailed);
    pane.saveTo(dir.filePath(QStringLiteral("missing/dir/whole.log")));
    QVERIFY(failed.wait(60000));
    QVERIFY2(failed.last()[0].toString().contains(u"Choose another place"), qPrintable(failed.last()[0].toString()));
}

// The Save button opens the file dialog and returns at once (open(), no
// nested event loop); choosing a file saves there.
void Tst_LogPane::saveAsksWithoutANestedEventLoop()
{
    const QString runId = launch(QStringLiteral("echo saved line"));
    LogPane pane(m_client.get(), runId);
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    bool clickReturned = false;
    // A dialog that blocks the click is closed again, so the test ends either way.
    QTimer::singleShot(0, &pane, [&clickReturned] {
        if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget()); dialog && !clickReturned)
            dialog->reject();
    });
    QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    clickReturned = true;
    auto *dialog = pane.findChild<QFileDialog *>();
    QVERIFY2(dialog && dialog->isVisible(), "the click waited for the dialog to close");
    QVERIFY(dialog->isModal());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chosen.log"));
    QSignalSpy saved(&pane, &LogPane::saved);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept() is protected
    QVERIFY(saved.wait(60000));
    QCOMPARE(saved.first().first().toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("saved line\n"));
}

void Tst_LogPane::everyControlHasAnAccessibleName()
{
    LogPane pane(m_client.get(), launch(QStringLiteral("true")));
    for (QWidget *widget : pane.findChildren<QWidget *>()) {
        const bool control = widget->focusPolicy() != Qt::NoFocus || qobject_cast<QLabel *>(widget);
        if (control && !widget->inherits("QScrollBar") && widget->parent()
            && !widget->parent()->inherits("QAbstractSpinBox") && !widget->parent()->inherits("QAbstractScrollArea")
            && !widget->inherits("QLineEdit"))
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    QVERIFY(!pane.findChild<QLineEdit *>(QStringLiteral("patternEdit"))->accessibleName().isEmpty());
}

std::unique_ptr<FlotillaClient> Tst_LogPane::rangeClient(const TestServer &server) const
{
    auto client = std::make_unique<FlotillaClient>(server.url(), ServerFlavour::ControlPlane);
    client->setBearerToken(QString::fromUtf8(server.token()));
    return client;
}

void Tst_LogPane::opensAtTheEndAndReadsBackToLineOne()
{
    const QString runId = stoppedLongLogRun(30000);
    QVERIFY(!runId.isEmpty());
    const auto client = rangeClient(m_server);
    const QByteArray server = await(client->rawLog(runId))->result(); // the bytes, not JSON's text
    LogPane pane(client.get(), runId);
    pane.setChunkBytes(4 * 1024, 64 * 1024); // many chunks above the end
    pane.resize(800, 600);
    pane.show();
    LogModel *model = pane.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The end comes first, with estimated line numbers.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 30000);
    QVERIFY(model->lineText(model->rowCount() - 1).endsWith(u"line without a newline")
            || model->lineText(model->rowCount() - 1) == u"row 30000 of the log in colour");
    QVERIFY(model->index(model->rowCount() - 1, 0).data(LogModel::LineNumberApproximateRole).toBool());
    QSignalSpy finished(&pane, &LogPane::finished);
    QTRY_VERIFY_WITH_TIMEOUT(pane.isStartReached(), 60000);
    QVERIFY(pane.isFinished() || finished.wait(60000));

    const LogSpill &spill = model->spill();
    QCOMPARE(spill.read(spill.startPosition(), spill.endPosition()), server);
    QCOMPARE(model->rowCount(), lineCount(server));
    QCOMPARE(model->lineUtf8(0), QByteArray("first line holds the needle"));
    QCOMPARE(model->lineUtf8(1), QByteArray("crlf line"));
    QCOMPARE(model->lineText(2), QStringLiteral("bad \uFFFD byte"));
    QCOMPARE(model->lineText(model->rowCount() - 1), u"last line without a newline");
    const QList<QByteArray> lines = server.split('\n');
    for (int row = 3; row < model->rowCount() - 1; row += 97)
        QCOMPARE(model->lineText(row),
                 QString::fromUtf8(lines[row]).remove(QRegularExpression(QStringLiteral("\033\\[[0-9;]*m"))));
    const QModelIndex last = model->index(model->rowCount() - 1, 0);
    QCOMPARE(last.data(LogModel::LineNumberRole).toLongLong(), lineCount(server));
    QVERIFY(!last.data(LogModel::LineNumberApproximateRole).toBool());
    QVERIFY2(pane.statusText().contains(QLocale().toString(lineCount(server))), qPrintable(pane.statusText()));

    // Scrolled to the top, the view shows line 1.
    QTest::keyClick(pane.view(), Qt::Key_Home);
    QTRY_COMPARE(pane.view()->indexAt(QPoint(1, 1)).data().toString(), u"first line holds the needle");
    QCOMPARE(pane.view()->indexAt(QPoint(1, 1)).data(LogModel::LineNumberRole).toLongLong(), 1);
}

void Tst_LogPane::searchFindsAMatchNeverScrolledTo()
{
    const QString runId = stoppedLongLogRun(30000);
    QVERIFY(!runId.isEmpty());
    const auto client = rangeClient(m_server);
    LogPane pane(client.get(), runId);
    pane.setChunkBytes(4 * 1024, 64 * 1024);
    pane.show();
    pane.setPattern(QStringLiteral("holds the NEEDLE"));
    QTRY_COMPARE_WITH_TIMEOUT(pane.search()->hitCount(), 1, 60000);
    QCOMPARE(pane.model()->rowOfLineId(pane.search()->hits().front()), 0);
    QVERIFY(pane.isStartReached());
}

void Tst_LogPane::searchWhileReadingFromTheStartSaysStillLoading()
{
    // A server without byte ranges: the log is read from its start, in pages.
    const QString runId = stoppedLongLogRun(100000);
    QVERIFY(!runId.isEmpty());
    LogPane pane(m_client.get(), runId);
    pane.setPattern(QStringLiteral("row 99999 "));
    QStringList shown; // the bar's text after each batch of lines
    connect(pane.filterModel(), &QAbstractItemModel::rowsInserted, &pane,
            [&shown, &pane] { shown.append(pane.matchText()); });
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    QVERIFY2(shown.size() > 1, "the log came in one page");
    QVERIFY2(shown.front().endsWith(u"in what is loaded so far (still loading)"), qPrintable(shown.front()));
    QVERIFY2(pane.matchText().startsWith(u"1 matching line") && !pane.matchText().contains(u"loading"),
             qPrintable(pane.matchText()));
}

void Tst_LogPane::filterOverABigLogRunsInTheBackground()
{
    const QString runId = stoppedLongLogRun(40000);
    QVERIFY(!runId.isEmpty());
    const auto client = rangeClient(m_server);
    LogPane pane(client.get(), runId);
    pane.show();
    QSignalSpy finished(&pane, &LogPane::finished);
    QTRY_VERIFY_WITH_TIMEOUT(pane.isStartReached(), 60000);
    QVERIFY(pane.isFinished() || finished.wait(60000));
    QVERIFY(pane.model()->spill().byteSize() > LogSearch::syncSearchBytes);
    auto *stop = pane.findChild<QToolButton *>(QStringLiteral("cancelSearchButton"));
    LogFilterModel *filter = pane.filterModel();
    QAbstractItemModelTester tester(filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

    pane.setMode(LogPane::Mode::Filter);
    pane.setPattern(QStringLiteral("holds the NEEDLE"));
    QVERIFY(filter->isSearching());
    QVERIFY(stop->isVisible());
    QVERIFY2(pane.matchText().contains(u"(filtering… "), qPrintable(pane.matchText()));
    QTRY_COMPARE_WITH_TIMEOUT(filter->rowCount(), 1, 60000);
    QCOMPARE(filter->index(0, 0).data().toString(), u"first line holds the needle");
    QTRY_VERIFY_WITH_TIMEOUT(!filter->isSearching(), 60000);
    QVERIFY(!stop->isVisible());
    const QString total = QLocale().toString(pane.model()->rowCount());
    QCOMPARE(pane.matchText(), QStringLiteral("1 of %1 lines").arg(total));

    pane.setPattern(QStringLiteral("of the log"));
    QVERIFY(stop->isVisible());
    stop->click();
    QVERIFY(!filter->isSearching());
    QVERIFY(!stop->isVisible());
    QVERIFY2(pane.matchText().endsWith(QStringLiteral(" of %1 lines (filter stopped)").arg(total)),
             qPrintable(pane.matchText()));
}

void Tst_LogPane::spillFileLivesInTheCacheAndGoesWithThePane()
{
    const QString runId = launch(QStringLiteral("echo spilled"));
    QString path;
    {
        const auto client = rangeClient(m_server);
        LogPane pane(client.get(), runId);
        QSignalSpy finished(&pane, &LogPane::finished);
        QVERIFY(finished.wait(60000));
        path = pane.model()->spillPath();
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(LogSpill::defaultDirectory()).absolutePath());
        QVERIFY(QFileInfo(path).absolutePath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)));
        QCOMPARE(QFileInfo(path).permissions()
                     & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFile::Permissions());
        QCOMPARE(QFileInfo(path).size(), qint64(sizeof("spilled")));
    }
    QVERIFY(!QFileInfo::exists(path));
}

// The server goes away while the pane reads the part above the end, with
// the view scrolled to the top, and comes back on the same data dir and
// port: the pane goes on from its token, and the log is whole, no line
// twice and none missing.
void Tst_LogPane::serverRestartWhileScrolledBack()
{
    TestServer server;
    QVERIFY(server.start());
    const auto client = rangeClient(server);
    Definition definition;
    definition.alias = QStringLiteral("restart");
    definition.image = QStringLiteral("none");
    definition.command = longLogCommand(40000);
    auto *created = await(client->createDefinition(definition));
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    const QString runId = await(client->launch(created->result().definitionId, request))->result().runId;
    HttpTestClient http(server);
    QCOMPARE(waitForStatus(http, runId, "STOPPED").value("status", ""), "STOPPED");
    const QByteArray whole = await(client->rawLog(runId))->result();

    LogPane pane(client.get(), runId);
    pane.setChunkBytes(4 * 1024, 8 * 1024); // about 200 requests above the end
    pane.resize(800, 600);
    pane.show();
    LogModel *model = pane.model();
    // The server goes after the third chunk read backwards.
    int prepends = 0;
    connect(model, &LogModel::rowsInserted, this, [&](const QModelIndex &, int first, int last) {
        if (first == 0 && last + 1 < model->rowCount() && ++prepends == 3) {
            server.options().port = quint16(server.url().port()); // the same address and token again
            server.options().token = server.token();
            server.stop();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(prepends >= 3, 30000);
    QTest::keyClick(pane.view(), Qt::Key_Home);
    const qint64 top = pane.view()->topLineId();
    QTRY_VERIFY_WITH_TIMEOUT(pane.statusText().contains(u"Trying again"), 30000);
    QVERIFY(!pane.isStartReached());
    QVERIFY(server.start());

    QTRY_VERIFY_WITH_TIMEOUT(pane.isStartReached(), 120000);
    const LogSpill &spill = pane.model()->spill();
    QCOMPARE(spill.read(spill.startPosition(), spill.endPosition()), whole);
    QCOMPARE(pane.model()->rowCount(), lineCount(whole));
    // The lines read above did not move the one the user was looking at.
    QCOMPARE(pane.view()->topLineId(), top);
    QTest::keyClick(pane.view(), Qt::Key_Home);
    QCOMPARE(pane.view()->indexAt(QPoint(1, 1)).data().toString(), u"first line holds the needle");
}

QTEST_MAIN(Tst_LogPane)
#include "tst_logpane.moc"
