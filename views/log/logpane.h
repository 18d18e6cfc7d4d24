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
class LogSearch;
class LogTailer;
class LogView;

// The log of one run, as the run view shows it: the log followed live from
// the server (a LogTailer) into a LogModel, shown by a LogView with follow
// and "N new lines", a search mode (highlight, Enter/Shift+Enter for
// next/previous, Esc, match count) and a filter mode (plain or regular
// expression, case, invert, context lines), wrap, copy, and saving the whole
// log as the server holds it. Once the run has stopped and its log is read,
// the pane ends with the run's exit status.
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
    void finished(); // log read to the end, exit status shown
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
    void onLinesDropped(qint64 count);
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
    bool m_tailDone = false;
    bool m_finished = false;
};

} // namespace Flotilla
