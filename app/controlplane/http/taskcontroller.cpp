#include "taskcontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include <store/store.h>

#include <QUuid>

namespace Flotilla {

namespace {

QString newDefinitionId(const QString &groupName)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return groupName.isEmpty() ? uuid : groupName + u'-' + uuid;
}

QString aliasNotFound(const QString &alias)
{
    return QStringLiteral("Definition with alias %1 not found").arg(alias);
}

} // namespace

TaskController::TaskController(Store &store)
    : m_store(store)
{}

QString TaskController::notFound(const QString &definitionId)
{
    return QStringLiteral("Definition with ID %1 not found").arg(definitionId);
}

void TaskController::addRoutes(Router &router)
{
    for (const QString &version : {QStringLiteral("v1/"), QStringLiteral("v6/")}) {
        router.add("GET", version + QStringLiteral("task"), this, &TaskController::list);
        router.add("POST", version + QStringLiteral("task"), this, &TaskController::create);
        router.add("GET", version + QStringLiteral("task/alias/*"), this, &TaskController::getByAlias);
        router.add("GET", version + QStringLiteral("task/*"), this, &TaskController::get);
        router.add("PUT", version + QStringLiteral("task/*"), this, &TaskController::update);
        router.add("DELETE", version + QStringLiteral("task/*"), this, &TaskController::remove);
    }
}

HttpResponse TaskController::list(const HttpRequest &request, const Args &)
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Definitions, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    const StoredPage page = m_store.listDefinitions(*query);
    return listResponse("definitions", page.items, page.total, *query);
}

HttpResponse TaskController::save(const Definition &definition, bool insert)
{
    if (const QStringList problems = definition.validate(); !problems.isEmpty())
        return errorResponse(400, problems.join(u'\n'));
    // A corrupt row holding the alias holds it too.
    QString corrupt;
    const std::optional<Definition> sameAlias = m_store.definitionByAlias(definition.alias, &corrupt);
    if ((sameAlias && sameAlias->definitionId != definition.definitionId) || !corrupt.isEmpty())
        return errorResponse(409, QStringLiteral("definition with alias [%1] already exists").arg(definition.alias));
    const bool saved = insert ? m_store.insertDefinition(definition) : m_store.updateDefinition(definition);
    if (!saved)
        return storeFailureResponse(m_store, QStringLiteral("could not save the definition"));
    return documentResponse(m_store.definitionDocument(definition.definitionId));
}

std::optional<DefinitionPatch> TaskController::readPatch(const HttpRequest &request, HttpResponse *error)
{
    const std::optional<Json> body = parseJsonBody(request, error);
    if (!body)
        return std::nullopt;
    QStringList errors;
    DefinitionPatch patch = DefinitionPatch::fromJson(*body, &errors);
    if (!errors.isEmpty()) {
        *error = errorResponse(400, errors.join(u'\n'));
        return std::nullopt;
    }
    return patch;
}

HttpResponse TaskController::create(const HttpRequest &request, const Args &)
{
    HttpResponse error;
    const std::optional<DefinitionPatch> patch = readPatch(request, &error);
    if (!patch)
        return error;
    Definition definition;
    patch->applyTo(definition);
    definition.definitionId = newDefinitionId(definition.groupName);
    return save(definition, true);
}

HttpResponse TaskController::get(const HttpRequest &, const Args &args)
{
    QString corrupt;
    QByteArray document = m_store.definitionDocument(args[0], &corrupt);
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (document.isEmpty())
        return errorResponse(404, notFound(args[0]));
    return documentResponse(std::move(document));
}

HttpResponse TaskController::getByAlias(const HttpRequest &, const Args &args)
{
    QString corrupt;
    const std::optional<Definition> definition = m_store.definitionByAlias(args[0], &corrupt);
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (!definition)
        return errorResponse(404, aliasNotFound(args[0]));
    return jsonResponse(definition->toJson());
}

HttpResponse TaskController::update(const HttpRequest &request, const Args &args)
{
    QString corrupt;
    std::optional<Definition> definition = m_store.definition(args[0], &corrupt);
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (!definition)
        return errorResponse(404, notFound(args[0]));
    HttpResponse error;
    const std::optional<DefinitionPatch> patch = readPatch(request, &error);
    if (!patch)
        return error;
    patch->applyTo(*definition);
    return save(*definition, false);
}

HttpResponse TaskController::remove(const HttpRequest &, const Args &args)
{
    // A corrupt definition can be deleted: that is how it is got rid of.
    QString corrupt;
    if (m_store.definitionDocument(args[0], &corrupt).isEmpty() && corrupt.isEmpty())
        return errorResponse(404, notFound(args[0]));
    if (!m_store.deleteDefinition(args[0]))
        return storeFailureResponse(m_store, QStringLiteral("could not delete the definition"));
    return jsonResponse(Json{{"deleted", true}});
}

} // namespace Flotilla
