#pragma once

#include <wire/envvar.h>

#include <QAbstractTableModel>

namespace Flotilla {

// The env list of a form (definition editor, launch dialog): editable
// names and values, add, remove, move up/down, and paste of NAME=VALUE
// lines. Rows with a problem (empty or invalid name, a name used twice) are
// flagged through ProblemRole, and problems() sums them up for the form.
class EnvVarModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvVarModel)

public:
    enum Column { Name, Value, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        ProblemRole = Qt::UserRole + 1, // what is wrong with the row, empty when nothing
        ObjectRole,                     // the EnvVar
    };
    Q_ENUM(Role)

    explicit EnvVarModel(QObject *parent = nullptr);

    EnvList envVars() const { return m_vars; }
    void setEnvVars(const EnvList &vars);

    // Appends a row and returns it.
    int addVar(const EnvVar &var = {});
    void removeVar(int row);
    bool moveUp(int row);
    bool moveDown(int row);
    // Appends NAME=VALUE lines (the value may hold `=`; blank lines and
    // `#` comments are skipped; a name already here gets the new value).
    // Returns what could not be read, one sentence per line, saying what to fix.
    QStringList paste(const QString &text);

    // One sentence per problem, naming the row; empty when the list can be saved.
    QStringList problems() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void problemsChanged();

private:
    QString problemOf(int row) const;
    void swapRows(int upper);
    void namesChanged(); // problems of other rows change with a name

    EnvList m_vars;
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::EnvVar)
