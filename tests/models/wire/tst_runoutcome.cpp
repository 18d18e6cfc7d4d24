// runOutcome(): how the history chart and `flotilla stats` tell finished runs apart.
#include <wire/runoutcome.h>

#include <QTest>

using namespace Flotilla;

class Tst_RunOutcome final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomeOfARun_data();
    void outcomeOfARun();
    void everyOutcomeHasText();
};

void Tst_RunOutcome::outcomeOfARun_data()
{
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<std::optional<qint64>>("exitCode");
    QTest::addColumn<QString>("exitReason");
    QTest::addColumn<std::optional<RunOutcome>>("outcome");
    using O = std::optional<RunOutcome>;
    const std::optional<qint64> none;
    QTest::newRow("running") << RunStatus::Running << none << QString() << O();
    QTest::newRow("needs retry") << RunStatus::NeedsRetry << std::optional<qint64>(1) << QString() << O();
    QTest::newRow("exit 0") << RunStatus::Stopped << std::optional<qint64>(0) << QString() << O(RunOutcome::Succeeded);
    QTest::newRow("exit 3") << RunStatus::Stopped << std::optional<qint64>(3) << QString() << O(RunOutcome::Failed);
    QTest::newRow("no exit code") << RunStatus::Stopped << none << QString() << O(RunOutcome::Failed);
    QTest::newRow("image not found") << RunStatus::Stopped << none << QStringLiteral("Image not found: x")
                                     << O(RunOutcome::Failed);
    QTest::newRow("stopped") << RunStatus::Stopped << std::optional<qint64>(143)
                             << QStringLiteral("Task terminated by user") << O(RunOutcome::StoppedByUser);
    QTest::newRow("stopped, exit 0") << RunStatus::Stopped << std::optional<qint64>(0)
                                     << QStringLiteral("Task terminated by user") << O(RunOutcome::StoppedByUser);
    QTest::newRow("stopped while queued")
        << RunStatus::Stopped << none << QStringLiteral("Task terminated by user") << O(RunOutcome::StoppedByUser);
    QTest::newRow("oom") << RunStatus::Stopped << std::optional<qint64>(137) << QStringLiteral("OOMKilled")
                         << O(RunOutcome::OutOfMemory);
    // Upstream's EKS words it inside a longer reason.
    QTest::newRow("oom, upstream") << RunStatus::Stopped << std::optional<qint64>(137)
                                   << QStringLiteral("Container main: OOMKilled (exit 137)")
                                   << O(RunOutcome::OutOfMemory);
}

void Tst_RunOutcome::outcomeOfARun()
{
    QFETCH(RunStatus, status);
    QFETCH(std::optional<qint64>, exitCode);
    QFETCH(QString, exitReason);
    QFETCH(std::optional<RunOutcome>, outcome);
    Run run;
    run.status = status;
    run.exitCode = exitCode;
    run.exitReason = exitReason;
    QCOMPARE(runOutcome(run), outcome);
    QCOMPARE(isOomKilled(run), outcome == RunOutcome::OutOfMemory);
}

void Tst_RunOutcome::everyOutcomeHasText()
{
    QStringList texts;
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome)
        texts.append(runOutcomeText(RunOutcome(outcome)));
    QCOMPARE(texts, (QStringList{QStringLiteral("Succeeded"), QStringLiteral("Failed"),
                                 QStringLiteral("Stopped by user"), QStringLiteral("Out of memory")}));
}

QTEST_GUILESS_MAIN(Tst_RunOutcome)
#include "tst_runoutcome.moc"
