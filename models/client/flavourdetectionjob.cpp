#include "flavourdetectionjob.h"

#include "flotillaclient.h"

#include <wire/jsonreader.h>

namespace Flotilla {

static ApiRequest probe(const QString &path)
{
    ApiRequest request;
    request.path = path;
    return request;
}

FlavourDetectionJob::FlavourDetectionJob(FlotillaClient *client)
    : ApiJob(client, probe(QStringLiteral("groups")))
{
    connect(this, &ApiJob::finished, client, [this, client] {
        if (succeeded())
            client->setFlavour(m_result);
    });
}

void FlavourDetectionJob::handleAnswer(int status, const QByteArray &body, const QByteArray &contentType)
{
    const Json json = parseNetworkJson(body);
    switch (m_step) {
    case Step::Groups:
        // Only our control plane serves the unversioned seed paths, and only
        // it asks for a token.
        if ((status == 200 && json.is_object() && JsonReader(json).find("groups")) || status == 401) {
            m_result = ServerFlavour::ControlPlane;
            finishOk();
            return;
        }
        m_step = Step::Health;
        sendNext(probe(QStringLiteral("v6/health")));
        return;
    case Step::Health:
        if (status == 200) {
            m_result = ServerFlavour::CurrentUpstream;
            finishOk();
            return;
        }
        m_step = Step::Clusters;
        sendNext(probe(QStringLiteral("v1/clusters")));
        return;
    case Step::Clusters:
        if (status == 200 && json.is_object()) {
            m_result = ServerFlavour::SeedEra;
            finishOk();
            return;
        }
        if (status >= 200 && status < 300)
            finishWith(ApiError::badAnswer(QStringLiteral("this does not look like a Flotilla server"), status,
                                           QString::fromLatin1(method()), url()));
        else
            finishWith(errorFromAnswer(status, body, contentType));
        return;
    }
}

} // namespace Flotilla
