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
    // The client's call that lists the names (groups or tags); null for
    // subclasses that list by themselves.
    using Lister = ResultJob<NameList> *(FlotillaClient::*) (const QUrlQuery &);
    NameListModel(FlotillaClient *client, Lister lister, QString header, QObject *parent);

    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    QList<QString> itemsOf(ApiJob &job, qint64 *total) const override;

    void addFilters(QUrlQuery &query) const override;
    QString sortKey(int) const override { return {}; }
    QString idOf(const QString &name) const override { return name; }
    bool differ(const QString &a, const QString &b) const override { return a != b; }

private:
    Lister m_lister;
    QString m_header;
    QString m_nameFilter;
};

} // namespace Flotilla
