#include "logspillsearch.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <optional>

namespace Flotilla {

namespace {

// The search proper, on a pool thread; everything it uses is its own copy.
void search(QPromise<std::vector<LogSpillHit>> &promise, const LogSpillContent &content, const LogPattern &pattern,
            LogSpillSearch::Mode mode, qsizetype maxHits, qint64 begin, qint64 end)
{
    const LogMatcher matcher(pattern); // its own: QRegularExpression is not shared across threads
    const qint64 total = std::max<qint64>(1, end - begin);
    promise.setProgressRange(0, 1000);
    qsizetype found = 0;
    bool firstReported = false;
    for (qint64 from = begin; from < end && !promise.isCanceled();) {
        // A block ends after a newline, so no match is cut in two; a line
        // longer than a block makes the block as long as the line.
        QByteArray block = content.read(from, std::min(from + LogSpillSearch::blockBytes, end));
        qsizetype take = block.size();
        while (from + take < end) {
            const qsizetype newline = block.lastIndexOf('\n');
            if (newline >= 0) {
                take = newline + 1;
                break;
            }
            block += content.read(from + block.size(), from + block.size() + LogSpillSearch::blockBytes);
            take = block.size();
        }
        std::vector<LogSpillHit> hits;
        std::optional<qint64> line; // looked up at the block's first hit
        qsizetype counted = 0;
        matcher.visitMatches(QByteArrayView(block).first(take), mode == LogSpillSearch::Mode::Lines,
                             [&](qsizetype lineStart, int column, int length) {
                                 if (!line)
                                     line = content.lineAt(from);
                                 *line += std::count(block.cbegin() + counted, block.cbegin() + lineStart, '\n');
                                 counted = lineStart;
                                 hits.push_back({*line, column, length});
                                 if (!firstReported) { // at once, not with its block
                                     promise.addResult(std::move(hits));
                                     hits.clear();
                                     firstReported = true;
                                 }
                                 return ++found < maxHits && !promise.isCanceled();
                             });
        if (!hits.empty())
            promise.addResult(std::move(hits));
        from += take;
        promise.setProgressValue(int(1000 * (from - begin) / total));
        if (found >= maxHits)
            break;
    }
}

} // namespace

LogSpillSearch::LogSpillSearch(QObject *parent)
    : QObject(parent)
{}

LogSpillSearch::~LogSpillSearch()
{
    cancel();
}

void LogSpillSearch::start(const LogSpillContent &content, const LogPattern &pattern, Mode mode, qint64 from, qint64 to)
{
    cancel();
    m_hits.clear();
    m_truncated = false;
    m_error = LogMatcher(pattern).errorString();
    m_running = true;
    if (!m_error.isEmpty() || pattern.text.isEmpty()) {
        onFinished();
        return;
    }
    m_watcher = new QFutureWatcher<std::vector<LogSpillHit>>(this);
    connect(m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &LogSpillSearch::takeResults);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this, &LogSpillSearch::progressChanged);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &LogSpillSearch::onFinished);
    // Line starts: the search reads whole lines from `from`.
    const qint64 begin = content.lineStart(content.lineAt(std::max(from, content.startPosition())));
    const qint64 end = std::min(to, content.endPosition());
    m_watcher->setFuture(QtConcurrent::run(search, content, pattern, mode, m_maxHits, begin, end));
}

void LogSpillSearch::cancel()
{
    m_running = false;
    if (!m_watcher)
        return;
    // The worker stops within a block; its watcher goes now, so nothing of it is reported.
    m_watcher->disconnect(this);
    m_watcher->cancel();
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void LogSpillSearch::takeResults(int begin, int end)
{
    const qsizetype first = qsizetype(m_hits.size());
    for (int i = begin; i < end; ++i) {
        const std::vector<LogSpillHit> batch = m_watcher->resultAt(i);
        m_hits.insert(m_hits.end(), batch.begin(), batch.end());
    }
    if (qsizetype(m_hits.size()) > first)
        Q_EMIT hitsFound(first, qsizetype(m_hits.size()) - first);
}

void LogSpillSearch::onFinished()
{
    if (m_watcher) {
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_truncated = qsizetype(m_hits.size()) >= m_maxHits;
    m_running = false;
    Q_EMIT finished();
}

} // namespace Flotilla
