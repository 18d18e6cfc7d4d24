// TrayMenu: the tray's menu drawn from its state, and what its items ask for.
#include <tray/traymenu.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

namespace {

QAction *actionWithText(const QMenu &menu, const QString &text)
{
    for (QAction *action : menu.actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

Run runningRun(const QString &id)
{
    Run run;
    run.runId = id;
    run.alias = QStringLiteral("nightly");
    run.status = RunStatus::Running;
    return run;
}

} // namespace

class Tst_TrayMenu final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemsAskForWhatTheySay();
    void openingItCountsAsLooking();
};

void Tst_TrayMenu::itemsAskForWhatTheySay()
{
    TrayState state;
    state.setActiveRuns(QStringLiteral("prod"), {runningRun(QStringLiteral("r1"))});
    state.setLaunchItems(QStringLiteral("recent"), QStringLiteral("Recent"), QStringLiteral("prod"),
                         {{LaunchItem::Kind::Definition, QStringLiteral("d1"), QStringLiteral("weekly")}});
    TrayMenu menu(&state);
    QSignalSpy runs(&menu, &TrayMenu::runActivated);
    QSignalSpy launches(&menu, &TrayMenu::launchActivated);
    QSignalSpy show(&menu, &TrayMenu::showWindowRequested);
    QSignalSpy quit(&menu, &TrayMenu::quitRequested);

    QAction *header = actionWithText(menu, QStringLiteral("1 active run(s)"));
    QVERIFY(header);
    QVERIFY(!header->isEnabled());
    actionWithText(menu, QStringLiteral("nightly: Running"))->trigger();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().value(0).toString(), QStringLiteral("prod"));
    QCOMPARE(runs.first().value(1).value<Run>().runId, QStringLiteral("r1"));

    QAction *launch = actionWithText(menu, QStringLiteral("&Launch"));
    QVERIFY(launch && launch->menu());
    QVERIFY(!launch->menu()->actions().constFirst()->isEnabled()); // the "Recent" header
    launch->menu()->actions().at(1)->trigger();
    QCOMPARE(launches.size(), 1);
    QCOMPARE(launches.first().value(1).value<LaunchItem>().id, QStringLiteral("d1"));

    actionWithText(menu, QStringLiteral("&Show Window"))->trigger();
    actionWithText(menu, QStringLiteral("&Quit"))->trigger();
    QCOMPARE(show.size(), 1);
    QCOMPARE(quit.size(), 1);

    // Rebuilt, it keeps no stale submenu.
    menu.rebuild();
    QCOMPARE(menu.findChildren<QMenu *>(Qt::FindDirectChildrenOnly).size(), 1);
}

void Tst_TrayMenu::openingItCountsAsLooking()
{
    TrayState state;
    state.setRecentlyFinished(QStringLiteral("local"), {});
    Run failed = runningRun(QStringLiteral("r2"));
    failed.status = RunStatus::Stopped;
    failed.exitCode = 1;
    state.addFinished(QStringLiteral("local"), failed);
    QCOMPARE(state.state(), TrayState::State::Failure);
    TrayMenu menu(&state);
    Q_EMIT menu.aboutToShow();
    QCOMPARE(state.state(), TrayState::State::Idle);
    QVERIFY(actionWithText(menu, QStringLiteral("nightly: Failed")));
}

QTEST_MAIN(Tst_TrayMenu)
#include "tst_traymenu.moc"
