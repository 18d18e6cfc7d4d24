// FlotillaLink: flotilla://PROFILE/KIND/ID parsed and built, bad links
// refused with what is wrong, web UI URLs, and resolving the profile.
#include <client/flotillalink.h>
#include <client/profilestore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

class Tst_FlotillaLink final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndBuilds_data();
    void parsesAndBuilds();
    void badLinksSayWhatIsWrong_data();
    void badLinksSayWhatIsWrong();
    void webUiUrls();
    void resolvesTheProfile();
};

void Tst_FlotillaLink::parsesAndBuilds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("built"); // toString() of the parsed link

    const QString run = QStringLiteral("0b2f9c4e-8d1a-4f6e-9a51-3c2d7e8f1a20");
    QTest::newRow("run") << QStringLiteral("flotilla://local/run/") + run << QStringLiteral("local")
                         << int(FlotillaLink::Kind::Run) << run << QStringLiteral("flotilla://local/run/") + run;
    QTest::newRow("definition") << QStringLiteral("flotilla://Prod.eu/definition/etl-1a2b") << QStringLiteral("Prod.eu")
                                << int(FlotillaLink::Kind::Definition) << QStringLiteral("etl-1a2b")
                                << QStringLiteral("flotilla://Prod.eu/definition/etl-1a2b");
    QTest::newRow("template") << QStringLiteral("flotilla://prod/template/t-7") << QStringLiteral("prod")
                              << int(FlotillaLink::Kind::Template) << QStringLiteral("t-7")
                              << QStringLiteral("flotilla://prod/template/t-7");
    QTest::newRow("scheme in capitals, trailing slash")
        << QStringLiteral("FLOTILLA://prod/run/r1/") << QStringLiteral("prod") << int(FlotillaLink::Kind::Run)
        << QStringLiteral("r1") << QStringLiteral("flotilla://prod/run/r1");
    QTest::newRow("percent-encoded") << QStringLiteral("flotilla://my%20team/definition/a%2Fb")
                                     << QStringLiteral("my team") << int(FlotillaLink::Kind::Definition)
                                     << QStringLiteral("a/b")
                                     << QStringLiteral("flotilla://my%20team/definition/a%2Fb");
}

void Tst_FlotillaLink::parsesAndBuilds()
{
    QFETCH(QString, text);
    QFETCH(QString, profile);
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(QString, built);
    QVERIFY(FlotillaLink::isLink(text));
    QString error;
    const std::optional<FlotillaLink> link = FlotillaLink::parse(text, &error);
    QVERIFY2(link, qPrintable(error));
    QCOMPARE(link->profileName(), profile);
    QCOMPARE(int(link->kind()), kind);
    QCOMPARE(link->id(), id);
    QCOMPARE(link->toString(), built);
    QCOMPARE(FlotillaLink::parse(link->toString(), &error), link); // round trip
}

void Tst_FlotillaLink::badLinksSayWhatIsWrong_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");

    QTest::newRow("other scheme") << QStringLiteral("https://prod/run/r1")
                                  << QStringLiteral("is not a flotilla:// link");
    QTest::newRow("no slashes") << QStringLiteral("flotilla:prod/run/r1")
                                << QStringLiteral("links look like flotilla://PROFILE/run/RUN_ID");
    QTest::newRow("no profile") << QStringLiteral("flotilla:///run/r1") << QStringLiteral("names no profile");
    QTest::newRow("no kind") << QStringLiteral("flotilla://prod")
                             << QStringLiteral("names no run, definition or template");
    QTest::newRow("unknown kind") << QStringLiteral("flotilla://prod/job/r1")
                                  << QStringLiteral("unknown kind of item \"job\"; use run, definition or template");
    QTest::newRow("no id") << QStringLiteral("flotilla://prod/run/") << QStringLiteral("has no run id after /run/");
    QTest::newRow("too long") << QStringLiteral("flotilla://prod/run/r1/logs")
                              << QStringLiteral("more parts than PROFILE/run/ID");
}

void Tst_FlotillaLink::badLinksSayWhatIsWrong()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    QString error;
    QVERIFY(!FlotillaLink::parse(text, &error));
    QVERIFY2(error.contains(problem), qPrintable(error));
    QVERIFY2(error.contains(text), qPrintable(error)); // the link is named
}

void Tst_FlotillaLink::webUiUrls()
{
    const QUrl webUi(QStringLiteral("https://flotilla.example.com/ui/"));
    QCOMPARE(FlotillaLink(QStringLiteral("prod"), FlotillaLink::Kind::Run, QStringLiteral("r1")).webUiUrl(webUi),
             QUrl(QStringLiteral("https://flotilla.example.com/ui/runs/r1")));
    QCOMPARE(FlotillaLink(QStringLiteral("prod"), FlotillaLink::Kind::Definition, QStringLiteral("d1"))
                 .webUiUrl(QUrl(QStringLiteral("http://10.0.0.5:3000"))),
             QUrl(QStringLiteral("http://10.0.0.5:3000/tasks/d1")));
    QCOMPARE(FlotillaLink(QStringLiteral("prod"), FlotillaLink::Kind::Template, QStringLiteral("t1")).webUiUrl(webUi),
             QUrl(QStringLiteral("https://flotilla.example.com/ui/templates/t1")));
}

void Tst_FlotillaLink::resolvesTheProfile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProfileStore store(dir.filePath(QStringLiteral("flotilla.conf")));
    ServerProfile prod;
    prod.name = QStringLiteral("Prod");
    prod.baseUrl = QUrl(QStringLiteral("https://flotilla.example.com"));
    QVERIFY(store.save(prod).isEmpty());

    QString error;
    const auto resolved = [&store, &error](const QString &profile) {
        return FlotillaLink(profile, FlotillaLink::Kind::Run, QStringLiteral("r1")).resolve(store, &error);
    };
    QCOMPARE(resolved(QStringLiteral("local"))->name, QStringLiteral("local"));
    QCOMPARE(resolved(QStringLiteral("Prod"))->baseUrl, prod.baseUrl);
    // A handler that lower-cased the part after "//" still finds it.
    QCOMPARE(resolved(QStringLiteral("prod"))->name, QStringLiteral("Prod"));
    QVERIFY(!resolved(QStringLiteral("staging")));
    QVERIFY2(error.contains(QStringLiteral("the profile \"staging\", which is not set up here")), qPrintable(error));
}

QTEST_GUILESS_MAIN(Tst_FlotillaLink)
#include "tst_flotillalink.moc"
