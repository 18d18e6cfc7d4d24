#pragma once

#include "itemtablemodel.h"

namespace Flotilla {

// A one-column list of names in the server's order (sorted by name; the
// name lists cannot be sorted otherwise), with a substring filter. The id
// and the raw value of a row are its name.
class NameListModel : public ItemTableModel<QString>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameListModel)

public:
    enum Column { Name, ColumnCount };
    Q_ENUM(Column)

    QString nameFilter() const { return m_nameFilter; }
    void setNameFilter(const QString &text); // substring
    QStringList names() const { return {m_items.cbegin(), m_items.cend()}; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    NameListModel(FlotillaClient *client, QString header, QObject *parent);

    void addFilters(QUrlQuery &query) const override;
    QString sortKey(int) const override { return {}; }
    QString idOf(const QString &name) const override { return name; }
    bool differ(const QString &a, const QString &b) const override { return a != b; }

private:
    QString m_header;
    QString m_nameFilter;
};

} // namespace Flotilla
