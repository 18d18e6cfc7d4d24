#pragma once

#include "router.h"

#include <wire/run.h>

namespace Flotilla {

class LogStore;
class Store;

// A run's log (contract §7): /{run_id}/logs, in chunks or as raw text.
// Our extensions: `wait=SECONDS` holds a request that finds nothing new
// while the run goes on, until bytes arrive in the log file, the run ends
// or the wait is over; `Accept: application/octet-stream` answers a chunk
// as its bytes, the next token in X-Flotilla-Last-Seen (and
// X-Flotilla-Log-Complete once a STOPPED run's log is read to its end).
class LogController final
{
    Q_DISABLE_COPY_MOVE(LogController)
public:
    LogController(Store &store, LogStore &logs);
    void addRoutes(Router &router);

private:
    HttpResponse logs(const HttpRequest &request, const Router::Args &args);
    // The run, or nullopt with `error` the answer saying why not.
    std::optional<Run> findRun(const QString &runId, HttpResponse *error) const;
    // The chunk after `token`; nullopt when it brings nothing and the run
    // goes on, unless `evenIfNothingNew`.
    std::optional<HttpResponse> chunkAnswer(const Run &run, const QByteArray &token, bool rawBytes,
                                            bool evenIfNothingNew) const;

    Store &m_store;
    LogStore &m_logs;
};

} // namespace Flotilla
