// LogSpill: bytes appended and prepended read back exactly, line by line;
// the sparse index's line numbers; the file's place, mode and lifetime.
#include <log/logspill.h>

#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Flotilla;

class Tst_LogSpill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void forwardAppendsReadBackExactly();
    void backwardPrependsMeetForwardAppends();
    void sparseIndexGivesExactLineNumbers();
    void unterminatedLastLineCountsOnceFinished();
    void emptyAndOneLineLogs();
    void lineLongerThanAChunk();
    void nothingBeforeTheStart();
    void fileIsPrivateInTheCacheDir();
    void fileIsRemovedWithTheSpill();
    void staleFilesAreRemovedLiveOnesKept();
    void snapshotOutlivesTheSpill();
};

namespace {

// A log with what the viewer meets: CRLF, invalid UTF-8, empty lines, ANSI
// colours, and every 997th line 5,000 bytes long.
QByteArray sampleLog(int lines)
{
    QByteArray log;
    for (int i = 0; i < lines; ++i) {
        switch (i % 7) {
        case 0: log += "line " + QByteArray::number(i) + " plain\n"; break;
        case 1: log += "line " + QByteArray::number(i) + " crlf\r\n"; break;
        case 2: log += "bad utf-8 \xff\xfe\xc3 " + QByteArray::number(i) + "\n"; break;
        case 3: log += "\n"; break;
        case 4: log += "\x1b[31mred\x1b[0m " + QByteArray::number(i) + "\n"; break;
        case 5: log += "caf\xc3\xa9 " + QByteArray::number(i) + "\n"; break;
        default: log += QByteArray(i % 997 == 6 ? 5000 : 60, 'x') + "\n"; break;
        }
    }
    return log;
}

// The log's lines, each with its '\n'.
QList<QByteArray> linesOf(const QByteArray &log)
{
    QList<QByteArray> lines;
    for (qsizetype start = 0; start < log.size();) {
        const qsizetype newline = log.indexOf('\n', start);
        const qsizetype end = newline < 0 ? log.size() : newline + 1;
        lines.append(log.mid(start, end - start));
        start = end;
    }
    return lines;
}

// Feeds `bytes` to `add` in pieces of random sizes up to `maxPiece`,
// front to back or (backwards) back to front.
template <typename Add>
void feedInPieces(const QByteArray &bytes, qsizetype maxPiece, bool backwards, Add add)
{
    QRandomGenerator random(42);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qsizetype piece = std::min<qsizetype>(1 + random.bounded(int(maxPiece)), bytes.size() - done);
        QVERIFY(add(backwards ? bytes.sliced(bytes.size() - done - piece, piece) : bytes.sliced(done, piece)));
        done += piece;
    }
}

void verifyEveryLine(const LogSpill &spill, const QList<QByteArray> &lines, qint64 firstLine)
{
    QCOMPARE(spill.firstLine(), firstLine);
    QCOMPARE(spill.lineCount(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (spill.readLines(firstLine + i, 1) != lines[i])
            QFAIL(qPrintable(QStringLiteral("line %1 differs").arg(firstLine + i)));
    }
    QByteArray all;
    for (const QByteArray &line : lines)
        all += line;
    QCOMPARE(spill.readLines(firstLine, lines.size()), all);
    QCOMPARE(spill.read(spill.startPosition(), spill.endPosition()), all);
}

} // namespace

void Tst_LogSpill::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the cache dir under ~/.qttest
}

void Tst_LogSpill::forwardAppendsReadBackExactly()
{
    const QByteArray log = sampleLog(5000);
    LogSpill spill;
    QVERIFY2(spill.isOpen(), qPrintable(spill.errorString()));
    feedInPieces(log, 3000, false, [&spill](QByteArrayView piece) { return spill.append(piece); });
    QCOMPARE(spill.byteSize(), log.size());
    verifyEveryLine(spill, linesOf(log), 0);
    QCOMPARE(spill.readLines(4998, 10), log.sliced(log.size() - linesOf(log).last().size() - linesOf(log)[4998].size()));
    QVERIFY(spill.readLines(5000, 1).isEmpty());
    QVERIFY(spill.readLines(-3, 2).isEmpty());
}

void Tst_LogSpill::backwardPrependsMeetForwardAppends()
{
    // Opened at the end (line 3000 of 5000), read back to the start while the rest arrives.
    const QByteArray log = sampleLog(5000);
    const QList<QByteArray> lines = linesOf(log);
    qsizetype origin = 0;
    for (int i = 0; i < 3000; ++i)
        origin += lines[i].size();
    LogSpill spill;
    feedInPieces(log.sliced(origin), 4000, false, [&spill](QByteArrayView piece) { return spill.append(piece); });
    QCOMPARE(spill.firstLine(), 0);
    QCOMPARE(spill.readLines(0, 1), lines[3000]);
    // Chunks of up to 2,000 bytes: some begin inside the 5,000-byte lines.
    feedInPieces(log.first(origin), 2000, true, [&spill](QByteArrayView piece) { return spill.prepend(piece); });
    QVERIFY(!spill.absoluteLine(0));
    verifyEveryLine(spill, lines, -3000);
    spill.setStartReached();
    QCOMPARE(spill.absoluteLine(-3000), 0);
    QCOMPARE(spill.absoluteLine(0), 3000);
}

void Tst_LogSpill::sparseIndexGivesExactLineNumbers()
{
    const QByteArray log = sampleLog(6000);
    const QList<QByteArray> lines = linesOf(log);
    LogSpill spill;
    // Half prepended, half appended: the index grows at both ends.
    const qsizetype middle = log.indexOf('\n', log.size() / 2) + 1;
    feedInPieces(log.sliced(middle), 50000, false, [&spill](QByteArrayView piece) { return spill.append(piece); });
    feedInPieces(log.first(middle), 50000, true, [&spill](QByteArrayView piece) { return spill.prepend(piece); });
    qint64 position = spill.startPosition();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const qint64 line = spill.firstLine() + i;
        QCOMPARE(spill.lineStart(line), position);
        QCOMPARE(spill.lineAt(position), line);
        QCOMPARE(spill.lineAt(position + lines[i].size() - 1), line); // its newline
        position += lines[i].size();
    }
    QCOMPARE(spill.lineStart(spill.endLine()), spill.endPosition());
}

void Tst_LogSpill::unterminatedLastLineCountsOnceFinished()
{
    LogSpill spill;
    QVERIFY(spill.append("one\r\ntwo\nthr"));
    QCOMPARE(spill.lineCount(), 2);
    QVERIFY(spill.append("ee"));
    QCOMPARE(spill.lineCount(), 2);
    spill.finish();
    QCOMPARE(spill.lineCount(), 3);
    QCOMPARE(spill.readLines(2, 1), QByteArray("three"));
    QCOMPARE(spill.readLines(0, 3), QByteArray("one\r\ntwo\nthree"));
}

void Tst_LogSpill::emptyAndOneLineLogs()
{
    LogSpill empty;
    empty.setStartReached();
    empty.finish();
    QCOMPARE(empty.lineCount(), 0);
    QCOMPARE(empty.byteSize(), 0);
    QVERIFY(empty.readLines(0, 1).isEmpty());
    QCOMPARE(empty.lineAt(0), 0);

    LogSpill one;
    QVERIFY(one.prepend("only line\n"));
    one.setStartReached();
    QCOMPARE(one.lineCount(), 1);
    QCOMPARE(one.firstLine(), -1);
    QCOMPARE(one.absoluteLine(-1), 0);
    QCOMPARE(one.readLines(-1, 1), QByteArray("only line\n"));
}

void Tst_LogSpill::lineLongerThanAChunk()
{
    // The server cuts a 3 MiB line into 1 MiB chunks read backwards.
    QByteArray line(3 * 1024 * 1024, 'y');
    line[1024 * 1024] = '\xc3'; // invalid UTF-8 at a cut
    const QByteArray log = "before\n" + line + "\nafter\n";
    LogSpill spill;
    QVERIFY(spill.append(log.sliced(log.size() - 7)));
    for (qsizetype end = log.size() - 7; end > 0; end -= 1024 * 1024) {
        const qsizetype begin = std::max<qsizetype>(0, end - 1024 * 1024);
        QVERIFY(spill.prepend(log.sliced(begin, end - begin)));
        QCOMPARE(spill.lineCount(), begin > 0 ? 2 : 3); // the long line counts once
    }
    // Line 0 holds position 0, the long line's newline: it began above.
    verifyEveryLine(spill, linesOf(log), -1);
}

void Tst_LogSpill::nothingBeforeTheStart()
{
    LogSpill spill;
    QVERIFY(spill.prepend("a\n"));
    spill.setStartReached();
    QVERIFY(!spill.prepend("b\n"));
    QVERIFY(spill.errorString().contains(u"first byte"));
    QCOMPARE(spill.readLines(-1, 5), QByteArray("a\n"));
}

void Tst_LogSpill::fileIsPrivateInTheCacheDir()
{
    const LogSpill spill;
    QVERIFY2(spill.isOpen(), qPrintable(spill.errorString()));
    const QFileInfo file(spill.path());
    QCOMPARE(file.absolutePath(),
             QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/logs"));
    QVERIFY(file.exists());
    struct stat status;
    QCOMPARE(::stat(QFile::encodeName(spill.path()).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, 0600u);
    const LogSpill other;
    QVERIFY(other.path() != spill.path());
}

void Tst_LogSpill::fileIsRemovedWithTheSpill()
{
    QString path;
    {
        LogSpill spill;
        QVERIFY(spill.append("some text\n"));
        path = spill.path();
        QVERIFY(QFileInfo::exists(path));
    }
    QVERIFY(!QFileInfo::exists(path));
}

void Tst_LogSpill::staleFilesAreRemovedLiveOnesKept()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // What a crashed app leaves: a spill file nobody holds.
    const QString stale = dir.filePath(QStringLiteral("spill-1-0.log"));
    QFile file(stale);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("left behind\n");
    file.close();
    const QString unrelated = dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(QFile(unrelated).open(QIODevice::WriteOnly));

    LogSpill live(dir.path()); // the first spill in a folder cleans it
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(unrelated));
    QVERIFY(QFileInfo::exists(live.path()));
    QCOMPARE(LogSpill::removeStale(dir.path()), 0); // the live one is held
    QVERIFY(QFileInfo::exists(live.path()));
}

void Tst_LogSpill::snapshotOutlivesTheSpill()
{
    auto spill = std::make_unique<LogSpill>();
    QVERIFY(spill->append("first\nsecond\n"));
    const LogSpillContent snapshot = spill->snapshot();
    QVERIFY(spill->append("third\n"));
    const QString path = spill->path();
    spill.reset();
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(snapshot.lineCount(), 2);
    QCOMPARE(snapshot.readLines(0, 5), QByteArray("first\nsecond\n"));
}

QTEST_GUILESS_MAIN(Tst_LogSpill)
#include "tst_logspill.moc"
