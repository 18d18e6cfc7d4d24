#include "linediff.h"

#include <QCoreApplication>
#include <QHashFunctions>

#include <algorithm>
#include <unordered_map>

namespace Flotilla {

QString LineMask::defaultPattern()
{
    return QStringLiteral("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                          "|\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b"
                          "|\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"
                          "|\\b[0-9a-fA-F]{12,}\\b");
}

LineMask::LineMask(const QString &pattern)
    : m_regex(pattern)
{
    if (!m_regex.isValid()) {
        m_error = QCoreApplication::translate("Flotilla::LineMask",
                                              "The mask is not a valid regular expression: %1 at position %2; "
                                              "fix it, or clear it to compare whole lines.")
                      .arg(m_regex.errorString())
                      .arg(m_regex.patternErrorOffset());
    } else {
        m_regex.optimize();
    }
}

size_t LineMask::hash(QStringView line) const
{
    if (m_regex.pattern().isEmpty())
        return qHash(line);
    constexpr size_t matchMarker = 0x9e3779b97f4a7c15ULL;
    size_t hash = 0;
    qsizetype from = 0;
    qsizetype searchFrom = 0;
    while (searchFrom <= line.size()) {
        const QRegularExpressionMatch match = m_regex.match(line, searchFrom);
        if (!match.hasMatch())
            break;
        const qsizetype start = match.capturedStart();
        const qsizetype end = match.capturedEnd();
        if (end == start) { // an empty match ignores nothing
            searchFrom = start + 1;
            continue;
        }
        hash = qHash(line.sliced(from, start - from), hash) * 31 + matchMarker;
        from = searchFrom = end;
    }
    return qHash(line.sliced(from), hash);
}

namespace LineDiff {

namespace {

constexpr int checkEvery = 4096; // lines between looks at cancel and progress

struct Match
{
    int left;
    int right;
};

// The diff of two sequences of line ids, as the matched pairs in order.
class Aligner final
{
public:
    Aligner(std::vector<int> a, std::vector<int> b, int idCount, const Cancelled &cancelled,
            std::function<void(int leftDone)> progress)
        : m_a(std::move(a))
        , m_b(std::move(b))
        , m_cancelled(cancelled)
        , m_progress(std::move(progress))
        , m_stamp(size_t(idCount), 0)
        , m_countA(size_t(idCount))
        , m_countB(size_t(idCount))
        , m_posB(size_t(idCount))
    {}

    // false when cancelled.
    bool run()
    {
        // Work items in a stack rather than recursion: a stretch can split
        // thousands of times. A run of matches (length > 0) or a stretch to align.
        struct Item
        {
            int a0, a1, b0, b1;
            int runLength = 0;
        };
        std::vector<Item> stack{{0, int(m_a.size()), 0, int(m_b.size())}};
        while (!stack.empty()) {
            const Item item = stack.back();
            stack.pop_back();
            if (item.runLength > 0) {
                for (int i = 0; i < item.runLength; ++i)
                    emitMatch(item.a0 + i, item.b0 + i);
                continue;
            }
            if (m_cancelled && m_cancelled())
                return false;
            int a0 = item.a0, a1 = item.a1, b0 = item.b0, b1 = item.b1;
            while (a0 < a1 && b0 < b1 && m_a[size_t(a0)] == m_b[size_t(b0)])
                emitMatch(a0++, b0++);
            int tail = 0;
            while (a0 < a1 - tail && b0 < b1 - tail && m_a[size_t(a1 - 1 - tail)] == m_b[size_t(b1 - 1 - tail)])
                ++tail;
            a1 -= tail;
            b1 -= tail;
            if (tail > 0)
                stack.push_back({a1, a1 + tail, b1, b1 + tail, tail});
            if (a0 == a1 || b0 == b1)
                continue;
            const std::vector<Match> anchors = uniqueCommonAnchors(a0, a1, b0, b1);
            if (anchors.empty()) {
                if (!myers(a0, a1, b0, b1))
                    return false;
                continue;
            }
            // Pushed backwards, so they come off the stack in order.
            Match after{a1, b1};
            for (auto anchor = anchors.rbegin(); anchor != anchors.rend(); ++anchor) {
                stack.push_back({anchor->left + 1, after.left, anchor->right + 1, after.right});
                stack.push_back({anchor->left, anchor->left + 1, anchor->right, anchor->right + 1, 1});
                after = *anchor;
            }
            stack.push_back({a0, after.left, b0, after.right});
        }
        return true;
    }

    std::vector<Match> takeMatches() { return std::move(m_matches); }

private:
    void emitMatch(int left, int right)
    {
        m_matches.push_back({left, right});
        if (m_progress && left % checkEvery == 0)
            m_progress(left);
    }

    // Patience: the lines that occur once in each side, longest increasing
    // run of them by their place on the right.
    std::vector<Match> uniqueCommonAnchors(int a0, int a1, int b0, int b1)
    {
        ++m_generation;
        const auto touch = [this](int id) {
            if (m_stamp[size_t(id)] != m_generation) {
                m_stamp[size_t(id)] = m_generation;
                m_countA[size_t(id)] = m_countB[size_t(id)] = 0;
            }
        };
        for (int i = a0; i < a1; ++i) {
            const int id = m_a[size_t(i)];
            touch(id);
            ++m_countA[size_t(id)];
        }
        for (int j = b0; j < b1; ++j) {
            const int id = m_b[size_t(j)];
            touch(id);
            ++m_countB[size_t(id)];
            m_posB[size_t(id)] = j;
        }
        std::vector<Match> candidates;
        for (int i = a0; i < a1; ++i) {
            const int id = m_a[size_t(i)];
            if (m_countA[size_t(id)] == 1 && m_countB[size_t(id)] == 1)
                candidates.push_back({i, m_posB[size_t(id)]});
        }
        // Longest increasing subsequence by `right` (patience sorting).
        std::vector<int> pileTops;                        // candidate index on top of each pile
        std::vector<int> previous(candidates.size(), -1); // on the pile to the left
        for (int c = 0; c < int(candidates.size()); ++c) {
            const auto pile = std::lower_bound(pileTops.begin(), pileTops.end(), candidates[size_t(c)].right,
                                               [&](int top, int right) {
                                                   return candidates[size_t(top)].right < right;
                                               });
            if (pile != pileTops.begin())
                previous[size_t(c)] = *(pile - 1);
            if (pile == pileTops.end())
                pileTops.push_back(c);
            else
                *pile = c;
        }
        std::vector<Match> anchors;
        for (int c = pileTops.empty() ? -1 : pileTops.back(); c >= 0; c = previous[size_t(c)])
            anchors.push_back(candidates[size_t(c)]);
        std::reverse(anchors.begin(), anchors.end());
        return anchors;
    }

    // Myers' greedy O(ND) diff of the stretch, keeping each round's
    // frontier to walk back. Past maxEditDistance edits, or too much work,
    // it leaves the stretch unmatched (all changed). false when cancelled.
    bool myers(int a0, int a1, int b0, int b1)
    {
        const int n = a1 - a0, m = b1 - b0;
        const int limit = std::min(n + m, maxEditDistance);
        const qint64 workBudget = 64LL * 1024 * 1024;
        qint64 work = 0;
        const int offset = limit + 1;
        std::vector<int> v(size_t(2 * limit + 3), 0);
        std::vector<std::vector<int>> rounds; // rounds[d][k + d]: furthest x on diagonal k after round d
        for (int d = 0; d <= limit; ++d) {
            if (d % 64 == 0 && m_cancelled && m_cancelled())
                return false;
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                            ? v[size_t(offset + k + 1)]
                            : v[size_t(offset + k - 1)] + 1;
                int y = x - k;
                const int snakeStart = x;
                while (x < n && y < m && m_a[size_t(a0 + x)] == m_b[size_t(b0 + y)]) {
                    ++x;
                    ++y;
                }
                work += 1 + x - snakeStart;
                v[size_t(offset + k)] = x;
                if (x >= n && y >= m) {
                    rounds.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
                    walkBack(rounds, a0, b0, n, m);
                    return true;
                }
            }
            rounds.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
            if (work > workBudget)
                return true;
        }
        return true;
    }

    void walkBack(const std::vector<std::vector<int>> &rounds, int a0, int b0, int x, int y)
    {
        std::vector<Match> found;
        for (int d = int(rounds.size()) - 1; d > 0; --d) {
            const std::vector<int> &before = rounds[size_t(d - 1)];
            const auto at = [&](int k) { return before[size_t(k + d - 1)]; };
            const int k = x - y;
            const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
            const int previousK = down ? k + 1 : k - 1;
            const int previousX = at(previousK);
            const int snakeStart = down ? previousX : previousX + 1;
            for (; x > snakeStart; --x, --y)
                found.push_back({a0 + x - 1, b0 + y - 1});
            x = previousX;
            y = previousX - previousK;
        }
        for (; x > 0; --x, --y)
            found.push_back({a0 + x - 1, b0 + y - 1});
        for (auto match = found.rbegin(); match != found.rend(); ++match)
            emitMatch(match->left, match->right);
    }

    const std::vector<int> m_a;
    const std::vector<int> m_b;
    const Cancelled &m_cancelled;
    std::function<void(int)> m_progress;
    std::vector<Match> m_matches;
    // Per id, for the stretch being looked at (valid where stamp == generation).
    std::vector<quint32> m_stamp;
    std::vector<int> m_countA, m_countB, m_posB;
    quint32 m_generation = 0;
};

LineDiffResult rowsFrom(const std::vector<Match> &matches, int leftCount, int rightCount)
{
    LineDiffResult result;
    result.rows.reserve(size_t(std::max(leftCount, rightCount)));
    int left = 0, right = 0;
    const auto gapUntil = [&](int leftEnd, int rightEnd) {
        if ((left < leftEnd || right < rightEnd) && result.firstDifference < 0)
            result.firstDifference = int(result.rows.size());
        for (; left < leftEnd && right < rightEnd; ++left, ++right, ++result.changed)
            result.rows.push_back({left, right, DiffKind::Changed});
        for (; left < leftEnd; ++left, ++result.onlyLeft)
            result.rows.push_back({left, -1, DiffKind::OnlyLeft});
        for (; right < rightEnd; ++right, ++result.onlyRight)
            result.rows.push_back({-1, right, DiffKind::OnlyRight});
    };
    for (const Match &match : matches) {
        gapUntil(match.left, match.right);
        result.rows.push_back({left++, right++, DiffKind::Same});
    }
    gapUntil(leftCount, rightCount);
    return result;
}

} // namespace

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    return lines;
}

std::optional<LineDiffResult> compare(const QStringList &left, const QStringList &right, const LineMask &mask,
                                      const Cancelled &cancelled, const Progress &progress)
{
    Q_ASSERT(mask.isValid());
    // Progress: hashing takes up to 600 permille, aligning the rest.
    const qsizetype total = std::max<qsizetype>(1, left.size() + right.size());
    int reported = -1;
    const auto report = [&](int permille) {
        if (progress && permille != reported)
            progress(reported = permille);
    };
    std::unordered_map<size_t, int> ids;
    ids.reserve(size_t(total));
    const auto idsOf = [&](const QStringList &lines, qsizetype done) -> std::optional<std::vector<int>> {
        std::vector<int> out;
        out.reserve(size_t(lines.size()));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i % checkEvery == 0) {
                if (cancelled && cancelled())
                    return std::nullopt;
                report(int((done + i) * 600 / total));
            }
            out.push_back(ids.try_emplace(mask.hash(lines[i]), int(ids.size())).first->second);
        }
        return out;
    };
    std::optional<std::vector<int>> a = idsOf(left, 0);
    if (!a)
        return std::nullopt;
    std::optional<std::vector<int>> b = idsOf(right, left.size());
    if (!b)
        return std::nullopt;
    const qsizetype leftCount = std::max<qsizetype>(1, left.size());
    Aligner aligner(std::move(*a), std::move(*b), int(ids.size()), cancelled,
                    [&](int leftDone) { report(600 + int(leftDone * 400 / leftCount)); });
    if (!aligner.run())
        return std::nullopt;
    LineDiffResult result = rowsFrom(aligner.takeMatches(), int(left.size()), int(right.size()));
    report(1000);
    return result;
}

QString unifiedHunks(const QStringList &left, const QStringList &right, const LineDiffResult &result, int context)
{
    const std::vector<DiffRow> &rows = result.rows;
    const int rowCount = int(rows.size());
    QString out;
    int row = 0;
    int counted = 0;                     // rows before it counted into leftBefore and rightBefore
    int leftBefore = 0, rightBefore = 0; // lines before the hunk
    while (row < rowCount) {
        while (row < rowCount && rows[size_t(row)].kind == DiffKind::Same)
            ++row;
        if (row == rowCount)
            break;
        // A hunk: from `context` rows before this change to `context` rows
        // after the last change that is closer than 2 * context to the next.
        const int first = std::max(0, row - context);
        int last = row; // the last changed row
        for (int next = row + 1; next < rowCount && next <= last + 2 * context + 1; ++next) {
            if (rows[size_t(next)].kind != DiffKind::Same)
                last = next;
        }
        const int end = std::min(rowCount, last + context + 1);
        for (; counted < first; ++counted) {
            leftBefore += rows[size_t(counted)].left >= 0;
            rightBefore += rows[size_t(counted)].right >= 0;
        }
        int leftCount = 0, rightCount = 0;
        for (int r = first; r < end; ++r) {
            leftCount += rows[size_t(r)].left >= 0;
            rightCount += rows[size_t(r)].right >= 0;
        }
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                   .arg(leftCount ? leftBefore + 1 : leftBefore)
                   .arg(leftCount)
                   .arg(rightCount ? rightBefore + 1 : rightBefore)
                   .arg(rightCount);
        for (int r = first; r < end;) {
            if (rows[size_t(r)].kind == DiffKind::Same) {
                out += u' ' + left[rows[size_t(r)].left] + u'\n';
                ++r;
                continue;
            }
            int changeEnd = r;
            while (changeEnd < end && rows[size_t(changeEnd)].kind != DiffKind::Same)
                ++changeEnd;
            for (int c = r; c < changeEnd; ++c) {
                if (rows[size_t(c)].left >= 0)
                    out += u'-' + left[rows[size_t(c)].left] + u'\n';
            }
            for (int c = r; c < changeEnd; ++c) {
                if (rows[size_t(c)].right >= 0)
                    out += u'+' + right[rows[size_t(c)].right] + u'\n';
            }
            r = changeEnd;
        }
        row = end;
    }
    return out;
}

} // namespace LineDiff

} // namespace Flotilla
