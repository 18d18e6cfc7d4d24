#pragma once

#include <client/apijob.h>

#include <QSignalSpy>

namespace Flotilla::Testing {

// Starts the job and waits for its finished(); the job stays alive (a child
// of its client) so the test can read it.
template <typename Job>
Job *await(Job *job, int timeoutMs = 20000)
{
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    job->start();
    if (finished.isEmpty())
        finished.wait(timeoutMs);
    return job;
}

} // namespace Flotilla::Testing
