// LogStore: chunked log reads behind signed tokens (api-contract §7, §8).
#include <exec/logstore.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Flotilla;

namespace {

const QString runId = QStringLiteral("5f0c1c2e-8d4e-4c1b-9a55-0c2d7f1e9b01");
const QString otherRunId = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000002");

// The permission bits of `path` as the kernel sees them (-1 if missing).
int fileMode(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool appendFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size();
}

// True when `chunk` does not end inside a UTF-8 multi-byte character.
bool endsAtCharacterBoundary(const QByteArray &chunk)
{
    if (chunk.isEmpty())
        return true;
    // Find the start byte of the last character and check it is complete.
    qsizetype start = chunk.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(chunk[start]) & 0xC0) == 0x80)
        --start;
    const auto lead = static_cast<unsigned char>(chunk[start]);
    qsizetype length = 1;
    if ((lead & 0xE0) == 0xC0)
        length = 2;
    else if ((lead & 0xF0) == 0xE0)
        length = 3;
    else if ((lead & 0xF8) == 0xF0)
        length = 4;
    return chunk.size() - start == length;
}

struct ChainResult
{
    QByteArray text;
    QByteArray lastToken;
    int chunks = 0;
    bool ok = true;
    QString problem;
};

// Reads chunk after chunk of at most `maxBytes` until nothing new comes, checking every chunk.
ChainResult readChain(const LogStore &logs, const QString &id, bool complete, QByteArray token = {},
                      qint64 maxBytes = LogStore::maxChunkBytes)
{
    ChainResult result;
    for (int guard = 0; guard < 100000; ++guard) {
        const std::optional<StoredLogChunk> chunk = logs.read(id, token, complete, maxBytes);
        if (!chunk) {
            result.ok = false;
            result.problem = QStringLiteral("token %1 refused").arg(QString::fromLatin1(token));
            return result;
        }
        if (chunk->text.size() > maxBytes) {
            result.ok = false;
            result.problem = QStringLiteral("chunk of %1 bytes").arg(chunk->text.size());
            return result;
        }
        if (!endsAtCharacterBoundary(chunk->text)) {
            result.ok = false;
            result.problem = QStringLiteral("chunk %1 ends inside a UTF-8 character").arg(result.chunks);
            return result;
        }
        if (chunk->text.isEmpty()) {
            if (chunk->token != token && !token.isEmpty()) {
                result.ok = false;
                result.problem = QStringLiteral("an empty chunk changed the token");
                return result;
            }
            result.lastToken = chunk->token;
            return result;
        }
        result.text += chunk->text;
        ++result.chunks;
        token = chunk->token;
    }
    result.ok = false;
    result.problem = QStringLiteral("no end after 100000 chunks");
    return result;
}

// Reads backwards from the tail, chunk before chunk, until the start, checking
// that each chunk begins a line unless one line is longer than `window`.
ChainResult readBackwards(const LogStore &logs, const QString &id, qint64 window, bool complete)
{
    ChainResult result;
    StoredLogChunk chunk = logs.readTail(id, window, complete);
    result.lastToken = chunk.token;
    for (int guard = 0; guard < 100000; ++guard) {
        if (chunk.text.isEmpty())
            return result;
        if (chunk.text.size() > window) {
            result.ok = false;
            result.problem = QStringLiteral("chunk of %1 bytes in a window of %2").arg(chunk.text.size()).arg(window);
            return result;
        }
        result.text.prepend(chunk.text);
        ++result.chunks;
        const std::optional<StoredLogChunk> before = logs.readBefore(id, chunk.startToken, window);
        if (!before) {
            result.ok = false;
            result.problem = QStringLiteral("start token %1 refused").arg(QString::fromLatin1(chunk.startToken));
            return result;
        }
        if (before->token != chunk.startToken) {
            result.ok = false;
            result.problem = QStringLiteral("a chunk read before a token does not end there");
            return result;
        }
        chunk = *before;
    }
    result.ok = false;
    result.problem = QStringLiteral("no start after 100000 chunks");
    return result;
}

} // namespace

class Tst_LogStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openCreatesOwnerOnlyFolderAndKey();
    void missingLogIsEmpty();
    void incompleteLogHoldsBackPartialLine();
    void completeLogGivesWholeText();
    void partialLineArrivesWhenFinished();
    void sameTokenWhileNothingIsNew();
    void truncatedLogStartsAgainWithANote();
    void chainReconstructsLogAsItGrows();
    void longSingleLineCutsAtUtf8Boundaries_data();
    void longSingleLineCutsAtUtf8Boundaries();
    void longLineInIncompleteLog();
    void manyShortLines();
    void lineEndingExactlyAtChunkSize();
    void rawChunksTakeTheirOwnLimit();
    void forgedTokensRefused_data();
    void forgedTokensRefused();
    void tokensSurviveNewLogStore();
    void newKeyInvalidatesOldTokens();
    void readAll();
    void tailThenBackwardsGivesTheFileExactly_data();
    void tailThenBackwardsGivesTheFileExactly();
    void tailBeginsOnALine();
    void tailOfRunningLogLeavesOutTheLineBeingWritten();
    void backwardsChunksJoinForwardReading();
    void backwardsTokenNotIssuedIsRefused();
    void backwardsAfterTruncationSaysSo();
};

void Tst_LogStore::openCreatesOwnerOnlyFolderAndKey()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.path() + QStringLiteral("/logs");
    LogStore logs(folder);
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QCOMPARE(fileMode(folder), 0700);
    const QString key = folder + QStringLiteral("/token.key");
    QVERIFY(QFile::exists(key));
    QCOMPARE(QFile(key).size(), 32);
    QCOMPARE(fileMode(key), 0600);
    QCOMPARE(logs.pathFor(runId), folder + u'/' + runId + QStringLiteral(".log"));
}

void Tst_LogStore::missingLogIsEmpty()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    for (bool complete : {false, true}) {
        const std::optional<StoredLogChunk> chunk = logs.read(runId, {}, complete);
        QVERIFY(chunk);
        QVERIFY(chunk->text.isEmpty());
        QVERIFY(!chunk->token.isEmpty());
        QVERIFY(chunk->missing);
        QVERIFY(chunk->note.isEmpty());
        // The token it gave is its own and still gives nothing.
        const std::optional<StoredLogChunk> again = logs.read(runId, chunk->token, complete);
        QVERIFY(again);
        QVERIFY(again->text.isEmpty());
        QCOMPARE(again->token, chunk->token);
    }
    QVERIFY(logs.readAll(runId).isEmpty());
}

void Tst_LogStore::incompleteLogHoldsBackPartialLine()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "first line\nsecond line\nthird, unfinish"));

    const std::optional<StoredLogChunk> chunk = logs.read(runId, {}, false);
    QVERIFY(chunk);
    QCOMPARE(chunk->text, QByteArray("first line\nsecond line\n"));
    QVERIFY(!chunk->token.isEmpty());

    // Nothing new after the last newline: same token, no text.
    const std::optional<StoredLogChunk> next = logs.read(runId, chunk->token, false);
    QVERIFY(next);
    QVERIFY(next->text.isEmpty());
    QCOMPARE(next->token, chunk->token);

    // A log with only a partial line gives nothing yet.
    QVERIFY(writeFile(logs.pathFor(otherRunId), "no newline yet"));
    const std::optional<StoredLogChunk> partial = logs.read(otherRunId, {}, false);
    QVERIFY(partial);
    QVERIFY(partial->text.isEmpty());
}

void Tst_LogStore::completeLogGivesWholeText()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QByteArray text = "first line\nsecond line\nlast line without newline";
    QVERIFY(writeFile(logs.pathFor(runId), text));

    const std::optional<StoredLogChunk> chunk = logs.read(runId, {}, true);
    QVERIFY(chunk);
    QCOMPARE(chunk->text, text);

    const std::optional<StoredLogChunk> next = logs.read(runId, chunk->token, true);
    QVERIFY(next);
    QVERIFY(next->text.isEmpty());
    QCOMPARE(next->token, chunk->token);
}

void Tst_LogStore::partialLineArrivesWhenFinished()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, "one\ntw"));

    const std::optional<StoredLogChunk> first = logs.read(runId, {}, false);
    QVERIFY(first);
    QCOMPARE(first->text, QByteArray("one\n"));

    QVERIFY(appendFile(path, "o\nthr"));
    const std::optional<StoredLogChunk> second = logs.read(runId, first->token, false);
    QVERIFY(second);
    QCOMPARE(second->text, QByteArray("two\n"));

    // The run stops: its last line comes without a newline.
    QVERIFY(appendFile(path, "ee"));
    const std::optional<StoredLogChunk> third = logs.read(runId, second->token, true);
    QVERIFY(third);
    QCOMPARE(third->text, QByteArray("three"));
    QCOMPARE(first->text + second->text + third->text, logs.readAll(runId));
}

void Tst_LogStore::sameTokenWhileNothingIsNew()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "a\nb\n"));

    const std::optional<StoredLogChunk> chunk = logs.read(runId, {}, false);
    QVERIFY(chunk);
    QCOMPARE(chunk->text, QByteArray("a\nb\n"));
    for (int i = 0; i < 3; ++i) {
        for (bool complete : {false, true}) {
            const std::optional<StoredLogChunk> again = logs.read(runId, chunk->token, complete);
            QVERIFY(again);
            QVERIFY(again->text.isEmpty());
            QCOMPARE(again->token, chunk->token);
        }
    }
    // Reading from the start again is repeatable too.
    const std::optional<StoredLogChunk> fromStart = logs.read(runId, {}, false);
    QVERIFY(fromStart);
    QCOMPARE(fromStart->text, chunk->text);
    QCOMPARE(fromStart->token, chunk->token);
}

void Tst_LogStore::truncatedLogStartsAgainWithANote()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "a\nb\n"));
    const std::optional<StoredLogChunk> read = logs.read(runId, {}, false);
    QVERIFY(read);
    QVERIFY(!read->missing);
    QVERIFY(read->note.isEmpty());

    // Truncated under the reader, as `: > file` or logrotate's copytruncate do, and written on.
    QVERIFY(writeFile(logs.pathFor(runId), "c\n"));
    const std::optional<StoredLogChunk> after = logs.read(runId, read->token, false);
    QVERIFY(after);
    QCOMPARE(after->text, QByteArray("c\n"));
    QVERIFY2(after->note.contains(QStringLiteral("truncated under the run (to 2 bytes, 4 had been read)")),
             qPrintable(after->note));
    // From there on the log is read as usual.
    QVERIFY(appendFile(logs.pathFor(runId), "d\n"));
    const std::optional<StoredLogChunk> next = logs.read(runId, after->token, false);
    QVERIFY(next);
    QCOMPARE(next->text, QByteArray("d\n"));
    QVERIFY(next->note.isEmpty());
}

void Tst_LogStore::chainReconstructsLogAsItGrows()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, {}));

    QByteArray written;
    QByteArray seen;
    QByteArray token;
    // Appends in pieces that cut lines and characters anywhere.
    const QByteArray pattern = QStringLiteral("ligne %1: café € 😀 done\n").toUtf8();
    for (int i = 0; i < 200; ++i) {
        const QByteArray line = QString::fromUtf8(pattern).arg(i).toUtf8();
        const qsizetype cut = i % line.size();
        QVERIFY(appendFile(path, line.left(cut)));
        written += line.left(cut);
        ChainResult part = readChain(logs, runId, false, token);
        QVERIFY2(part.ok, qPrintable(part.problem));
        seen += part.text;
        token = part.lastToken;
        QVERIFY(written.startsWith(seen));
        QCOMPARE(seen.size(), written.lastIndexOf('\n') + 1);

        QVERIFY(appendFile(path, line.mid(cut)));
        written += line.mid(cut);
    }
    ChainResult rest = readChain(logs, runId, true, token);
    QVERIFY2(rest.ok, qPrintable(rest.problem));
    seen += rest.text;
    QCOMPARE(seen, written);
    QCOMPARE(seen, logs.readAll(runId));
}

void Tst_LogStore::longSingleLineCutsAtUtf8Boundaries_data()
{
    QTest::addColumn<QString>("character");
    QTest::addColumn<bool>("trailingNewline");
    QTest::addColumn<bool>("complete");
    // 3 MiB of one multi-byte character: 2, 3 and 4 bytes, so a cut at
    // exactly 1 MiB would fall inside a character.
    QTest::newRow("é, complete, newline") << QStringLiteral("é") << true << true;
    QTest::newRow("é, complete, no newline") << QStringLiteral("é") << false << true;
    QTest::newRow("€, complete, newline") << QStringLiteral("€") << true << true;
    QTest::newRow("€, complete, no newline") << QStringLiteral("€") << false << true;
    QTest::newRow("😀, complete, newline") << QStringLiteral("😀") << true << true;
    QTest::newRow("€, running, newline") << QStringLiteral("€") << true << false;
    QTest::newRow("x€, complete, no newline") << QStringLiteral("x€") << false << true;
}

void Tst_LogStore::longSingleLineCutsAtUtf8Boundaries()
{
    QFETCH(QString, character);
    QFETCH(bool, trailingNewline);
    QFETCH(bool, complete);

    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QByteArray unit = character.toUtf8();
    QByteArray text = "start"; // odd length: byte 1 MiB falls inside a character for every unit
    while (text.size() < 3 * 1024 * 1024)
        text += unit;
    if (trailingNewline)
        text += '\n';
    text += "after\n";
    QVERIFY(writeFile(logs.pathFor(runId), text));
    QVERIFY((static_cast<unsigned char>(text[LogStore::maxChunkBytes]) & 0xC0) == 0x80);

    const std::optional<StoredLogChunk> first = logs.read(runId, {}, complete);
    QVERIFY(first);
    QVERIFY(first->text.size() <= LogStore::maxChunkBytes);
    QVERIFY(first->text.size() > LogStore::maxChunkBytes - 4);
    QVERIFY(endsAtCharacterBoundary(first->text));

    const ChainResult result = readChain(logs, runId, complete);
    QVERIFY2(result.ok, qPrintable(result.problem));
    QVERIFY(result.chunks >= 3);
    QCOMPARE(result.text.size(), text.size());
    QVERIFY(result.text == text);
}

void Tst_LogStore::longLineInIncompleteLog()
{
    // A running log whose long line has no newline yet: whole characters of
    // full chunks come, the partial tail (under a chunk) waits.
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QByteArray text = "head\n";
    while (text.size() < 2 * 1024 * 1024 + 1000)
        text += "€";
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, text));

    ChainResult running = readChain(logs, runId, false);
    QVERIFY2(running.ok, qPrintable(running.problem));
    QVERIFY(text.startsWith(running.text));
    QVERIFY(running.text.size() >= text.size() - LogStore::maxChunkBytes);
    QVERIFY(running.text.size() < text.size());

    QVERIFY(appendFile(path, "\nend"));
    text += "\nend";
    ChainResult rest = readChain(logs, runId, true, running.lastToken);
    QVERIFY2(rest.ok, qPrintable(rest.problem));
    QVERIFY(running.text + rest.text == text);
}

void Tst_LogStore::manyShortLines()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QByteArray text;
    text.reserve(3 * 1024 * 1024);
    for (int i = 0; i < 100000; ++i)
        text += "line " + QByteArray::number(i) + " é€\n";
    QVERIFY(text.size() > LogStore::maxChunkBytes);
    QVERIFY(writeFile(logs.pathFor(runId), text));

    for (bool complete : {false, true}) {
        const ChainResult result = readChain(logs, runId, complete);
        QVERIFY2(result.ok, qPrintable(result.problem));
        QVERIFY(result.chunks >= 2);
        QVERIFY(result.text == text);
        const QList<QByteArray> lines = result.text.split('\n');
        QCOMPARE(lines.size(), 100001); // the last is the empty rest after the final newline
        QCOMPARE(lines.at(0), QByteArray("line 0 é€"));
        QCOMPARE(lines.at(99999), QByteArray("line 99999 é€"));
    }

    // Every chunk of a log of short lines ends after a newline.
    QByteArray token;
    for (;;) {
        const std::optional<StoredLogChunk> chunk = logs.read(runId, token, false);
        QVERIFY(chunk);
        if (chunk->text.isEmpty())
            break;
        QVERIFY(chunk->text.endsWith('\n'));
        token = chunk->token;
    }
}

void Tst_LogStore::lineEndingExactlyAtChunkSize()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    for (qsizetype lineLength : {LogStore::maxChunkBytes - 1, LogStore::maxChunkBytes, LogStore::maxChunkBytes + 1,
                                 LogStore::maxChunkBytes + 2}) {
        QByteArray text(lineLength - 1, 'a');
        text += '\n';
        text += "next\n";
        QVERIFY(writeFile(logs.pathFor(runId), text));
        for (bool complete : {false, true}) {
            const ChainResult result = readChain(logs, runId, complete);
            QVERIFY2(result.ok, qPrintable(result.problem));
            QVERIFY2(result.text == text, qPrintable(QStringLiteral("line of %1 bytes").arg(lineLength)));
        }
        // A finished log that is one line without a newline, around a chunk long.
        const QByteArray lone(lineLength, 'b');
        QVERIFY(writeFile(logs.pathFor(runId), lone));
        const ChainResult finished = readChain(logs, runId, true);
        QVERIFY2(finished.ok, qPrintable(finished.problem));
        QVERIFY2(finished.text == lone, qPrintable(QStringLiteral("lone line of %1 bytes").arg(lineLength)));
    }
}

void Tst_LogStore::rawChunksTakeTheirOwnLimit()
{
    // Short lines past a JSON chunk, then a line longer than one but shorter than a raw chunk.
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QByteArray text;
    for (int i = 0; text.size() < 3 * LogStore::maxChunkBytes / 2; ++i)
        text += "line " + QByteArray::number(i) + '\n';
    text += QByteArray(2 * LogStore::maxChunkBytes, 'x') + '\n';
    const QByteArray lastLine = "after\n";
    text += lastLine;
    QVERIFY(text.size() < LogStore::maxRawChunkBytes);
    QVERIFY(writeFile(logs.pathFor(runId), text));

    for (bool complete : {false, true}) {
        const std::optional<StoredLogChunk> raw = logs.read(runId, {}, complete, LogStore::maxRawChunkBytes);
        QVERIFY(raw);
        QVERIFY(raw->text == text); // one raw chunk; JSON takes several
        const ChainResult json = readChain(logs, runId, complete);
        QVERIFY2(json.ok, qPrintable(json.problem));
        QVERIFY(json.chunks >= 4);
        QVERIFY(json.text == text);
        QCOMPARE(json.lastToken, raw->token);
        // The forms share their tokens: a raw read goes on where a JSON one stopped.
        const std::optional<StoredLogChunk> first = logs.read(runId, {}, complete);
        QVERIFY(first);
        QVERIFY(first->text.size() <= LogStore::maxChunkBytes);
        const std::optional<StoredLogChunk> rest = logs.read(runId, first->token, complete, LogStore::maxRawChunkBytes);
        QVERIFY(rest);
        QVERIFY(first->text + rest->text == text);
    }

    // Any limit holds: small chunks cut the long line and still join up exactly.
    const ChainResult small = readChain(logs, runId, true, {}, 100000);
    QVERIFY2(small.ok, qPrintable(small.problem));
    QVERIFY(small.chunks > 2 * LogStore::maxChunkBytes / 100000);
    QVERIFY(small.text == text);
}

void Tst_LogStore::forgedTokensRefused_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::newRow("bare offset") << QByteArray("bare");
    QTest::newRow("offset with junk mac") << QByteArray("junk");
    QTest::newRow("other run's token") << QByteArray("other");
    QTest::newRow("tampered offset digit") << QByteArray("digit");
    QTest::newRow("tampered mac digit") << QByteArray("mac");
    QTest::newRow("truncated mac") << QByteArray("truncated");
    QTest::newRow("negative offset") << QByteArray("negative");
    QTest::newRow("leading plus") << QByteArray("plus");
    QTest::newRow("dot only") << QByteArray("dot");
    QTest::newRow("garbage") << QByteArray("garbage");
}

void Tst_LogStore::forgedTokensRefused()
{
    QFETCH(QByteArray, kind);
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "0123456789\nabcdefghij\nmore\n"));
    QVERIFY(writeFile(logs.pathFor(otherRunId), "0123456789\nabcdefghij\nmore\n"));

    // A genuine token (offset 27), to derive forgeries from.
    const std::optional<StoredLogChunk> genuine = logs.read(runId, {}, false);
    QVERIFY(genuine);
    const QByteArray first = genuine->token;
    QVERIFY(first.contains('.'));
    const qsizetype dot = first.indexOf('.');
    const QByteArray mac = first.mid(dot + 1);
    const std::optional<StoredLogChunk> otherRun = logs.read(otherRunId, {}, false);
    QVERIFY(otherRun);

    QByteArray forged;
    if (kind == "bare") {
        forged = "5";
    } else if (kind == "junk") {
        forged = "5.abc";
    } else if (kind == "other") {
        forged = otherRun->token; // valid for the other run, same offset
        QCOMPARE(forged.left(forged.indexOf('.')), first.left(dot));
    } else if (kind == "digit") {
        QByteArray offset = first.left(dot);
        offset[offset.size() - 1] = offset.back() == '9' ? '8' : char(offset.back() + 1);
        forged = offset + '.' + mac;
    } else if (kind == "mac") {
        QByteArray tampered = mac;
        tampered[0] = tampered[0] == 'a' ? 'b' : 'a';
        forged = first.left(dot) + '.' + tampered;
    } else if (kind == "truncated") {
        forged = first.chopped(1);
    } else if (kind == "negative") {
        forged = "-1." + mac;
    } else if (kind == "plus") {
        forged = '+' + first;
    } else if (kind == "dot") {
        forged = ".";
    } else {
        forged = "not a token at all";
    }
    QVERIFY(forged != first);
    QVERIFY(!logs.read(runId, forged, false));
    QVERIFY(!logs.read(runId, forged, true));
    // The genuine one still works.
    QVERIFY(logs.read(runId, first, false));
}

void Tst_LogStore::tokensSurviveNewLogStore()
{
    QTemporaryDir dir;
    QString error;
    QByteArray token;
    QByteArray seen;
    const QByteArray text = "before restart\nsecond line é\nafter restart €\nlast";
    {
        LogStore logs(dir.path());
        QVERIFY2(logs.open(&error), qPrintable(error));
        QVERIFY(writeFile(logs.pathFor(runId), text.left(text.indexOf("after"))));
        const std::optional<StoredLogChunk> chunk = logs.read(runId, {}, false);
        QVERIFY(chunk);
        seen = chunk->text;
        token = chunk->token;
        QCOMPARE(seen, QByteArray("before restart\nsecond line é\n"));
    }
    LogStore restarted(dir.path());
    QVERIFY2(restarted.open(&error), qPrintable(error));
    QVERIFY(writeFile(restarted.pathFor(runId), text));
    const std::optional<StoredLogChunk> again = restarted.read(runId, token, false);
    QVERIFY2(again, "a token issued before the restart is refused");
    QCOMPARE(again->text, QByteArray("after restart €\n"));
    const std::optional<StoredLogChunk> last = restarted.read(runId, again->token, true);
    QVERIFY(last);
    QCOMPARE(seen + again->text + last->text, text);
}

void Tst_LogStore::newKeyInvalidatesOldTokens()
{
    QTemporaryDir first;
    QTemporaryDir second;
    QString error;
    LogStore a(first.path());
    LogStore b(second.path());
    QVERIFY2(a.open(&error), qPrintable(error));
    QVERIFY2(b.open(&error), qPrintable(error));
    QVERIFY(writeFile(a.pathFor(runId), "line\nline\n"));
    QVERIFY(writeFile(b.pathFor(runId), "line\nline\n"));
    const std::optional<StoredLogChunk> fromA = a.read(runId, {}, false);
    const std::optional<StoredLogChunk> fromB = b.read(runId, {}, false);
    QVERIFY(fromA);
    QVERIFY(fromB);
    QVERIFY(fromA->token != fromB->token); // different keys
    QVERIFY(!b.read(runId, fromA->token, false));
    QVERIFY(!a.read(runId, fromB->token, false));
}

void Tst_LogStore::readAll()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(logs.readAll(runId).isEmpty());
    QByteArray text;
    for (int i = 0; i < 1000; ++i)
        text += "row " + QByteArray::number(i) + " – ü\n";
    text += QByteArray(2 * 1024 * 1024, 'z'); // no newline, over a chunk
    QVERIFY(writeFile(logs.pathFor(runId), text));
    QVERIFY(logs.readAll(runId) == text);
    QVERIFY(logs.readAll(otherRunId).isEmpty());
}

void Tst_LogStore::tailThenBackwardsGivesTheFileExactly_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("window");
    QByteArray lines;
    for (int i = 1; i <= 20000; ++i)
        lines += "line " + QByteArray::number(i) + " é€\n";
    QByteArray crlf;
    for (int i = 1; i <= 2000; ++i)
        crlf += "crlf " + QByteArray::number(i) + "\r\n";
    QByteArray invalid;
    for (int i = 1; i <= 2000; ++i)
        invalid += "bad \xff\xfe\xc3 " + QByteArray::number(i) + "\n";
    QByteArray longLine = "head\n";
    while (longLine.size() < 3 * 1024 * 1024)
        longLine += "€";
    longLine += "\nshort\n";
    QTest::newRow("lines, 1 MiB") << lines << LogStore::maxChunkBytes;
    QTest::newRow("lines, 100 bytes") << lines << qint64(100);
    QTest::newRow("CRLF, 64 bytes") << crlf << qint64(64);
    QTest::newRow("invalid UTF-8, 50 bytes") << invalid << qint64(50);
    QTest::newRow("a line longer than a chunk") << longLine << LogStore::maxChunkBytes;
    QTest::newRow("a line longer than the window") << longLine.left(5000) + "\n" << qint64(333);
    QTest::newRow("no final newline") << lines + "unfinished" << qint64(4096);
    QTest::newRow("empty") << QByteArray() << qint64(100);
}

void Tst_LogStore::tailThenBackwardsGivesTheFileExactly()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, window);
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), text));

    const ChainResult result = readBackwards(logs, runId, window, true);
    QVERIFY2(result.ok, qPrintable(result.problem));
    QCOMPARE(result.text.size(), text.size());
    QVERIFY(result.text == text);
    // The tail's token reads forward from the end: nothing more.
    const std::optional<StoredLogChunk> after = logs.read(runId, result.lastToken, true);
    QVERIFY(after);
    QVERIFY(after->text.isEmpty());
}

void Tst_LogStore::tailBeginsOnALine()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "first line\nsecond line\nthird line\n"));

    // 15 bytes reach into "second line": the tail begins after it.
    QCOMPARE(logs.readTail(runId, 15, true).text, QByteArray("third line\n"));
    // Exactly two lines.
    QCOMPARE(logs.readTail(runId, 23, true).text, QByteArray("second line\nthird line\n"));
    QCOMPARE(logs.readTail(runId, 1000, true).text, QByteArray("first line\nsecond line\nthird line\n"));
    // A window inside the last line alone: its end, from a character boundary.
    QCOMPARE(logs.readTail(runId, 5, true).text, QByteArray("line\n"));
}

void Tst_LogStore::tailOfRunningLogLeavesOutTheLineBeingWritten()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, "one\ntwo\nthr"));

    const StoredLogChunk tail = logs.readTail(runId, 1000, false);
    QCOMPARE(tail.text, QByteArray("one\ntwo\n"));
    // Reading forward from the tail's token brings the line once it is whole.
    QVERIFY(appendFile(path, "ee\n"));
    const std::optional<StoredLogChunk> next = logs.read(runId, tail.token, false);
    QVERIFY(next);
    QCOMPARE(next->text, QByteArray("three\n"));
}

void Tst_LogStore::backwardsChunksJoinForwardReading()
{
    // A viewer opened at the end, scrolled up a little, then following: what
    // it holds is the log, with no line twice or missing.
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QByteArray text;
    for (int i = 1; i <= 500; ++i)
        text += "row " + QByteArray::number(i) + '\n';
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, text));

    const StoredLogChunk tail = logs.readTail(runId, 200, false);
    const std::optional<StoredLogChunk> above = logs.readBefore(runId, tail.startToken, 200);
    QVERIFY(above);
    QVERIFY(appendFile(path, "row 501\n"));
    const ChainResult rest = readChain(logs, runId, true, tail.token);
    QVERIFY2(rest.ok, qPrintable(rest.problem));
    const QByteArray seen = above->text + tail.text + rest.text;
    QVERIFY((text + "row 501\n").endsWith(seen));
    QVERIFY(seen.startsWith("row "));
    QVERIFY(seen.endsWith("row 500\nrow 501\n"));
}

void Tst_LogStore::backwardsTokenNotIssuedIsRefused()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    QVERIFY(writeFile(logs.pathFor(runId), "a\nb\n"));
    const StoredLogChunk tail = logs.readTail(runId, 100, true);
    QVERIFY(!logs.readBefore(runId, "2.0000000000000000", 100));
    QVERIFY(!logs.readBefore(otherRunId, tail.token, 100));
    QVERIFY(logs.readBefore(runId, tail.token, 100));
}

void Tst_LogStore::backwardsAfterTruncationSaysSo()
{
    QTemporaryDir dir;
    LogStore logs(dir.path());
    QString error;
    QVERIFY2(logs.open(&error), qPrintable(error));
    const QString path = logs.pathFor(runId);
    QVERIFY(writeFile(path, "one\ntwo\nthree\n"));
    const StoredLogChunk tail = logs.readTail(runId, 100, true);
    QVERIFY(writeFile(path, "new\n"));

    const std::optional<StoredLogChunk> before = logs.readBefore(runId, tail.token, 100);
    QVERIFY(before);
    QCOMPARE(before->text, QByteArray("new\n"));
    QVERIFY2(before->note.contains(u"truncated"), qPrintable(before->note));
}

QTEST_GUILESS_MAIN(Tst_LogStore)
#include "tst_logstore.moc"
