#include "logpane.h"

#include "logview.h"
#include "ui_logpane.h"

#include <client/flotillaclient.h>
#include <client/logsavejob.h>
#include <client/logtailer.h>
#include <client/rawlogchunkjob.h>
#include <log/logfiltermodel.h>
#include <log/logingester.h>
#include <log/logmodel.h>
#include <log/logsearch.h>

#include <QFileDialog>
#include <QKeyEvent>
#include <QLocale>
#include <QShortcut>

#include <algorithm>

namespace Flotilla {

namespace {

constexpr int patternDelayMs = 150;
constexpr int firstRetryMs = 250;
constexpr int longestRetryMs = 8000;

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
    m_ui->problemLabel->hide();
    m_ui->cancelSearchButton->hide();
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
    connect(m_search, &LogSearch::progressChanged, this, &LogPane::updateMatchText);
    // Only one of search and filter has a pattern at a time: Stop is the running one's.
    const auto showSearching = [this] {
        m_ui->cancelSearchButton->setVisible(m_search->isSearching() || m_filter->isSearching());
        updateMatchText();
    };
    connect(m_search, &LogSearch::searchingChanged, this, showSearching);
    connect(m_filter, &LogFilterModel::searchingChanged, this, showSearching);
    connect(m_filter, &LogFilterModel::progressChanged, this, &LogPane::updateMatchText);
    connect(m_ui->cancelSearchButton, &QToolButton::clicked, this, [this] {
        m_search->cancel();
        m_filter->cancel();
    });
    connect(m_search, &LogSearch::currentChanged, this, [this, logView](qint64 lineId) {
        logView->setCurrentLineId(lineId);
        if (lineId != LogModel::noLineId)
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
    connect(m_ingester, &LogIngester::failed, this, &LogPane::showProblem);

    connect(m_tailer, &LogTailer::appendedUtf8, m_ingester, qOverload<const QByteArray &>(&LogIngester::append));
    connect(m_tailer, &LogTailer::reset, this, [this](const QString &text) {
        m_ingester->clear();
        m_model->clear();
        m_model->setStartReached();
        m_ingester->append(text);
    });
    connect(m_tailer, &LogTailer::caughtUp, this, &LogPane::updateMatchText);
    connect(m_tailer, &LogTailer::finished, this, &LogPane::onTailerFinished);
    connect(m_tailer, &LogTailer::errorOccurred, this, &LogPane::onTailerError);
    connect(m_ingester, &LogIngester::idle, this, [this] {
        if (m_tailDone && !m_finished)
            showEndOfLog();
    });
    m_retryTimer.setSingleShot(true);
    if (!m_model->isSpillOpen()) {
        showProblem(m_model->spillError());
        return;
    }
    setStatus(tr("Following the log of run %1…").arg(runId));
    if (client && client->servesRawLogChunks()) {
        QMetaObject::invokeMethod(this, &LogPane::readEnd, Qt::QueuedConnection); // after setChunkBytes()
    } else {
        m_model->setStartReached(); // read from the start
        m_readsFromStart = true;
        m_tailer->start();
    }
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
        text = m_search->isSearching() ? tr("No matches yet") : tr("No matches");
    else if (m_search->currentIndex() < 0)
        text = tr("%Ln matching line(s)", nullptr, int(m_search->hitCount()));
    else
        text = tr("%1 of %2 matching lines")
                   .arg(locale.toString(m_search->currentIndex() + 1), locale.toString(m_search->hitCount()));
    if (!text.isEmpty() && matcher.isValid() && filtering) {
        if (m_filter->isSearching())
            text = tr("%1 (filtering… %2%)").arg(text).arg(m_filter->progress() / 10);
        else if (m_filter->wasCancelled())
            text = tr("%1 (filter stopped)").arg(text);
    } else if (!text.isEmpty() && matcher.isValid()) {
        if (m_search->isSearching())
            text = tr("%1 (searching… %2%)").arg(text).arg(m_search->progress() / 10);
        else if (m_search->wasCancelled())
            text = tr("%1 (search stopped)").arg(text);
    }
    // Our server's log lacks the part above until line 1 is read; another
    // server's, read from the start, the part below until the read catches up.
    const bool loading = !m_model->startReached() || (m_readsFromStart && !m_tailer->isCaughtUp());
    if (!text.isEmpty() && matcher.isValid() && loading)
        text = tr("%1 in what is loaded so far (still loading)").arg(text);
    m_ui->matchLabel->setText(text);
    m_ui->matchLabel->setToolTip(text); // the bar may be too narrow for all of it
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

bool LogPane::isStartReached() const
{
    return m_model->startReached();
}

void LogPane::setChunkBytes(qint64 tailBytes, qint64 earlierChunkBytes)
{
    m_tailBytes = tailBytes;
    m_earlierChunkBytes = earlierChunkBytes;
}

void LogPane::readEnd()
{
    if (m_client)
        startChunkJob(m_client->rawLogTail(m_runId, m_tailBytes), &LogPane::onEndAnswer);
}

void LogPane::startChunkJob(RawLogChunkJob *job, void (LogPane::*onAnswer)(RawLogChunkJob *))
{
    connect(job, &ApiJob::finished, this, [this, job, onAnswer] { (this->*onAnswer)(job); });
    job->start();
}

void LogPane::onEndAnswer(RawLogChunkJob *job)
{
    if (!job->succeeded()) {
        retryLater(job->error(), tr("Could not read the end of the log"), &LogPane::readEnd);
        return;
    }
    answered();
    const RawLogChunk &chunk = job->result();
    if (!m_model->append(chunk.bytes)) {
        showProblem(m_model->spillError());
        return;
    }
    if (chunk.startOffset >= 0)
        m_model->setBytesAbove(chunk.startOffset);
    // Following goes on where this chunk ends; the part above comes meanwhile.
    m_tailer->setLastSeen(chunk.lastSeen);
    m_tailer->start();
    m_earlierToken = chunk.start;
    if (m_earlierToken.isEmpty() || chunk.startOffset == 0) // nothing written yet, or all of it
        markStartReached();
    else
        readEarlier();
}

void LogPane::readEarlier()
{
    if (m_client)
        startChunkJob(m_client->rawLogBefore(m_runId, m_earlierToken, m_earlierChunkBytes), &LogPane::onEarlierAnswer);
}

void LogPane::onEarlierAnswer(RawLogChunkJob *job)
{
    if (!job->succeeded()) {
        retryLater(job->error(), tr("Could not read the earlier part of the log"), &LogPane::readEarlier);
        return;
    }
    answered();
    const RawLogChunk &chunk = job->result();
    if (chunk.bytes.isEmpty()) { // the log's first byte was reached
        markStartReached();
        return;
    }
    if (!m_model->prepend(chunk.bytes)) {
        showProblem(m_model->spillError());
        return;
    }
    m_earlierToken = chunk.start;
    if (chunk.startOffset == 0) {
        markStartReached();
        return;
    }
    if (chunk.startOffset > 0)
        m_model->setBytesAbove(chunk.startOffset);
    // One request at a time; the event loop runs between them.
    QMetaObject::invokeMethod(this, &LogPane::readEarlier, Qt::QueuedConnection);
}

void LogPane::answered()
{
    if (m_retryMs && !m_finished)
        setStatus(tr("Following the log of run %1…").arg(m_runId));
    m_retryMs = 0;
}

void LogPane::retryLater(const ApiError &error, const QString &what, void (LogPane::*retry)())
{
    if (!error.isTransient() && !error.isTimeout()) {
        setStatus(tr("%1: %2").arg(what, error.sentence()));
        return;
    }
    m_retryMs = std::clamp(m_retryMs * 2, firstRetryMs, longestRetryMs);
    setStatus(tr("%1: %2 Trying again…").arg(what, error.sentence()));
    m_retryTimer.disconnect(this);
    connect(&m_retryTimer, &QTimer::timeout, this, retry);
    m_retryTimer.start(m_retryMs);
}

void LogPane::markStartReached()
{
    m_model->setStartReached();
    updateMatchText();
    if (m_finished)
        updateEndStatus();
    Q_EMIT startReached();
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
            m_exitStatus = run.exitCode ? tr("exit code %1").arg(*run.exitCode) : tr("no exit code");
            if (!run.exitReason.isEmpty())
                m_exitStatus += QStringLiteral(" (%1)").arg(run.exitReason);
            updateEndStatus();
        }
        Q_EMIT finished();
    });
    job->start();
}

void LogPane::updateEndStatus()
{
    if (m_exitStatus.isEmpty())
        return;
    if (!m_model->startReached()) {
        const qint64 estimate = m_model->rowCount() ? m_model->lineNumber(m_model->endLineId() - 1) : 0;
        setStatus(tr("■ End of log: about %1 lines (still reading the earlier part), the run stopped with %2.")
                      .arg(QLocale().toString(estimate), m_exitStatus));
        return;
    }
    setStatus(tr("■ End of log: %Ln line(s), the run stopped with %1.", nullptr, m_model->rowCount()).arg(m_exitStatus));
}

void LogPane::showProblem(const QString &message)
{
    m_ui->problemLabel->setText(tr("The log cannot be shown: %1").arg(message));
    m_ui->problemLabel->show();
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
