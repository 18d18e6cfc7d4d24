#include "runspage.h"

#include "runtable.h"
#include <widgets/filterfield.h>
#include <widgets/namefiltercombo.h>
#include <widgets/tableviews.h>

#include <lists/clustersmodel.h>
#include <lists/runlistmodel.h>

#include <icons.h>

#include <QAction>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

// A date edit whose minimum shows as "any": no bound.
QDateTimeEdit *boundEdit(const QString &anyText, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0)));
    edit->setSpecialValueText(anyText);
    edit->setDateTime(edit->minimumDateTime());
    edit->setAccessibleName(accessibleName);
    return edit;
}

QDateTime boundOf(const QDateTimeEdit *edit)
{
    return edit->dateTime() == edit->minimumDateTime() ? QDateTime() : edit->dateTime();
}

} // namespace

RunsPage::RunsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunListModel(nullptr, this))
    , m_clusters(new ClustersModel(nullptr, this))
    , m_statusButton(new QToolButton(this))
    , m_aliasFilter(new QLineEdit(this))
    , m_clusterFilter(new NameFilterCombo(m_clusters, tr("All clusters"), this))
    , m_envFilter(new QLineEdit(this))
    , m_startedSince(boundEdit(tr("Started: any time"), tr("Started since"), this))
    , m_startedUntil(boundEdit(tr("until: now"), tr("Started until"), this))
    , m_filterProblem(new QLabel(this))
    , m_textDebounce(new QTimer(this))
    , m_table(new QTableView(this))
{
    auto *statusMenu = new QMenu(this);
    const std::pair<RunStatus, QString> statuses[] = {
        {RunStatus::Queued, tr("Queued")},          {RunStatus::Pending, tr("Pending")},
        {RunStatus::Running, tr("Running")},        {RunStatus::Stopped, tr("Stopped (succeeded or failed)")},
        {RunStatus::NeedsRetry, tr("Needs retry")},
    };
    for (const auto &[status, text] : statuses) {
        QAction *action = statusMenu->addAction(text);
        action->setCheckable(true);
        // Active runs by default, as upstream's run list opens.
        action->setChecked(status != RunStatus::Stopped && status != RunStatus::NeedsRetry);
        action->setData(int(status));
        connect(action, &QAction::toggled, this, &RunsPage::applyStatusFilter);
        m_statusActions.append(action);
    }
    m_statusButton->setMenu(statusMenu);
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setAccessibleName(tr("Status filter"));

    m_aliasFilter->setPlaceholderText(tr("Alias (Ctrl+L)"));
    m_aliasFilter->setClearButtonEnabled(true);
    keepPlaceholderVisible(m_aliasFilter);
    m_aliasFilter->setAccessibleName(tr("Alias filter"));
    m_clusterFilter->setAccessibleName(tr("Cluster filter"));
    m_envFilter->setPlaceholderText(tr("Env NAME=VALUE …"));
    m_envFilter->setClearButtonEnabled(true);
    m_envFilter->setAccessibleName(tr("Environment filter"));
    m_filterProblem->setAccessibleName(tr("Filter problem"));
    m_filterProblem->setStyleSheet(QStringLiteral("color: #d03030"));
    m_filterProblem->hide();

    m_textDebounce->setSingleShot(true);
    m_textDebounce->setInterval(250);
    connect(m_aliasFilter, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_envFilter, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_textDebounce, &QTimer::timeout, this, [this] {
        m_model->setAliasFilter(m_aliasFilter->text().trimmed());
        applyEnvFilter();
    });
    connect(m_clusterFilter, &NameFilterCombo::chosenNameChanged, m_model, &RunListModel::setClusterFilter);
    connect(m_startedSince, &QDateTimeEdit::dateTimeChanged, this, &RunsPage::applyTimeFilter);
    connect(m_startedUntil, &QDateTimeEdit::dateTimeChanged, this, &RunsPage::applyTimeFilter);

    setUpRunTable(m_table, m_model, QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs"),
                  [this](const Run &run) { Q_EMIT runActivated(run); });
    m_table->horizontalHeader()->resizeSection(RunListModel::Alias, 180);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &RunListModel::errorOccurred, this, &RunsPage::errorOccurred);

    m_stop = new QAction(actionIcon(ActionIcon::Stop), tr("&Stop Run…"), this);
    m_retry = new QAction(actionIcon(ActionIcon::Retry), tr("&Retry…"), this);
    connect(m_stop, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT stopRequested(*run);
    });
    connect(m_retry, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT retryRequested(*run);
    });
    m_table->addActions({m_stop, m_retry});

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_statusButton);
    filters->addWidget(m_aliasFilter, 2);
    filters->addWidget(m_clusterFilter);
    filters->addWidget(m_envFilter, 2);
    filters->addWidget(m_startedSince);
    filters->addWidget(m_startedUntil);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_filterProblem);
    layout->addWidget(m_table, 1);
    applyStatusFilter();
    selectionChanged();
}

void RunsPage::setClient(FlotillaClient *client)
{
    // Each model reloads on a new client by itself: once.
    m_model->setClient(client);
    m_clusters->setClient(client);
}

void RunsPage::setRefreshInterval(int milliseconds)
{
    m_model->setRefreshInterval(milliseconds);
}

void RunsPage::refresh()
{
    m_model->refresh();
    m_clusters->refresh();
}

void RunsPage::focusFilter()
{
    m_aliasFilter->setFocus(Qt::ShortcutFocusReason);
    m_aliasFilter->selectAll();
}

void RunsPage::showCluster(const QString &cluster)
{
    m_clusterFilter->choose(cluster);
}

void RunsPage::applyStatusFilter()
{
    QList<RunStatus> chosen;
    QStringList names;
    for (QAction *action : std::as_const(m_statusActions)) {
        if (action->isChecked()) {
            chosen.append(RunStatus(action->data().toInt()));
            names.append(action->text().section(u' ', 0, 0));
        }
    }
    const bool all = chosen.size() == m_statusActions.size() || chosen.isEmpty();
    m_statusButton->setText(all ? tr("All statuses") : names.join(QStringLiteral(", ")));
    m_model->setStatusFilter(all ? QList<RunStatus>() : chosen);
}

void RunsPage::applyEnvFilter()
{
    EnvList pairs;
    QStringList problems;
    for (const QString &entry : m_envFilter->text().split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype equals = entry.indexOf(u'=');
        if (equals <= 0)
            problems.append(entry);
        else
            pairs.append(EnvVar{entry.left(equals), entry.mid(equals + 1)});
    }
    m_filterProblem->setVisible(!problems.isEmpty());
    m_filterProblem->setText(tr("Env filters take NAME=VALUE, e.g. GREETING=hello; not understood: %1")
                                 .arg(problems.join(QStringLiteral(", "))));
    // The pairs that parse still apply: a typo in one does not drop the others.
    m_model->setEnvFilter(pairs);
}

void RunsPage::applyTimeFilter()
{
    m_model->setStartedBetween(boundOf(m_startedSince), boundOf(m_startedUntil));
}

std::optional<Run> RunsPage::selectedRun() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(PagedTableModel::ObjectRole).value<Run>();
}

void RunsPage::selectionChanged()
{
    const std::optional<Run> run = selectedRun();
    m_stop->setEnabled(run && run->isActive());
    m_retry->setEnabled(run && !run->isActive());
}

} // namespace Flotilla
