#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>

namespace Flotilla {

class LogModel;

// Feeds log text into a LogModel without holding up the UI thread: text is
// queued as raw UTF-8 bytes (text pieces converted), taken in slices of at
// most the slice budget (ms) per event-loop turn, and goes into the model's
// spill at most every flush interval (ms) (and when the queue runs dry), each
// time with one row insertion. Nothing is parsed here: the model parses the
// lines in view. The interval stays the same however big the model is:
// LogView paints only the visible rows, so an insertion costs the same at a
// million rows as at none.
class LogIngester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogIngester)

public:
    explicit LogIngester(LogModel *model, QObject *parent = nullptr);

    void append(const QString &text);
    void append(const QByteArray &utf8);
    // After the queued text: completes a last line without a newline.
    void finish();
    // Drops queued text and parser state (the caller clears the model).
    void clear();

    void setSliceBudget(int milliseconds) { m_sliceMs = milliseconds; }
    void setFlushInterval(int milliseconds) { m_flushMs = milliseconds; }
    qsizetype queuedSize() const; // bytes not in the model yet
    bool isIdle() const { return m_queue.empty() && !m_finishQueued && m_batch.isEmpty(); }

Q_SIGNALS:
    // Everything queued so far is in the model.
    void idle();
    // The model's spill could not take the text (LogModel::spillError()); what
    // was queued is dropped.
    void failed(const QString &message);

private:
    struct Piece
    {
        QByteArray utf8;
        qsizetype done = 0;
    };

    void work();
    void flush();

    LogModel *m_model;
    QByteArray m_batch; // taken from the queue, not yet in the model
    std::deque<Piece> m_queue;
    QTimer m_workTimer;
    QElapsedTimer m_sinceFlush;
    int m_sliceMs = 8;
    int m_flushMs = 50;
    bool m_finishQueued = false;
};

} // namespace Flotilla
