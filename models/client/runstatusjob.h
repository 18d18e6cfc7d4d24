#pragma once

#include "apijob.h"

#include <wire/run.h>

namespace Flotilla {

// The answer of GET /api/v6/{run_id}/status. After a 304 `unchanged` is true
// and `summary` is empty: the run is as it was when `etag` was sent.
struct RunStatusAnswer
{
    bool unchanged = false;
    QString etag; // the server's, to send as If-None-Match next time; empty if it sent none
    RunStatusSummary summary;
};

// Asks for a run's status with If-None-Match, so an unchanged run costs a
// bodiless 304 (upstream's `"<STATUS>-<exit code>"` ETags; our control
// plane's). A 304 is a success here, not an error.
class RunStatusJob final : public ApiJob
{
    Q_OBJECT

public:
    using Parser = std::function<RunStatusSummary(const QByteArray &body, QString *problem, QStringList *warnings)>;

    RunStatusJob(FlotillaClient *client, ApiRequest request, QString etag, Parser parser);

    const RunStatusAnswer &result() const { return m_result; }

protected:
    void handleAnswer(int status, const QByteArray &body, const QByteArray &contentType) override;
    QString parse(const QByteArray &body, QStringList *warnings) override;

private:
    Parser m_parser;
    QString m_sentEtag;
    RunStatusAnswer m_result;
};

} // namespace Flotilla
