#include "logdiffjob.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimer>

namespace Flotilla {

LogDiffJob::LogDiffJob(QString leftText, QString rightText, const QString &maskPattern, QObject *parent)
    : QObject(parent)
    , m_leftText(std::move(leftText))
    , m_rightText(std::move(rightText))
    , m_mask(maskPattern)
{
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, &LogDiffJob::progressed);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LogDiffJob::finish);
}

LogDiffJob::~LogDiffJob()
{
    // The worker holds its own copies; it sees the cancel and ends by itself.
    m_watcher.disconnect(this);
    m_watcher.cancel();
}

void LogDiffJob::start()
{
    Q_ASSERT(!m_started);
    m_started = true;
    if (!m_mask.isValid()) {
        m_error = m_mask.errorString();
        QTimer::singleShot(0, this, &LogDiffJob::finish);
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([left = std::exchange(m_leftText, {}), right = std::exchange(m_rightText, {}),
                                           pattern = m_mask.pattern()](QPromise<Output> &promise) {
        promise.setProgressRange(0, 1000);
        const LineMask mask(pattern); // its own: nothing shared with the UI thread
        Output output{LineDiff::splitLines(left), LineDiff::splitLines(right), {}};
        std::optional<LineDiffResult> result = LineDiff::compare(
            output.left, output.right, mask, [&promise] { return promise.isCanceled(); },
            [&promise](int permille) { promise.setProgressValue(permille); });
        if (!result)
            return;
        output.result = std::move(*result);
        promise.addResult(std::move(output));
    }));
}

void LogDiffJob::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (!m_started)
        QTimer::singleShot(0, this, &LogDiffJob::finish);
    else
        m_watcher.cancel();
}

void LogDiffJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_cancelled && m_error.isEmpty()) {
        if (m_watcher.future().resultCount() > 0)
            m_output = m_watcher.future().takeResult();
        else
            m_cancelled = true;
    }
    Q_EMIT finished();
}

} // namespace Flotilla
