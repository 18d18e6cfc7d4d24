#include <client/flotillaclient.h>
#include <client/secretjob.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Flotilla;

// Runs against the real Secret Service: CTest starts it under
// dbus-run-session with a throwaway gnome-keyring (tests/support/with-keyring.sh).
// `noKeychain` runs in a second CTest entry with no session bus at all.
class tst_SecretJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_service = QStringLiteral("flotilla-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces); }
    void writeReadRemoveRoundTrip();
    void readingWhatWasNeverStoredIsEmpty();
    void secretsReachTheClientsHeaders();
    void noKeychainFailsClearlyAndStoresNothing();

private:
    SecretJob *job(SecretJob::Operation operation, const QString &profile)
    {
        auto *job = new SecretJob(operation, profile, this);
        job->setService(m_service);
        return job;
    }
    // Runs the job; returns its error string (empty on success) and, for reads, the secrets.
    QString finish(SecretJob *job, ProfileSecrets *secrets = nullptr)
    {
        QString error;
        connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
            error = done->succeeded() ? QStringLiteral("ok") : done->errorString();
            if (secrets)
                *secrets = done->secrets();
        });
        job->start();
        if (!QTest::qWaitFor([&] { return !error.isEmpty(); }, 20000))
            return QStringLiteral("timed out");
        return error == u"ok" ? QString() : error;
    }
    static bool expectKeychain() { return qEnvironmentVariableIsEmpty("FLOTILLA_TEST_NO_KEYCHAIN"); }

    QString m_service;
};

void tst_SecretJob::writeReadRemoveRoundTrip()
{
    if (!expectKeychain())
        QSKIP("no keychain in this run");
    ProfileSecrets secrets;
    secrets.bearerToken = QStringLiteral("s3cr\u00e9t");
    secrets.headers = {{"X-Proxy-Auth", "cookie=1"}};
    auto *write = job(SecretJob::Operation::Write, QStringLiteral("prod"));
    write->setSecrets(secrets);
    QCOMPARE(finish(write), QString());

    ProfileSecrets read;
    QCOMPARE(finish(job(SecretJob::Operation::Read, QStringLiteral("prod")), &read), QString());
    QCOMPARE(read.bearerToken, secrets.bearerToken);
    QCOMPARE(read.headers, secrets.headers);

    QCOMPARE(finish(job(SecretJob::Operation::Remove, QStringLiteral("prod"))), QString());
    QCOMPARE(finish(job(SecretJob::Operation::Read, QStringLiteral("prod")), &read), QString());
    QVERIFY(read.isEmpty());
}

void tst_SecretJob::readingWhatWasNeverStoredIsEmpty()
{
    if (!expectKeychain())
        QSKIP("no keychain in this run");
    ProfileSecrets read;
    read.bearerToken = QStringLiteral("stale");
    QCOMPARE(finish(job(SecretJob::Operation::Read, QStringLiteral("never")), &read), QString());
    QVERIFY(read.isEmpty());
    QCOMPARE(finish(job(SecretJob::Operation::Remove, QStringLiteral("never"))), QString());
}

void tst_SecretJob::secretsReachTheClientsHeaders()
{
    ProfileSecrets secrets;
    secrets.bearerToken = QStringLiteral("abc");
    secrets.headers = {{"X-Extra", "1"}};
    FlotillaClient client(QUrl(QStringLiteral("http://127.0.0.1:1")));
    secrets.applyTo(&client);
    const QNetworkRequest request = client.networkRequest(client.baseUrl());
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer abc"));
    QCOMPARE(request.rawHeader("X-Extra"), QByteArray("1"));
    QCOMPARE(ProfileSecrets::fromJson(secrets.toJson())->headers, secrets.headers);
    QVERIFY(!ProfileSecrets::fromJson("not json"));
}

void tst_SecretJob::noKeychainFailsClearlyAndStoresNothing()
{
    if (expectKeychain())
        QSKIP("runs in tst_secretjob_without_keychain");
    ProfileSecrets secrets;
    secrets.bearerToken = QStringLiteral("must-not-leak");
    auto *write = job(SecretJob::Operation::Write, QStringLiteral("prod"));
    write->setSecrets(secrets);
    const QString error = finish(write);
    QVERIFY2(error.contains(QStringLiteral("keychain")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("never stored elsewhere")), qPrintable(error));
    // Nothing was written to a plain-text fallback in the test's home.
    const QString home = qEnvironmentVariable("HOME");
    QProcess grep;
    grep.start(QStringLiteral("grep"), {QStringLiteral("-rl"), QStringLiteral("must-not-leak"), home});
    QVERIFY(grep.waitForFinished());
    QCOMPARE(grep.readAllStandardOutput(), QByteArray());
}

QTEST_GUILESS_MAIN(tst_SecretJob)
#include "tst_secretjob.moc"
