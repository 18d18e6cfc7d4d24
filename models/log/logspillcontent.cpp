#include "logspillcontent.h"

#include <algorithm>
#include <cstring>

#include <unistd.h>

namespace Flotilla {

namespace {

// Read at once while looking for line starts: a few pages.
constexpr qint64 scanBlock = 64 * 1024;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

} // namespace

LogSpillContent::File::~File()
{
    ::close(fd);
}

qint64 LogSpillContent::endLine() const
{
    const bool unterminatedLast = m_finished && m_lastLineStart < m_high;
    return m_newlinesAbove + (unterminatedLast ? 1 : 0);
}

std::optional<qint64> LogSpillContent::absoluteLine(qint64 line) const
{
    if (!m_startReached)
        return std::nullopt;
    return line - firstLine();
}

std::pair<qint64, qint64> LogSpillContent::indexedAtOrBefore(qint64 line) const
{
    const qint64 slot = std::min(floorDiv(line, indexStride) - m_firstIndexed, qint64(m_index.size()) - 1);
    if (slot < 0)
        return {firstLine(), m_low};
    return {(m_firstIndexed + slot) * indexStride, m_index[size_t(slot)]};
}

qint64 LogSpillContent::lineStart(qint64 line) const
{
    if (line <= firstLine())
        return m_low;
    if (line > m_newlinesAbove)
        return m_high;
    if (line == m_newlinesAbove)
        return m_lastLineStart;
    auto [at, position] = indexedAtOrBefore(line);
    QByteArray block;
    while (at < line) {
        block = read(position, std::min(position + scanBlock, m_high));
        const char *const begin = block.constData();
        const char *const end = begin + block.size();
        for (const char *p = begin; at < line;) {
            const char *const newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!newline)
                break;
            ++at;
            p = newline + 1;
            if (at == line)
                return position + (p - begin);
        }
        position += block.size();
    }
    return position;
}

qint64 LogSpillContent::lineAt(qint64 position) const
{
    position = std::clamp(position, m_low, m_high);
    // The last indexed line starting at or before `position`.
    const auto after = std::upper_bound(m_index.begin(), m_index.end(), position);
    qint64 line = firstLine();
    qint64 from = m_low;
    if (after != m_index.begin()) {
        line = (m_firstIndexed + (after - m_index.begin()) - 1) * indexStride;
        from = *(after - 1);
    }
    while (from < position) {
        const QByteArray block = read(from, std::min(from + scanBlock, position));
        line += std::count(block.begin(), block.end(), '\n');
        from += block.size();
    }
    return line;
}

QByteArray LogSpillContent::readLines(qint64 first, qint64 count) const
{
    const qint64 begin = std::max(first, firstLine());
    const qint64 end = std::min(first + count, endLine());
    if (begin >= end)
        return {};
    return read(lineStart(begin), lineStart(end));
}

QByteArray LogSpillContent::read(qint64 from, qint64 to) const
{
    from = std::max(from, m_low);
    to = std::min(to, m_high);
    if (from >= to)
        return {};
    QByteArray bytes(to - from, Qt::Uninitialized);
    auto segment = std::upper_bound(m_segments.begin(), m_segments.end(), from,
                                    [](qint64 position, const Segment &s) { return position < s.logical; });
    --segment; // the first segment starts at m_low <= from
    char *out = bytes.data();
    for (qint64 at = from; at < to; ++segment) {
        const qint64 inside = at - segment->logical;
        const qint64 take = std::min(segment->length - inside, to - at);
        qint64 done = 0;
        while (done < take) {
            const ssize_t got = ::pread(m_file->fd, out + done, size_t(take - done), segment->file + inside + done);
            if (got <= 0)
                return {}; // the file went away under us: nothing rather than wrong bytes
            done += got;
        }
        out += take;
        at += take;
    }
    return bytes;
}

void LogSpillContent::indexAppended(const char *bytes, qint64 length, qint64 position)
{
    // The newline ending line `line` starts line + 1.
    qint64 line = m_newlinesAbove - std::count(bytes, bytes + length, '\n');
    for (const char *p = bytes, *end = bytes + length;;) {
        const char *const newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline)
            return;
        ++line;
        p = newline + 1;
        if (line % indexStride == 0) {
            if (m_index.empty())
                m_firstIndexed = line / indexStride;
            m_index.push_back(position + (p - bytes));
        }
    }
}

void LogSpillContent::indexPrepended(const char *bytes, qint64 length, qint64 position, qint64 oldFirstLine)
{
    // Newline i (0-based) of the chunk starts line firstLine() + i + 1; the
    // last one starts oldFirstLine. Collected ascending, pushed in front descending.
    std::vector<qint64> starts;
    qint64 line = firstLine();
    for (const char *p = bytes, *end = bytes + length;;) {
        const char *const newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline)
            break;
        ++line;
        p = newline + 1;
        if (floorDiv(line, indexStride) * indexStride == line)
            starts.push_back(position + (p - bytes));
    }
    Q_ASSERT(line == oldFirstLine);
    for (auto start = starts.rbegin(); start != starts.rend(); ++start)
        m_index.push_front(*start);
    if (!starts.empty())
        m_firstIndexed = floorDiv(oldFirstLine, indexStride) - qint64(starts.size()) + 1;
}

} // namespace Flotilla
