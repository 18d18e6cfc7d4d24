#include <client/profilestore.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Flotilla;

class tst_ProfileStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void localExistsAndIsTheDefault();
    void savedProfilesSurviveAndListByName();
    void invalidProfilesAreRefusedWithAReason();
    void removeForgetsTheProfileAndTheDefault();
    void settingsFileHoldsNoSecretAndIsPrivate();

private:
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("flotilla.conf")); }
    static ServerProfile remote(const QString &name, const QString &url)
    {
        ServerProfile profile;
        profile.name = name;
        profile.baseUrl = QUrl(url);
        return profile;
    }

    std::unique_ptr<QTemporaryDir> m_dir; // fresh for every test
};

void tst_ProfileStore::localExistsAndIsTheDefault()
{
    ProfileStore store(settingsFile());
    const QList<ServerProfile> profiles = store.profiles();
    QCOMPARE(profiles.size(), 1);
    QVERIFY(profiles.constFirst().isLocal());
    QCOMPARE(profiles.constFirst().flavour, ServerFlavour::ControlPlane);
    QCOMPARE(store.defaultProfileName(), QStringLiteral("local"));
    QVERIFY(store.profile(QStringLiteral("local")));
    QVERIFY(!store.profile(QStringLiteral("nope")));
}

void tst_ProfileStore::savedProfilesSurviveAndListByName()
{
    {
        ProfileStore store(settingsFile());
        ServerProfile prod = remote(QStringLiteral("prod"), QStringLiteral("https://flotilla.example.com"));
        prod.flavour = ServerFlavour::CurrentUpstream;
        prod.ownerId = QStringLiteral("ada");
        prod.defaultCluster = QStringLiteral("k8s-main");
        prod.hasSecrets = true;
        QCOMPARE(store.save(prod), QString());
        QCOMPARE(store.save(remote(QStringLiteral("old"), QStringLiteral("http://10.0.0.5:3000"))), QString());
        QCOMPARE(store.setDefaultProfileName(QStringLiteral("prod")), QString());
    }
    ProfileStore store(settingsFile());
    const QList<ServerProfile> profiles = store.profiles();
    QCOMPARE(profiles.size(), 3);
    QCOMPARE(profiles.at(0).name, QStringLiteral("local"));
    QCOMPARE(profiles.at(1).name, QStringLiteral("old"));
    QCOMPARE(profiles.at(1).flavour, ServerFlavour::Auto);
    const ServerProfile &prod = profiles.at(2);
    QCOMPARE(prod.baseUrl, QUrl(QStringLiteral("https://flotilla.example.com")));
    QCOMPARE(prod.flavour, ServerFlavour::CurrentUpstream);
    QCOMPARE(prod.ownerId, QStringLiteral("ada"));
    QCOMPARE(prod.defaultCluster, QStringLiteral("k8s-main"));
    QVERIFY(prod.hasSecrets);
    QCOMPARE(store.defaultProfileName(), QStringLiteral("prod"));
}

void tst_ProfileStore::invalidProfilesAreRefusedWithAReason()
{
    ProfileStore store(settingsFile());
    QVERIFY(
        store.save(remote(QStringLiteral("local"), QStringLiteral("http://h"))).contains(QStringLiteral("built-in")));
    QVERIFY(store.save(remote(QStringLiteral("a/b"), QStringLiteral("http://h")))
                .contains(QStringLiteral("letters, digits")));
    QVERIFY(store.save(remote(QString(), QStringLiteral("http://h"))).contains(QStringLiteral("empty")));
    QVERIFY(
        store.save(remote(QStringLiteral("x"), QStringLiteral("ftp://h"))).contains(QStringLiteral("http or https")));
    QVERIFY(store.save(remote(QStringLiteral("x"), QStringLiteral("nohost"))).contains(QStringLiteral("http or https")));
    QVERIFY(!store.setDefaultProfileName(QStringLiteral("x")).isEmpty());
    QCOMPARE(store.profiles().size(), 1);
}

void tst_ProfileStore::removeForgetsTheProfileAndTheDefault()
{
    ProfileStore store(settingsFile());
    QCOMPARE(store.save(remote(QStringLiteral("prod"), QStringLiteral("https://h"))), QString());
    QCOMPARE(store.setDefaultProfileName(QStringLiteral("prod")), QString());
    QVERIFY(!store.remove(QStringLiteral("local")));
    QVERIFY(!store.remove(QStringLiteral("other")));
    QVERIFY(store.remove(QStringLiteral("prod")));
    QVERIFY(!store.profile(QStringLiteral("prod")));
    QCOMPARE(store.defaultProfileName(), QStringLiteral("local"));
}

void tst_ProfileStore::settingsFileHoldsNoSecretAndIsPrivate()
{
    ProfileStore store(settingsFile());
    ServerProfile prod = remote(QStringLiteral("prod"), QStringLiteral("https://h"));
    prod.hasSecrets = true;
    QCOMPARE(store.save(prod), QString());
    QFile file(settingsFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("hasSecrets=true"));
    QVERIFY(!text.toLower().contains("token"));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
