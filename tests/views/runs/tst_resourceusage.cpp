// ResourceUsage: a run's resource figures in words, the warning threshold and
// the memory to ask for after an OOM kill.
#include <runs/resourceusage.h>

#include <QLocale>
#include <QTest>

using namespace Flotilla;

class Tst_ResourceUsage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void summarisesWhatIsKnown();
    void warnsAbove90PercentOfTheLimit();
    void scalesToTheLimitUnlessExceeded();
    void suggestsMemoryAfterAnOomKill_data();
    void suggestsMemoryAfterAnOomKill();
};

void Tst_ResourceUsage::summarisesWhatIsKnown()
{
    using Kind = ResourceUsage::Kind;
    QCOMPARE((ResourceUsage{Kind::Memory, 256, 512, 300}).summary(),
             QStringLiteral("Used 300 MB of a 512 MB limit · requested 256 MB"));
    QCOMPARE((ResourceUsage{Kind::Memory, 256, std::nullopt, std::nullopt}).summary(),
             QStringLiteral("Requested 256 MB"));
    QCOMPARE((ResourceUsage{Kind::Cpu, std::nullopt, std::nullopt, 1536}).summary(), QStringLiteral("Used 1.50 cores"));
    QCOMPARE((ResourceUsage{Kind::Cpu, std::nullopt, 2048, std::nullopt}).summary(), QStringLiteral("Limit 2 cores"));
    QVERIFY(!ResourceUsage{}.isKnown());
    QCOMPARE(ResourceUsage{}.summary(), QStringLiteral("Not known"));
}

void Tst_ResourceUsage::warnsAbove90PercentOfTheLimit()
{
    using Kind = ResourceUsage::Kind;
    QVERIFY(!(ResourceUsage{Kind::Memory, 512, 1000, 900}).isNearLimit());
    QVERIFY((ResourceUsage{Kind::Memory, 512, 1000, 901}).isNearLimit());
    QVERIFY(!(ResourceUsage{Kind::Memory, 512, std::nullopt, 5000}).isNearLimit()); // no limit, no warning
}

void Tst_ResourceUsage::scalesToTheLimitUnlessExceeded()
{
    using Kind = ResourceUsage::Kind;
    QCOMPARE((ResourceUsage{Kind::Memory, 256, 512, 300}).scale(), 512);
    QCOMPARE((ResourceUsage{Kind::Memory, 256, 512, 600}).scale(), 600);
    QCOMPARE((ResourceUsage{Kind::Memory, 256, std::nullopt, 100}).scale(), 256);
}

void Tst_ResourceUsage::suggestsMemoryAfterAnOomKill_data()
{
    QTest::addColumn<std::optional<qint64>>("memory");
    QTest::addColumn<std::optional<qint64>>("limit");
    QTest::addColumn<std::optional<qint64>>("used");
    QTest::addColumn<std::optional<qint64>>("suggested");
    const std::optional<qint64> none;
    QTest::newRow("killed at the limit") << std::optional<qint64>(1024) << std::optional<qint64>(1024)
                                         << std::optional<qint64>(1022) << std::optional<qint64>(1536);
    QTest::newRow("small: a 256 MB step") << std::optional<qint64>(32) << std::optional<qint64>(32)
                                          << std::optional<qint64>(31) << std::optional<qint64>(256);
    QTest::newRow("large: a 1 GB step") << std::optional<qint64>(4096) << std::optional<qint64>(4096)
                                        << std::optional<qint64>(4100) << std::optional<qint64>(7168);
    QTest::newRow("only the request") << std::optional<qint64>(500) << none << none << std::optional<qint64>(768);
    QTest::newRow("nothing known") << none << none << none << none;
}

void Tst_ResourceUsage::suggestsMemoryAfterAnOomKill()
{
    QFETCH(std::optional<qint64>, memory);
    QFETCH(std::optional<qint64>, limit);
    QFETCH(std::optional<qint64>, used);
    QFETCH(std::optional<qint64>, suggested);
    Run run;
    run.exitReason = QStringLiteral("OOMKilled");
    run.memory = memory;
    run.memoryLimit = limit;
    run.maxMemoryUsed = used;
    QVERIFY(isOomKilled(run));
    QCOMPARE(suggestedMemory(run), suggested);
}

QTEST_GUILESS_MAIN(Tst_ResourceUsage)
#include "tst_resourceusage.moc"
