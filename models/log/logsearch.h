#pragma once

#include "lineidset.h"
#include "logmodel.h"

#include <QObject>
#include <QRegularExpression>
#include <QStringMatcher>

#include <functional>
#include <optional>
#include <vector>

namespace Flotilla {

// What the user looks for in a log: plain text or a regular expression,
// with or without case.
struct LogPattern
{
    QString text;
    bool regex = false;
    Qt::CaseSensitivity caseSensitivity = Qt::CaseInsensitive;

    friend bool operator==(const LogPattern &, const LogPattern &) = default;
};

// Finds a LogPattern in lines. An empty pattern matches nothing; an invalid
// regular expression matches nothing and errorString() says what is wrong.
class LogMatcher final
{
public:
    explicit LogMatcher(const LogPattern &pattern = {});

    const LogPattern &pattern() const { return m_pattern; }
    bool isEmpty() const { return m_pattern.text.isEmpty(); }
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    bool matches(QStringView line) const;
    // Where the pattern occurs in `line`: (start, length) pairs, non-empty
    // and not overlapping, in order.
    QList<std::pair<int, int>> ranges(QStringView line) const;
    // The rows of [firstRow, endRow) of `model` whose line matches, ascending.
    // Walks the model's pages, not its rows, so a million lines take well
    // under a second.
    std::vector<int> matchingRows(const LogModel &model, int firstRow, int endRow) const;
    // Where the pattern occurs in `lines`, raw log bytes of whole lines each
    // ending in '\n' (the last may not): visit(lineStart, column, length) for
    // each match in order, with the line's byte offset in `lines` and the
    // match as ranges() gives it in the line's text (its UTF-8 decoded, the
    // "\r" of a "\r\n" dropped); with `firstPerLine`, once per matching line.
    // visit returns whether to go on. Escape sequences are searched as bytes.
    using MatchVisitor = std::function<bool(qsizetype lineStart, int column, int length)>;
    void visitMatches(QByteArrayView lines, bool firstPerLine, const MatchVisitor &visit) const;

private:
    // Whether plain UTF-8 bytes can be searched instead of UTF-16 text.
    bool canSearchBytes() const;
    // The first match in `text` at or after `from`: (start, end), or start -1.
    // `decoded`: `text` is whole lines made by QString::fromUtf8, so valid
    // UTF-16, which PCRE2 would otherwise check in full on every call (a
    // regex matching every other line of a 64 KiB window: 500 checks of it).
    std::pair<qsizetype, qsizetype> find(QStringView text, qsizetype from, bool decoded = false) const;

    LogPattern m_pattern;
    QStringMatcher m_plain;
    QRegularExpression m_regex; // with MultilineOption: ^ and $ match at line ends
    QString m_error;
};

class LogSpillSearch;

// Search mode: the lines of a LogModel that match a pattern, kept up to date
// as lines arrive (appended at the end or prepended above), and a current
// hit moved with next()/previous() (both wrap around). Hits are line ids.
//
// A log of up to syncSearchBytes is searched at once. A bigger one is
// searched on a pool thread over its spill file (LogSpillSearch: the raw
// bytes, so a match must not straddle an escape sequence): hits come as they
// are found, progressChanged() follows, cancel() stops it. A next() asked
// before the first hit moves to that hit when it is found. Lines appended
// later are searched as they come; chunks prepended above are searched in
// the background too, after the search under way.
class LogSearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSearch)

public:
    static constexpr qint64 syncSearchBytes = 1024 * 1024;

    explicit LogSearch(LogModel *model, QObject *parent = nullptr);
    ~LogSearch() override;

    void setPattern(const LogPattern &pattern);
    const LogMatcher &matcher() const { return m_matcher; }
    qsizetype hitCount() const { return m_hits.size(); }
    qsizetype currentIndex() const { return m_current; } // -1: none
    qint64 currentLineId() const { return m_current < 0 ? LogModel::noLineId : m_hits.at(m_current); }
    const LineIdSet &hits() const { return m_hits; }

    // Whether a background search is under way, and how far it got (permille).
    bool isSearching() const;
    int progress() const { return m_progress; }
    // Stops the background search; the hits so far stay, lines that arrive
    // later are searched again.
    void cancel();
    bool wasCancelled() const { return m_cancelled; }

    // Moves to the next (previous) hit after (before) the current one, or
    // the first hit at or after `fromLineId` when there is no current hit.
    void next(qint64 fromLineId = LogModel::noLineId);
    void previous(qint64 fromLineId = LogModel::noLineId);

Q_SIGNALS:
    void hitsChanged();
    void currentChanged(qint64 lineId);
    void progressChanged(int permille);
    void searchingChanged(bool searching);

private:
    void rescan();
    void onRowsInserted(int first, int last);
    // Searches the lines above those searched, from the first whole one:
    // at once for a small log (true when it found any), else in the background.
    bool searchAbove();
    // Adds the hits among lines [first, end); true when there are any.
    bool searchRows(qint64 first, qint64 end);
    void onStartReached();
    void onSpillHits(qsizetype first, qsizetype count);
    void onSpillFinished();
    // `ids` ascending, none in m_hits yet.
    void addHits(const std::vector<qint64> &ids);
    void moveTo(qsizetype index);

    LogModel *m_model;
    LogMatcher m_matcher;
    LogSpillSearch *m_spillSearch;
    LineIdSet m_hits;
    qsizetype m_current = -1;
    // The lines searched (or being searched): [m_searchedFirst, m_searchedEnd).
    qint64 m_searchedFirst = 0;
    qint64 m_searchedEnd = 0;
    int m_progress = 0;
    bool m_cancelled = false;
    std::optional<qint64> m_wantedFrom; // next() before the background search found a hit
};

} // namespace Flotilla
