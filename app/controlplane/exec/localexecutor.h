#pragma once

#include "detachedexecutor.h"

namespace Flotilla {

// The `local` cluster: `/bin/sh -c <command>` in a per-run working directory;
// the image is recorded, not used.
class LocalExecutor final : public DetachedExecutor
{
    Q_OBJECT
public:
    using DetachedExecutor::DetachedExecutor;

    QString cluster() const override;
    bool enforcesLimits() const override { return false; }
    void findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found) override;

protected:
    QStringList commandLine(const Run &run, const EnvList &env, const QString &controlDir) const override;
    std::optional<RunInstance> placedInstance(const QString &runId) const override;
    void stop(const QString &runId, int graceMs) override;
};

} // namespace Flotilla
