#pragma once

#include "itemtablemodel.h"

#include <wire/definition.h>

namespace Flotilla {

// The definitions of a server (GET /task), paged. Filters: group (exact),
// alias and image (substrings on our server), tag (our control plane only: upstream has no tag
// filter, see canFilterByTag()) and env pairs. Sortable: alias, group,
// image, memory (every flavour).
class DefinitionListModel final : public ItemTableModel<Definition>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionListModel)

public:
    enum Column { Alias, Group, Image, Command, Memory, Cpu, Tags, ColumnCount };
    Q_ENUM(Column)

    explicit DefinitionListModel(FlotillaClient *client = nullptr, QObject *parent = nullptr);

    void setGroupFilter(const QString &group);
    void setAliasFilter(const QString &text);
    void setImageFilter(const QString &text);
    void setTagFilter(const QString &tag);
    bool canFilterByTag() const;
    void setEnvFilter(const EnvList &pairs);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString sortKey(int column) const override;
    void addFilters(QUrlQuery &query) const override;
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    ResultJob<Definition> *createItemJob(FlotillaClient &client, const QString &id) override
    {
        return client.definition(id);
    }
    QString changeKind() const override { return QStringLiteral("definition"); }
    QList<Definition> itemsOf(ApiJob &job, qint64 *total) const override;
    QString idOf(const Definition &definition) const override { return definition.definitionId; }
    bool differ(const Definition &a, const Definition &b) const override { return a.toJson() != b.toJson(); }

    QString m_group;
    QString m_alias;
    QString m_image;
    QString m_tag;
    EnvList m_env;
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::Definition)
