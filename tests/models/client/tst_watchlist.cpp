// WatchList: watches per profile, kept across restarts.
#include <client/settings.h>
#include <client/watchlist.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

class Tst_WatchList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void watchesSurviveARestart();
    void watchingTwiceIsOnce();
    void profilesAreSeparate();

private:
    QTemporaryDir m_settingsDir;
};

void Tst_WatchList::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void Tst_WatchList::init()
{
    QSettings(QStringLiteral("flotilla"), QStringLiteral("flotilla")).clear();
}

void Tst_WatchList::watchesSurviveARestart()
{
    {
        WatchList watches;
        QSignalSpy runs(&watches, &WatchList::runsChanged);
        watches.watchRuns(QStringLiteral("prod"), {QStringLiteral("r1"), QStringLiteral("r2")});
        watches.watchRun(QStringLiteral("local"), QStringLiteral("r3"));
        watches.watchDefinition(QStringLiteral("prod"), QStringLiteral("def-1"));
        QCOMPARE(runs.size(), 2);
    }
    const WatchList watches;
    QCOMPARE(watches.watchedRuns(QStringLiteral("prod")), (QStringList{QStringLiteral("r1"), QStringLiteral("r2")}));
    QCOMPARE(watches.watchedRuns(QStringLiteral("local")), QStringList{QStringLiteral("r3")});
    QVERIFY(watches.isDefinitionWatched(QStringLiteral("prod"), QStringLiteral("def-1")));
    QCOMPARE(watches.profiles(), (QStringList{QStringLiteral("local"), QStringLiteral("prod")}));
}

void Tst_WatchList::watchingTwiceIsOnce()
{
    WatchList watches;
    QSignalSpy runs(&watches, &WatchList::runsChanged);
    watches.watchRun(QStringLiteral("prod"), QStringLiteral("r1"));
    watches.watchRuns(QStringLiteral("prod"), {QStringLiteral("r1"), QString()});
    QCOMPARE(runs.size(), 1);
    watches.setRunWatched(QStringLiteral("prod"), QStringLiteral("r1"), false);
    QCOMPARE(runs.size(), 2);
    QVERIFY(WatchList().watchedRuns(QStringLiteral("prod")).isEmpty());
}

void Tst_WatchList::profilesAreSeparate()
{
    WatchList watches;
    watches.watchRun(QStringLiteral("prod"), QStringLiteral("r1"));
    watches.setDefinitionWatched(QStringLiteral("staging"), QStringLiteral("def-1"), true);
    QVERIFY(!watches.isRunWatched(QStringLiteral("staging"), QStringLiteral("r1")));
    QVERIFY(!watches.isDefinitionWatched(QStringLiteral("prod"), QStringLiteral("def-1")));
    watches.unwatchDefinition(QStringLiteral("staging"), QStringLiteral("def-1"));
    QCOMPARE(watches.profiles(), QStringList{QStringLiteral("prod")});
}

QTEST_GUILESS_MAIN(Tst_WatchList)
#include "tst_watchlist.moc"
