#pragma once

#include <wire/run.h>

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace Flotilla {

class FlotillaClient;
class LogPane;
class RunWatcher;

// One run: its state, exit code and reason, and a ticking duration up top; a
// sidebar with copyable ids, image, command, env, cluster and times; Stop
// while it is active, Retry once it stopped; and its live log.
class RunView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunView)

public:
    RunView(FlotillaClient *client, const Run &run, QWidget *parent = nullptr);

    const Run &run() const { return m_run; }
    LogPane *logPane() const { return m_log; }

Q_SIGNALS:
    void stopRequested(const Flotilla::Run &run);
    void retryRequested(const Flotilla::Run &run);

private:
    void display(const Run &run);
    void tick();
    QLabel *addField(const QString &label, const QString &accessibleName);
    QLineEdit *addIdField(const QString &label, const QString &accessibleName, const QString &copyName);

    Run m_run;
    RunWatcher *m_watcher;
    QLabel *m_state;
    QLabel *m_exit;
    QLabel *m_duration;
    QPushButton *m_stop;
    QPushButton *m_retry;
    QWidget *m_sidebar;
    QFormLayout *m_fields;
    QLineEdit *m_runId;
    QLineEdit *m_definitionId;
    QLabel *m_alias;
    QLabel *m_image;
    QLabel *m_command;
    QLabel *m_cluster;
    QLabel *m_user;
    QLabel *m_queued;
    QLabel *m_started;
    QLabel *m_finished;
    QLabel *m_memory;
    QLabel *m_payload;
    QTreeWidget *m_env;
    LogPane *m_log;
    QTimer *m_ticker;
};

} // namespace Flotilla
