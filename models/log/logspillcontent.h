#pragma once

#include <QByteArray>
#include <QString>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace Flotilla {

// What a LogSpill holds, readable from any thread: a copy is a snapshot
// (the spill only ever adds bytes, never rewrites them, so a copy's range
// stays readable while the spill grows, and after it is gone).
//
// Positions are logical byte offsets with 0 at the spill's first forward
// byte: prepended chunks lie below 0, appended bytes above, so neither moves
// what is already there. Lines end at '\n' (a "\r\n" line ends at its '\n',
// as AnsiParser sees it) and are numbered the same way, line 0 holding
// position 0: the lines above have negative numbers until the log's start is
// reached, then absoluteLine() gives the 0-based number in the whole log.
// An unterminated last line counts once finished() says the log ended.
class LogSpillContent
{
public:
    // A line start is indexed every indexStride lines: memory stays flat
    // (8 bytes per 1,024 lines) and any line is found by reading at most
    // indexStride lines.
    static constexpr qint64 indexStride = 1024;

    qint64 startPosition() const { return m_low; }
    qint64 endPosition() const { return m_high; }
    qint64 byteSize() const { return m_high - m_low; }
    bool startReached() const { return m_startReached; }
    bool isFinished() const { return m_finished; }

    // The lines held: [firstLine(), endLine()).
    qint64 firstLine() const { return -m_newlinesBelow; }
    qint64 endLine() const;
    qint64 lineCount() const { return endLine() - firstLine(); }
    // The 0-based line number in the whole log, once its start is reached.
    std::optional<qint64> absoluteLine(qint64 line) const;

    // Where `line` begins, for firstLine() <= line <= endLine() (endLine()
    // gives where the next line will begin). The first line's start is the
    // spill's start, which is inside the line when the chunk above it is
    // still to come.
    qint64 lineStart(qint64 line) const;
    // The line holding `position` (startPosition() <= position <= endPosition()).
    qint64 lineAt(qint64 position) const;
    // The bytes of lines [first, first + count), each with its terminator,
    // exactly as the log has them; an empty array when out of range.
    QByteArray readLines(qint64 first, qint64 count) const;
    // The bytes of [from, to), clipped to what is held.
    QByteArray read(qint64 from, qint64 to) const;

protected:
    LogSpillContent() = default;

    // The part of the file that holds [logical, logical + length).
    struct Segment
    {
        qint64 logical = 0;
        qint64 file = 0;
        qint64 length = 0;
    };

    // The file, shared with snapshots; closed when the last one goes.
    struct File
    {
        explicit File(int fd)
            : fd(fd)
        {}
        ~File();
        File(const File &) = delete;
        File &operator=(const File &) = delete;
        int fd;
    };

    // Indexes the line starts that `bytes`, placed at `position`, add; the
    // newline counts must already include them.
    void indexAppended(const char *bytes, qint64 length, qint64 position);
    void indexPrepended(const char *bytes, qint64 length, qint64 position, qint64 oldFirstLine);

    std::shared_ptr<File> m_file;
    std::vector<Segment> m_segments; // ascending, adjoining
    qint64 m_fileSize = 0;
    qint64 m_low = 0;
    qint64 m_high = 0;
    qint64 m_newlinesBelow = 0; // in [m_low, 0)
    qint64 m_newlinesAbove = 0; // in [0, m_high)
    qint64 m_lastLineStart = 0; // after the last newline; m_low when there is none
    bool m_startReached = false;
    bool m_finished = false;
    // The start of line (m_firstIndexed + i) * indexStride; lines whose start
    // follows a newline the spill holds, so never the first line.
    std::deque<qint64> m_index;
    qint64 m_firstIndexed = 0;

private:
    // The nearest indexed line at or before `line`, as (line, position).
    std::pair<qint64, qint64> indexedAtOrBefore(qint64 line) const;
};

} // namespace Flotilla
