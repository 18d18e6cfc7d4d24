#include "namecommands.h"

#include "invocation.h"

#include <client/flotillaclient.h>

namespace Flotilla {

namespace {

Command::Description describe(NameCommands::Names names)
{
    switch (names) {
    case NameCommands::Names::Groups:
        return {QStringLiteral("groups"), {}, QStringLiteral("List the group names."), {}, 0, 0};
    case NameCommands::Names::Tags: return {QStringLiteral("tags"), {}, QStringLiteral("List the tags."), {}, 0, 0};
    case NameCommands::Names::Clusters:
        return {QStringLiteral("clusters"), {}, QStringLiteral("List the clusters."), {}, 0, 0};
    }
    Q_UNREACHABLE();
}

} // namespace

NameCommands::NameCommands(Names names)
    : Command(describe(names))
    , m_names(names)
{}

CommandList NameCommands::commands()
{
    CommandList list;
    for (Names names : {Names::Groups, Names::Tags, Names::Clusters})
        list.append(std::make_shared<NameCommands>(names));
    return list;
}

void NameCommands::run(Invocation &invocation) const
{
    const auto print = [&invocation](const QStringList &names) {
        Output &output = invocation.output();
        if (output.isJson()) {
            Json array = Json::array();
            for (const QString &name : names)
                array.push_back(toUtf8(name));
            output.printJson(array);
        } else {
            for (const QString &name : names)
                output.out(name + u'\n');
        }
        invocation.done();
    };
    FlotillaClient *client = invocation.client();
    if (m_names == Names::Clusters) {
        invocation.whenDone<ResultJob<ClustersList>>(client->clusters(), [print](ResultJob<ClustersList> *job) {
            print(job->result().clusters);
        });
        return;
    }
    auto *job = m_names == Names::Groups ? client->groups() : client->tags();
    invocation.whenDone<ResultJob<NameList>>(job, [print](ResultJob<NameList> *named) { print(named->result().names); });
}

} // namespace Flotilla
