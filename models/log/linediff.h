#pragma once

#include <QRegularExpression>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Flotilla {

// What to ignore when comparing two lines: the matches of a regular
// expression (times, ids). Lines that differ only inside matches compare
// equal. An empty pattern ignores nothing; an invalid one says what to fix.
class LineMask final
{
public:
    // ISO 8601 / RFC 3339 date-times, clock times, UUIDs and hex ids of 12 or
    // more digits: what differs between two runs of the same job line by line.
    static QString defaultPattern();

    explicit LineMask(const QString &pattern = defaultPattern());

    QString pattern() const { return m_regex.pattern(); }
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // A hash of `line` without the matches (each match counts as one marker,
    // so "a 12:00 b" and "a b" still differ).
    size_t hash(QStringView line) const;

private:
    QRegularExpression m_regex;
    QString m_error;
};

enum class DiffKind { Same, Changed, OnlyLeft, OnlyRight };

// One row of two texts aligned side by side: line indexes from 0, -1 where
// the side has no line.
struct DiffRow
{
    int left = -1;
    int right = -1;
    DiffKind kind = DiffKind::Same;

    friend bool operator==(const DiffRow &, const DiffRow &) = default;
};

struct LineDiffResult
{
    std::vector<DiffRow> rows;
    qsizetype onlyLeft = 0;   // lines
    qsizetype onlyRight = 0;  // lines
    qsizetype changed = 0;    // rows pairing a left line with a different right one
    int firstDifference = -1; // row; -1 when the texts compare equal

    bool isEqual() const { return firstDifference < 0; }
};

// A line diff: lines are masked and hashed to ints, the common head and tail
// are cut off, and the rest is aligned by patience diff (lines unique on both
// sides as anchors), with Myers' O(ND) for stretches without such anchors.
// Myers gives up beyond maxEditDistance edits in one stretch and calls it
// changed as a whole, so two very different 100,000-line logs stay fast.
// Deleted and inserted lines next to each other pair up as changed rows.
namespace LineDiff {

constexpr int maxEditDistance = 1024;

using Cancelled = std::function<bool()>;
using Progress = std::function<void(int permille)>;

// Lines of a text; a final newline ends the last line rather than starting
// an empty one, and a '\r' before a newline is dropped.
QStringList splitLines(const QString &text);

// Nothing when `cancelled` said so (it is asked every few thousand lines).
// `mask` must be valid.
std::optional<LineDiffResult> compare(const QStringList &left, const QStringList &right, const LineMask &mask,
                                      const Cancelled &cancelled = {}, const Progress &progress = {});

// The rows as unified diff hunks ("@@ -1,4 +1,5 @@", then " ", "-" and "+"
// lines), with `context` unchanged lines around each change; empty when equal.
QString unifiedHunks(const QStringList &left, const QStringList &right, const LineDiffResult &result, int context = 3);

} // namespace LineDiff

} // namespace Flotilla
