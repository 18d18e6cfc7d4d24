#pragma once

#include <QAbstractProxyModel>

#include <vector>

namespace Flotilla {

// Wrap mode for a uniform-height list: each line of the source (a LogModel
// or a LogFilterModel on one) becomes as many visual rows as it needs at
// wrapColumns() characters per row. Every visual row carries all the line's
// roles plus where its piece of the text starts and how long it is.
// wrapColumns() 0 is no wrapping: one row per line. Rows inserted into the
// source (appended, prepended, or kept by a filter anywhere) are followed
// without a reset; changing the width resets.
class LogWrapModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogWrapModel)

public:
    enum Role {
        SegmentStartRole = Qt::UserRole + 100, // int: UTF-16 offset into the line
        SegmentLengthRole,                     // int
    };

    explicit LogWrapModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void setWrapColumns(int columns);
    int wrapColumns() const { return m_columns; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    int visualRowCount() const;
    void rebuild();
    void appendSegments(int first, int last, std::vector<qint64> &ends) const;
    void onRowsInserted(int first, int last);
    // The source row and segment of visual row `row`.
    std::pair<int, int> locate(int row) const;

    int m_columns = 0;
    int m_sourceColumns = 0;
    int m_lineCount = 0;               // rows of the source as this model knows them
    std::vector<qint64> m_segmentEnds; // while wrapping: per source row, one past its last visual row
    // Source rows inserted that this model has not taken in yet: within its
    // own insertion, its old rows from m_pendingFirst on are that much
    // further down the source.
    int m_pendingFirst = 0;
    int m_pendingCount = 0;
};

} // namespace Flotilla
