// ProfileSecrets: the keychain entry's JSON both ways, unreadable entries
// refused, and the secrets applied to a client's requests.
#include <client/flotillaclient.h>
#include <client/profilesecrets.h>

#include <QTest>

using namespace Flotilla;

class Tst_ProfileSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip();
    void unreadableEntries();
    void appliedToAClient();
};

void Tst_ProfileSecrets::jsonRoundTrip()
{
    ProfileSecrets secrets;
    secrets.bearerToken = QStringLiteral("t0ken é");
    secrets.headers = {{"Cookie", "proxy=abc"}, {"X-Team", "data"}};
    QVERIFY(!secrets.isEmpty());
    const std::optional<ProfileSecrets> read = ProfileSecrets::fromJson(secrets.toJson());
    QVERIFY(read);
    QCOMPARE(read->bearerToken, secrets.bearerToken);
    QCOMPARE(read->headers, secrets.headers);
    QVERIFY(ProfileSecrets().isEmpty());
    QVERIFY(ProfileSecrets::fromJson(ProfileSecrets().toJson())->isEmpty());
}

void Tst_ProfileSecrets::unreadableEntries()
{
    QVERIFY(!ProfileSecrets::fromJson("not json"));
    QVERIFY(!ProfileSecrets::fromJson("[\"a\"]"));
    // Fields of the wrong type are skipped, the rest kept.
    const auto partly = ProfileSecrets::fromJson(R"({"bearer_token":5,"headers":{"A":"b","C":1}})");
    QVERIFY(partly);
    QVERIFY(partly->bearerToken.isEmpty());
    QCOMPARE(partly->headers, (QList<std::pair<QByteArray, QByteArray>>{{"A", "b"}}));
}

void Tst_ProfileSecrets::appliedToAClient()
{
    FlotillaClient client(QUrl(QStringLiteral("http://127.0.0.1:1")));
    ProfileSecrets secrets;
    secrets.bearerToken = QStringLiteral("abc");
    secrets.headers = {{"Cookie", "proxy=1"}};
    secrets.applyTo(&client);
    const QNetworkRequest request = client.networkRequest(client.baseUrl());
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer abc"));
    QCOMPARE(request.rawHeader("Cookie"), QByteArray("proxy=1"));

    // No token: a token the client already has stays.
    ProfileSecrets headersOnly;
    headersOnly.headers = {{"X-Team", "data"}};
    headersOnly.applyTo(&client);
    QCOMPARE(client.networkRequest(client.baseUrl()).rawHeader("Authorization"), QByteArray("Bearer abc"));
}

QTEST_GUILESS_MAIN(Tst_ProfileSecrets)
#include "tst_profilesecrets.moc"
