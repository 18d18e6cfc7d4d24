#include "traystate.h"

#include <runs/runstate.h>

#include <icons.h>

#include <algorithm>

namespace Flotilla {

namespace {

// When a run last moved: sorts the newest first.
QDateTime lastMoved(const Run &run)
{
    for (const std::optional<QDateTime> &time : {run.finishedAt, run.startedAt, run.queuedAt}) {
        if (time)
            return *time;
    }
    return {};
}

void sortNewestFirst(QList<TrayState::Entry> &entries)
{
    std::stable_sort(entries.begin(), entries.end(), [](const TrayState::Entry &a, const TrayState::Entry &b) {
        return lastMoved(a.run) > lastMoved(b.run);
    });
}

bool contains(const QList<Run> &runs, const QString &runId)
{
    return std::any_of(runs.cbegin(), runs.cend(), [&runId](const Run &run) { return run.runId == runId; });
}

bool failed(const Run &run)
{
    return runState(run) == RunState::Failed || runState(run) == RunState::NeedsRetry;
}

TrayState::MenuItem item(TrayState::MenuItem::Kind kind, const QString &text = {})
{
    TrayState::MenuItem made;
    made.kind = kind;
    made.text = text;
    return made;
}

} // namespace

TrayState::TrayState(QObject *parent)
    : QObject(parent)
{}

void TrayState::setActiveRuns(const QString &profile, const QList<Run> &runs)
{
    m_active.insert(profile, runs);
    Q_EMIT changed();
}

void TrayState::setRecentlyFinished(const QString &profile, const QList<Run> &runs)
{
    const bool firstList = !m_finished.contains(profile);
    QList<Run> &kept = m_finished[profile];
    for (const Run &run : runs) {
        if (contains(kept, run.runId))
            continue;
        // The first list holds what ended before the app looked: no news.
        if (!firstList && failed(run))
            ++m_unseenFailures;
        kept.append(run);
    }
    std::stable_sort(kept.begin(), kept.end(), [](const Run &a, const Run &b) { return lastMoved(a) > lastMoved(b); });
    kept = kept.first(std::min(int(kept.size()), finishedShown));
    Q_EMIT changed();
}

void TrayState::addFinished(const QString &profile, const Run &run)
{
    // Known lists only: a profile's first list decides what is news.
    if (!m_finished.contains(profile))
        m_finished.insert(profile, {});
    setRecentlyFinished(profile, {run});
}

void TrayState::setLaunchItems(const QString &group, const QString &title, const QString &profile,
                               const QList<LaunchItem> &items)
{
    if (!m_launchGroups.contains(group))
        m_launchGroups.append(group);
    m_launchItems.insert(group, {title, profile, items});
    Q_EMIT changed();
}

void TrayState::acknowledge()
{
    if (m_unseenFailures == 0)
        return;
    m_unseenFailures = 0;
    Q_EMIT changed();
}

TrayState::State TrayState::state() const
{
    if (m_unseenFailures > 0)
        return State::Failure;
    return activeRuns().isEmpty() ? State::Idle : State::Active;
}

QList<TrayState::Entry> TrayState::activeRuns() const
{
    QList<Entry> entries;
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        for (const Run &run : it.value())
            entries.append({it.key(), run});
    }
    sortNewestFirst(entries);
    return entries;
}

QList<TrayState::Entry> TrayState::finishedRuns() const
{
    QList<Entry> entries;
    for (auto it = m_finished.cbegin(); it != m_finished.cend(); ++it) {
        for (const Run &run : it.value())
            entries.append({it.key(), run});
    }
    sortNewestFirst(entries);
    return entries.first(std::min(int(entries.size()), finishedShown));
}

bool TrayState::manyProfiles() const
{
    QStringList profiles;
    for (const Entry &entry : activeRuns() + finishedRuns()) {
        if (!profiles.contains(entry.profile))
            profiles.append(entry.profile);
    }
    return profiles.size() > 1;
}

QString TrayState::runText(const Entry &entry) const
{
    const QString name = entry.run.alias.isEmpty() ? entry.run.runId : entry.run.alias;
    const QString state = runStateText(runState(entry.run));
    return manyProfiles() ? tr("%1: %2 (%3)").arg(name, state, entry.profile) : tr("%1: %2").arg(name, state);
}

QString TrayState::toolTip() const
{
    QStringList lines{tr("Flotilla")};
    const QList<Entry> active = activeRuns();
    int running = 0;
    for (const Entry &entry : active)
        running += entry.run.status == RunStatus::Running ? 1 : 0;
    if (active.isEmpty())
        lines.append(tr("No active runs"));
    else
        lines.append(tr("%n active run(s), %1 running", nullptr, int(active.size())).arg(running));
    if (m_unseenFailures > 0)
        lines.append(tr("%n run(s) failed since you last looked", nullptr, m_unseenFailures));
    return lines.join(u'\n');
}

QList<TrayState::MenuItem> TrayState::menuItems() const
{
    using Kind = MenuItem::Kind;
    const auto runItem = [this](Kind kind, const Entry &entry) {
        MenuItem run = item(kind, runText(entry));
        run.icon = runStateIcon(runState(entry.run));
        run.profile = entry.profile;
        run.run = entry.run;
        return run;
    };
    QList<MenuItem> items;
    const QList<Entry> active = activeRuns();
    items.append(item(Kind::Header,
                      active.isEmpty() ? tr("No active runs") : tr("%n active run(s)", nullptr, int(active.size()))));
    for (const Entry &entry : active.first(std::min(int(active.size()), activeShown)))
        items.append(runItem(Kind::ActiveRun, entry));
    if (active.size() > activeShown)
        items.append(item(Kind::More, tr("and %n more…", nullptr, int(active.size()) - activeShown)));

    const QList<Entry> finished = finishedRuns();
    if (!finished.isEmpty()) {
        items.append(item(Kind::Separator));
        items.append(item(Kind::Header, tr("Recently finished")));
        for (const Entry &entry : finished)
            items.append(runItem(Kind::FinishedRun, entry));
    }

    items.append(item(Kind::Separator));
    MenuItem launch = item(Kind::Submenu, tr("&Launch"));
    launch.icon = actionIcon(ActionIcon::Launch);
    for (const QString &group : m_launchGroups) {
        const LaunchGroup launchGroup = m_launchItems.value(group);
        if (launchGroup.items.isEmpty())
            continue;
        if (!launch.items.isEmpty())
            launch.items.append(item(Kind::Separator));
        launch.items.append(item(Kind::Header, launchGroup.title));
        for (const LaunchItem &launchItem : launchGroup.items) {
            MenuItem entry = item(Kind::Launch, launchItem.label.isEmpty() ? launchItem.id : launchItem.label);
            entry.profile = launchGroup.profile;
            entry.launch = launchItem;
            launch.items.append(entry);
        }
    }
    items.append(launch);
    items.append(item(Kind::Separator));
    items.append(item(Kind::ShowWindow, tr("&Show Window")));
    items.append(item(Kind::Quit, tr("&Quit")));
    return items;
}

} // namespace Flotilla
