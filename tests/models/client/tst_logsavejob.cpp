// LogSaveJob: a log of several pages saved byte for byte, page by page; a
// failing server or an unwritable place leaves no file.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <client/logsavejob.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// What a finished job said (it deletes itself afterwards).
struct Outcome
{
    bool finished = false;
    bool succeeded = false;
    ApiError error;
    QString fileError;
    qint64 bytes = 0;
    int pages = 0;
    int progressSignals = 0;
};

Outcome save(FlotillaClient &client, const QString &runId, const QString &path)
{
    Outcome outcome;
    auto *job = new LogSaveJob(&client, runId, path);
    QObject::connect(job, &LogSaveJob::progressed, job, [&outcome] { ++outcome.progressSignals; });
    QObject::connect(job, &LogSaveJob::finished, job, [&outcome, job] {
        outcome.finished = true;
        outcome.succeeded = job->succeeded();
        outcome.error = job->error();
        outcome.fileError = job->fileError();
        outcome.bytes = job->bytesWritten();
        outcome.pages = job->pageCount();
    });
    job->start();
    [[maybe_unused]] const bool done = QTest::qWaitFor([&outcome] { return outcome.finished; }, 60000);
    return outcome;
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class Tst_LogSaveJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesAMultiPageLogExactly();
    void failingServerLeavesNoFile();
    void unwritablePlaceFailsClearly();
};

void Tst_LogSaveJob::savesAMultiPageLogExactly()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    HttpTestClient http(server);
    // About 2.5 MB: the control plane answers at most 1 MiB at a time.
    const QString definitionId = createDefinition(http, Json{{"alias", "save-big"},
                                                             {"image", "none"},
                                                             {"command", "seq 1 350000; printf 'end \\303\\251'"}});
    const QString runId = QString::fromStdString(launch(http, definitionId).value("run_id", ""));
    QVERIFY(!runId.isEmpty());
    waitForStatus(http, runId, "STOPPED");
    int serverPages = 0;
    const QByteArray expected = readLogByPaging(http, runId, &serverPages);
    QVERIFY(expected.endsWith("end \xc3\xa9"));
    QVERIFY2(serverPages > 2, "the log fits in one page");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.log"));
    const Outcome outcome = save(client, runId, path);
    QVERIFY(outcome.finished);
    QVERIFY2(outcome.succeeded, qPrintable(outcome.error.sentence() + outcome.fileError));
    QCOMPARE(contentsOf(path), expected);
    QCOMPARE(outcome.bytes, expected.size());
    QCOMPARE(outcome.pages, serverPages);
    QCOMPARE(outcome.progressSignals, serverPages - 1); // the last page is empty
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("run.log")});
}

void Tst_LogSaveJob::failingServerLeavesNoFile()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    fake.setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path != "/api/v1/r/logs")
            return std::nullopt;
        if (request.query.queryItemValue(QStringLiteral("last_seen")).isEmpty())
            return FixtureResponse::json("{\"last_seen\":\"1\",\"log\":\"first page\\n\"}");
        return FixtureResponse{500, "application/json", "{\"error\":\"disk on fire\"}", false};
    });
    FlotillaClient client(fake.url(), ServerFlavour::ControlPlane);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.log"));
    const Outcome outcome = save(client, QStringLiteral("r"), path);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.error.httpStatus(), 500);
    QCOMPARE(outcome.error.serverMessage(), QStringLiteral("disk on fire"));
    QCOMPARE(outcome.pages, 1);
    QVERIFY(QDir(dir.path()).isEmpty()); // no file, no temporary one

    // A file already there stays as it was.
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("older save\n");
    existing.close();
    QVERIFY(!save(client, QStringLiteral("r"), path).succeeded);
    QCOMPARE(contentsOf(path), QByteArray("older save\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("run.log")});
}

void Tst_LogSaveJob::unwritablePlaceFailsClearly()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    FlotillaClient client(fake.url(), ServerFlavour::ControlPlane);
    QTemporaryDir dir;
    const Outcome outcome = save(client, QStringLiteral("r"), dir.filePath(QStringLiteral("missing/dir/run.log")));
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.succeeded);
    QVERIFY(!outcome.fileError.isEmpty());
    QVERIFY(!outcome.error.isError());
    QVERIFY(fake.requests().isEmpty()); // nothing asked of the server
}

QTEST_GUILESS_MAIN(Tst_LogSaveJob)
#include "tst_logsavejob.moc"
