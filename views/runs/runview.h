#pragma once

#include <wire/run.h>

#include <QHash>
#include <QWidget>

class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeWidget;

namespace Flotilla {

class FlotillaClient;
class LogPane;
class PodEventModel;
class ResourceBar;
class RunWatcher;

// One run: its state, exit code and reason, and a ticking duration up top; a
// sidebar with copyable ids, image, command, env, cluster, placement (where
// the server says), times and resources (requested, limit and peak used,
// with advice after an OOM kill); Stop while it is active, Retry once it
// stopped, Compare with Previous Run; and tabs with its live log and its live events.
class RunView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunView)

public:
    RunView(FlotillaClient *client, const Run &run, QWidget *parent = nullptr);

    const Run &run() const { return m_run; }
    LogPane *logPane() const { return m_log; }
    PodEventModel *events() const { return m_events; }
    // Offers Watch (while the run is active) and shows whether it is watched.
    void setWatched(bool watched);
    bool isWatched() const;

Q_SIGNALS:
    void stopRequested(const Flotilla::Run &run);
    void retryRequested(const Flotilla::Run &run);
    // The Watch button was toggled.
    void watchToggled(bool watched);
    void copyLinkRequested(const Flotilla::Run &run);
    // Compare with the previous run of the same definition or template.
    void compareWithPreviousRequested(const Flotilla::Run &run);

private:
    void display(const Run &run);
    void tick();
    // A label and its field (a widget, or else a layout); the label sits on
    // the field's first line (AlignTop) or beside a one-line field (AlignVCenter).
    QLabel *addRow(QGridLayout *grid, const QString &label, QWidget *field, QLayout *fieldLayout = nullptr,
                   Qt::Alignment labelAlignment = Qt::AlignTop);
    void showRow(QWidget *field, bool shown);
    QLabel *addField(const QString &label, const QString &accessibleName);
    QLineEdit *addIdField(const QString &label, const QString &accessibleName, const QString &copyName);
    QGroupBox *createResources();
    void showResources(const Run &run);
    void showEvents(const Run &run);

    Run m_run;
    RunWatcher *m_watcher;
    QLabel *m_state;
    QLabel *m_exit;
    QLabel *m_duration;
    QPushButton *m_stop;
    QPushButton *m_retry;
    QPushButton *m_watch;
    bool m_watchOffered = false;
    QPushButton *m_copyLink;
    QPushButton *m_comparePrevious;
    QWidget *m_sidebar;
    QGridLayout *m_fields;                               // a grid, not a form: see addRow()
    QHash<const QWidget *, QList<QWidget *>> m_rowParts; // field -> its label (and copy button)
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
    QLabel *m_engine;
    QLabel *m_nodeLifecycle;
    QLabel *m_instance;
    QLineEdit *m_podName;
    QLabel *m_attempts;
    QLabel *m_gpu;
    ResourceBar *m_memoryBar = nullptr;
    QLabel *m_memoryText = nullptr;
    ResourceBar *m_cpuBar = nullptr;
    QLabel *m_cpuText = nullptr;
    QLabel *m_oom = nullptr;
    QLabel *m_payload;
    QTreeWidget *m_env;
    QTabWidget *m_tabs;
    LogPane *m_log;
    PodEventModel *m_events;
    QTableView *m_eventView;
    QTimer *m_ticker;
};

} // namespace Flotilla
