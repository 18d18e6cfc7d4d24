#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Flotilla {

namespace Ui {
class LogPane;
}

class ApiError;
class FlotillaClient;
class LogFilterModel;
class LogIngester;
class LogModel;
class LogSaveJob;
class RawLogChunkJob;
class LogSearch;
class LogTailer;
class LogView;

// The log of one run, as the run view shows it: the log followed live from
// the server (a LogTailer) into a LogModel over a spill file, shown by a LogView with follow
// and "N new lines", a search mode (highlight, Enter/Shift+Enter for
// next/previous, Esc, match count) and a filter mode (plain or regular
// expression, case, invert, context lines), wrap, copy, and saving the whole
// log as the server holds it. Once the run has stopped and its log is read,
// the pane ends with the run's exit status.
//
// Against our control plane (it serves byte ranges) the pane opens at the
// end: it reads the last tailBytes of the log, follows on from there, and
// reads the part above in chunks of earlierChunkBytes, one request at a
// time, backwards in the background until the log's start (then line numbers
// are exact: isStartReached(), startReached()). A failed request is asked
// again with a growing pause; the tokens move only on answers, so a server
// that restarts costs no line and repeats none. Other servers' logs are read
// from the start, as they come.
class LogPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPane)

public:
    enum class Mode { Search, Filter };

    // Starts following the log of `runId` at once.
    LogPane(FlotillaClient *client, const QString &runId, QWidget *parent = nullptr);
    ~LogPane() override;

    QString runId() const { return m_runId; }
    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    LogSearch *search() const { return m_search; }
    LogView *view() const;
    LogTailer *tailer() const { return m_tailer; }
    LogIngester *ingester() const { return m_ingester; }
    // Whether the log was read to its end and the exit status is shown.
    bool isFinished() const { return m_finished; }
    // Whether the log's first line is in the model (so all of it above the end).
    bool isStartReached() const;
    // The sizes of the chunks read at the end and above it; before the event
    // loop runs after construction (tests make them small).
    void setChunkBytes(qint64 tailBytes, qint64 earlierChunkBytes);
    static constexpr qint64 defaultTailBytes = 64 * 1024;
    static constexpr qint64 defaultEarlierChunkBytes = 1024 * 1024; // the largest our server reads backwards
    QString statusText() const;

    // What the bar's controls set, for callers and tests.
    void setMode(Mode mode);
    void setPattern(const QString &text, bool regex = false, bool caseSensitive = false);
    void setFilterOptions(bool inverted, int contextLines);
    void setWrapping(bool wrapping);
    QString matchText() const;
    void findNext();
    void findPrevious();

    // Reads the whole log from the server (not only what is in memory) page
    // by page into `path` (a LogSaveJob); then saved() or saveFailed(). A
    // new save cancels one still running.
    void saveTo(const QString &path);

Q_SIGNALS:
    void finished();     // log read to the end, exit status shown
    void startReached(); // the earlier part of the log is all read
    void saved(const QString &path);
    void saveFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyPattern();
    void updateMatchText();
    void updateModeControls();
    void onTailerFinished();
    void onTailerError(const ApiError &error);
    void showEndOfLog();
    void updateEndStatus();
    void readEnd();
    // Starts `job`, its answer going to `onAnswer`.
    void startChunkJob(RawLogChunkJob *job, void (LogPane::*onAnswer)(RawLogChunkJob *));
    void onEndAnswer(RawLogChunkJob *job);
    void readEarlier();
    void onEarlierAnswer(RawLogChunkJob *job);
    void markStartReached();
    // A range read was answered: the pause before a retry starts small again.
    void answered();
    // After a failed range read: `retry` again after a growing pause, unless
    // the error will not go away.
    void retryLater(const ApiError &error, const QString &what, void (LogPane::*retry)());
    // The spill file cannot be created or written: says where and why.
    void showProblem(const QString &message);
    void askWhereToSave();
    void setStatus(const QString &text);

    std::unique_ptr<Ui::LogPane> m_ui;
    QPointer<FlotillaClient> m_client;
    QString m_runId;
    LogModel *m_model;
    LogFilterModel *m_filter;
    LogSearch *m_search;
    LogIngester *m_ingester;
    LogTailer *m_tailer;
    QPointer<LogSaveJob> m_saveJob;
    QTimer m_patternTimer; // debounces typing
    QTimer m_retryTimer;   // a failed range read, asked again
    int m_retryMs = 0;
    qint64 m_tailBytes = defaultTailBytes;
    qint64 m_earlierChunkBytes = defaultEarlierChunkBytes;
    QString m_earlierToken;        // `before` of the next chunk above
    QString m_exitStatus;          // once finished
    bool m_readsFromStart = false; // not our server: no byte ranges
    bool m_tailDone = false;
    bool m_finished = false;
};

} // namespace Flotilla
