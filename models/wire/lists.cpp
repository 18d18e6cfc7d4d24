#include "lists.h"

namespace Flotilla {

void ListPage::readFrom(JsonReader &reader)
{
    total = reader.integer("total").value_or(0);
    limit = reader.integer("limit").value_or(0);
    offset = reader.integer("offset").value_or(0);
    sortBy = reader.string("sort_by").value_or(QString());
    order = reader.string("order").value_or(QString());
}

template <typename Item>
static QList<Item> itemsFromJson(JsonReader &reader, std::string_view key, QStringList *errors)
{
    QList<Item> items;
    if (const Json *array = reader.array(key)) {
        items.reserve(qsizetype(array->size()));
        for (const Json &item : *array)
            items.append(Item::fromJson(item, errors));
    }
    return items;
}

// A paged list: its items under `key`, and the paging fields.
template <typename List, typename Item>
static List pagedListFromJson(const Json &json, std::string_view key, QList<Item> List::*items, QStringList *errors)
{
    List list;
    JsonReader reader(json);
    list.*items = itemsFromJson<Item>(reader, key, errors);
    list.page.readFrom(reader);
    errors->append(reader.errors());
    return list;
}

DefinitionList DefinitionList::fromJson(const Json &json, QStringList *errors)
{
    return pagedListFromJson(json, "definitions", &DefinitionList::definitions, errors);
}

RunList RunList::fromJson(const Json &json, QStringList *errors)
{
    return pagedListFromJson(json, "history", &RunList::history, errors);
}

TemplateList TemplateList::fromJson(const Json &json, QStringList *errors)
{
    return pagedListFromJson(json, "templates", &TemplateList::templates, errors);
}

CreatedTemplate CreatedTemplate::fromJson(const Json &json, QStringList *errors)
{
    CreatedTemplate created;
    JsonReader reader(json);
    if (const Json *tpl = reader.object("template"))
        created.tpl = Template::fromJson(*tpl, errors);
    else
        reader.addError(QStringLiteral("the answer has no template"));
    if (const Json *didCreate = reader.find("did_create"); didCreate && didCreate->is_boolean())
        created.didCreate = didCreate->get<bool>();
    errors->append(reader.errors());
    return created;
}

NameList NameList::fromJson(const Json &json, std::string_view key, QStringList *errors)
{
    NameList list;
    JsonReader reader(json);
    if (const Json *array = reader.array(key))
        list.names = stringListFromJson(*array, QString::fromLatin1(key.data(), qsizetype(key.size())), errors);
    list.page.readFrom(reader);
    errors->append(reader.errors());
    return list;
}

ClustersList ClustersList::fromJson(const Json &json, QStringList *errors)
{
    ClustersList list;
    JsonReader reader(json);
    if (const Json *array = reader.array("clusters")) {
        int index = 0;
        for (const Json &item : *array) {
            if (item.is_string()) {
                list.clusters.append(toQString(item.get_ref<const std::string &>()));
            } else if (item.is_object()) {
                JsonReader clusterReader(item, QStringLiteral("clusters[%1]").arg(index));
                list.clusters.append(clusterReader.string("name").value_or(QString()));
                errors->append(clusterReader.errors());
            } else {
                errors->append(QStringLiteral("clusters[%1] must be a name or an object").arg(index));
            }
            ++index;
        }
    }
    errors->append(reader.errors());
    return list;
}

} // namespace Flotilla
