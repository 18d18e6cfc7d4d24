// The logs route's extensions over real HTTP against a real control plane:
// `wait` holds a request until the log grows, the run ends or the deadline,
// and `Accept: application/octet-stream` answers the same chunk as bytes.
#include "jsoncompare.h"
#include "rawhttpclient.h"
#include "testserver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QByteArray rawAccept = "Accept: application/octet-stream\r\n";

QString logsPath(const QString &runId, const QString &token, const QString &more = {})
{
    return QStringLiteral("/api/v1/%1/logs?last_seen=%2%3")
        .arg(runId, QString::fromUtf8(QUrl::toPercentEncoding(token)), more);
}

} // namespace

class Tst_LogController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void heldUntilALineIsAppended();
    void heldRawUntilALineIsAppended();
    void heldAnsweredWhenTheRunEnds();
    void heldAnsweredAtTheDeadline();
    void smallChunkOfARunningLogIsGathered();
    void stoppedRunIsAnsweredAtOnce();
    void refusesBadWait_data();
    void refusesBadWait();
    void rawChunksAreTheJsonText();
    void rawChunkCarriesTheNote();
    void rawChunksAreLargerThanJsonChunks();
    void guardedAsEveryRoute();
    void readsBackwardsToTheFirstByte();
    void tailOfARunningLogEndsAtItsLastLine();
    void refusesBadRangeReads_data();
    void refusesBadRangeReads();

private:
    // A run on `local` that waits, silent, until endRun().
    QString startWaitingRun();
    void endRun();
    QString logFile(const QString &runId) const
    {
        return m_server->dataDir() + QStringLiteral("/logs/") + runId + QStringLiteral(".log");
    }
    // As the run's own process writes it: straight into the file.
    bool appendToLog(const QString &runId, const QByteArray &bytes) const
    {
        QFile log(logFile(runId));
        return log.open(QIODevice::Append) && log.write(bytes) == bytes.size();
    }
    QString runPrinting(const char *command);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    QTemporaryDir m_dir;
    QString m_fifo;
};

void Tst_LogController::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(*m_server);
    m_fifo = m_dir.filePath(QStringLiteral("go"));
    QVERIFY(::mkfifo(QFile::encodeName(m_fifo).constData(), 0600) == 0);
}

void Tst_LogController::cleanup()
{
    m_client.reset();
    m_server.reset();
    QFile::remove(m_fifo);
}

QString Tst_LogController::runPrinting(const char *command)
{
    const QString id = createDefinition(*m_client, {{"alias", "printer"}, {"image", "none"}, {"command", command}});
    return QString::fromStdString(
        launch(*m_client, id, {{"cluster", "local"}, {"run_tags", {{"owner_id", "me"}}}}).value("run_id", ""));
}

QString Tst_LogController::startWaitingRun()
{
    const QString runId = runPrinting(("read line < '" + m_fifo.toStdString() + "'").c_str());
    if (waitForStatus(*m_client, runId, "RUNNING").value("status", "") != "RUNNING")
        return {};
    return runId;
}

void Tst_LogController::endRun()
{
    // Opening blocks until the run's `read` has the fifo open too.
    QFile fifo(m_fifo);
    QVERIFY(fifo.open(QIODevice::WriteOnly));
    fifo.write("\n");
}

void Tst_LogController::heldUntilALineIsAppended()
{
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    const Json first = m_client->get(logsPath(runId, {})).json();
    JSON_COMPARE(first["log"], "");
    const QString token = QString::fromStdString(first.value("last_seen", ""));
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, logsPath(runId, token, QStringLiteral("&wait=30"))));
    QVERIFY(!held.readResponse(0));

    QVERIFY(appendToLog(runId, "partial"));
    QVERIFY(!held.readResponse(0)); // a line without its end is not served yet
    QVERIFY(appendToLog(runId, " line\n"));
    const std::optional<RawResponse> answer = held.readResponse(10000); // well before the 30 s
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    JSON_COMPARE(answer->json()["log"], "partial line\n");
    QVERIFY(answer->json().value("last_seen", "") != token.toStdString());
    endRun();
}

void Tst_LogController::heldRawUntilALineIsAppended()
{
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, logsPath(runId, {}, QStringLiteral("&wait=30")), rawAccept));
    QVERIFY(appendToLog(runId, "raw\r\n"));
    const std::optional<RawResponse> answer = held.readResponse(10000);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->header("content-type"), "application/octet-stream");
    QCOMPARE(answer->body, "raw\r\n");
    const QByteArray token = answer->header("x-flotilla-last-seen");
    QVERIFY(!token.isEmpty());
    // The token is the JSON route's for the same chunk.
    JSON_COMPARE(m_client->get(logsPath(runId, {})).json(),
                 Json({{"log", "raw\r\n"}, {"last_seen", token.toStdString()}}));
    endRun();
}

void Tst_LogController::heldAnsweredWhenTheRunEnds()
{
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    const QString token = QString::fromStdString(m_client->get(logsPath(runId, {})).json().value("last_seen", ""));
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, logsPath(runId, token, QStringLiteral("&wait=30"))));
    QVERIFY(!held.readResponse(0));
    endRun(); // it prints nothing
    const std::optional<RawResponse> answer = held.readResponse(20000);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    JSON_COMPARE(answer->json(), Json({{"log", ""}, {"last_seen", token.toStdString()}}));
    JSON_COMPARE(m_client->get(QStringLiteral("/api/v1/history/") + runId).json()["status"], "STOPPED");
}

void Tst_LogController::heldAnsweredAtTheDeadline()
{
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    const QString token = QString::fromStdString(m_client->get(logsPath(runId, {})).json().value("last_seen", ""));
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, logsPath(runId, token, QStringLiteral("&wait=1")), rawAccept));
    const std::optional<RawResponse> answer = held.readResponse();
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->body, "");
    QCOMPARE(answer->header("x-flotilla-last-seen"), token.toUtf8());
    QVERIFY(answer->header("x-flotilla-log-complete").isEmpty()); // the run goes on
    endRun();
}

void Tst_LogController::smallChunkOfARunningLogIsGathered()
{
    // Less than gatherBytes of a running log: held for gatherMs, then answered
    // with what there is, however long the client would wait.
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    QVERIFY(appendToLog(runId, "one line\nand part"));
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, logsPath(runId, {}, QStringLiteral("&wait=30")), rawAccept));
    const std::optional<RawResponse> answer = held.readResponse(10000); // well before the 30 s
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->body, "one line\n");
    endRun();
}

void Tst_LogController::stoppedRunIsAnsweredAtOnce()
{
    const QString runId = runPrinting("echo done");
    const Json run = waitForStatus(*m_client, runId, "STOPPED");
    JSON_COMPARE(run["status"], "STOPPED");
    const Json all = m_client->get(logsPath(runId, {})).json();
    // Its end is all there is: a long wait is not waited.
    const HttpResult after = m_client->get(
        logsPath(runId, QString::fromStdString(all.value("last_seen", "")), QStringLiteral("&wait=30")));
    QCOMPARE(after.status, 200);
    JSON_COMPARE(after.json()["log"], "");
}

void Tst_LogController::refusesBadWait_data()
{
    QTest::addColumn<QString>("wait");
    QTest::newRow("too long") << "31";
    QTest::newRow("negative") << "-1";
    QTest::newRow("fraction") << "1.5";
    QTest::newRow("not a number") << "soon";
}

void Tst_LogController::refusesBadWait()
{
    QFETCH(QString, wait);
    const QString runId = runPrinting("echo x");
    const HttpResult answer = m_client->get(logsPath(runId, {}, QStringLiteral("&wait=") + wait));
    QCOMPARE(answer.status, 400);
    JSON_COMPARE(answer.json()["error"],
                 QStringLiteral("wait must be whole seconds from 0 to 30, not \"%1\"").arg(wait).toStdString());
}

void Tst_LogController::rawChunksAreTheJsonText()
{
    // CRLF, invalid UTF-8 (a lone 0xff), a tab and a quote.
    const QString runId = runPrinting(R"(printf 'one\r\ntwo \377 "three"\tend\r\nno newline')");
    QCOMPARE(waitForStatus(*m_client, runId, "STOPPED").value("exit_code", -1), 0);
    const QByteArray expected = "one\r\ntwo \xff \"three\"\tend\r\nno newline";
    const HttpResult raw = m_client->request("GET", logsPath(runId, {}), {}, {{"Accept", "application/octet-stream"}});
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.header("Content-Type"), "application/octet-stream");
    QCOMPARE(raw.body, expected);
    const Json json = m_client->get(logsPath(runId, {})).json();
    QCOMPARE(QString::fromStdString(json.value("log", "")), QString::fromUtf8(raw.body));
    QCOMPARE(raw.header("X-Flotilla-Last-Seen").toStdString(), json.value("last_seen", ""));
    QVERIFY(raw.header("X-Flotilla-Log-Note").isEmpty());
    // The next token answers nothing more, in either form.
    const QString token = QString::fromUtf8(raw.header("X-Flotilla-Last-Seen"));
    const HttpResult end = m_client->request("GET", logsPath(runId, token), {},
                                             {{"Accept", "application/octet-stream"}});
    QCOMPARE(end.body, "");
    QCOMPARE(end.header("X-Flotilla-Last-Seen"), token.toUtf8());
    QCOMPARE(end.header("X-Flotilla-Log-Complete"), "true");
    QVERIFY(raw.header("X-Flotilla-Log-Complete").isEmpty()); // it had text
}

void Tst_LogController::rawChunkCarriesTheNote()
{
    const QString runId = runPrinting("echo gone");
    QCOMPARE(waitForStatus(*m_client, runId, "STOPPED").value("exit_code", -1), 0);
    QVERIFY(QFile::remove(logFile(runId)));
    const HttpResult raw = m_client->request("GET", logsPath(runId, {}), {}, {{"Accept", "application/octet-stream"}});
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.body, "");
    const QString note = QUrl::fromPercentEncoding(raw.header("X-Flotilla-Log-Note"));
    QVERIFY2(note.contains(QStringLiteral("was deleted under the run")), qPrintable(note));
    JSON_COMPARE(m_client->get(logsPath(runId, {})).json()["note"], note.toStdString());
}

void Tst_LogController::rawChunksAreLargerThanJsonChunks()
{
    // 3 MiB of lines: several JSON chunks, one raw chunk.
    const QString runId = runPrinting("yes 'a line of the log' | head -c 3145728");
    QCOMPARE(waitForStatus(*m_client, runId, "STOPPED").value("exit_code", -1), 0);
    QFile file(logFile(runId));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();
    QCOMPARE(whole.size(), 3145728);

    const QList<QPair<QByteArray, QByteArray>> raw = {{"Accept", "application/octet-stream"}};
    const HttpResult all = m_client->request("GET", logsPath(runId, {}), {}, raw);
    QCOMPARE(all.status, 200);
    QVERIFY(all.body == whole);
    const QString end = QString::fromUtf8(all.header("X-Flotilla-Last-Seen"));
    QCOMPARE(m_client->request("GET", logsPath(runId, end), {}, raw).header("X-Flotilla-Log-Complete"), "true");

    // JSON keeps the contract's 1 MiB, and a raw read goes on from its token.
    const Json first = m_client->get(logsPath(runId, {})).json();
    const std::string text = first.value("log", "");
    QVERIFY(!text.empty() && text.size() <= 1024 * 1024);
    QVERIFY(whole.startsWith(QByteArray::fromStdString(text)));
    const HttpResult rest = m_client->request("GET", logsPath(runId, QString::fromStdString(first["last_seen"])), {},
                                              raw);
    QCOMPARE(rest.status, 200);
    QVERIFY(QByteArray::fromStdString(text) + rest.body == whole);
    QCOMPARE(rest.header("X-Flotilla-Last-Seen"), end.toUtf8());
}

void Tst_LogController::guardedAsEveryRoute()
{
    const QString runId = runPrinting("echo x");
    const QString path = logsPath(runId, {}, QStringLiteral("&wait=30"));
    const QList<QPair<QByteArray, QByteArray>> raw = {{"Accept", "application/octet-stream"}};
    HttpTestClient stranger(m_server->url());
    QCOMPARE(stranger.request("GET", path, {}, raw).status, 401);
    QCOMPARE(m_client->request("GET", path, {}, raw + QList<QPair<QByteArray, QByteArray>>{{"Host", "attacker.example"}})
                 .status,
             421);
    QCOMPARE(m_client
                 ->request("GET", path, {},
                           raw + QList<QPair<QByteArray, QByteArray>>{{"Origin", "http://attacker.example"}})
                 .status,
             403);
}

void Tst_LogController::readsBackwardsToTheFirstByte()
{
    // Numbered lines, CRLF, invalid UTF-8, and a line longer than a chunk.
    const QString runId = runPrinting(
        R"(i=0; while [ $i -lt 400 ]; do echo "line $i"; i=$((i+1)); done; printf 'crlf\r\nbad \377 byte\n';)"
        R"( head -c 700 /dev/zero | tr '\0' x; echo; echo last)");
    QCOMPARE(waitForStatus(*m_client, runId, "STOPPED").value("exit_code", -1), 0);
    QFile file(logFile(runId));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();

    const QString base = QStringLiteral("/api/v1/%1/logs?").arg(runId);
    const HttpResult tail = m_client->request("GET", base + QStringLiteral("tail_bytes=250"), {},
                                              {{"Accept", "application/octet-stream"}});
    QCOMPARE(tail.status, 200);
    QVERIFY(whole.endsWith(tail.body));
    QVERIFY(tail.body.size() <= 250);
    QCOMPARE(tail.body, "last\n"); // the long line above would not fit whole
    // It begins on a line: the byte before it is a newline.
    QCOMPARE(whole.at(whole.size() - tail.body.size() - 1), '\n');
    // The JSON form is the same chunk with the same tokens.
    const Json json = m_client->get(base + QStringLiteral("tail_bytes=250")).json();
    QCOMPARE(QString::fromStdString(json.value("log", "")), QString::fromUtf8(tail.body));
    QCOMPARE(json.value("start", ""), tail.header("X-Flotilla-Log-Start").toStdString());
    // Reading forward from the tail's token: the log's end.
    const HttpResult after = m_client->request("GET",
                                               logsPath(runId, QString::fromUtf8(tail.header("X-Flotilla-Last-Seen"))),
                                               {}, {{"Accept", "application/octet-stream"}});
    QCOMPARE(after.body, "");
    QCOMPARE(after.header("X-Flotilla-Log-Complete"), "true");

    // Chunk by chunk up to the first line; an empty chunk is the start.
    QByteArray read = tail.body;
    QByteArray start = tail.header("X-Flotilla-Log-Start");
    bool insideALine = false;
    for (int chunks = 0;; ++chunks) {
        QVERIFY2(chunks < 100, "the start is never reached");
        const HttpResult above = m_client->request("GET",
                                                   base + QStringLiteral("max_bytes=200&before=")
                                                       + QString::fromUtf8(QUrl::toPercentEncoding(start)),
                                                   {}, {{"Accept", "application/octet-stream"}});
        QCOMPARE(above.status, 200);
        QCOMPARE(above.header("X-Flotilla-Last-Seen"), start);
        if (above.body.isEmpty())
            break;
        QVERIFY(above.body.size() <= 200);
        const qsizetype at = whole.size() - read.size() - above.body.size();
        insideALine = insideALine || (at > 0 && whole.at(at - 1) != '\n');
        read.prepend(above.body);
        start = above.header("X-Flotilla-Log-Start");
    }
    QCOMPARE(read, whole);
    QVERIFY(insideALine); // the 700-byte line came in pieces
}

void Tst_LogController::tailOfARunningLogEndsAtItsLastLine()
{
    const QString runId = startWaitingRun();
    QVERIFY(!runId.isEmpty());
    QVERIFY(appendToLog(runId, "one\ntwo\npartial"));
    const Json tail = m_client->get(QStringLiteral("/api/v1/%1/logs?tail_bytes=100").arg(runId)).json();
    JSON_COMPARE(tail["log"], "one\ntwo\n");
    // Its token reads on forward once the line is whole.
    QVERIFY(appendToLog(runId, " line\n"));
    const Json next = m_client->get(logsPath(runId, QString::fromStdString(tail.value("last_seen", "")))).json();
    JSON_COMPARE(next["log"], "partial line\n");
    endRun();
}

void Tst_LogController::refusesBadRangeReads_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("error");
    const QString size = QStringLiteral("%1 must be a whole number of bytes from 1 to 1048576, not \"%2\"");
    QTest::newRow("zero") << "tail_bytes=0" << size.arg(QStringLiteral("tail_bytes"), QStringLiteral("0"));
    QTest::newRow("negative") << "tail_bytes=-5" << size.arg(QStringLiteral("tail_bytes"), QStringLiteral("-5"));
    QTest::newRow("too big") << "tail_bytes=2000000"
                             << size.arg(QStringLiteral("tail_bytes"), QStringLiteral("2000000"));
    QTest::newRow("words") << "before=&max_bytes=lots" << size.arg(QStringLiteral("max_bytes"), QStringLiteral("lots"));
    QTest::newRow("both") << "tail_bytes=10&before="
                          << "send tail_bytes (the end of the log) or before (the chunk above a token), not both";
    QTest::newRow("with last_seen") << "tail_bytes=10&last_seen="
                                    << "tail_bytes and before read one chunk backwards; send them without "
                                       "last_seen, which reads forwards";
    QTest::newRow("with wait") << "before=&wait=5"
                               << "tail_bytes and before read one chunk backwards; send them without wait, which "
                                  "reads forwards";
    QTest::newRow("forged token") << "before=12.abcdef0123456789"
                                  << "before \"12.abcdef0123456789\" was not issued "
                                     "by this server for run %1; start again from "
                                     "tail_bytes";
}

void Tst_LogController::refusesBadRangeReads()
{
    QFETCH(QString, query);
    QFETCH(QString, error);
    const QString runId = runPrinting("echo x");
    QCOMPARE(waitForStatus(*m_client, runId, "STOPPED").value("exit_code", -1), 0);
    const HttpResult answer = m_client->get(QStringLiteral("/api/v1/%1/logs?").arg(runId) + query);
    QCOMPARE(answer.status, 400);
    JSON_COMPARE(answer.json()["error"], (error.contains(u"%1") ? error.arg(runId) : error).toStdString());
}

QTEST_MAIN(Tst_LogController)
#include "tst_logcontroller.moc"
