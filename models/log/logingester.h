#pragma once

#include "ansiparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>

namespace Flotilla {

class LogModel;

// Feeds log text into a LogModel without holding up the UI thread: text is
// queued, parsed in slices of at most the slice budget (ms) per event-loop turn,
// and the parsed lines go into the model at most every flush interval (ms)
// (and when the queue runs dry), each time with one row insertion. The
// interval stays the same however big the model is: LogView paints only the
// visible rows, so an insertion costs the same at a million rows as at none.
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
    qsizetype queuedSize() const; // characters or bytes not parsed yet
    bool isIdle() const { return m_queue.empty() && !m_finishQueued && m_parsed.isEmpty(); }

Q_SIGNALS:
    // Everything queued so far is in the model.
    void idle();

private:
    struct Piece
    {
        QString text;
        QByteArray utf8; // when not empty, instead of text
        qsizetype done = 0;
        qsizetype size() const { return utf8.isEmpty() ? text.size() : utf8.size(); }
    };

    void work();
    void flush();

    LogModel *m_model;
    AnsiParser m_parser;
    ParsedLines m_parsed; // parsed, not yet in the model
    std::deque<Piece> m_queue;
    QTimer m_workTimer;
    QElapsedTimer m_sinceFlush;
    int m_sliceMs = 8;
    int m_flushMs = 50;
    bool m_finishQueued = false;
};

} // namespace Flotilla
