// ServerFlavour names: each flavour's name reads back, case-insensitively;
// an unknown name is refused.
#include <client/serverflavour.h>

#include <QTest>

using namespace Flotilla;

class Tst_ServerFlavour final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip();
};

void Tst_ServerFlavour::namesRoundTrip()
{
    for (const ServerFlavour flavour :
         {ServerFlavour::Auto, ServerFlavour::ControlPlane, ServerFlavour::CurrentUpstream, ServerFlavour::SeedEra}) {
        const QString name = serverFlavourName(flavour);
        QVERIFY(!name.isEmpty());
        QCOMPARE(serverFlavourFromName(name), flavour);
        QCOMPARE(serverFlavourFromName(name.toUpper()), flavour);
    }
    QCOMPARE(serverFlavourName(ServerFlavour::CurrentUpstream), QStringLiteral("upstream"));
    QCOMPARE(serverFlavourFromName(u"seed-era"), ServerFlavour::SeedEra);
    QVERIFY(!serverFlavourFromName(u"v6"));
    QVERIFY(!serverFlavourFromName(u""));
}

QTEST_GUILESS_MAIN(Tst_ServerFlavour)
#include "tst_serverflavour.moc"
