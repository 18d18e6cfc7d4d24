#pragma once

#include "runpoller.h"

#include <wire/run.h>

namespace Flotilla {

// Follows one run's record until it is STOPPED: reads it at once, then every
// interval() (default 5 s, the official UI's pace). updated() comes with the
// first answer and whenever the status moves forward; an answer with an
// older status than one already seen (a lagging replica) is ignored, since
// a status never moves backwards. finished() comes once, with the STOPPED
// run, and the watcher stops.
//
// Errors: transient ones (no connection, 502/503/504, timeouts) are reported
// with errorOccurred() and polling goes on; others (404: no such run) are
// reported and end the watching (isActive() false, no finished()).
class RunWatcher final : public RunPoller
{
    Q_OBJECT

public:
    RunWatcher(FlotillaClient *client, QString runId, QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_intervalMs = milliseconds; }
    int interval() const { return m_intervalMs; }
    const Run &run() const { return m_run; } // the latest record; empty before the first answer

Q_SIGNALS:
    void updated(const Flotilla::Run &run);
    void finished(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void poll() override;
    void onAnswer(ApiJob *job);

    int m_intervalMs = 5000;
    Run m_run;
    bool m_hasRun = false;
};

} // namespace Flotilla
