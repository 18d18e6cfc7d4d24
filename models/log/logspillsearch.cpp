#include "logspillsearch.h"

#include <QMutex>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <optional>

namespace Flotilla {

// What the worker found and has not handed over yet.
struct LogSpillSearch::Found
{
    QMutex mutex;
    std::vector<LogSpillHit> hits;
    qint64 searchedEnd = std::numeric_limits<qint64>::min(); // a line
};

void LogSpillSearch::work(QPromise<qint64> &promise, const std::shared_ptr<Found> &found,
                          const LogSpillContent &content, const LogPattern &pattern, Mode mode, qsizetype maxHits,
                          qint64 begin, qint64 end)
{
    const LogMatcher matcher(pattern); // its own: QRegularExpression is not shared across threads
    const qint64 total = std::max<qint64>(1, end - begin);
    promise.setProgressRange(0, 1000);
    const auto handOver = [&promise, &found](std::vector<LogSpillHit> &hits, qint64 searchedEnd) {
        {
            const QMutexLocker lock(&found->mutex);
            found->hits.insert(found->hits.end(), hits.begin(), hits.end());
            found->searchedEnd = searchedEnd;
        }
        hits.clear();
        promise.addResult(searchedEnd);
    };
    qsizetype hitCount = 0;
    bool firstReported = false;
    for (qint64 from = begin; from < end && !promise.isCanceled();) {
        // A block ends after a newline, so no match is cut in two; a line
        // longer than a block makes the block as long as the line.
        QByteArray block = content.read(from, std::min(from + blockBytes, end));
        qsizetype take = block.size();
        while (from + take < end) {
            const qsizetype newline = block.lastIndexOf('\n');
            if (newline >= 0) {
                take = newline + 1;
                break;
            }
            block += content.read(from + block.size(), from + block.size() + blockBytes);
            take = block.size();
        }
        std::vector<LogSpillHit> hits;
        std::optional<qint64> line; // looked up at the block's first hit
        qsizetype counted = 0;
        matcher.visitMatches(QByteArrayView(block).first(take), mode == Mode::Lines,
                             [&](qsizetype lineStart, int column, int length) {
                                 if (!line)
                                     line = content.lineAt(from);
                                 *line += std::count(block.cbegin() + counted, block.cbegin() + lineStart, '\n');
                                 counted = lineStart;
                                 hits.push_back({*line, column, length});
                                 if (!firstReported) { // at once, not with its block
                                     handOver(hits, *line);
                                     firstReported = true;
                                 }
                                 return ++hitCount < maxHits && !promise.isCanceled();
                             });
        from += take;
        handOver(hits, content.lineAt(from)); // `from` starts a line, or is the end
        promise.setProgressValue(int(1000 * (from - begin) / total));
        if (hitCount >= maxHits)
            break;
    }
}

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
    m_hitCount = 0;
    m_truncated = false;
    m_error = LogMatcher(pattern).errorString();
    m_running = true;
    // Line starts: the search reads whole lines from `from`.
    const qint64 begin = content.lineStart(content.lineAt(std::max(from, content.startPosition())));
    const qint64 end = std::min(to, content.endPosition());
    m_searchedEnd = content.lineAt(begin);
    if (!m_error.isEmpty() || pattern.text.isEmpty()) {
        onFinished();
        return;
    }
    m_found = std::make_shared<Found>();
    m_watcher = new QFutureWatcher<qint64>(this);
    connect(m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &LogSpillSearch::takeFound);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this, &LogSpillSearch::progressChanged);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &LogSpillSearch::onFinished);
    m_watcher->setFuture(QtConcurrent::run(work, m_found, content, pattern, mode, m_maxHits, begin, end));
}

void LogSpillSearch::cancel()
{
    m_running = false;
    m_found.reset(); // the worker keeps its own until it stops
    if (!m_watcher)
        return;
    // The worker stops within a block; its watcher goes now, so nothing of it is reported.
    m_watcher->disconnect(this);
    m_watcher->cancel();
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void LogSpillSearch::takeFound()
{
    if (!m_found)
        return;
    std::vector<LogSpillHit> hits;
    qint64 searchedEnd = 0;
    {
        const QMutexLocker lock(&m_found->mutex);
        hits.swap(m_found->hits);
        searchedEnd = m_found->searchedEnd;
    }
    if (!hits.empty()) {
        const qsizetype count = qsizetype(hits.size());
        if (m_keepingHits)
            m_hits.insert(m_hits.end(), hits.begin(), hits.end());
        else
            m_hits = std::move(hits);
        m_hitCount += count;
        Q_EMIT hitsFound(qsizetype(m_hits.size()) - count, count);
        if (!m_found) // cancelled by whoever took them
            return;
    }
    if (searchedEnd > m_searchedEnd) {
        m_searchedEnd = searchedEnd;
        Q_EMIT linesSearched(searchedEnd);
    }
}

void LogSpillSearch::onFinished()
{
    takeFound();    // whatever came after the last wake-up
    if (!m_running) // cancelled by whoever took it
        return;
    if (m_watcher) {
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_found.reset();
    m_truncated = m_hitCount >= m_maxHits;
    m_running = false;
    Q_EMIT finished();
}

} // namespace Flotilla
