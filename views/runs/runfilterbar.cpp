#include "runfilterbar.h"

#include <widgets/filterfield.h>
#include <widgets/namefiltercombo.h>

#include <lists/clustersmodel.h>
#include <lists/runlistmodel.h>

#include <QAction>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
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

RunFilterBar::RunFilterBar(RunListModel *model, Filters filters, const QList<RunStatus> &shownStatuses, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_clusters(new ClustersModel(nullptr, this))
    , m_statusButton(new QToolButton(this))
    , m_aliasFilter(new QLineEdit(this))
    , m_clusterFilter(new NameFilterCombo(m_clusters, tr("All clusters"), this))
    , m_envFilter(new QLineEdit(this))
    , m_startedSince(boundEdit(tr("Started: any time"), tr("Started since"), this))
    , m_startedUntil(boundEdit(tr("until: now"), tr("Started until"), this))
    , m_finishedSince(boundEdit(tr("Finished: any time"), tr("Finished since"), this))
    , m_finishedUntil(boundEdit(tr("until: now"), tr("Finished until"), this))
    , m_filterProblem(new QLabel(this))
    , m_textDebounce(new QTimer(this))
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
        action->setChecked(shownStatuses.isEmpty() || shownStatuses.contains(status));
        action->setData(int(status));
        connect(action, &QAction::toggled, this, &RunFilterBar::applyStatusFilter);
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
    for (QDateTimeEdit *edit : {m_startedSince, m_startedUntil, m_finishedSince, m_finishedUntil})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &RunFilterBar::applyTimeFilter);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    const std::tuple<Filter, QWidget *, int> parts[] = {
        {Status, m_statusButton, 0},    {Alias, m_aliasFilter, 2},      {Cluster, m_clusterFilter, 0},
        {Env, m_envFilter, 2},          {Started, m_startedSince, 0},   {Started, m_startedUntil, 0},
        {Finished, m_finishedSince, 0}, {Finished, m_finishedUntil, 0},
    };
    for (const auto &[filter, widget, stretch] : parts) {
        if (filters.testFlag(filter))
            row->addWidget(widget, stretch);
        else
            widget->hide();
    }
    if (!filters.testFlag(Alias) && !filters.testFlag(Env))
        row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_filterProblem);
    applyStatusFilter();
}

void RunFilterBar::setClient(FlotillaClient *client)
{
    m_clusters->setClient(client);
}

void RunFilterBar::refresh()
{
    m_clusters->refresh();
}

void RunFilterBar::focusAlias()
{
    m_aliasFilter->setFocus(Qt::ShortcutFocusReason);
    m_aliasFilter->selectAll();
}

void RunFilterBar::showCluster(const QString &cluster)
{
    m_clusterFilter->choose(cluster);
}

void RunFilterBar::applyStatusFilter()
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

void RunFilterBar::applyEnvFilter()
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

void RunFilterBar::applyTimeFilter()
{
    m_model->setStartedBetween(boundOf(m_startedSince), boundOf(m_startedUntil));
    m_model->setFinishedBetween(boundOf(m_finishedSince), boundOf(m_finishedUntil));
}

} // namespace Flotilla
