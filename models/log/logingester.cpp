#include "logingester.h"

#include "logmodel.h"

namespace Flotilla {

namespace {

// Taken between two looks at the clock: well under a millisecond of work.
constexpr qsizetype stepSize = 256 * 1024;

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
    append(text.toUtf8());
}

void LogIngester::append(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return;
    m_queue.push_back({utf8});
    m_workTimer.start();
}

qsizetype LogIngester::queuedSize() const
{
    qsizetype size = m_batch.size();
    for (const Piece &piece : m_queue)
        size += piece.utf8.size() - piece.done;
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
    m_batch.clear();
    m_finishQueued = false;
}

void LogIngester::work()
{
    QElapsedTimer slice;
    slice.start();
    // At least one step per turn, however small the budget.
    while (!m_queue.empty()) {
        Piece &piece = m_queue.front();
        const qsizetype step = std::min(stepSize, piece.utf8.size() - piece.done);
        if (piece.done == 0 && step == piece.utf8.size() && m_batch.isEmpty())
            m_batch = piece.utf8; // shared, not copied
        else
            m_batch.append(QByteArrayView(piece.utf8).sliced(piece.done, step));
        piece.done += step;
        if (piece.done == piece.utf8.size())
            m_queue.pop_front();
        if (m_sinceFlush.elapsed() >= m_flushMs)
            flush();
        if (slice.elapsed() >= m_sliceMs)
            break;
    }
    if (m_queue.empty())
        flush();
    if (m_queue.empty() && m_finishQueued) {
        m_model->finish();
        m_finishQueued = false;
    }
    if (!m_queue.empty())
        m_workTimer.start();
    else
        Q_EMIT idle();
}

void LogIngester::flush()
{
    m_sinceFlush.restart();
    if (m_batch.isEmpty())
        return;
    const QByteArray batch = std::exchange(m_batch, {});
    if (!m_model->append(batch)) {
        m_queue.clear();
        Q_EMIT failed(m_model->spillError());
    }
}

} // namespace Flotilla
