#pragma once

#include <wire/runcomparison.h>

#include <QAbstractTableModel>

namespace Flotilla {

// The one-line fields of two runs side by side (image, cluster, owner,
// resources, exit code and reason, duration), a row each, with whether they
// differ. The command and the payload are several lines: the compare window
// shows them as line diffs instead.
class RunComparisonModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunComparisonModel)

public:
    enum Column { Field, Left, Right, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        DiffersRole = Qt::UserRole + 1, // bool
        FieldRole,                      // RunField as int
    };
    Q_ENUM(Role)

    explicit RunComparisonModel(QObject *parent = nullptr);

    void setRuns(const Run &left, const Run &right); // a model reset
    int differenceCount() const;

    static QString fieldLabel(RunField field); // translated

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<FieldComparison> m_fields;
};

} // namespace Flotilla
