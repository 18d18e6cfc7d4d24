#include "definitionlistmodel.h"

#include <client/flotillaclient.h>

namespace Flotilla {

DefinitionListModel::DefinitionListModel(FlotillaClient *client, QObject *parent)
    : ItemTableModel(client, ColumnCount, parent)
{
    setInitialSort(Alias, Qt::AscendingOrder);
}

void DefinitionListModel::setGroupFilter(const QString &group)
{
    setFilter(m_group, group);
}

void DefinitionListModel::setAliasFilter(const QString &text)
{
    setFilter(m_alias, text);
}

void DefinitionListModel::setImageFilter(const QString &text)
{
    setFilter(m_image, text);
}

void DefinitionListModel::setTagFilter(const QString &tag)
{
    setFilter(m_tag, tag);
}

bool DefinitionListModel::canFilterByTag() const
{
    return flavour() == ServerFlavour::ControlPlane;
}

void DefinitionListModel::setEnvFilter(const EnvList &pairs)
{
    setFilter(m_env, pairs);
}

QString DefinitionListModel::sortKey(int column) const
{
    switch (column) {
    case Alias: return QStringLiteral("alias");
    case Group: return QStringLiteral("group_name");
    case Image: return QStringLiteral("image");
    case Memory: return QStringLiteral("memory");
    default: return {};
    }
}

void DefinitionListModel::addFilters(QUrlQuery &query) const
{
    if (!m_group.isEmpty())
        query.addQueryItem(QStringLiteral("group_name"), m_group);
    if (!m_alias.isEmpty())
        query.addQueryItem(QStringLiteral("alias"), m_alias);
    if (!m_image.isEmpty())
        query.addQueryItem(QStringLiteral("image"), m_image);
    // Sent to any server: upstream then answers with an error naming the
    // missing column, which is what the user should see.
    if (!m_tag.isEmpty())
        query.addQueryItem(QStringLiteral("tag"), m_tag);
    addEnvFilter(query, m_env);
}

ApiJob *DefinitionListModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return client.listDefinitions(query);
}

QList<Definition> DefinitionListModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const DefinitionList &list = static_cast<ResultJob<DefinitionList> &>(job).result();
    *total = list.page.total;
    return list.definitions;
}

static QVariant optionalNumber(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant DefinitionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Definition &definition = itemAt(index.row());
    switch (role) {
    case IdRole: return definition.definitionId;
    case ObjectRole: return QVariant::fromValue(definition);
    case Qt::DisplayRole:
    case RawValueRole:
        switch (Column(index.column())) {
        case Alias: return definition.alias;
        case Group: return definition.groupName;
        case Image: return definition.image;
        case Command: return role == Qt::DisplayRole ? definition.command.simplified() : definition.command;
        case Memory: return optionalNumber(definition.memory);
        case Cpu: return optionalNumber(definition.cpu);
        case Tags:
            return role == Qt::DisplayRole ? QVariant(definition.tags.join(QStringLiteral(", ")))
                                           : QVariant(definition.tags);
        case ColumnCount: break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Command)
            return definition.command;
        break;
    default: break;
    }
    return {};
}

QVariant DefinitionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Alias: return tr("Alias");
    case Group: return tr("Group");
    case Image: return tr("Image");
    case Command: return tr("Command");
    case Memory: return tr("Memory (MB)");
    case Cpu: return tr("CPU (units)");
    case Tags: return tr("Tags");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
