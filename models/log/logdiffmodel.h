#pragma once

#include "linediff.h"

#include <QAbstractTableModel>

namespace Flotilla {

// Two texts aligned by a LineDiff, a row per DiffRow: each side's line
// number and text (empty where the side has no line), the kind through
// KindRole. Moves between differences: a difference is a run of rows
// that are not Same.
class LogDiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDiffModel)

public:
    enum Column { LeftNumber, LeftText, RightNumber, RightText, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        KindRole = Qt::UserRole + 1, // DiffKind as int
    };
    Q_ENUM(Role)

    explicit LogDiffModel(QObject *parent = nullptr);

    // Shows `result` of comparing `left` with `right` (a model reset).
    void setDiff(QStringList left, QStringList right, LineDiffResult result);
    void clear();

    const LineDiffResult &result() const { return m_result; }
    DiffKind kind(int row) const { return m_result.rows[size_t(row)].kind; }
    int differenceCount() const { return int(m_differences.size()); }
    // The first row of the first difference, of the next one after `row`,
    // of the one before the difference `row` is in (or before `row`); -1 when none.
    int firstDifference() const { return m_differences.empty() ? -1 : m_differences.front(); }
    int nextDifference(int row) const;
    int previousDifference(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_left;
    QStringList m_right;
    LineDiffResult m_result;
    std::vector<int> m_differences; // first row of each, ascending
};

} // namespace Flotilla
