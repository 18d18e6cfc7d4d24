#pragma once

#include "linediff.h"

#include <QFutureWatcher>
#include <QObject>

namespace Flotilla {

// Compares two logs on a worker thread (Qt's global thread pool), so two
// 100,000-line logs never hold up the UI. Like the API jobs: start() once,
// progressed() meanwhile, then one finished(): with the result, with an
// error (an invalid mask, said at once), or cancelled after cancel(). It
// does not delete itself. Deleting it cancels the work, which then ends on
// its own.
class LogDiffJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDiffJob)

public:
    LogDiffJob(QString leftText, QString rightText, const QString &maskPattern, QObject *parent = nullptr);
    ~LogDiffJob() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    bool succeeded() const { return m_finished && !m_cancelled && m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // After success: the lines of each side and how they align.
    const QStringList &leftLines() const { return m_output.left; }
    const QStringList &rightLines() const { return m_output.right; }
    const LineDiffResult &result() const { return m_output.result; }

Q_SIGNALS:
    void progressed(int permille);
    void finished();

private:
    struct Output
    {
        QStringList left;
        QStringList right;
        LineDiffResult result;
    };

    void finish();

    QString m_leftText;
    QString m_rightText;
    LineMask m_mask;
    QFutureWatcher<Output> m_watcher;
    Output m_output;
    QString m_error;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace Flotilla
