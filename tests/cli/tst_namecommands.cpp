// NameCommands: groups, tags and clusters, one a line or a JSON array, from
// the bodies of seed-era and current upstream servers.
#include "commandtesting.h"
#include "fixtureserver.h"

#include <cli/namecommands.h>
#include <client/flotillaclient.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_NameCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsInHelpOrder();
    void seedEraGroupsAndClusters();
    void currentUpstreamClustersAreNames();
    void tagsAsJson();
    void serverErrorExitsOne();
};

void Tst_NameCommands::commandsInHelpOrder()
{
    QStringList names;
    for (const auto &command : NameCommands::commands()) {
        names << command->name();
        QVERIFY(command->options().isEmpty() && command->maxPositional() == 0);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("groups"), QStringLiteral("tags"), QStringLiteral("clusters")}));
}

void Tst_NameCommands::seedEraGroupsAndClusters()
{
    FixtureServer server;
    QVERIFY(server.listen());
    server.serveFixture("GET", "/api/v1/groups", QStringLiteral("groups-seed-era.json"));
    server.serveFixture("GET", "/api/v1/clusters", QStringLiteral("clusters-seed-era.json"));
    FlotillaClient client(server.url(), ServerFlavour::SeedEra);
    CommandResult result = runCommand(NameCommands(NameCommands::Names::Groups), {}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("examples\ntesting\n"));
    result = runCommand(NameCommands(NameCommands::Names::Clusters), {}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("default\ngpu\n"));
}

void Tst_NameCommands::currentUpstreamClustersAreNames()
{
    FixtureServer server;
    QVERIFY(server.listen());
    server.serveFixture("GET", "/api/v6/clusters", QStringLiteral("clusters-head.json"));
    FlotillaClient client(server.url(), ServerFlavour::CurrentUpstream);
    const CommandResult result = runCommand(NameCommands(NameCommands::Names::Clusters),
                                            {QStringLiteral("--output"), QStringLiteral("json")}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(parseJson(result.out) == Json::array({"cluster1"}), qPrintable(result.describe()));
}

void Tst_NameCommands::tagsAsJson()
{
    FixtureServer server;
    QVERIFY(server.listen());
    server.serve("GET", "/api/v1/tags", FixtureResponse::json(R"({"tags":["a","b c"],"total":2})"));
    FlotillaClient client(server.url(), ServerFlavour::SeedEra);
    const CommandResult result = runCommand(NameCommands(NameCommands::Names::Tags),
                                            {QStringLiteral("--output"), QStringLiteral("json")}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("[\n  \"a\",\n  \"b c\"\n]\n"));
}

void Tst_NameCommands::serverErrorExitsOne()
{
    FixtureServer server; // answers everything as upstream's router: 404
    QVERIFY(server.listen());
    FlotillaClient client(server.url(), ServerFlavour::SeedEra);
    const CommandResult result = runCommand(NameCommands(NameCommands::Names::Groups), {}, &client);
    QVERIFY2(result.exitCode == 1 && result.err.startsWith(QStringLiteral("flotilla: ")) && result.out.isEmpty(),
             qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_NameCommands)
#include "tst_namecommands.moc"
