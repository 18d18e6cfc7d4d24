#include "runview.h"

#include "detailspane.h"
#include "runstate.h"
#include <log/logpane.h>

#include <client/flotillaclient.h>
#include <client/runwatcher.h>

#include <icons.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flotilla {

RunView::RunView(FlotillaClient *client, const Run &run, QWidget *parent)
    : QWidget(parent)
    , m_run(run)
    , m_watcher(new RunWatcher(client, run.runId, this))
    , m_state(new QLabel(this))
    , m_exit(new QLabel(this))
    , m_duration(new QLabel(this))
    , m_stop(new QPushButton(actionIcon(ActionIcon::Stop), tr("&Stop…"), this))
    , m_retry(new QPushButton(actionIcon(ActionIcon::Retry), tr("&Retry…"), this))
    , m_sidebar(new QWidget)
    , m_fields(new QFormLayout(m_sidebar))
    , m_log(new LogPane(client, run.runId, this))
    , m_ticker(new QTimer(this))
{
    setWindowTitle(tr("Run %1").arg(run.runId));
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_state->setFont(big);
    m_state->setAccessibleName(tr("Run state"));
    m_exit->setAccessibleName(tr("Exit code and reason"));
    m_exit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_duration->setAccessibleName(tr("Duration"));
    m_stop->setAccessibleName(tr("Stop run"));
    m_retry->setAccessibleName(tr("Retry run"));
    connect(m_stop, &QPushButton::clicked, this, [this] { Q_EMIT stopRequested(m_run); });
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_run); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_state);
    header->addSpacing(16);
    header->addWidget(m_exit, 1);
    header->addWidget(m_duration);
    header->addSpacing(16);
    header->addWidget(m_stop);
    header->addWidget(m_retry);

    m_runId = addIdField(tr("Run ID:"), tr("Run ID"), tr("Copy the run ID"));
    m_definitionId = addIdField(tr("Definition ID:"), tr("Definition ID"), tr("Copy the definition ID"));
    m_alias = addField(tr("Alias:"), tr("Alias"));
    m_image = addField(tr("Image:"), tr("Image"));
    m_command = addField(tr("Command:"), tr("Command"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_cluster = addField(tr("Cluster:"), tr("Cluster"));
    m_user = addField(tr("Owner:"), tr("Owner"));
    m_memory = addField(tr("Memory (MB):"), tr("Memory"));
    m_queued = addField(tr("Queued:"), tr("Queued at"));
    m_started = addField(tr("Started:"), tr("Started at"));
    m_finished = addField(tr("Finished:"), tr("Finished at"));
    // A template run's parameters: what its command was rendered with.
    m_payload = addField(tr("Payload:"), tr("Template payload"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_env = createEnvView(m_sidebar);
    m_fields->addRow(new QLabel(tr("Environment:"), m_sidebar));
    m_fields->addRow(m_env);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_sidebar);
    scroll->setWidgetResizable(true);
    scroll->setAccessibleName(tr("Run details"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("runViewSplitter"));
    splitter->addWidget(scroll);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({320, 900});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);

    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RunView::tick);
    connect(m_watcher, &RunWatcher::updated, this, &RunView::display);
    connect(m_watcher, &RunWatcher::finished, this, &RunView::display);
    // Our own server answers fast; others get upstream's cadence.
    m_watcher->setInterval(client->flavour() == ServerFlavour::ControlPlane ? 1000 : 5000);
    display(run);
    m_watcher->start();
}

QLabel *RunView::addField(const QString &label, const QString &accessibleName)
{
    auto *value = new QLabel(m_sidebar);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(accessibleName);
    m_fields->addRow(label, value);
    return value;
}

// Ids on one line that scrolls: a wrapped label would break them at the
// hyphens and still be clipped by the form's row height.
QLineEdit *RunView::addIdField(const QString &label, const QString &accessibleName, const QString &copyName)
{
    auto *value = new QLineEdit(m_sidebar);
    value->setReadOnly(true);
    value->setFrame(false);
    value->setStyleSheet(QStringLiteral("QLineEdit { background: transparent; }"));
    value->setAccessibleName(accessibleName);
    auto *row = new QHBoxLayout;
    auto *copy = new QToolButton(m_sidebar);
    copy->setIcon(actionIcon(ActionIcon::Copy));
    copy->setToolTip(tr("Copy to the clipboard"));
    copy->setAccessibleName(copyName);
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, value, [value] { QApplication::clipboard()->setText(value->text()); });
    row->addWidget(value, 1);
    row->addWidget(copy);
    m_fields->addRow(label, row);
    return value;
}

void RunView::display(const Run &run)
{
    m_run = run;
    const RunState state = runState(run);
    m_state->setText(
        QStringLiteral("<span style=\"color:%1\">%2</span>").arg(runStateColor(state).name(), runStateText(state)));
    setWindowIcon(runStateIcon(state));
    QString exit;
    if (run.exitCode)
        exit = tr("Exit code %1").arg(*run.exitCode);
    if (!run.exitReason.isEmpty())
        exit += (exit.isEmpty() ? QString() : QStringLiteral(" · ")) + run.exitReason;
    m_exit->setText(exit);
    m_stop->setVisible(run.isActive());
    m_retry->setVisible(!run.isActive());

    const auto number = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : QString(); };
    m_runId->setText(run.runId);
    m_runId->setCursorPosition(0);
    m_definitionId->setText(run.definitionId);
    m_definitionId->setCursorPosition(0);
    m_alias->setText(run.alias);
    m_image->setText(run.image);
    m_command->setText(run.command.simplified());
    m_cluster->setText(run.cluster);
    m_user->setText(run.user);
    m_memory->setText(number(run.memory));
    m_queued->setText(timeText(run.queuedAt));
    m_started->setText(timeText(run.startedAt));
    m_finished->setText(timeText(run.finishedAt));
    m_fields->setRowVisible(m_payload, run.isTemplateRun());
    m_payload->setText(run.templatePayload.is_null() ? QString() : toQString(run.templatePayload.dump(2)));
    showEnv(m_env, run.env);

    tick();
    if (run.isActive() && run.startedAt)
        m_ticker->start();
    else
        m_ticker->stop();
}

void RunView::tick()
{
    if (!m_run.startedAt) {
        m_duration->clear();
        return;
    }
    const QDateTime end = m_run.finishedAt.value_or(QDateTime::currentDateTimeUtc());
    m_duration->setText(tr("Duration %1").arg(durationText(m_run.startedAt->msecsTo(end))));
}

} // namespace Flotilla
