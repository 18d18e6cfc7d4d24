// RawLogChunkJob against the real control plane: the backwards reads
// (tail, then before each chunk's start) give the log back byte for byte;
// a running log's tail ends at its last line; a bad token or size is an
// ApiError that says what to do.
#include "awaitjob.h"
#include "testserver.h"

#include <client/flotillaclient.h>

#include <sys/stat.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RawLogChunkJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readsAStoppedLogBackwardsExactly();
    void tailOfARunningLogEndsAtItsLastLine();
    void forgedTokenAndBadSizeSayWhatToDo();

private:
    Run launch(const QString &command);
    // The run as last read: STOPPED unless 30 s went by.
    Run waitUntilStopped(const QString &runId);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RawLogChunkJob::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    QVERIFY(m_client->servesRawLogChunks());
}

void Tst_RawLogChunkJob::cleanup()
{
    m_client.reset();
    m_server.reset();
}

Run Tst_RawLogChunkJob::launch(const QString &command)
{
    Definition definition;
    definition.alias = QStringLiteral("backwards");
    definition.image = QStringLiteral("none");
    definition.command = command;
    auto *created = await(m_client->createDefinition(definition));
    if (!created->succeeded())
        qWarning("%s", qPrintable(created->error().sentence()));
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(created->result().definitionId, request))->result();
}

Run Tst_RawLogChunkJob::waitUntilStopped(const QString &runId)
{
    Run run;
    (void) QTest::qWaitFor([&] { return (run = await(m_client->run(runId))->result()).status == RunStatus::Stopped; },
                           30000);
    return run;
}

void Tst_RawLogChunkJob::readsAStoppedLogBackwardsExactly()
{
    // CRLF, invalid UTF-8, a 3,000-byte line (longer than a chunk) and no newline at the end.
    const Run run = launch(QStringLiteral("printf 'first \\377\\r\\n'; "
                                          "awk 'BEGIN { for (i = 1; i <= 2000; i++) printf \"line %d\\r\\n\", i }'; "
                                          "printf '%03000d\\n' 7; seq 1 100; printf 'last'"));
    QVERIFY(!run.runId.isEmpty());
    const Run stopped = waitUntilStopped(run.runId);
    QCOMPARE(stopped.status, RunStatus::Stopped);
    QCOMPARE(stopped.exitCode.value_or(-1), 0);
    const QByteArray whole = await(m_client->rawLog(run.runId))->result();
    QVERIFY(whole.endsWith("\n100\nlast"));

    RawLogChunkJob *tail = await(m_client->rawLogTail(run.runId, 1000));
    QVERIFY2(tail->succeeded(), qPrintable(tail->error().sentence()));
    QVERIFY(whole.endsWith(tail->result().bytes));
    QVERIFY(tail->result().bytes.size() <= 1000);
    QVERIFY(!tail->result().start.isEmpty());
    QVERIFY(!tail->result().lastSeen.isEmpty());
    QCOMPARE(tail->result().startOffset, whole.size() - tail->result().bytes.size());

    QByteArray read = tail->result().bytes;
    QString start = tail->result().start;
    int chunks = 1;
    bool cutInsideALine = false;
    for (;;) {
        RawLogChunkJob *before = await(m_client->rawLogBefore(run.runId, start, 1000));
        QVERIFY2(before->succeeded(), qPrintable(before->error().sentence()));
        const RawLogChunk &chunk = before->result();
        if (chunk.bytes.isEmpty()) // the log's first byte
            break;
        QVERIFY(chunk.bytes.size() <= 1000);
        QVERIFY(!chunk.start.isEmpty() && chunk.start != start);
        // Each chunk begins on a line, except inside the long line.
        const qsizetype begin = whole.size() - read.size() - chunk.bytes.size();
        QCOMPARE(chunk.startOffset, qint64(begin)); // the bytes above it
        if (begin > 0 && whole[begin - 1] != '\n')
            cutInsideALine = true;
        read.prepend(chunk.bytes);
        start = chunk.start;
        QVERIFY(++chunks < 1000);
    }
    QCOMPARE(read.size(), whole.size());
    QVERIFY(read == whole);
    QVERIFY(chunks > 10);
    QVERIFY(cutInsideALine);

    // Forwards from the tail's token: nothing more, and the log is complete.
    RawLogChunkJob *after = await(m_client->rawLogChunk(run.runId, tail->result().lastSeen));
    QVERIFY(after->succeeded());
    QVERIFY(after->result().bytes.isEmpty());
    QVERIFY(after->result().complete);
}

void Tst_RawLogChunkJob::tailOfARunningLogEndsAtItsLastLine()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("go"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const Run run = launch(QStringLiteral("printf 'one\\ntwo\\npart'; read line < '%1'; echo \"$line\"").arg(fifo));
    QVERIFY(!run.runId.isEmpty());
    QByteArray tail;
    QTRY_COMPARE_WITH_TIMEOUT((tail = await(m_client->rawLogTail(run.runId, 4096))->result().bytes),
                              QByteArray("one\ntwo\n"), 20000);
    RawLogChunkJob *last = await(m_client->rawLogTail(run.runId, 4));
    QCOMPARE(last->result().bytes, QByteArray("two\n"));
    RawLogChunkJob *above = await(m_client->rawLogBefore(run.runId, last->result().start, 4096));
    QCOMPARE(above->result().bytes, QByteArray("one\n"));

    QFile go(fifo);
    QVERIFY(go.open(QIODevice::WriteOnly));
    go.write("more\n");
    go.close();
    QCOMPARE(waitUntilStopped(run.runId).status, RunStatus::Stopped);
    QCOMPARE(await(m_client->rawLogTail(run.runId, 4096))->result().bytes, QByteArray("one\ntwo\npartmore\n"));
}

void Tst_RawLogChunkJob::forgedTokenAndBadSizeSayWhatToDo()
{
    const Run run = launch(QStringLiteral("echo hello"));
    QCOMPARE(waitUntilStopped(run.runId).status, RunStatus::Stopped);
    RawLogChunkJob *forged = await(m_client->rawLogBefore(run.runId, QStringLiteral("3.deadbeef"), 100));
    QVERIFY(!forged->succeeded());
    QCOMPARE(forged->error().httpStatus(), 400);
    QVERIFY2(forged->error().serverMessage().contains(u"start again from tail_bytes"),
             qPrintable(forged->error().sentence()));
    RawLogChunkJob *tooBig = await(m_client->rawLogTail(run.runId, 2 * 1024 * 1024));
    QCOMPARE(tooBig->error().httpStatus(), 400);
    QVERIFY2(tooBig->error().serverMessage().contains(u"tail_bytes must be"), qPrintable(tooBig->error().sentence()));
    RawLogChunkJob *missing = await(m_client->rawLogTail(QStringLiteral("no-such-run"), 100));
    QCOMPARE(missing->error().httpStatus(), 404);
}

QTEST_GUILESS_MAIN(Tst_RawLogChunkJob)
#include "tst_rawlogchunkjob.moc"
