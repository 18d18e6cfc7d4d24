#pragma once

#include <wire/run.h>

#include <QString>

#include <optional>

namespace Flotilla {

// One answer of GET /{run_id}/logs. `lastSeen` is absent when the server sent
// no `last_seen` key (seed-era servers, for runs that have not started).
struct LogChunk
{
    QString log;
    std::optional<QString> lastSeen;

    // The text as whole lines: CloudWatch chunks (tokens "f/…", "b/…") are
    // events joined with "\n" and lack the final newline, so they get one.
    QString lines() const
    {
        const QString token = lastSeen.value_or(QString());
        const bool cloudWatch = token.startsWith(u"f/") || token.startsWith(u"b/");
        return cloudWatch && !log.isEmpty() && !log.endsWith(u'\n') ? log + u'\n' : log;
    }
};

// One raw chunk of our control plane's log route: the bytes as the run
// wrote them, the next token and a note about the file, if any.
struct RawLogChunk
{
    QByteArray bytes;
    QString lastSeen;
    // A backwards read's chunk: where it begins, the `before` of the chunk above.
    QString start;
    // How many bytes of the log lie above `start`; -1 when the server does not say.
    qint64 startOffset = -1;
    QString note;
    bool complete = false; // the run is STOPPED and its log read to the end
};

// The answer of a terminate: upstream says only {"terminated":true}; our
// control plane also sends the run.
struct Termination
{
    bool terminated = false;
    std::optional<Run> run;
};

} // namespace Flotilla
