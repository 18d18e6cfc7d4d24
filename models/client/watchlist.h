#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

namespace Flotilla {

// What the user watches, per server profile: single runs (until they end)
// and definitions (every run of them). Kept in the settings file, so watches
// survive a restart; every change is written at once.
class WatchList final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchList)

public:
    explicit WatchList(QObject *parent = nullptr); // reads the user's settings

    QStringList watchedRuns(const QString &profile) const { return m_runs.value(profile); }
    QStringList watchedDefinitions(const QString &profile) const { return m_definitions.value(profile); }
    bool isRunWatched(const QString &profile, const QString &runId) const;
    bool isDefinitionWatched(const QString &profile, const QString &definitionId) const;
    // The profiles with anything watched.
    QStringList profiles() const;

public Q_SLOTS:
    void watchRun(const QString &profile, const QString &runId);
    // Many at once (the runs table's bulk Watch): one write, one signal.
    void watchRuns(const QString &profile, const QStringList &runIds);
    void unwatchRun(const QString &profile, const QString &runId);
    void setRunWatched(const QString &profile, const QString &runId, bool watched);
    void watchDefinition(const QString &profile, const QString &definitionId);
    void unwatchDefinition(const QString &profile, const QString &definitionId);
    void setDefinitionWatched(const QString &profile, const QString &definitionId, bool watched);

Q_SIGNALS:
    void runsChanged(const QString &profile);
    void definitionsChanged(const QString &profile);

private:
    void storeRuns(const QString &profile);
    void storeDefinitions(const QString &profile);

    QHash<QString, QStringList> m_runs;        // by profile
    QHash<QString, QStringList> m_definitions; // by profile
};

} // namespace Flotilla
