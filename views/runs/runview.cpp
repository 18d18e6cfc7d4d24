#include "runview.h"

#include "detailspane.h"
#include "resourcebar.h"
#include "runstate.h"
#include <log/logpane.h>
#include <widgets/formproblems.h>
#include <widgets/tableviews.h>

#include <client/flotillaclient.h>
#include <client/runwatcher.h>
#include <lists/podeventmodel.h>

#include <icons.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
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
    , m_watch(new QPushButton(tr("&Watch"), this))
    , m_copyLink(new QPushButton(actionIcon(ActionIcon::Copy), tr("Copy &Link"), this))
    , m_comparePrevious(new QPushButton(tr("Com&pare with Previous Run"), this))
    , m_sidebar(new QWidget)
    , m_fields(new QGridLayout(m_sidebar))
    , m_tabs(new QTabWidget(this))
    , m_log(new LogPane(client, run.runId, m_tabs))
    , m_events(new PodEventModel(this))
    , m_eventView(new QTableView(m_tabs))
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
    m_copyLink->setAccessibleName(tr("Copy a link to this run"));
    m_copyLink->setToolTip(
        tr("Copy a flotilla:// link to this run (and its web UI address, where the profile has one)"));
    connect(m_stop, &QPushButton::clicked, this, [this] { Q_EMIT stopRequested(m_run); });
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_run); });
    m_watch->setCheckable(true);
    m_watch->setAccessibleName(tr("Watch run"));
    m_watch->setToolTip(tr("Notify me when this run ends"));
    m_watch->hide(); // until setWatched() says watching is offered
    connect(m_watch, &QPushButton::toggled, this, &RunView::watchToggled);
    connect(m_copyLink, &QPushButton::clicked, this, [this] { Q_EMIT copyLinkRequested(m_run); });
    m_comparePrevious->setAccessibleName(tr("Compare with the previous run"));
    m_comparePrevious->setToolTip(
        tr("Compare with the newest run of the same definition or template that started before this one"));
    connect(m_comparePrevious, &QPushButton::clicked, this, [this] { Q_EMIT compareWithPreviousRequested(m_run); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_state);
    header->addSpacing(16);
    header->addWidget(m_exit, 1);
    header->addWidget(m_duration);
    header->addSpacing(16);
    header->addWidget(m_watch);
    header->addWidget(m_stop);
    header->addWidget(m_retry);
    header->addWidget(m_copyLink);
    header->addWidget(m_comparePrevious);

    m_runId = addIdField(tr("Run ID:"), tr("Run ID"), tr("Copy the run ID"));
    m_definitionId = addIdField(tr("Definition ID:"), tr("Definition ID"), tr("Copy the definition ID"));
    m_alias = addField(tr("Alias:"), tr("Alias"));
    m_image = addField(tr("Image:"), tr("Image"));
    m_command = addField(tr("Command:"), tr("Command"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_cluster = addField(tr("Cluster:"), tr("Cluster"));
    m_user = addField(tr("Owner:"), tr("Owner"));
    // Placement: shown only where the server says (upstream's EKS runs, our engines).
    m_engine = addField(tr("Engine:"), tr("Engine"));
    m_nodeLifecycle = addField(tr("Node lifecycle:"), tr("Node lifecycle"));
    m_instance = addField(tr("Instance:"), tr("Instance"));
    m_podName = addIdField(tr("Pod:"), tr("Pod name"), tr("Copy the pod name"));
    m_podName->setObjectName(QStringLiteral("podName"));
    m_attempts = addField(tr("Attempts:"), tr("Attempt count"));
    m_gpu = addField(tr("GPUs:"), tr("GPUs"));
    m_queued = addField(tr("Queued:"), tr("Queued at"));
    m_started = addField(tr("Started:"), tr("Started at"));
    m_finished = addField(tr("Finished:"), tr("Finished at"));
    m_fields->addWidget(createResources(), m_fields->rowCount(), 0, 1, 2);
    // A template run's parameters: what its command was rendered with.
    m_payload = addField(tr("Payload:"), tr("Template payload"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_env = createEnvView(m_sidebar);
    m_fields->addWidget(new QLabel(tr("Environment:"), m_sidebar), m_fields->rowCount(), 0, 1, 2);
    m_fields->addWidget(m_env, m_fields->rowCount(), 0, 1, 2);
    m_fields->setColumnStretch(1, 1);
    m_fields->setRowStretch(m_fields->rowCount() - 1, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_sidebar);
    scroll->setWidgetResizable(true);
    scroll->setAccessibleName(tr("Run details"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("runViewSplitter"));
    setUpPlainTable(m_eventView, m_events, QT_TRANSLATE_NOOP("Flotilla::Tables", "Run events"));
    fitTimeColumns(m_eventView, {PodEventModel::Time});
    m_eventView->horizontalHeader()->resizeSection(PodEventModel::Type, 80);
    m_eventView->horizontalHeader()->resizeSection(PodEventModel::Reason, 120);
    m_eventView->horizontalHeader()->resizeSection(PodEventModel::Source, 200);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setAccessibleName(tr("Log and events"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_log, tr("&Log"));
    m_tabs->addTab(m_eventView, tr("&Events"));
    splitter->addWidget(scroll);
    splitter->addWidget(m_tabs);
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

QGroupBox *RunView::createResources()
{
    auto *box = new QGroupBox(tr("Resources"), m_sidebar);
    box->setAccessibleName(tr("Resources"));
    auto *grid = new QGridLayout(box);
    grid->setColumnStretch(1, 1);
    const auto addResource = [&](const QString &label, const QString &name, ResourceBar **bar, QLabel **text) {
        auto *column = new QVBoxLayout;
        column->setSpacing(2);
        *bar = new ResourceBar(box);
        (*bar)->setAccessibleName(name);
        *text = new QLabel(box);
        (*text)->setWordWrap(true);
        (*text)->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        (*text)->setAccessibleName(tr("%1 in words").arg(name));
        column->addWidget(*bar);
        column->addWidget(*text);
        addRow(grid, label, nullptr, column);
    };
    addResource(tr("Memory:"), tr("Memory usage"), &m_memoryBar, &m_memoryText);
    addResource(tr("CPU:"), tr("CPU usage"), &m_cpuBar, &m_cpuText);
    m_oom = new QLabel(box);
    m_oom->setObjectName(QStringLiteral("oomAdvice"));
    m_oom->setAccessibleName(tr("Out of memory"));
    m_oom->setWordWrap(true);
    m_oom->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    styleAsProblem(m_oom);
    grid->addWidget(m_oom, grid->rowCount(), 0, 1, 2);
    return box;
}

void RunView::showResources(const Run &run)
{
    const auto show = [this](const ResourceUsage &usage, ResourceBar *bar, QLabel *text) {
        bar->setUsage(usage);
        text->setText(usage.summary());
        bar->setVisible(usage.isKnown());
    };
    show(ResourceUsage::memoryOf(run), m_memoryBar, m_memoryText);
    show(ResourceUsage::cpuOf(run), m_cpuBar, m_cpuText);
    QString advice;
    if (isOomKilled(run)) {
        const ResourceUsage memory = ResourceUsage::memoryOf(run);
        const std::optional<qint64> suggested = suggestedMemory(run);
        if (memory.maxUsed && memory.limit)
            advice = tr("Killed for running out of memory: it used %1 of its %2 limit.")
                         .arg(memory.amountText(*memory.maxUsed), memory.amountText(*memory.limit));
        else
            advice = tr("Killed for running out of memory.");
        if (suggested)
            advice += u' ' + tr("Retry with %1 or more.").arg(memory.amountText(*suggested));
    }
    showProblem(m_oom, advice);
}

void RunView::showEvents(const Run &run)
{
    m_events->setEvents(run.podEvents);
    m_tabs->setTabText(m_tabs->indexOf(m_eventView),
                       run.podEvents.isEmpty() ? tr("&Events") : tr("&Events (%1)").arg(run.podEvents.size()));
}

// The sidebar is a QGridLayout, since rows come and go with what the server
// sends: Qt 6.4's QFormLayout reads freed memory laying out hidden rows next
// to word-wrapped labels. A hidden label and field take no room in a grid.
QLabel *RunView::addRow(QGridLayout *grid, const QString &label, QWidget *field, QLayout *fieldLayout,
                        Qt::Alignment labelAlignment)
{
    const int row = grid->rowCount();
    auto *name = new QLabel(label, grid->parentWidget());
    grid->addWidget(name, row, 0, Qt::AlignLeft | labelAlignment);
    if (field)
        grid->addWidget(field, row, 1);
    else
        grid->addLayout(fieldLayout, row, 1);
    name->setBuddy(field);
    return name;
}

void RunView::showRow(QWidget *field, bool shown)
{
    field->setVisible(shown);
    for (QWidget *part : m_rowParts.value(field))
        part->setVisible(shown);
}

QLabel *RunView::addField(const QString &label, const QString &accessibleName)
{
    auto *value = new QLabel(m_sidebar);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(accessibleName);
    m_rowParts.insert(value, {addRow(m_fields, label, value)});
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
    m_rowParts.insert(value, {addRow(m_fields, label, nullptr, row, Qt::AlignVCenter), copy});
    return value;
}

void RunView::setWatched(bool watched)
{
    m_watchOffered = true;
    const QSignalBlocker quiet(m_watch); // a state told, not a click
    m_watch->setChecked(watched);
    m_watch->setVisible(m_run.isActive());
}

bool RunView::isWatched() const
{
    return m_watch->isChecked();
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
    m_watch->setVisible(m_watchOffered && run.isActive());

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
    m_instance->setText(run.instance.instanceId.isEmpty() || run.instance.dnsName.isEmpty()
                            ? run.instance.dnsName + run.instance.instanceId
                            : tr("%1 (%2)").arg(run.instance.dnsName, run.instance.instanceId));
    const QList<std::pair<QLabel *, QString>> placement{{m_engine, run.engine},
                                                        {m_nodeLifecycle, run.nodeLifecycle},
                                                        {m_instance, m_instance->text()},
                                                        {m_gpu, number(run.gpu)},
                                                        {m_attempts, number(run.attemptCount)}};
    for (const auto &[label, text] : placement) {
        label->setText(text);
        showRow(label, !text.isEmpty());
    }
    m_podName->setText(run.podName);
    m_podName->setCursorPosition(0);
    showRow(m_podName, !run.podName.isEmpty());
    m_queued->setText(timeText(run.queuedAt));
    m_started->setText(timeText(run.startedAt));
    m_finished->setText(timeText(run.finishedAt));
    showRow(m_payload, run.isTemplateRun());
    m_payload->setText(run.templatePayload.is_null() ? QString() : toQString(run.templatePayload.dump(2)));
    showEnv(m_env, run.env);
    showResources(run);
    showEvents(run);

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
