#pragma once

#include "router.h"

#include <store/store.h>

class QUrlQuery;

namespace Flotilla {

class LogStore;

// A run's log (contract §7): /{run_id}/logs, in chunks or as raw text.
// Our extensions: `wait=SECONDS` holds a request that finds nothing new
// while the run goes on, until bytes arrive in the log file, the run ends
// or the wait is over (one that finds less than gatherBytes of a running
// log waits up to gatherMs for more: a client following a fast writer asks
// a tenth as often); `Accept: application/octet-stream` answers a chunk
// as its bytes, the next token in X-Flotilla-Last-Seen (and
// X-Flotilla-Log-Complete once a STOPPED run's log is read to its end);
// `tail_bytes=N` reads the log's last N bytes and `before=TOKEN` (with
// `max_bytes=N`) the chunk that ends where TOKEN's begins, each from a line
// start, with the chunk's own start token in `start` (X-Flotilla-Log-Start).
class LogController final
{
    Q_DISABLE_COPY_MOVE(LogController)
public:
    static constexpr qsizetype gatherBytes = 256 * 1024;
    static constexpr int gatherMs = 2;

    LogController(Store &store, LogStore &logs);
    void addRoutes(Router &router);

private:
    HttpResponse logs(const HttpRequest &request, const Router::Args &args);
    // The run's status, or nullopt with `error` the answer saying why not.
    std::optional<Store::RunProgress> findRun(const QString &runId, HttpResponse *error) const;
    // A backward read: `tail_bytes` or `before`.
    HttpResponse rangeAnswer(const QString &runId, Store::RunProgress run, const QUrlQuery &query, bool rawBytes) const;
    // The chunk after `token`; nullopt when it brings nothing and the run
    // goes on, unless `evenIfNothingNew`.
    std::optional<HttpResponse> chunkAnswer(const QString &runId, Store::RunProgress run, const QByteArray &token,
                                            bool rawBytes, bool evenIfNothingNew) const;

    Store &m_store;
    LogStore &m_logs;
};

} // namespace Flotilla
