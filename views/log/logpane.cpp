#include "logpane.h"

#include "logview.h"
#include "ui_logpane.h"

#include <client/flotillaclient.h>
#include <client/logsavejob.h>
#include <client/logtailer.h>
#include <log/logfiltermodel.h>
#include <log/logingester.h>
#include <log/logmodel.h>
#include <log/logsearch.h>

#include <QFileDialog>
#include <QKeyEvent>
#include <QLocale>
#include <QShortcut>

namespace Flotilla {

namespace {

constexpr int patternDelayMs = 150;

} // namespace

LogPane::LogPane(FlotillaClient *client, const QString &runId, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LogPane>())
    , m_client(client)
    , m_runId(runId)
    , m_model(new LogModel(this))
    , m_filter(new LogFilterModel(this))
    , m_search(new LogSearch(m_model, this))
    , m_ingester(new LogIngester(m_model, this))
    , m_tailer(new LogTailer(client, runId, this))
{
    m_ui->setupUi(this);
    m_filter->setLogModel(m_model);
    LogView *logView = m_ui->logView;
    logView->setLines(m_filter);
    m_ui->droppedBar->hide();
    m_ui->newLinesButton->hide();
    updateModeControls();

    m_patternTimer.setSingleShot(true);
    m_patternTimer.setInterval(patternDelayMs);
    connect(&m_patternTimer, &QTimer::timeout, this, &LogPane::applyPattern);
    connect(m_ui->patternEdit, &QLineEdit::textChanged, &m_patternTimer, qOverload<>(&QTimer::start));
    for (QCheckBox *check : {m_ui->regexCheck, m_ui->caseCheck, m_ui->invertCheck})
        connect(check, &QCheckBox::toggled, this, &LogPane::applyPattern);
    connect(m_ui->contextSpin, &QSpinBox::valueChanged, &m_patternTimer, qOverload<>(&QTimer::start));
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateModeControls();
        applyPattern();
    });
    m_ui->patternEdit->installEventFilter(this);
    auto *find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_ui->patternEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->patternEdit->selectAll();
    });
    connect(m_ui->nextButton, &QToolButton::clicked, this, &LogPane::findNext);
    connect(m_ui->previousButton, &QToolButton::clicked, this, &LogPane::findPrevious);
    connect(m_search, &LogSearch::hitsChanged, this, &LogPane::updateMatchText);
    connect(m_search, &LogSearch::currentChanged, this, [this, logView](qint64 lineId) {
        logView->setCurrentLineId(lineId);
        if (lineId >= 0)
            logView->scrollToLineId(lineId);
        updateMatchText();
    });
    connect(m_filter, &LogFilterModel::rowsInserted, this, &LogPane::updateMatchText);
    connect(m_filter, &LogFilterModel::modelReset, this, &LogPane::updateMatchText);

    connect(m_ui->wrapCheck, &QCheckBox::toggled, logView, &LogView::setWrapping);
    connect(m_ui->followButton, &QToolButton::clicked, this, [logView](bool on) {
        if (on)
            logView->follow();
        else
            logView->pause();
    });
    connect(logView, &LogView::followingChanged, m_ui->followButton, &QToolButton::setChecked);
    connect(logView, &LogView::newLineCountChanged, this, [this](qint64 count) {
        m_ui->newLinesButton->setVisible(count > 0);
        m_ui->newLinesButton->setText(tr("%Ln new line(s) ↓", nullptr, int(count)));
    });
    connect(m_ui->newLinesButton, &QPushButton::clicked, logView, &LogView::follow);
    connect(m_ui->copyButton, &QToolButton::clicked, logView, &LogView::copySelection);
    connect(m_ui->copyAllButton, &QToolButton::clicked, logView, &LogView::copyAll);
    connect(m_ui->saveButton, &QToolButton::clicked, this, &LogPane::askWhereToSave);
    connect(m_ui->saveWholeButton, &QPushButton::clicked, this, &LogPane::askWhereToSave);
    connect(m_model, &LogModel::linesDropped, this, &LogPane::onLinesDropped);

    connect(m_tailer, &LogTailer::appendedUtf8, m_ingester, qOverload<const QByteArray &>(&LogIngester::append));
    connect(m_tailer, &LogTailer::reset, this, [this](const QString &text) {
        m_ingester->clear();
        m_model->clear();
        m_ingester->append(text);
    });
    connect(m_tailer, &LogTailer::finished, this, &LogPane::onTailerFinished);
    connect(m_tailer, &LogTailer::errorOccurred, this, &LogPane::onTailerError);
    connect(m_ingester, &LogIngester::idle, this, [this] {
        if (m_tailDone && !m_finished)
            showEndOfLog();
    });
    setStatus(tr("Following the log of run %1…").arg(runId));
    m_tailer->start();
}

LogPane::~LogPane() = default;

LogView *LogPane::view() const
{
    return m_ui->logView;
}

QString LogPane::statusText() const
{
    return m_ui->statusLabel->text();
}

void LogPane::setStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
}

void LogPane::setMode(Mode mode)
{
    m_ui->modeCombo->setCurrentIndex(mode == Mode::Filter ? 1 : 0);
}

void LogPane::setPattern(const QString &text, bool regex, bool caseSensitive)
{
    const QSignalBlocker blockRegex(m_ui->regexCheck);
    const QSignalBlocker blockCase(m_ui->caseCheck);
    m_ui->regexCheck->setChecked(regex);
    m_ui->caseCheck->setChecked(caseSensitive);
    m_ui->patternEdit->setText(text);
    applyPattern();
}

void LogPane::setFilterOptions(bool inverted, int contextLines)
{
    const QSignalBlocker blockInvert(m_ui->invertCheck);
    const QSignalBlocker blockContext(m_ui->contextSpin);
    m_ui->invertCheck->setChecked(inverted);
    m_ui->contextSpin->setValue(contextLines);
    applyPattern();
}

void LogPane::setWrapping(bool wrapping)
{
    m_ui->wrapCheck->setChecked(wrapping);
}

void LogPane::updateModeControls()
{
    const bool filtering = m_ui->modeCombo->currentIndex() == 1;
    m_ui->invertCheck->setVisible(filtering);
    m_ui->contextSpin->setVisible(filtering);
    m_ui->previousButton->setVisible(!filtering);
    m_ui->nextButton->setVisible(!filtering);
    m_ui->patternEdit->setPlaceholderText(filtering ? tr("Filter (Ctrl+F)") : tr("Search (Ctrl+F)"));
    m_ui->patternEdit->setAccessibleName(filtering ? tr("Filter pattern") : tr("Search pattern"));
}

void LogPane::applyPattern()
{
    m_patternTimer.stop();
    const LogPattern pattern{m_ui->patternEdit->text(), m_ui->regexCheck->isChecked(),
                             m_ui->caseCheck->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive};
    LogView *logView = m_ui->logView;
    if (m_ui->modeCombo->currentIndex() == 1) {
        m_search->setPattern({});
        m_filter->setInverted(m_ui->invertCheck->isChecked());
        m_filter->setContextLines(m_ui->contextSpin->value());
        m_filter->setPattern(pattern);
        logView->setHighlight(m_filter->isInverted() ? nullptr : &m_filter->matcher());
    } else {
        m_filter->setPattern({});
        const bool changed = !(pattern == m_search->matcher().pattern());
        m_search->setPattern(pattern);
        logView->setHighlight(&m_search->matcher());
        if (changed)
            m_search->next(logView->topLineId());
    }
    updateMatchText();
}

void LogPane::findNext()
{
    m_search->next(m_ui->logView->topLineId());
}

void LogPane::findPrevious()
{
    m_search->previous(m_ui->logView->topLineId());
}

QString LogPane::matchText() const
{
    return m_ui->matchLabel->text();
}

void LogPane::updateMatchText()
{
    const QLocale locale;
    const bool filtering = m_ui->modeCombo->currentIndex() == 1;
    const LogMatcher &matcher = filtering ? m_filter->matcher() : m_search->matcher();
    QString text;
    if (!matcher.isValid())
        text = matcher.errorString();
    else if (matcher.isEmpty())
        text.clear();
    else if (filtering)
        text = tr("%1 of %2 lines").arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount()));
    else if (m_search->hitCount() == 0)
        text = tr("No matches");
    else if (m_search->currentIndex() < 0)
        text = tr("%Ln matching line(s)", nullptr, int(m_search->hitCount()));
    else
        text = tr("%1 of %2 matching lines")
                   .arg(locale.toString(m_search->currentIndex() + 1), locale.toString(m_search->hitCount()));
    m_ui->matchLabel->setText(text);
}

bool LogPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->patternEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            applyPattern();
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else if (!m_search->matcher().isEmpty() && m_search->currentIndex() >= 0)
                findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_ui->patternEdit->clear();
            applyPattern();
            m_ui->logView->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LogPane::onTailerFinished()
{
    m_tailDone = true;
    m_ingester->finish();
}

void LogPane::onTailerError(const ApiError &error)
{
    setStatus(m_tailer->isActive() ? tr("%1 Trying again…").arg(error.sentence()) : error.sentence());
}

void LogPane::showEndOfLog()
{
    if (!m_client)
        return;
    auto *job = m_client->run(m_runId);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_finished = true;
        if (!job->succeeded()) {
            setStatus(tr("End of log. The run's exit status could not be read: %1").arg(job->error().sentence()));
        } else {
            const Run &run = job->result();
            QString status = run.exitCode ? tr("exit code %1").arg(*run.exitCode) : tr("no exit code");
            if (!run.exitReason.isEmpty())
                status += QStringLiteral(" (%1)").arg(run.exitReason);
            setStatus(tr("■ End of log: %Ln line(s), the run stopped with %1.", nullptr, int(m_model->endLineId()))
                          .arg(status));
        }
        Q_EMIT finished();
    });
    job->start();
}

void LogPane::onLinesDropped(qint64 count)
{
    m_ui->droppedBar->show();
    m_ui->droppedLabel->setText(tr("The first %1 lines are no longer in memory (the pane keeps at most %2 MB of log).")
                                    .arg(QLocale().toString(count))
                                    .arg(m_model->memoryBudget() / (1024 * 1024)));
}

void LogPane::askWhereToSave()
{
    // open(), not exec() or getSaveFileName(): no nested event loop.
    auto *dialog = new QFileDialog(this, tr("Save whole log"), m_runId + QStringLiteral(".log"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &LogPane::saveTo);
    dialog->open();
}

void LogPane::saveTo(const QString &path)
{
    if (!m_client) {
        Q_EMIT saveFailed(tr("Cannot save the log: the connection to the server is gone."));
        return;
    }
    if (m_saveJob)
        m_saveJob->abort();
    setStatus(tr("Saving the whole log to %1…").arg(path));
    auto *job = new LogSaveJob(m_client, m_runId, path, this);
    connect(job, &LogSaveJob::finished, this, [this, job] {
        if (job->succeeded()) {
            setStatus(
                tr("Saved the whole log (%1 bytes) to %2.").arg(QLocale().toString(job->bytesWritten()), job->path()));
            Q_EMIT saved(job->path());
            return;
        }
        if (job->error().kind() == ApiError::Kind::Cancelled)
            return; // a newer save took over
        const QString problem = job->error().isError()
                                    ? tr("Could not read the log from the server: %1").arg(job->error().sentence())
                                    : tr("Could not write %1: %2. Choose another place.")
                                          .arg(job->path(), job->fileError());
        setStatus(problem);
        Q_EMIT saveFailed(problem);
    });
    m_saveJob = job;
    job->start();
}

} // namespace Flotilla
