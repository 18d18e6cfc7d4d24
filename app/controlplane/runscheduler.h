#pragma once

#include <wire/run.h>

#include <QObject>

namespace Flotilla {

class Store;

// Decides where and when launched runs execute: it names the clusters this
// machine offers and moves runs through QUEUED → PENDING → RUNNING → STOPPED.
class RunScheduler final : public QObject
{
    Q_OBJECT
public:
    explicit RunScheduler(Store &store, QObject *parent = nullptr);

    QStringList clusters() const;
    QString defaultCluster() const { return m_defaultCluster; }
    bool setDefaultCluster(const QString &cluster, QString *error);
    QString engineOf(const QString &cluster) const;

    // Stops an active run; QUEUED and PENDING ones at once. Returns it as stored.
    std::optional<Run> terminate(Run run);

private:
    Store &m_store;
    QString m_defaultCluster;
};

} // namespace Flotilla
