#include "templatecontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include "runcontroller.h"
#include <store/store.h>

#include <QUuid>

namespace Flotilla {

namespace {

QString templateNotFound(const QString &templateId)
{
    return QStringLiteral("Template with ID %1 not found").arg(templateId);
}

// Upstream's ids: "tpl-" and a UUID without its first four characters.
QString newTemplateId()
{
    return QStringLiteral("tpl-") + QUuid::createUuid().toString(QUuid::WithoutBraces).mid(4);
}

} // namespace

TemplateController::TemplateController(Store &store, RunController &runs)
    : m_store(store)
    , m_runs(runs)
{}

void TemplateController::addRoutes(Router &router)
{
    router.add("GET", QStringLiteral("v7/template"), this, &TemplateController::list);
    router.add("POST", QStringLiteral("v7/template"), this, &TemplateController::create);
    router.add("GET", QStringLiteral("v7/template/*"), this, &TemplateController::get);
    router.add("PUT", QStringLiteral("v7/template/*/execute"), this, &TemplateController::launchById);
    router.add("PUT", QStringLiteral("v7/template/name/*/version/*/execute"), this, &TemplateController::launchByName);
    router.add("GET", QStringLiteral("v7/template/*/history"), this, &TemplateController::history);
    // A template run is a run: its routes are the run routes' under another path.
    router.add("GET", QStringLiteral("v7/template/history/*"), &m_runs, &RunController::get);
    router.add("GET", QStringLiteral("v7/template/*/history/*"), &m_runs, &RunController::getOfDefinition);
    router.add("DELETE", QStringLiteral("v7/template/*/history/*"), &m_runs, &RunController::terminate);
}

HttpResponse TemplateController::list(const HttpRequest &request, const Args &)
{
    QueryItems items = queryItems(request);
    // latest_only is upstream's, true unless it says false (Go's strconv.ParseBool).
    bool latestOnly = true;
    for (qsizetype i = items.size() - 1; i >= 0; --i) {
        if (items[i].first.compare(u"latest_only", Qt::CaseInsensitive) != 0)
            continue;
        const QString value = items.takeAt(i).second.toLower();
        if (value == u"false" || value == u"0" || value == u"f")
            latestOnly = false;
        else if (value != u"true" && value != u"1" && value != u"t")
            return errorResponse(400,
                                 QStringLiteral("latest_only \"%1\" is not supported; use true or false").arg(value));
    }
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Templates, items, &error);
    if (!query)
        return errorResponse(400, error);
    const StoredPage page = m_store.listTemplates(*query, latestOnly);
    return listResponse("templates", page.items, page.total, *query);
}

std::optional<TemplateController::Saved> TemplateController::createOrVersion(Template tpl, HttpResponse *error)
{
    if (const QStringList problems = tpl.validate(); !problems.isEmpty()) {
        *error = errorResponse(400, problems.join(u'\n'));
        return std::nullopt;
    }
    QString corrupt;
    const std::optional<Template> latest = m_store.templateByName(tpl.templateName, std::nullopt, &corrupt);
    if (!corrupt.isEmpty()) {
        *error = errorResponse(500, corrupt);
        return std::nullopt;
    }
    if (latest && latest->sameContent(tpl))
        return Saved{*latest, false};
    tpl.templateId = newTemplateId();
    tpl.version = latest ? latest->version + 1 : 1;
    if (!m_store.insertTemplate(tpl)) {
        *error = storeFailureResponse(m_store, QStringLiteral("could not store the template"));
        return std::nullopt;
    }
    return Saved{tpl, true};
}

HttpResponse TemplateController::create(const HttpRequest &request, const Args &)
{
    HttpResponse error;
    const std::optional<Json> body = parseJsonBody(request, &error);
    if (!body)
        return error;
    QStringList errors;
    Template tpl = Template::fromJson(*body, &errors);
    if (!errors.isEmpty())
        return errorResponse(400, errors.join(u'\n'));
    // The server numbers versions and names ids; a client's are ignored, as upstream.
    tpl.templateId.clear();
    tpl.version = 0;
    const std::optional<Saved> saved = createOrVersion(std::move(tpl), &error);
    if (!saved)
        return error;
    return jsonResponse({{"did_create", saved->didCreate}, {"template", saved->tpl.toJson()}});
}

HttpResponse TemplateController::get(const HttpRequest &, const Args &args)
{
    QString corrupt;
    QByteArray document = m_store.templateDocument(args[0], &corrupt);
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (document.isEmpty())
        return errorResponse(404, templateNotFound(args[0]));
    return documentResponse(std::move(document));
}

HttpResponse TemplateController::launchById(const HttpRequest &request, const Args &args)
{
    QString corrupt;
    const std::optional<Template> tpl = m_store.templateById(args[0], &corrupt);
    return launch(request, tpl, corrupt, templateNotFound(args[0]));
}

HttpResponse TemplateController::launchByName(const HttpRequest &request, const Args &args)
{
    // A version that is not a number means the latest, as upstream.
    bool isNumber = false;
    const qint64 version = args[1].toLongLong(&isNumber);
    QString corrupt;
    const std::optional<Template> tpl = m_store.templateByName(args[0],
                                                               isNumber ? std::optional(version) : std::nullopt,
                                                               &corrupt);
    return launch(request, tpl, corrupt,
                  QStringLiteral("invalid template name or version, template_name: %1, template_version: %2")
                      .arg(args[0], args[1]));
}

HttpResponse TemplateController::launch(const HttpRequest &request, const std::optional<Template> &tpl,
                                        const QString &corrupt, const QString &notFound)
{
    HttpResponse error;
    const std::optional<Json> body = parseJsonBody(request, &error);
    if (!body)
        return error;
    QStringList errors;
    const TemplateLaunchRequest launch = TemplateLaunchRequest::fromJson(*body, &errors);
    if (!errors.isEmpty())
        return errorResponse(400, errors.join(u'\n'));
    if (launch.ownerId.isEmpty())
        return errorResponse(400, QStringLiteral("request payload must contain [owner_id]; the run_tags field is "
                                                 "deprecated for the v7 endpoint."));
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (!tpl)
        return errorResponse(404, notFound);

    const RenderedLaunch rendered = renderLaunch(*tpl, launch.payload);
    if (!rendered.problems.isEmpty()) {
        // One answer names every violation: a sentence each, and each as data for forms.
        QStringList lines;
        Json violations = Json::array();
        for (const SchemaViolation &violation : rendered.problems) {
            lines.append(violationText(violation));
            violations.push_back({{"path", toUtf8(violation.path)},
                                  {"rule", toUtf8(violation.rule)},
                                  {"message", toUtf8(violation.message)}});
        }
        return jsonResponse({{"error", toUtf8(lines.join(u'\n'))}, {"violations", std::move(violations)}}, 400);
    }

    LaunchPlan plan;
    plan.executableId = tpl->templateId;
    plan.executableType = QStringLiteral("template");
    // Upstream names template runs by their id; the name and version say more in a list.
    plan.alias = tpl->displayName();
    plan.groupName = QStringLiteral("template_group_name");
    plan.image = tpl->image;
    plan.command = rendered.command;
    plan.memory = launch.memory ? launch.memory : tpl->memory;
    plan.cpu = launch.cpu ? launch.cpu : tpl->cpu;
    plan.user = launch.ownerId;
    plan.env = launch.env;
    plan.cluster = launch.cluster;
    plan.placement = launch.placement;
    plan.templatePayload = rendered.payload;
    return m_runs.start(plan, launch.dryRun);
}

HttpResponse TemplateController::history(const HttpRequest &request, const Args &args)
{
    QString corrupt;
    if (m_store.templateDocument(args[0], &corrupt).isEmpty() && corrupt.isEmpty())
        return errorResponse(404, templateNotFound(args[0]));
    return m_runs.listMatching(request, args[0]);
}

} // namespace Flotilla
