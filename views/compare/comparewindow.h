#pragma once

#include <wire/run.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace Flotilla {

class ApiError;
class EnvComparisonModel;
class FlotillaClient;
class LogDiffJob;
class LogDiffModel;
class LogTailer;
class RunComparisonModel;

// Two runs side by side: their fields (image, cluster, owner, resources,
// exit, duration) and env with the differences tinted, and tabs with the
// two logs aligned by a line diff, the command and, for template runs, the
// payload. Both whole logs are read through the client, then compared on a
// worker thread (LogDiffJob) with a progress bar and Cancel; the mask, a
// regular expression prefilled with LineMask's default, says what to ignore
// in a line. Once compared it jumps to the first difference; the buttons
// (F3, Shift+F3) move to the next and previous ones.
class CompareWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareWindow)

public:
    CompareWindow(FlotillaClient *client, const Run &left, const Run &right, QWidget *parent = nullptr);
    ~CompareWindow() override;

    const Run &leftRun() const { return m_left; }
    const Run &rightRun() const { return m_right; }
    RunComparisonModel *fields() const { return m_fields; }
    EnvComparisonModel *env() const { return m_env; }
    LogDiffModel *logDiff() const { return m_logDiff; }
    LogDiffModel *commandDiff() const { return m_commandDiff; }
    QLineEdit *maskField() const { return m_mask; }
    QTableView *logView() const { return m_logView; }
    // The counts of the log diff, or why there is none ("The mask is not…").
    QString logStatus() const;
    bool isBusy() const; // reading or comparing the logs

    // Compares the logs (once both are read) with the mask in the field.
    void compareLogs();
    void cancel();
    void jumpToFirstDifference();
    void jumpToNextDifference();
    void jumpToPreviousDifference();

Q_SIGNALS:
    // A log comparison ended: compared, cancelled or failed (see logStatus()).
    void logsCompared();

private:
    QWidget *createHeader();
    QWidget *createLogTab();
    QTableView *createDiffView(LogDiffModel *model, const char *accessibleName);
    void readLog(LogTailer *tailer, QString *text);
    void onLogRead();
    void onLogError(LogTailer *tailer, const ApiError &error);
    void onDiffFinished();
    void showBusy(bool busy, const QString &what);
    void showCounts();
    void jumpTo(int row);
    void updateButtons();

    Run m_left;
    Run m_right;
    RunComparisonModel *m_fields;
    EnvComparisonModel *m_env;
    LogDiffModel *m_logDiff;
    LogDiffModel *m_commandDiff;
    LogDiffModel *m_payloadDiff = nullptr;
    LogTailer *m_leftTailer;
    LogTailer *m_rightTailer;
    QString m_leftLog;
    QString m_rightLog;
    int m_logsRead = 0;
    QPointer<LogDiffJob> m_job;
    QTabWidget *m_tabs;
    QLabel *m_envCounts;
    QLineEdit *m_mask;
    QPushButton *m_compare;
    QPushButton *m_first;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_counts;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QTableView *m_logView;
};

} // namespace Flotilla
