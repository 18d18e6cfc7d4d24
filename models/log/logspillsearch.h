#pragma once

#include "logsearch.h"
#include "logspillcontent.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <limits>
#include <memory>
#include <vector>

namespace Flotilla {

// A match of a whole-log search: its line (LogSpillContent numbering) and
// where it is in the line's text, as LogMatcher::ranges() gives it.
struct LogSpillHit
{
    qint64 line = 0;
    int column = 0;
    int length = 0;

    friend bool operator==(const LogSpillHit &, const LogSpillHit &) = default;
};

// Searches a whole LogSpill (a snapshot of it) off the GUI thread, with
// LogMatcher's semantics: plain text with or without case, or a regular
// expression. Plain text is searched as bytes in blocks of a few MiB, and
// newlines are counted only from the sparse index to a match.
//
// hitsFound() reports the first hit alone as soon as it is found, then the
// rest a block at a time; linesSearched() follows each block, and
// progressChanged() the bytes searched. In Lines mode (the filter: only
// matching lines) a line is reported once, at its first match. finished()
// ends a search; cancel() ends it without finished(), and no signal of it
// comes after. The destructor cancels.
//
// The worker hands its hits over through a queue the search empties as it
// is told of them, so nothing holds them twice; with setKeepingHits(false)
// hits() holds only the last batch, and memory stays flat however many
// lines match.
class LogSpillSearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSpillSearch)

public:
    enum class Mode { Hits, Lines };
    // Bytes read and searched at once.
    static constexpr qint64 blockBytes = 4 * 1024 * 1024;

    explicit LogSpillSearch(QObject *parent = nullptr);
    ~LogSpillSearch() override;

    // Starts searching `content` (cancelling a search still running), or
    // only its lines starting in [from, to) (positions; a log viewer searches
    // what arrived above the part it searched already). An invalid regular
    // expression finishes at once with errorString().
    void start(const LogSpillContent &content, const LogPattern &pattern, Mode mode = Mode::Hits,
               qint64 from = std::numeric_limits<qint64>::min(), qint64 to = std::numeric_limits<qint64>::max());
    void cancel();
    // The search stops after this many hits, with truncated().
    void setMaxHits(qsizetype maxHits) { m_maxHits = maxHits; }
    // Whether hits() keeps every hit (the default) or only the batch the
    // last hitsFound() reported.
    void setKeepingHits(bool keeping) { m_keepingHits = keeping; }

    bool isRunning() const { return m_running; }
    const std::vector<LogSpillHit> &hits() const { return m_hits; }
    qsizetype hitCount() const { return m_hitCount; }
    bool truncated() const { return m_truncated; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    // hits()[first, first + count) are new.
    void hitsFound(qsizetype first, qsizetype count);
    // Every line of the range before `endLine` is searched, its hits reported.
    void linesSearched(qint64 endLine);
    void progressChanged(int permille);
    void finished();

private:
    struct Found;
    // The search proper, on a pool thread; everything it uses is its own copy.
    static void work(QPromise<qint64> &promise, const std::shared_ptr<Found> &found, const LogSpillContent &content,
                     const LogPattern &pattern, Mode mode, qsizetype maxHits, qint64 begin, qint64 end);
    // Takes what the worker found so far.
    void takeFound();
    void onFinished();

    // Each result of the worker is the line it searched up to: a wake-up,
    // the hits come through m_found.
    QFutureWatcher<qint64> *m_watcher = nullptr;
    std::shared_ptr<Found> m_found;
    std::vector<LogSpillHit> m_hits;
    qsizetype m_hitCount = 0;
    qint64 m_searchedEnd = 0;
    qsizetype m_maxHits = 1'000'000;
    bool m_keepingHits = true;
    QString m_error;
    bool m_running = false;
    bool m_truncated = false;
};

} // namespace Flotilla
