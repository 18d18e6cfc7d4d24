#pragma once

#include "definition.h"
#include "run.h"
#include "template.h"

namespace Flotilla {

// The paging part every list answer shares.
struct ListPage
{
    qint64 total = 0;
    qint64 limit = 0;
    qint64 offset = 0;
    QString sortBy;
    QString order;

    void readFrom(JsonReader &reader);
};

struct DefinitionList
{
    QList<Definition> definitions;
    ListPage page;

    static DefinitionList fromJson(const Json &json, QStringList *errors);
};

struct RunList
{
    QList<Run> history;
    ListPage page;

    static RunList fromJson(const Json &json, QStringList *errors);
};

struct TemplateList
{
    QList<Template> templates;
    ListPage page;

    static TemplateList fromJson(const Json &json, QStringList *errors);
};

// The answer to POST /v7/template: the stored template (the latest version
// when nothing changed) and whether a version was made.
struct CreatedTemplate
{
    Template tpl;
    bool didCreate = false;

    static CreatedTemplate fromJson(const Json &json, QStringList *errors);
};

// GroupsList and TagsList: names under `key` ("groups" or "tags").
struct NameList
{
    QStringList names;
    ListPage page;

    static NameList fromJson(const Json &json, std::string_view key, QStringList *errors);
};

// Strings, or upstream's cluster objects with a `name`; null is empty.
struct ClustersList
{
    QStringList clusters;

    static ClustersList fromJson(const Json &json, QStringList *errors);
};

} // namespace Flotilla
