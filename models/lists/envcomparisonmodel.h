#pragma once

#include <wire/runcomparison.h>

#include <QAbstractTableModel>

namespace Flotilla {

// The env of two runs side by side, a row per name (sorted), with what
// changed: added (only the right run has it), removed, changed or the same.
class EnvComparisonModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvComparisonModel)

public:
    enum Column { Name, Left, Right, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        ChangeRole = Qt::UserRole + 1, // EnvChange as int
    };
    Q_ENUM(Role)

    explicit EnvComparisonModel(QObject *parent = nullptr);

    void setEnv(const EnvList &left, const EnvList &right); // a model reset
    const QList<EnvComparison> &comparison() const { return m_rows; }
    int count(EnvChange change) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<EnvComparison> m_rows;
};

} // namespace Flotilla
