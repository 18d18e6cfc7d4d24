#pragma once

#include "apierror.h"

#include <wire/run.h>

#include <QObject>
#include <QPointer>

#include <optional>

namespace Flotilla {

class ApiJob;
class FlotillaClient;

// Finds the run to compare a run with: the newest run of the same definition
// (or template) that started before it. Asks for that definition's runs,
// newest start first, a page at a time, until one qualifies or the list
// ends. Like the API jobs: start() once, one finished(), then it deletes itself.
class PreviousRunJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviousRunJob)

public:
    static constexpr int pageSize = 50;

    PreviousRunJob(FlotillaClient *client, Run run, QObject *parent = nullptr);

    void start();
    void abort(); // finished() follows with a Cancelled error

    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    const Run &run() const { return m_run; }
    // After success: the previous run, or nothing when there is none.
    const std::optional<Run> &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void requestPage();
    void onPage(ApiJob *job);
    void finish(const ApiError &error = {});

    QPointer<FlotillaClient> m_client;
    Run m_run;
    QDateTime m_before; // when the run started (or was queued)
    QPointer<ApiJob> m_job;
    int m_offset = 0;
    std::optional<Run> m_result;
    ApiError m_error;
    bool m_finished = false;
};

} // namespace Flotilla
