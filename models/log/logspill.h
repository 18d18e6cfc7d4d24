#pragma once

#include "logspillcontent.h"

#include <QByteArrayView>

namespace Flotilla {

// The local file behind a log viewer (Konsole's history file): the log's
// raw bytes as they arrive, appended when read forwards and prepended when
// read backwards from the end, so a log opened at its end and scrolled back
// is one byte-exact sequence, with a sparse line index (LogSpillContent).
//
// The file is created in directory() with mode 0600 under a unique name and
// removed by the destructor. The spill holds an exclusive flock on it while
// it lives, so a file left by a crashed app is one nobody holds: the first
// spill of a process removes those (removeStale()).
class LogSpill final : public LogSpillContent
{
public:
    // An empty `directory` is defaultDirectory().
    explicit LogSpill(const QString &directory = {});
    ~LogSpill();
    Q_DISABLE_COPY_MOVE(LogSpill)

    // The user's cache dir + "/logs".
    static QString defaultDirectory();
    // Removes the spill files in `directory` that no living spill holds;
    // returns how many.
    static int removeStale(const QString &directory);

    bool isOpen() const { return m_file != nullptr; }
    QString path() const { return m_path; }
    // Why the file could not be created or written.
    QString errorString() const { return m_error; }

    // The bytes after the end (reading forwards). False (see errorString())
    // when the file cannot take them; the spill is unchanged then.
    bool append(QByteArrayView bytes);
    // The chunk that ends at the start (reading backwards).
    bool prepend(QByteArrayView bytes);
    // The spill's first byte is the log's first: line numbers become absolute.
    void setStartReached() { m_startReached = true; }
    // The log ended: an unterminated last line counts as a line.
    void finish() { m_finished = true; }

    // A snapshot for another thread (a search), valid after this is gone.
    LogSpillContent snapshot() const { return *this; }

private:
    bool write(QByteArrayView bytes);

    QString m_path;
    QString m_error;
};

} // namespace Flotilla
