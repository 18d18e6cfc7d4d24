#include "templatelistmodel.h"

#include <client/flotillaclient.h>

namespace Flotilla {

TemplateListModel::TemplateListModel(FlotillaClient *client, QObject *parent)
    : ItemTableModel(client, ColumnCount, parent)
{
    setInitialSort(Name, Qt::AscendingOrder);
}

void TemplateListModel::setLatestOnly(bool latestOnly)
{
    setFilter(m_latestOnly, latestOnly);
}

void TemplateListModel::setNameFilter(const QString &name)
{
    setFilter(m_name, name);
}

QString TemplateListModel::sortKey(int column) const
{
    switch (column) {
    case Name: return QStringLiteral("template_name");
    case Version: return QStringLiteral("version");
    default: return {};
    }
}

void TemplateListModel::addFilters(QUrlQuery &query) const
{
    query.addQueryItem(QStringLiteral("latest_only"), m_latestOnly ? QStringLiteral("true") : QStringLiteral("false"));
    if (!m_name.isEmpty() && flavour() == ServerFlavour::ControlPlane)
        query.addQueryItem(QStringLiteral("template_name"), m_name);
}

ApiJob *TemplateListModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return client.listTemplates(query);
}

QList<Template> TemplateListModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const TemplateList &list = static_cast<ResultJob<TemplateList> &>(job).result();
    *total = list.page.total;
    if (m_name.isEmpty())
        return list.templates;
    QList<Template> named;
    for (const Template &tpl : list.templates) {
        if (tpl.templateName == m_name)
            named.append(tpl);
    }
    return named;
}

QVariant TemplateListModel::data(const QModelIndex &index, int role) const
{
    if (!isItemIndex(index))
        return {};
    const Template &tpl = itemAt(index.row());
    const auto number = [](const std::optional<qint64> &value) { return value ? QVariant(*value) : QVariant(); };
    switch (role) {
    case IdRole: return tpl.templateId;
    case ObjectRole: return QVariant::fromValue(tpl);
    case Qt::DisplayRole:
    case RawValueRole:
        switch (Column(index.column())) {
        case Name: return tpl.templateName;
        case Version: return tpl.version;
        case Image: return tpl.image;
        case Memory: return number(tpl.memory);
        case Cpu: return number(tpl.cpu);
        case ColumnCount: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant TemplateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name: return tr("Name");
    case Version: return tr("Version");
    case Image: return tr("Image");
    case Memory: return tr("Memory (MB)");
    case Cpu: return tr("CPU (units)");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
