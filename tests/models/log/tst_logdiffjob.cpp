// LogDiffJob: the diff on a worker thread with progress, cancel, and an
// invalid mask refused with a clear error.
#include <log/logdiffjob.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

class Tst_LogDiffJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void comparesOnAWorkerWithProgress();
    void cancelEndsWithoutResult();
    void cancelBeforeStart();
    void invalidMaskIsRefused();
};

namespace {

QString timedLog(int count, int hour, int editedLine = -1)
{
    QString text;
    for (int i = 0; i < count; ++i) {
        text += QStringLiteral("%1:%2:%3 worker %4 %5\n")
                    .arg(hour, 2, 10, QLatin1Char('0'))
                    .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i)
                    .arg(i == editedLine ? QStringLiteral("FAILED") : QStringLiteral("done"));
    }
    return text;
}

} // namespace

void Tst_LogDiffJob::comparesOnAWorkerWithProgress()
{
    LogDiffJob job(timedLog(30000, 1), timedLog(30000, 2, 12345), LineMask::defaultPattern());
    QSignalSpy finished(&job, &LogDiffJob::finished);
    QSignalSpy progressed(&job, &LogDiffJob::progressed);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(job.succeeded());
    QVERIFY(!job.isCancelled());
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(job.leftLines().size(), 30000);
    QCOMPARE(job.rightLines().size(), 30000);
    QCOMPARE(job.result().changed, 1);
    QCOMPARE(job.result().firstDifference, 12345);
    QVERIFY(job.rightLines()[12345].endsWith(u"FAILED"));
    QCoreApplication::processEvents(); // no second finished() queued
    QCOMPARE(finished.size(), 1);
}

void Tst_LogDiffJob::cancelEndsWithoutResult()
{
    LogDiffJob job(timedLog(200000, 1), timedLog(200000, 2, 7), LineMask::defaultPattern());
    QSignalSpy finished(&job, &LogDiffJob::finished);
    job.start();
    job.cancel();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(job.isCancelled());
    QVERIFY(!job.succeeded());
    QVERIFY(job.errorString().isEmpty());
    QVERIFY(job.result().rows.empty());
    QVERIFY(job.leftLines().isEmpty());
}

void Tst_LogDiffJob::cancelBeforeStart()
{
    LogDiffJob job(timedLog(10, 1), timedLog(10, 2), LineMask::defaultPattern());
    QSignalSpy finished(&job, &LogDiffJob::finished);
    job.cancel();
    QVERIFY(finished.wait());
    QVERIFY(job.isCancelled());
}

void Tst_LogDiffJob::invalidMaskIsRefused()
{
    LogDiffJob job(timedLog(10, 1), timedLog(10, 2), QStringLiteral("[0-9"));
    QSignalSpy finished(&job, &LogDiffJob::finished);
    job.start();
    QVERIFY(finished.wait());
    QCOMPARE(finished.size(), 1);
    QVERIFY(!job.succeeded());
    QVERIFY(!job.isCancelled());
    QVERIFY2(job.errorString().contains(u"mask is not a valid regular expression"), qPrintable(job.errorString()));
}

QTEST_GUILESS_MAIN(Tst_LogDiffJob)
#include "tst_logdiffjob.moc"
