// Settings: every key of the settings file behind one class.
#include <client/settings.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

namespace {

LaunchItem definition(const QString &id, const QString &label = {})
{
    return {LaunchItem::Kind::Definition, id, label};
}

} // namespace

class Tst_Settings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.emplace().isValid()); }
    void profilesRoundTrip();
    void removingTheDefaultProfileForgetsIt();
    void launchChoicesArePerProfile();
    void runsRefreshIsNeverNegative();
    void recentLaunchesAreNewestFirstAndFew();
    void notificationSettingsHaveDefaults();
    void starsArePerProfileAndGoWithIt();
    void layoutsAndPageRoundTrip();
    void keysStayWhereOlderVersionsPutThem();
    void theDefaultFileIsTheOneOfFlotilla();

private:
    QString file() const { return m_dir->filePath(QStringLiteral("flotilla.conf")); }
    std::optional<QTemporaryDir> m_dir;
};

void Tst_Settings::profilesRoundTrip()
{
    ServerProfile prod;
    prod.name = QStringLiteral("prod");
    prod.baseUrl = QUrl(QStringLiteral("https://flotilla.example.com"));
    prod.flavour = ServerFlavour::SeedEra;
    prod.ownerId = QStringLiteral("ada");
    prod.defaultCluster = QStringLiteral("k8s");
    prod.hasSecrets = true;
    prod.webUi = QUrl(QStringLiteral("https://flotilla-ui.example.com"));
    {
        Settings settings(file());
        QVERIFY(settings.profileNames().isEmpty());
        QVERIFY(!settings.storedProfile(QStringLiteral("prod")));
        settings.storeProfile(prod);
        settings.setDefaultProfileName(QStringLiteral("prod"));
        settings.sync();
    }
    const Settings settings(file());
    QCOMPARE(settings.profileNames(), QStringList{QStringLiteral("prod")});
    const std::optional<ServerProfile> read = settings.storedProfile(QStringLiteral("prod"));
    QVERIFY(read);
    QCOMPARE(read->baseUrl, prod.baseUrl);
    QCOMPARE(read->flavour, prod.flavour);
    QCOMPARE(read->ownerId, prod.ownerId);
    QCOMPARE(read->defaultCluster, prod.defaultCluster);
    QCOMPARE(read->hasSecrets, true);
    QCOMPARE(read->webUi, prod.webUi);
    QCOMPARE(settings.defaultProfileName(), QStringLiteral("prod"));
    QCOMPARE(QFile::permissions(file()) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void Tst_Settings::removingTheDefaultProfileForgetsIt()
{
    Settings settings(file());
    ServerProfile profile;
    profile.name = QStringLiteral("a");
    profile.baseUrl = QUrl(QStringLiteral("http://a.example"));
    settings.storeProfile(profile);
    settings.setDefaultProfileName(QStringLiteral("a"));
    settings.removeProfile(QStringLiteral("a"));
    QVERIFY(settings.profileNames().isEmpty());
    QVERIFY(settings.defaultProfileName().isEmpty());
}

void Tst_Settings::launchChoicesArePerProfile()
{
    Settings settings(file());
    QCOMPARE(settings.lastLaunchCluster(QStringLiteral("a")), std::nullopt);
    settings.setLastLaunch(QStringLiteral("a"), QStringLiteral("gpu"), QStringLiteral("ada"));
    settings.setLastLaunch(QStringLiteral("b"), QString(), QStringLiteral("bob"));
    QCOMPARE(settings.lastLaunchCluster(QStringLiteral("a")), QStringLiteral("gpu"));
    QCOMPARE(settings.lastLaunchOwnerId(QStringLiteral("a")), QStringLiteral("ada"));
    QCOMPARE(settings.lastLaunchCluster(QStringLiteral("b")), QString()); // chosen: the server's default
    QCOMPARE(settings.lastLaunchOwnerId(QStringLiteral("b")), QStringLiteral("bob"));
}

void Tst_Settings::runsRefreshIsNeverNegative()
{
    Settings settings(file());
    QCOMPARE(settings.runsRefreshSeconds(), 0); // automatic
    settings.setRunsRefreshSeconds(15);
    QCOMPARE(settings.runsRefreshSeconds(), 15);
    settings.setRunsRefreshSeconds(-3);
    QCOMPARE(settings.runsRefreshSeconds(), 0);
}

void Tst_Settings::layoutsAndPageRoundTrip()
{
    Settings settings(file());
    QVERIFY(settings.layout(Settings::Layout::MainWindowGeometry).isEmpty());
    settings.setLayout(Settings::Layout::MainWindowGeometry, "geometry");
    settings.setLayout(Settings::Layout::RunsHeader, "header");
    settings.setCurrentPage(3);
    QCOMPARE(settings.layout(Settings::Layout::MainWindowGeometry), QByteArray("geometry"));
    QCOMPARE(settings.layout(Settings::Layout::RunsHeader), QByteArray("header"));
    QVERIFY(settings.layout(Settings::Layout::DefinitionsHeader).isEmpty());
    QCOMPARE(settings.currentPage(), 3);
}

// Files written before Settings existed keep working: the keys did not move.
void Tst_Settings::starsArePerProfileAndGoWithIt()
{
    const QString prod = QStringLiteral("prod");
    const QString local = QStringLiteral("local");
    {
        Settings settings(file());
        ServerProfile profile;
        profile.name = prod;
        profile.baseUrl = QUrl(QStringLiteral("https://f.example.com"));
        settings.storeProfile(profile);
        settings.setStarred(prod, definition(QStringLiteral("d2")), true);
        settings.setStarred(prod, definition(QStringLiteral("d1"), QStringLiteral("nightly")), true);
        settings.setStarred(prod, definition(QStringLiteral("d1"), QStringLiteral("nightly")), true); // twice is once
        settings.setStarred(local, definition(QStringLiteral("d3")), true);
        settings.setStarred(prod, {LaunchItem::Kind::Template, QStringLiteral("t1"), QStringLiteral("report")}, true);
        settings.sync();
    }
    Settings settings(file());
    QCOMPARE(settings.starredDefinitions(prod), (QStringList{QStringLiteral("d2"), QStringLiteral("d1")}));
    QCOMPARE(settings.starredDefinitions(local), QStringList{QStringLiteral("d3")});
    QCOMPARE(settings.starredTemplates(prod), QStringList{QStringLiteral("t1")});
    QVERIFY(settings.starredTemplates(local).isEmpty());
    // The tray's Launch menu: definitions then templates, labelled; one
    // starred without a label shows its id.
    QCOMPARE(settings.starredLaunchItems(prod),
             (QList<LaunchItem>{definition(QStringLiteral("d2"), QStringLiteral("d2")),
                                definition(QStringLiteral("d1"), QStringLiteral("nightly")),
                                {LaunchItem::Kind::Template, QStringLiteral("t1"), QStringLiteral("report")}}));
    settings.setStarred(prod, definition(QStringLiteral("d2")), false);
    settings.setStarred(prod, definition(QStringLiteral("nope")), false);
    QCOMPARE(settings.starredDefinitions(prod), QStringList{QStringLiteral("d1")});
    // Unstarred and starred again without a label: the old label is gone.
    settings.setStarred(prod, definition(QStringLiteral("d1")), false);
    settings.setStarred(prod, definition(QStringLiteral("d1")), true);
    QCOMPARE(settings.starredLaunchItems(prod).constFirst().label, QStringLiteral("d1"));
    // A profile removed and added again starts without stars.
    settings.removeProfile(prod);
    QVERIFY(settings.starredDefinitions(prod).isEmpty());
    QVERIFY(settings.starredTemplates(prod).isEmpty());
    QCOMPARE(settings.starredDefinitions(local), QStringList{QStringLiteral("d3")});
}

void Tst_Settings::keysStayWhereOlderVersionsPutThem()
{
    {
        QSettings raw(file(), QSettings::IniFormat);
        raw.setValue(QStringLiteral("refresh/runsSeconds"), 30);
        raw.setValue(QStringLiteral("launch/prod/cluster"), QStringLiteral("gpu"));
        raw.setValue(QStringLiteral("mainWindow/geometry"), QByteArray("g"));
        raw.setValue(QStringLiteral("navigation/page"), 2);
        raw.setValue(QStringLiteral("profiles/prod/url"), QStringLiteral("https://p.example"));
        raw.setValue(QStringLiteral("defaultProfile"), QStringLiteral("prod"));
    }
    const Settings settings(file());
    QCOMPARE(settings.runsRefreshSeconds(), 30);
    QCOMPARE(settings.lastLaunchCluster(QStringLiteral("prod")), QStringLiteral("gpu"));
    QCOMPARE(settings.layout(Settings::Layout::MainWindowGeometry), QByteArray("g"));
    QCOMPARE(settings.currentPage(), 2);
    QCOMPARE(settings.storedProfile(QStringLiteral("prod"))->baseUrl, QUrl(QStringLiteral("https://p.example")));
    QCOMPARE(settings.defaultProfileName(), QStringLiteral("prod"));
}

void Tst_Settings::theDefaultFileIsTheOneOfFlotilla()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->path());
    QCOMPARE(Settings().fileName(), m_dir->filePath(QStringLiteral("flotilla/flotilla.conf")));
}

void Tst_Settings::recentLaunchesAreNewestFirstAndFew()
{
    Settings settings(file());
    QVERIFY(settings.recentLaunches(QStringLiteral("prod")).isEmpty());
    for (int i = 0; i < 7; ++i)
        settings.addRecentLaunch(QStringLiteral("prod"), {LaunchItem::Kind::Definition, QStringLiteral("def-%1").arg(i),
                                                          QStringLiteral("job %1").arg(i)});
    const LaunchItem tpl{LaunchItem::Kind::Template, QStringLiteral("tpl-1"), QStringLiteral("report")};
    settings.addRecentLaunch(QStringLiteral("prod"), tpl);
    settings.addRecentLaunch(QStringLiteral("prod"),
                             {LaunchItem::Kind::Definition, QStringLiteral("def-5"), QStringLiteral("job 5")});
    settings.sync();
    const QList<LaunchItem> recent = Settings(file()).recentLaunches(QStringLiteral("prod"));
    QCOMPARE(recent.size(), Settings::maxRecentLaunches);
    QCOMPARE(recent.at(0).id, QStringLiteral("def-5")); // again: moved up, not twice
    QCOMPARE(recent.at(1), tpl);
    QCOMPARE(recent.at(2).id, QStringLiteral("def-6"));
    QCOMPARE(recent.at(3).id, QStringLiteral("def-4"));
    QVERIFY(Settings(file()).recentLaunches(QStringLiteral("local")).isEmpty());
}

void Tst_Settings::notificationSettingsHaveDefaults()
{
    Settings settings(file());
    QVERIFY(settings.notifyWatchedRuns());
    QVERIFY(!settings.failuresStayUntilDismissed());
    QVERIFY(settings.keepRunningInTray());
    QVERIFY(!settings.trayNoticeShown());
    settings.setNotifyWatchedRuns(false);
    settings.setFailuresStayUntilDismissed(true);
    settings.setKeepRunningInTray(false);
    settings.setTrayNoticeShown(true);
    settings.sync();
    const Settings read(file());
    QVERIFY(!read.notifyWatchedRuns());
    QVERIFY(read.failuresStayUntilDismissed());
    QVERIFY(!read.keepRunningInTray());
    QVERIFY(read.trayNoticeShown());
}

QTEST_GUILESS_MAIN(Tst_Settings)
#include "tst_settings.moc"
