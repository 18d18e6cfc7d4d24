#include "logsearch.h"

#include "logmodel.h"
#include "logspillsearch.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace Flotilla {

LogMatcher::LogMatcher(const LogPattern &pattern)
    : m_pattern(pattern)
{
    if (pattern.regex) {
        QRegularExpression::PatternOptions options = QRegularExpression::MultilineOption;
        if (pattern.caseSensitivity == Qt::CaseInsensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        m_regex = QRegularExpression(pattern.text, options);
        if (!m_regex.isValid()) {
            m_error = QObject::tr("Not a valid regular expression: %1 at position %2; fix it or search for plain text.")
                          .arg(m_regex.errorString())
                          .arg(m_regex.patternErrorOffset());
        } else {
            m_regex.optimize();
        }
    } else {
        m_plain = QStringMatcher(pattern.text, pattern.caseSensitivity);
    }
}

std::pair<qsizetype, qsizetype> LogMatcher::find(QStringView text, qsizetype from, bool decoded) const
{
    if (isEmpty() || !isValid())
        return {-1, -1};
    if (!m_pattern.regex) {
        const qsizetype start = m_plain.indexIn(text, from);
        return {start, start + m_pattern.text.size()};
    }
    const QRegularExpressionMatch match = m_regex.match(text, from, QRegularExpression::NormalMatch,
                                                        decoded ? QRegularExpression::DontCheckSubjectStringMatchOption
                                                                : QRegularExpression::NoMatchOption);
    if (!match.hasMatch())
        return {-1, -1};
    return {match.capturedStart(), match.capturedEnd()};
}

bool LogMatcher::matches(QStringView line) const
{
    return find(line, 0).first >= 0;
}

QList<std::pair<int, int>> LogMatcher::ranges(QStringView line) const
{
    QList<std::pair<int, int>> found;
    qsizetype from = 0;
    while (from <= line.size()) {
        const auto [start, end] = find(line, from);
        if (start < 0)
            break;
        if (end > start)
            found.append({int(start), int(end - start)});
        from = std::max(end, start + 1);
    }
    return found;
}

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Boyer-Moore-Horspool over bytes, optionally folding ASCII case as it
// compares: std::boyer_moore_horspool_searcher would need a lowered copy of
// every page, which costs more than the search.
class ByteSearcher final
{
public:
    ByteSearcher(QByteArrayView pattern, bool foldCase)
    {
        for (int c = 0; c < 256; ++c)
            m_fold[size_t(c)] = foldCase ? asciiLower(char(c)) : char(c);
        for (const char c : pattern)
            m_pattern += fold(c);
        const qsizetype length = m_pattern.size();
        m_skip.fill(length);
        for (qsizetype i = 0; i + 1 < length; ++i) {
            for (int c = 0; c < 256; ++c) {
                if (m_fold[size_t(c)] == m_pattern[i])
                    m_skip[size_t(c)] = length - 1 - i;
            }
        }
    }

    // The interface std::search expects of a searcher.
    std::pair<const char *, const char *> operator()(const char *first, const char *last) const
    {
        const qsizetype length = m_pattern.size();
        for (const char *at = first; last - at >= length; at += m_skip[uchar(at[length - 1])]) {
            qsizetype i = length - 1;
            while (i >= 0 && fold(at[i]) == m_pattern[i])
                --i;
            if (i < 0)
                return {at, at + length};
        }
        return {last, last};
    }

private:
    char fold(char c) const { return m_fold[uchar(c)]; }

    std::array<char, 256> m_fold;
    std::array<qsizetype, 256> m_skip;
    QByteArray m_pattern;
};

// Adds the rows of `text` (lines each ending in '\n', the first being row
// `row`) that contain `needle` to `rows`.
void addRowsHolding(QByteArrayView text, const ByteSearcher &needle, int row, std::vector<int> &rows)
{
    const char *lineStart = text.begin();
    const char *const end = text.end();
    while (lineStart != end) {
        const char *const hit = std::search(lineStart, end, needle);
        if (hit == end)
            return;
        for (const char *newline;
             (newline = static_cast<const char *>(std::memchr(lineStart, '\n', size_t(hit - lineStart))));) {
            lineStart = newline + 1;
            ++row;
        }
        rows.push_back(row++);
        const char *const lineEnd = static_cast<const char *>(std::memchr(hit, '\n', size_t(end - hit)));
        if (!lineEnd)
            return;
        lineStart = lineEnd + 1;
    }
}

} // namespace

bool LogMatcher::canSearchBytes() const
{
    // UTF-8 bytes match where the characters do, and ASCII case folding
    // keeps byte positions; other case folding needs the UTF-16 path.
    const QString &text = m_pattern.text;
    return !m_pattern.regex && !text.contains(u'\n')
           && (m_pattern.caseSensitivity == Qt::CaseSensitive
               || std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; }));
}

std::vector<int> LogMatcher::matchingRows(const LogModel &model, int firstRow, int endRow) const
{
    std::vector<int> rows;
    if (isEmpty() || !isValid())
        return rows;
    if (canSearchBytes()) {
        // Bytes, not UTF-16: no conversion per page.
        const ByteSearcher needle(m_pattern.text.toUtf8(), m_pattern.caseSensitivity == Qt::CaseInsensitive);
        model.visitText(firstRow, endRow, [&needle, &rows](int row, QByteArrayView utf8, int) {
            addRowsHolding(utf8, needle, row, rows);
        });
        return rows;
    }
    model.visitText(firstRow, endRow, [this, &rows](int row, QByteArrayView utf8, int) {
        const QString text = QString::fromUtf8(utf8);
        const QStringView view(text);
        qsizetype lineStart = 0;
        qsizetype lineEnd = view.indexOf(u'\n');
        while (lineEnd >= 0) {
            const auto [start, end] = find(view, lineStart, true);
            if (start < 0)
                break;
            while (start > lineEnd) { // skip to the line holding the match
                lineStart = lineEnd + 1;
                lineEnd = view.indexOf(u'\n', lineStart);
                ++row;
            }
            // A regular expression may run on over the line's end (\s, [^x]).
            if (end <= lineEnd || matches(view.sliced(lineStart, lineEnd - lineStart)))
                rows.push_back(row);
            lineStart = lineEnd + 1;
            lineEnd = view.indexOf(u'\n', lineStart);
            ++row;
        }
    });
    return rows;
}

void LogMatcher::visitMatches(QByteArrayView lines, bool firstPerLine, const MatchVisitor &visit) const
{
    if (isEmpty() || !isValid())
        return;
    const char *const begin = lines.begin();
    const char *const end = lines.end();
    if (canSearchBytes()) {
        const QByteArray pattern = m_pattern.text.toUtf8();
        const ByteSearcher needle(pattern, m_pattern.caseSensitivity == Qt::CaseInsensitive);
        const char *lineStart = begin;
        for (const char *from = begin;;) {
            const char *const hit = std::search(from, end, needle);
            if (hit == end)
                return;
            if (const void *newline = ::memrchr(lineStart, '\n', size_t(hit - lineStart)))
                lineStart = static_cast<const char *>(newline) + 1;
            const int column = int(QString::fromUtf8(QByteArrayView(lineStart, hit)).size());
            if (!visit(lineStart - begin, column, int(m_pattern.text.size())))
                return;
            from = hit + pattern.size();
            if (firstPerLine) {
                const void *const lineEnd = std::memchr(hit, '\n', size_t(end - hit));
                if (!lineEnd)
                    return;
                from = lineStart = static_cast<const char *>(lineEnd) + 1;
            }
        }
    }
    // UTF-16 for the regular expression: '\n' stays one unit, so lines
    // match up between the bytes and the text. A line's "\r\n" is its end,
    // as AnsiParser and so the model see it: `$` matches before it.
    const QString text = QString::fromUtf8(lines).replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringView view(text);
    const char *lineBytes = begin;
    qsizetype lineStart = 0;
    for (qsizetype from = 0; from <= view.size();) {
        // Matched in windows of whole lines: a match costs its window, not the block.
        qsizetype windowEnd = view.indexOf(u'\n', std::min(view.size(), from + 64 * 1024));
        if (windowEnd < 0)
            windowEnd = view.size();
        const qsizetype found = find(view.sliced(from, windowEnd - from), 0, true).first;
        if (found < 0) {
            if (windowEnd == view.size())
                return;
            from = windowEnd + 1;
            continue;
        }
        const qsizetype start = from + found;
        qsizetype lineEnd = view.indexOf(u'\n', lineStart);
        while (lineEnd >= 0 && start > lineEnd) { // skip to the line holding the match
            lineStart = lineEnd + 1;
            lineBytes = static_cast<const char *>(std::memchr(lineBytes, '\n', size_t(end - lineBytes))) + 1;
            lineEnd = view.indexOf(u'\n', lineStart);
        }
        if (lineEnd < 0)
            lineEnd = view.size();
        const QStringView line = view.sliced(lineStart, lineEnd - lineStart);
        // A regular expression may run on over the line's end: the line alone decides.
        for (const auto &[column, length] : ranges(line)) {
            if (!visit(lineBytes - begin, column, length))
                return;
            if (firstPerLine)
                break;
        }
        if (lineEnd == view.size())
            return;
        from = lineStart = lineEnd + 1;
        lineBytes = static_cast<const char *>(std::memchr(lineBytes, '\n', size_t(end - lineBytes))) + 1;
    }
}

LogSearch::LogSearch(LogModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_spillSearch(new LogSpillSearch(this))
{
    m_spillSearch->setMaxHits(std::numeric_limits<qsizetype>::max());
    m_spillSearch->setKeepingHits(false); // m_hits holds them, in less
    connect(model, &LogModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &LogModel::modelReset, this, &LogSearch::rescan);
    connect(model, &LogModel::startReachedChanged, this, &LogSearch::onStartReached);
    connect(m_spillSearch, &LogSpillSearch::hitsFound, this, &LogSearch::onSpillHits);
    connect(m_spillSearch, &LogSpillSearch::progressChanged, this, [this](int permille) {
        m_progress = permille;
        Q_EMIT progressChanged(permille);
    });
    connect(m_spillSearch, &LogSpillSearch::finished, this, &LogSearch::onSpillFinished);
}

LogSearch::~LogSearch() = default;

void LogSearch::setPattern(const LogPattern &pattern)
{
    if (pattern == m_matcher.pattern())
        return;
    m_matcher = LogMatcher(pattern);
    rescan();
}

bool LogSearch::isSearching() const
{
    return m_spillSearch->isRunning();
}

void LogSearch::rescan()
{
    const bool wasSearching = isSearching();
    m_spillSearch->cancel();
    m_hits.clear();
    m_current = -1;
    m_progress = 0;
    m_cancelled = false;
    m_wantedFrom.reset();
    m_searchedFirst = m_searchedEnd = m_model->endLineId();
    Q_EMIT currentChanged(LogModel::noLineId);
    if (!m_matcher.isEmpty() && m_matcher.isValid())
        searchAbove(); // all of it
    Q_EMIT hitsChanged();
    if (wasSearching != isSearching())
        Q_EMIT searchingChanged(isSearching());
}

bool LogSearch::searchAbove()
{
    const LogSpill &spill = m_model->spill();
    const qint64 wholeFirst = m_model->firstWholeLineId();
    if (wholeFirst >= m_searchedFirst)
        return false;
    if (spill.byteSize() <= syncSearchBytes)
        return searchRows(wholeFirst, std::exchange(m_searchedFirst, wholeFirst));
    if (m_cancelled || m_spillSearch->isRunning())
        return false;
    const qint64 end = spill.lineStart(m_searchedFirst);
    m_searchedFirst = wholeFirst;
    m_progress = 0;
    m_spillSearch->start(spill.snapshot(), m_matcher.pattern(), LogSpillSearch::Mode::Lines,
                         spill.lineStart(wholeFirst), end);
    Q_EMIT searchingChanged(true);
    return false;
}

bool LogSearch::searchRows(qint64 first, qint64 end)
{
    const qint64 firstId = m_model->firstLineId();
    std::vector<qint64> ids;
    for (const int row : m_matcher.matchingRows(*m_model, int(first - firstId), int(end - firstId)))
        ids.push_back(firstId + row);
    addHits(ids);
    return !ids.empty();
}

void LogSearch::onSpillHits(qsizetype first, qsizetype count)
{
    std::vector<qint64> ids;
    ids.reserve(size_t(count));
    for (qsizetype i = first; i < first + count; ++i)
        ids.push_back(m_spillSearch->hits()[size_t(i)].line);
    addHits(ids);
    Q_EMIT hitsChanged();
    if (m_wantedFrom && m_current < 0 && !m_hits.isEmpty()) {
        const qsizetype at = m_hits.countBelow(*m_wantedFrom);
        m_wantedFrom.reset();
        moveTo(at == m_hits.size() ? 0 : at);
    }
}

void LogSearch::onSpillFinished()
{
    m_progress = 1000;
    m_wantedFrom.reset();
    if (searchAbove()) // what arrived above meanwhile
        Q_EMIT hitsChanged();
    if (!isSearching())
        Q_EMIT searchingChanged(false);
}

void LogSearch::cancel()
{
    if (!isSearching())
        return;
    m_spillSearch->cancel();
    m_cancelled = true;
    m_wantedFrom.reset();
    Q_EMIT searchingChanged(false);
}

void LogSearch::addHits(const std::vector<qint64> &ids)
{
    if (ids.empty())
        return;
    // Appended lines go behind the hits, prepended ones in front: ids stay ascending.
    const qsizetype position = m_hits.countBelow(ids.front());
    m_hits.insert(ids);
    if (m_current >= position)
        m_current += qsizetype(ids.size());
}

void LogSearch::onRowsInserted(int first, int last)
{
    if (m_matcher.isEmpty() || !m_matcher.isValid())
        return;
    const qint64 firstId = m_model->firstLineId();
    if (firstId + last < m_searchedFirst) { // above: a whole chunk
        if (searchAbove())
            Q_EMIT hitsChanged();
        return;
    }
    if (m_searchedFirst == m_searchedEnd) // nothing searched yet
        m_searchedFirst = m_searchedEnd = std::max(m_searchedEnd, m_model->firstWholeLineId());
    const qint64 from = std::max(firstId + first, m_searchedEnd);
    m_searchedEnd = m_model->endLineId();
    if (from < m_searchedEnd && searchRows(from, m_searchedEnd))
        Q_EMIT hitsChanged();
}

void LogSearch::onStartReached()
{
    if (!m_matcher.isEmpty() && m_matcher.isValid() && searchAbove()) // the first line, whole now
        Q_EMIT hitsChanged();
}

void LogSearch::next(qint64 fromLineId)
{
    if (m_hits.isEmpty()) {
        if (isSearching())
            m_wantedFrom = fromLineId;
        return;
    }
    if (m_current >= 0)
        moveTo((m_current + 1) % hitCount());
    else
        moveTo(m_hits.countBelow(fromLineId) % hitCount());
}

void LogSearch::previous(qint64 fromLineId)
{
    if (m_hits.isEmpty())
        return;
    if (m_current >= 0) {
        moveTo((m_current + hitCount() - 1) % hitCount());
    } else {
        const qsizetype after = m_hits.countBelow(fromLineId + 1);
        moveTo((after + hitCount() - 1) % hitCount());
    }
}

void LogSearch::moveTo(qsizetype index)
{
    m_current = index;
    Q_EMIT currentChanged(m_hits.at(index));
}

} // namespace Flotilla
