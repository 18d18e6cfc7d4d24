#include "watchlist.h"

#include "settings.h"

namespace Flotilla {

WatchList::WatchList(QObject *parent)
    : QObject(parent)
{
    const Settings settings;
    for (const QString &profile : settings.watchedProfiles()) {
        m_runs.insert(profile, settings.watchedRuns(profile));
        m_definitions.insert(profile, settings.watchedDefinitions(profile));
    }
}

bool WatchList::isRunWatched(const QString &profile, const QString &runId) const
{
    return m_runs.value(profile).contains(runId);
}

bool WatchList::isDefinitionWatched(const QString &profile, const QString &definitionId) const
{
    return m_definitions.value(profile).contains(definitionId);
}

QStringList WatchList::profiles() const
{
    QStringList names;
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it) {
        if (!it.value().isEmpty())
            names.append(it.key());
    }
    for (auto it = m_definitions.cbegin(); it != m_definitions.cend(); ++it) {
        if (!it.value().isEmpty() && !names.contains(it.key()))
            names.append(it.key());
    }
    names.sort();
    return names;
}

void WatchList::watchRun(const QString &profile, const QString &runId)
{
    watchRuns(profile, {runId});
}

void WatchList::watchRuns(const QString &profile, const QStringList &runIds)
{
    QStringList &runs = m_runs[profile];
    const qsizetype before = runs.size();
    for (const QString &runId : runIds) {
        if (!runId.isEmpty() && !runs.contains(runId))
            runs.append(runId);
    }
    if (runs.size() != before)
        storeRuns(profile);
}

void WatchList::unwatchRun(const QString &profile, const QString &runId)
{
    if (m_runs[profile].removeAll(runId) > 0)
        storeRuns(profile);
}

void WatchList::setRunWatched(const QString &profile, const QString &runId, bool watched)
{
    if (watched)
        watchRun(profile, runId);
    else
        unwatchRun(profile, runId);
}

void WatchList::watchDefinition(const QString &profile, const QString &definitionId)
{
    QStringList &definitions = m_definitions[profile];
    if (definitionId.isEmpty() || definitions.contains(definitionId))
        return;
    definitions.append(definitionId);
    storeDefinitions(profile);
}

void WatchList::unwatchDefinition(const QString &profile, const QString &definitionId)
{
    if (m_definitions[profile].removeAll(definitionId) > 0)
        storeDefinitions(profile);
}

void WatchList::setDefinitionWatched(const QString &profile, const QString &definitionId, bool watched)
{
    if (watched)
        watchDefinition(profile, definitionId);
    else
        unwatchDefinition(profile, definitionId);
}

void WatchList::storeRuns(const QString &profile)
{
    Settings settings;
    settings.setWatchedRuns(profile, m_runs.value(profile));
    settings.sync();
    Q_EMIT runsChanged(profile);
}

void WatchList::storeDefinitions(const QString &profile)
{
    Settings settings;
    settings.setWatchedDefinitions(profile, m_definitions.value(profile));
    settings.sync();
    Q_EMIT definitionsChanged(profile);
}

} // namespace Flotilla
