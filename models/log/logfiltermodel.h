#pragma once

#include "logsearch.h"

#include <QAbstractProxyModel>

#include <vector>

namespace Flotilla {

class LogModel;

// Filter mode: only the lines of a LogModel that match a pattern (or, with
// invert, that do not), each with up to contextLines() lines before and
// after it. Lines that arrive later are filtered as they come (appended
// rows, no reset); dropped lines leave with one row removal. Without a
// pattern every line passes.
class LogFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)

public:
    explicit LogFilterModel(QObject *parent = nullptr);

    void setLogModel(LogModel *model);
    LogModel *logModel() const { return m_log; }

    // Each of these refilters everything (a model reset).
    void setPattern(const LogPattern &pattern);
    void setInverted(bool inverted);
    void setContextLines(int lines);
    const LogMatcher &matcher() const { return m_matcher; }
    bool isInverted() const { return m_inverted; }
    int contextLines() const { return m_context; }
    bool isFiltering() const { return !m_matcher.isEmpty() && m_matcher.isValid(); }

    qint64 lineIdAt(int row) const;
    int rowOfLineId(qint64 id) const; // -1 when filtered out

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    void setSourceModel(QAbstractItemModel *) override {} // use setLogModel()
    void refilter();
    // Adds the kept lines among rows [first, last] of the log.
    void filterRows(int first, int last, std::vector<qint64> &kept);
    void onRowsInserted(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    LogModel *m_log = nullptr;
    LogMatcher m_matcher;
    bool m_inverted = false;
    int m_context = 0;
    int m_unfilteredCount = 0;     // rows while not filtering
    qint64 m_firstId = 0;          // of row 0 while not filtering; follows the log's within an insertion
    std::vector<qint64> m_keptIds; // while filtering
    qint64 m_afterContextLeft = 0; // lines still owed to the last match
};

} // namespace Flotilla
