// TrayState: the tray's state, tooltip and menu items, without a tray.
#include <tray/traystate.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

namespace {

using Kind = TrayState::MenuItem::Kind;

Run makeRun(const QString &id, RunStatus status, int minute, std::optional<qint64> exitCode = std::nullopt)
{
    Run run;
    run.runId = id;
    run.alias = QStringLiteral("job-") + id;
    run.status = status;
    run.exitCode = exitCode;
    run.queuedAt = QDateTime(QDate(2026, 1, 1), QTime(8, minute), Qt::UTC);
    if (status != RunStatus::Queued)
        run.startedAt = run.queuedAt;
    if (status == RunStatus::Stopped)
        run.finishedAt = run.startedAt->addSecs(30);
    return run;
}

QList<Kind> kinds(const QList<TrayState::MenuItem> &items)
{
    QList<Kind> found;
    for (const TrayState::MenuItem &item : items)
        found.append(item.kind);
    return found;
}

QStringList texts(const QList<TrayState::MenuItem> &items, Kind kind)
{
    QStringList found;
    for (const TrayState::MenuItem &item : items) {
        if (item.kind == kind)
            found.append(item.text);
    }
    return found;
}

const TrayState::MenuItem &launchMenu(const QList<TrayState::MenuItem> &items)
{
    return *std::find_if(items.cbegin(), items.cend(),
                         [](const TrayState::MenuItem &item) { return item.kind == Kind::Submenu; });
}

} // namespace

class Tst_TrayState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idleWithNothingToShow();
    void activeRunsAreListedAndCounted();
    void manyActiveRunsEndInMore();
    void aNewFailureShowsUntilLookedAt();
    void theLastFiveFinishedAcrossProfiles();
    void launchMenuHoldsEveryGroupUnderItsTitle();
};

void Tst_TrayState::idleWithNothingToShow()
{
    const TrayState state;
    QCOMPARE(state.state(), TrayState::State::Idle);
    QCOMPARE(state.toolTip(), QStringLiteral("Flotilla\nNo active runs"));
    const QList<TrayState::MenuItem> items = state.menuItems();
    QCOMPARE(kinds(items), (QList<Kind>{Kind::Header, Kind::Separator, Kind::Submenu, Kind::Separator, Kind::ShowWindow,
                                        Kind::Quit}));
    QCOMPARE(items.first().text, QStringLiteral("No active runs"));
    QVERIFY(launchMenu(items).items.isEmpty());
    QCOMPARE(texts(items, Kind::ShowWindow), QStringList{QStringLiteral("&Show Window")});
    QCOMPARE(texts(items, Kind::Quit), QStringList{QStringLiteral("&Quit")});
}

void Tst_TrayState::activeRunsAreListedAndCounted()
{
    TrayState state;
    QSignalSpy changed(&state, &TrayState::changed);
    state.setActiveRuns(QStringLiteral("local"), {makeRun(QStringLiteral("a"), RunStatus::Running, 1),
                                                  makeRun(QStringLiteral("b"), RunStatus::Queued, 3),
                                                  makeRun(QStringLiteral("c"), RunStatus::Running, 2)});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(state.state(), TrayState::State::Active);
    QCOMPARE(state.toolTip(), QStringLiteral("Flotilla\n3 active run(s), 2 running"));
    const QList<TrayState::MenuItem> items = state.menuItems();
    QCOMPARE(items.first().text, QStringLiteral("3 active run(s)"));
    // Newest first; one profile: no profile names.
    QCOMPARE(texts(items, Kind::ActiveRun),
             (QStringList{QStringLiteral("job-b: Queued"), QStringLiteral("job-c: Running"),
                          QStringLiteral("job-a: Running")}));
    QCOMPARE(items.at(1).run.runId, QStringLiteral("b"));
    QCOMPARE(items.at(1).profile, QStringLiteral("local"));
    QVERIFY(!items.at(1).icon.isNull());
    state.setActiveRuns(QStringLiteral("local"), {});
    QCOMPARE(state.state(), TrayState::State::Idle);
}

void Tst_TrayState::manyActiveRunsEndInMore()
{
    TrayState state;
    QList<Run> runs;
    for (int i = 0; i < 12; ++i)
        runs.append(makeRun(QString::number(i), RunStatus::Running, i));
    state.setActiveRuns(QStringLiteral("local"), runs);
    const QList<TrayState::MenuItem> items = state.menuItems();
    QCOMPARE(texts(items, Kind::ActiveRun).size(), TrayState::activeShown);
    QCOMPARE(texts(items, Kind::More), QStringList{QStringLiteral("and 2 more…")});
}

void Tst_TrayState::aNewFailureShowsUntilLookedAt()
{
    TrayState state;
    // What failed before the app looked is no news.
    state.setRecentlyFinished(QStringLiteral("local"), {makeRun(QStringLiteral("old"), RunStatus::Stopped, 1, 1)});
    QCOMPARE(state.state(), TrayState::State::Idle);
    state.setActiveRuns(QStringLiteral("local"), {makeRun(QStringLiteral("a"), RunStatus::Running, 5)});
    state.setRecentlyFinished(QStringLiteral("local"), {makeRun(QStringLiteral("ok"), RunStatus::Stopped, 3, 0),
                                                        makeRun(QStringLiteral("old"), RunStatus::Stopped, 1, 1)});
    QCOMPARE(state.state(), TrayState::State::Active); // a success is no failure
    state.setRecentlyFinished(QStringLiteral("local"), {makeRun(QStringLiteral("bad"), RunStatus::Stopped, 4, 2),
                                                        makeRun(QStringLiteral("ok"), RunStatus::Stopped, 3, 0)});
    state.addFinished(QStringLiteral("prod"), makeRun(QStringLiteral("worse"), RunStatus::Stopped, 2, 137));
    state.addFinished(QStringLiteral("prod"), makeRun(QStringLiteral("worse"), RunStatus::Stopped, 2, 137));
    QCOMPARE(state.state(), TrayState::State::Failure);
    QCOMPARE(state.unseenFailures(), 2);
    QCOMPARE(state.toolTip(),
             QStringLiteral("Flotilla\n1 active run(s), 1 running\n2 run(s) failed since you last looked"));
    QSignalSpy changed(&state, &TrayState::changed);
    state.acknowledge();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(state.state(), TrayState::State::Active);
    state.acknowledge();
    QCOMPARE(changed.size(), 1); // nothing new to clear
}

void Tst_TrayState::theLastFiveFinishedAcrossProfiles()
{
    TrayState state;
    QList<Run> local;
    for (int i = 0; i < 4; ++i)
        local.append(makeRun(QStringLiteral("l%1").arg(i), RunStatus::Stopped, 10 - i * 2, i % 2));
    state.setRecentlyFinished(QStringLiteral("local"), local);
    state.setRecentlyFinished(QStringLiteral("prod"), {makeRun(QStringLiteral("p0"), RunStatus::Stopped, 9, 0),
                                                       makeRun(QStringLiteral("p1"), RunStatus::Stopped, 1, 0)});
    const QList<TrayState::MenuItem> items = state.menuItems();
    // Two profiles: each run says whose it is.
    QCOMPARE(texts(items, Kind::FinishedRun),
             (QStringList{QStringLiteral("job-l0: Succeeded (local)"), QStringLiteral("job-p0: Succeeded (prod)"),
                          QStringLiteral("job-l1: Failed (local)"), QStringLiteral("job-l2: Succeeded (local)"),
                          QStringLiteral("job-l3: Failed (local)")}));
    QCOMPARE(texts(items, Kind::Header).last(), QStringLiteral("Recently finished"));
    QCOMPARE(state.finishedRuns().size(), TrayState::finishedShown);
}

void Tst_TrayState::launchMenuHoldsEveryGroupUnderItsTitle()
{
    TrayState state;
    state.setLaunchItems(QStringLiteral("starred"), QStringLiteral("Starred"), QStringLiteral("local"),
                         {{LaunchItem::Kind::Definition, QStringLiteral("d2"), QStringLiteral("weekly")}});
    state.setLaunchItems(QStringLiteral("recent"), QStringLiteral("Recent"), QStringLiteral("local"),
                         {{LaunchItem::Kind::Definition, QStringLiteral("d1"), QStringLiteral("nightly")},
                          {LaunchItem::Kind::Template, QStringLiteral("t1"), QString()}});
    const TrayState::MenuItem launch = launchMenu(state.menuItems());
    QCOMPARE(launch.text, QStringLiteral("&Launch"));
    QCOMPARE(kinds(launch.items),
             (QList<Kind>{Kind::Header, Kind::Launch, Kind::Separator, Kind::Header, Kind::Launch, Kind::Launch}));
    QCOMPARE(texts(launch.items, Kind::Header), (QStringList{QStringLiteral("Starred"), QStringLiteral("Recent")}));
    QCOMPARE(texts(launch.items, Kind::Launch),
             (QStringList{QStringLiteral("weekly"), QStringLiteral("nightly"), QStringLiteral("t1")}));
    QCOMPARE(launch.items.at(5).launch.kind, LaunchItem::Kind::Template);
    QCOMPARE(launch.items.at(1).profile, QStringLiteral("local"));
    // A group set again replaces its items, in its place; an empty one shows nothing.
    state.setLaunchItems(QStringLiteral("starred"), QStringLiteral("Starred"), QStringLiteral("local"), {});
    QCOMPARE(kinds(launchMenu(state.menuItems()).items), (QList<Kind>{Kind::Header, Kind::Launch, Kind::Launch}));
    QCOMPARE(texts(launchMenu(state.menuItems()).items, Kind::Header), QStringList{QStringLiteral("Recent")});
}

QTEST_MAIN(Tst_TrayState)
#include "tst_traystate.moc"
