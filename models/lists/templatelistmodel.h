#pragma once

#include "itemtablemodel.h"

#include <wire/template.h>

namespace Flotilla {

// The templates of a server (GET /v7/template), paged: the latest version of
// each by default, or every version. Sortable: name, version (upstream's two).
class TemplateListModel final : public ItemTableModel<Template>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateListModel)

public:
    enum Column { Name, Version, Image, Memory, Cpu, ColumnCount };
    Q_ENUM(Column)

    explicit TemplateListModel(FlotillaClient *client = nullptr, QObject *parent = nullptr);

    void setLatestOnly(bool latestOnly);
    bool latestOnly() const { return m_latestOnly; }
    // Only the templates of one name (every version with setLatestOnly(false)):
    // our control plane filters; upstream's list has no filter, so the rows
    // of other names are left out here.
    void setNameFilter(const QString &name);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString sortKey(int column) const override;
    void addFilters(QUrlQuery &query) const override;
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    ResultJob<Template> *createItemJob(FlotillaClient &client, const QString &id) override
    {
        return client.templateById(id);
    }
    QString changeKind() const override { return QStringLiteral("template"); }
    QList<Template> itemsOf(ApiJob &job, qint64 *total) const override;
    QString idOf(const Template &tpl) const override { return tpl.templateId; }
    bool differ(const Template &a, const Template &b) const override { return a.toJson() != b.toJson(); }

    bool m_latestOnly = true;
    QString m_name;
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::Template)
