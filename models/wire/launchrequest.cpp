#include "launchrequest.h"

namespace Flotilla {

void LaunchPlacement::read(JsonReader &reader)
{
    gpu = reader.integer("gpu");
    engine = reader.string("engine");
    nodeLifecycle = reader.string("node_lifecycle");
}

void LaunchPlacement::writeTo(Json &body) const
{
    putOptional(body, "gpu", gpu);
    if (engine)
        body["engine"] = toUtf8(*engine);
    if (nodeLifecycle)
        body["node_lifecycle"] = toUtf8(*nodeLifecycle);
}

LaunchRequest LaunchRequest::fromJson(const Json &json, QStringList *errors)
{
    LaunchRequest request;
    if (!json.is_object()) {
        errors->append(QStringLiteral("the body must be a JSON object"));
        return request;
    }
    JsonReader reader(json);
    request.cluster = reader.string("cluster");
    if (const Json *env = reader.array("env"))
        request.env = envFromJson(*env, QStringLiteral("env"), errors);
    if (const Json *tags = reader.object("run_tags")) {
        JsonReader tagReader(*tags, QStringLiteral("run_tags"));
        request.ownerId = tagReader.string("owner_id").value_or(QString());
        request.ownerEmail = tagReader.string("owner_email").value_or(QString());
        request.teamName = tagReader.string("team_name").value_or(QString());
        errors->append(tagReader.errors());
    }
    request.command = reader.string("command");
    request.memory = reader.integer("memory");
    request.cpu = reader.integer("cpu");
    request.placement.read(reader);
    errors->append(reader.errors());
    return request;
}

} // namespace Flotilla
