#include "comparewindow.h"

#include "diffhighlightdelegate.h"

#include <runs/runstate.h>
#include <widgets/tableviews.h>

#include <client/apierror.h>
#include <client/logtailer.h>
#include <lists/envcomparisonmodel.h>
#include <lists/runcomparisonmodel.h>
#include <log/logdiffjob.h>
#include <log/logdiffmodel.h>
#include <wire/runcomparison.h>

#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

// The numbers column of a diff: as wide as the longest line number.
void fitNumberColumn(QTableView *view, int column, int lineCount)
{
    const int digits = int(QString::number(std::max(lineCount, 999)).size());
    view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Fixed);
    view->horizontalHeader()->resizeSection(column, view->fontMetrics().horizontalAdvance(QString(digits, u'9')) + 16);
}

// "nightly-report · 7f3c… · Failed · started 2026-12-02 07:00:00", the run's state in its colour.
QString runTitle(const Run &run)
{
    const RunState state = runState(run);
    return QStringLiteral("<b>%1</b> · %2 · <span style=\"color:%3\">%4</span> · %5")
        .arg(run.alias.toHtmlEscaped(), run.runId.toHtmlEscaped(), runStateColor(state).name(),
             runStateText(state).toHtmlEscaped(),
             run.startedAt ? CompareWindow::tr("started %1").arg(timeText(run.startedAt))
                           : CompareWindow::tr("not started"));
}

} // namespace

CompareWindow::CompareWindow(FlotillaClient *client, const Run &left, const Run &right, QWidget *parent)
    : QWidget(parent)
    , m_left(left)
    , m_right(right)
    , m_fields(new RunComparisonModel(this))
    , m_env(new EnvComparisonModel(this))
    , m_logDiff(new LogDiffModel(this))
    , m_commandDiff(new LogDiffModel(this))
    , m_leftTailer(new LogTailer(client, left.runId, this))
    , m_rightTailer(new LogTailer(client, right.runId, this))
    , m_tabs(new QTabWidget(this))
    , m_envCounts(new QLabel(this))
    , m_mask(new QLineEdit(LineMask::defaultPattern(), this))
    , m_compare(new QPushButton(tr("Co&mpare"), this))
    , m_first(new QPushButton(tr("&First Difference"), this))
    , m_previous(new QPushButton(tr("&Previous"), this))
    , m_next(new QPushButton(tr("&Next"), this))
    , m_counts(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_logView(nullptr)
{
    setWindowTitle(tr("Compare %1 with %2").arg(left.runId, right.runId));
    m_fields->setRuns(left, right);
    m_env->setEnv(left.env, right.env);

    auto *fieldView = new QTableView(this);
    setUpPlainTable(fieldView, m_fields, QT_TRANSLATE_NOOP("Flotilla::Tables", "Fields of both runs"));
    fieldView->setItemDelegate(new DiffHighlightDelegate(
        [](const QModelIndex &index) -> std::optional<DiffKind> {
            if (!index.data(RunComparisonModel::DiffersRole).toBool())
                return std::nullopt;
            return DiffKind::Changed;
        },
        fieldView));
    fieldView->horizontalHeader()->resizeSection(RunComparisonModel::Field, 150);
    fieldView->horizontalHeader()->resizeSection(RunComparisonModel::Left, 220);

    auto *envView = new QTableView(this);
    setUpPlainTable(envView, m_env, QT_TRANSLATE_NOOP("Flotilla::Tables", "Environment of both runs"));
    envView->setItemDelegate(new DiffHighlightDelegate(
        [](const QModelIndex &index) -> std::optional<DiffKind> {
            switch (EnvChange(index.data(EnvComparisonModel::ChangeRole).toInt())) {
            case EnvChange::Added: return DiffKind::OnlyRight;
            case EnvChange::Removed: return DiffKind::OnlyLeft;
            case EnvChange::Changed: return DiffKind::Changed;
            case EnvChange::Same: break;
            }
            return std::nullopt;
        },
        envView));
    envView->horizontalHeader()->resizeSection(EnvComparisonModel::Name, 200);
    envView->horizontalHeader()->resizeSection(EnvComparisonModel::Left, 160);
    m_envCounts->setAccessibleName(tr("Environment differences"));
    m_envCounts->setText(tr("Environment: %1 added, %2 removed, %3 changed")
                             .arg(m_env->count(EnvChange::Added))
                             .arg(m_env->count(EnvChange::Removed))
                             .arg(m_env->count(EnvChange::Changed)));
    auto *envBox = new QWidget(this);
    auto *envLayout = new QVBoxLayout(envBox);
    envLayout->setContentsMargins(0, 0, 0, 0);
    envLayout->addWidget(m_envCounts);
    envLayout->addWidget(envView);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("compareFieldsSplitter"));
    top->addWidget(fieldView);
    top->addWidget(envBox);
    top->setSizes({560, 560});

    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    m_tabs->setAccessibleName(tr("Log, command and payload"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createLogTab(), tr("&Log"));
    const QString leftCommand = left.command, rightCommand = right.command;
    const QStringList leftLines = LineDiff::splitLines(leftCommand), rightLines = LineDiff::splitLines(rightCommand);
    m_commandDiff->setDiff(leftLines, rightLines, *LineDiff::compare(leftLines, rightLines, LineMask(QString())));
    m_tabs->addTab(createDiffView(m_commandDiff, QT_TRANSLATE_NOOP("Flotilla::Tables", "Commands of both runs")),
                   m_commandDiff->result().isEqual() ? tr("&Command") : tr("&Command (differs)"));
    if (left.isTemplateRun() || right.isTemplateRun()) {
        m_payloadDiff = new LogDiffModel(this);
        const QStringList leftPayload = LineDiff::splitLines(payloadText(left));
        const QStringList rightPayload = LineDiff::splitLines(payloadText(right));
        m_payloadDiff->setDiff(leftPayload, rightPayload,
                               *LineDiff::compare(leftPayload, rightPayload, LineMask(QString())));
        m_tabs->addTab(createDiffView(m_payloadDiff, QT_TRANSLATE_NOOP("Flotilla::Tables", "Payloads of both runs")),
                       m_payloadDiff->result().isEqual() ? tr("P&ayload") : tr("P&ayload (differs)"));
    }

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("compareSplitter"));
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({330, 530});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createHeader());
    layout->addWidget(splitter, 1);

    readLog(m_leftTailer, &m_leftLog);
    readLog(m_rightTailer, &m_rightLog);
    showBusy(true, tr("Reading both logs…"));
}

CompareWindow::~CompareWindow() = default; // a running LogDiffJob is a child: deleting it cancels it

QWidget *CompareWindow::createHeader()
{
    auto *header = new QWidget(this);
    auto *grid = new QGridLayout(header);
    grid->setContentsMargins(0, 0, 0, 0);
    const std::pair<const Run *, QString> sides[] = {{&m_left, tr("Left:")}, {&m_right, tr("Right:")}};
    for (int row = 0; row < 2; ++row) {
        auto *label = new QLabel(sides[row].second, header);
        auto *title = new QLabel(runTitle(*sides[row].first), header);
        title->setTextFormat(Qt::RichText);
        title->setTextInteractionFlags(Qt::TextSelectableByMouse);
        title->setAccessibleName(row == 0 ? tr("Left run") : tr("Right run"));
        grid->addWidget(label, row, 0);
        grid->addWidget(title, row, 1);
    }
    grid->setColumnStretch(1, 1);
    return header;
}

QWidget *CompareWindow::createLogTab()
{
    auto *tab = new QWidget(this);
    auto *maskLabel = new QLabel(tr("M&ask:"), tab);
    maskLabel->setBuddy(m_mask);
    m_mask->setAccessibleName(tr("Mask"));
    m_mask->setToolTip(tr("A regular expression: what it matches is ignored when lines are compared. The default "
                          "covers dates and times, UUIDs and long hex ids; clear it to compare whole lines."));
    m_mask->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_mask->setClearButtonEnabled(true);
    m_mask->setCursorPosition(0);
    connect(m_mask, &QLineEdit::returnPressed, this, &CompareWindow::compareLogs);
    m_compare->setAccessibleName(tr("Compare the logs with this mask"));
    connect(m_compare, &QPushButton::clicked, this, &CompareWindow::compareLogs);
    m_first->setAccessibleName(tr("Jump to the first difference"));
    m_first->setToolTip(tr("Jump to the first difference"));
    m_previous->setAccessibleName(tr("Previous difference"));
    m_previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    m_previous->setToolTip(tr("Previous difference (Shift+F3)"));
    m_next->setAccessibleName(tr("Next difference"));
    m_next->setShortcut(QKeySequence(Qt::Key_F3));
    m_next->setToolTip(tr("Next difference (F3)"));
    connect(m_first, &QPushButton::clicked, this, &CompareWindow::jumpToFirstDifference);
    connect(m_previous, &QPushButton::clicked, this, &CompareWindow::jumpToPreviousDifference);
    connect(m_next, &QPushButton::clicked, this, &CompareWindow::jumpToNextDifference);
    m_counts->setAccessibleName(tr("Log differences"));
    m_counts->setWordWrap(true);
    m_progress->setAccessibleName(tr("Progress of the log comparison"));
    m_progress->setMaximumWidth(240);
    m_cancel->setAccessibleName(tr("Cancel the log comparison"));
    connect(m_cancel, &QPushButton::clicked, this, &CompareWindow::cancel);

    auto *tools = new QHBoxLayout;
    tools->addWidget(maskLabel);
    tools->addWidget(m_mask, 1);
    tools->addWidget(m_compare);
    tools->addSpacing(12);
    tools->addWidget(m_first);
    tools->addWidget(m_previous);
    tools->addWidget(m_next);
    auto *status = new QHBoxLayout;
    status->addWidget(m_counts, 1);
    status->addWidget(m_progress);
    status->addWidget(m_cancel);

    m_logView = createDiffView(m_logDiff, QT_TRANSLATE_NOOP("Flotilla::Tables", "Both logs, aligned"));
    connect(m_logView->selectionModel(), &QItemSelectionModel::currentChanged, this, &CompareWindow::updateButtons);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(tools);
    layout->addLayout(status);
    layout->addWidget(m_logView, 1);
    return tab;
}

QTableView *CompareWindow::createDiffView(LogDiffModel *model, const char *accessibleName)
{
    auto *view = new QTableView(this);
    setUpPlainTable(view, model, accessibleName);
    view->setAlternatingRowColors(false);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 4);
    view->horizontalHeader()->setSectionsMovable(false);
    view->horizontalHeader()->setSectionResizeMode(LogDiffModel::LeftText, QHeaderView::Stretch);
    view->horizontalHeader()->setSectionResizeMode(LogDiffModel::RightText, QHeaderView::Stretch);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setTextElideMode(Qt::ElideRight);
    view->setItemDelegate(new DiffHighlightDelegate(
        [](const QModelIndex &index) { return std::optional(DiffKind(index.data(LogDiffModel::KindRole).toInt())); },
        view));
    const auto fitNumbers = [view, model] {
        fitNumberColumn(view, LogDiffModel::LeftNumber, int(model->result().rows.size()));
        fitNumberColumn(view, LogDiffModel::RightNumber, int(model->result().rows.size()));
    };
    fitNumbers();
    connect(model, &QAbstractItemModel::modelReset, view, fitNumbers);
    return view;
}

void CompareWindow::readLog(LogTailer *tailer, QString *text)
{
    tailer->setUntilCaughtUp(true);
    tailer->setFastInterval(0);
    connect(tailer, &LogTailer::appended, this, [text](const QString &more) { *text += more; });
    connect(tailer, &LogTailer::finished, this, &CompareWindow::onLogRead);
    connect(tailer, &LogTailer::errorOccurred, this,
            [this, tailer](const ApiError &error) { onLogError(tailer, error); });
    tailer->start();
}

void CompareWindow::onLogRead()
{
    if (++m_logsRead == 2)
        compareLogs();
}

void CompareWindow::onLogError(LogTailer *tailer, const ApiError &error)
{
    if (tailer->isActive()) { // it tries again
        m_counts->setText(tr("Reading the logs: %1 Trying again.").arg(error.sentence()));
        return;
    }
    m_leftTailer->stop();
    m_rightTailer->stop();
    showBusy(false, tr("The logs could not be read: %1").arg(error.sentence()));
    Q_EMIT logsCompared();
}

void CompareWindow::compareLogs()
{
    if (m_logsRead < 2)
        return;
    if (m_job) {
        m_job->disconnect(this);
        delete m_job.data(); // cancels it
    }
    const LineMask mask(m_mask->text());
    if (!mask.isValid()) {
        m_logDiff->clear();
        showBusy(false, mask.errorString());
        updateButtons();
        Q_EMIT logsCompared();
        return;
    }
    m_job = new LogDiffJob(m_leftLog, m_rightLog, m_mask->text(), this);
    connect(m_job, &LogDiffJob::progressed, m_progress, &QProgressBar::setValue);
    connect(m_job, &LogDiffJob::finished, this, &CompareWindow::onDiffFinished);
    showBusy(true, tr("Comparing the logs…"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_job->start();
}

void CompareWindow::cancel()
{
    if (m_logsRead < 2) {
        m_leftTailer->stop();
        m_rightTailer->stop();
        showBusy(false, tr("Reading the logs was cancelled."));
        Q_EMIT logsCompared();
        return;
    }
    if (m_job)
        m_job->cancel();
}

void CompareWindow::onDiffFinished()
{
    LogDiffJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    if (job->isCancelled()) {
        showBusy(false, tr("The comparison was cancelled; Compare starts it again."));
    } else if (!job->succeeded()) {
        showBusy(false, job->errorString());
    } else {
        m_logDiff->setDiff(job->leftLines(), job->rightLines(), job->result());
        showBusy(false, QString());
        showCounts();
        jumpToFirstDifference();
    }
    updateButtons();
    Q_EMIT logsCompared();
}

void CompareWindow::showBusy(bool busy, const QString &what)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_compare->setEnabled(!busy);
    if (busy)
        m_progress->setRange(0, 0); // until there is a fraction to show
    m_counts->setText(what);
    updateButtons();
}

void CompareWindow::showCounts()
{
    const LineDiffResult &result = m_logDiff->result();
    if (result.isEqual()) {
        m_counts->setText(m_mask->text().isEmpty() ? tr("The logs are the same.")
                                                   : tr("The logs are the same, apart from what the mask ignores."));
        return;
    }
    m_counts->setText(tr("%1 lines only left, %2 only right, %3 changed, in %4 places")
                          .arg(result.onlyLeft)
                          .arg(result.onlyRight)
                          .arg(result.changed)
                          .arg(m_logDiff->differenceCount()));
}

QString CompareWindow::logStatus() const
{
    return m_counts->text();
}

bool CompareWindow::isBusy() const
{
    return m_cancel->isVisibleTo(this);
}

void CompareWindow::jumpToFirstDifference()
{
    jumpTo(m_logDiff->firstDifference());
}

void CompareWindow::jumpToNextDifference()
{
    jumpTo(m_logDiff->nextDifference(m_logView->currentIndex().isValid() ? m_logView->currentIndex().row() : -1));
}

void CompareWindow::jumpToPreviousDifference()
{
    const QModelIndex current = m_logView->currentIndex();
    jumpTo(m_logDiff->previousDifference(current.isValid() ? current.row() : m_logDiff->rowCount()));
}

void CompareWindow::jumpTo(int row)
{
    if (row < 0)
        return;
    const QModelIndex index = m_logDiff->index(row, LogDiffModel::LeftText);
    // Current, not selected: the selection colour would hide the row's tint.
    m_logView->selectionModel()->clearSelection();
    m_logView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    m_logView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    updateButtons();
}

void CompareWindow::updateButtons()
{
    const bool ready = !isBusy() && m_logDiff->rowCount() > 0;
    const QModelIndex current = m_logView ? m_logView->currentIndex() : QModelIndex();
    const int row = current.isValid() ? current.row() : -1;
    m_first->setEnabled(ready && m_logDiff->firstDifference() >= 0);
    m_next->setEnabled(ready && m_logDiff->nextDifference(row) >= 0);
    m_previous->setEnabled(ready && m_logDiff->previousDifference(row < 0 ? m_logDiff->rowCount() : row) >= 0);
}

} // namespace Flotilla
