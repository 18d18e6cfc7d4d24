#include "logingester.h"

#include "logmodel.h"

namespace Flotilla {

namespace {

// Parsed between two looks at the clock: well under a millisecond of work.
constexpr qsizetype stepSize = 32 * 1024;

} // namespace

LogIngester::LogIngester(LogModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_workTimer.setSingleShot(true);
    m_workTimer.setInterval(0);
    connect(&m_workTimer, &QTimer::timeout, this, &LogIngester::work);
    m_sinceFlush.start();
}

void LogIngester::append(const QString &text)
{
    if (text.isEmpty())
        return;
    m_queue.push_back({text, {}});
    m_workTimer.start();
}

void LogIngester::append(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return;
    m_queue.push_back({{}, utf8});
    m_workTimer.start();
}

qsizetype LogIngester::queuedSize() const
{
    qsizetype size = 0;
    for (const Piece &piece : m_queue)
        size += piece.size() - piece.done;
    return size;
}

void LogIngester::finish()
{
    m_finishQueued = true;
    m_workTimer.start();
}

void LogIngester::clear()
{
    m_workTimer.stop();
    m_queue.clear();
    m_parsed.clear();
    m_parser.reset();
    m_finishQueued = false;
}

void LogIngester::work()
{
    QElapsedTimer slice;
    slice.start();
    // At least one step per turn, however small the budget.
    while (!m_queue.empty()) {
        Piece &piece = m_queue.front();
        const qsizetype step = std::min(stepSize, piece.size() - piece.done);
        if (piece.utf8.isEmpty())
            m_parser.feed(QStringView(piece.text).sliced(piece.done, step), m_parsed);
        else
            m_parser.feed(QByteArrayView(piece.utf8).sliced(piece.done, step), m_parsed);
        piece.done += step;
        if (piece.done == piece.size())
            m_queue.pop_front();
        if (slice.elapsed() >= m_sliceMs)
            break;
    }
    if (m_queue.empty() && m_finishQueued) {
        m_parser.finish(m_parsed);
        m_finishQueued = false;
    }
    if (m_queue.empty() || m_sinceFlush.elapsed() >= m_flushMs)
        flush();
    if (!m_queue.empty())
        m_workTimer.start();
    else
        Q_EMIT idle();
}

void LogIngester::flush()
{
    m_sinceFlush.restart();
    if (m_parsed.isEmpty())
        return;
    m_model->append(m_parsed);
    m_parsed.clear();
}

} // namespace Flotilla
