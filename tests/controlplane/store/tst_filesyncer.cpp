// Syncing the store's WAL beside the event loop: requests made while a sync
// is under way share the next one, and a failure is reported with its errno.
#include <store/filesyncer.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace Flotilla;

class Tst_FileSyncer final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syncsAFile();
    void missingFileHoldsNothingToSync();
    void failureNamesItsErrno();
    void requestsWhileBusyShareTheNextSync();
};

void Tst_FileSyncer::syncsAFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("wal")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("frames") == 6);
    file.close();
    QCOMPARE(FileSyncer::syncFile(QFile::encodeName(file.fileName())), 0);
}

void Tst_FileSyncer::missingFileHoldsNothingToSync()
{
    QTemporaryDir dir;
    QCOMPARE(FileSyncer::syncFile(QFile::encodeName(dir.filePath(QStringLiteral("none")))), 0);
}

void Tst_FileSyncer::failureNamesItsErrno()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("plain")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QByteArray underAFile = QFile::encodeName(file.fileName()) + "/wal";
    QCOMPARE(FileSyncer::syncFile(underAFile), ENOTDIR);
    FileSyncer syncer;
    syncer.setPath(underAFile);
    QSignalSpy synced(&syncer, &FileSyncer::synced);
    syncer.request(7);
    QVERIFY(synced.wait());
    QCOMPARE(synced.first(), QVariantList({qint64(7), ENOTDIR}));
}

void Tst_FileSyncer::requestsWhileBusyShareTheNextSync()
{
    QTemporaryDir dir;
    FileSyncer syncer;
    syncer.setPath(QFile::encodeName(dir.filePath(QStringLiteral("wal"))));
    QSignalSpy synced(&syncer, &FileSyncer::synced);
    syncer.request(1);
    syncer.request(2);
    syncer.request(3);
    QTRY_COMPARE(synced.size(), 2);
    QCOMPARE(synced.at(0), QVariantList({qint64(1), 0}));
    QCOMPARE(synced.at(1), QVariantList({qint64(3), 0}));
}

QTEST_GUILESS_MAIN(Tst_FileSyncer)
#include "tst_filesyncer.moc"
