#pragma once

#include "apijob.h"
#include "results.h"

namespace Flotilla {

// GET /{run_id}/logs with Accept: application/octet-stream, our control
// plane's extension: the chunk's bytes as the body (no JSON to unescape) and
// its token and note in X-Flotilla-* headers; for the backwards reads
// (FlotillaClient::rawLogTail and rawLogBefore) also the chunk's start.
class RawLogChunkJob final : public ApiJob
{
    Q_OBJECT

public:
    RawLogChunkJob(FlotillaClient *client, ApiRequest request);

    const RawLogChunk &result() const { return m_result; }

protected:
    void handleAnswer(int status, const QByteArray &body, const QByteArray &contentType) override;
    QString parse(const QByteArray &body, QStringList *warnings) override;

private:
    RawLogChunk m_result;
};

} // namespace Flotilla
