#include <settings/settingsdialog.h>
#include <testserver.h>
#include <widgettesting.h>

#include <client/profilestore.h>
#include <client/secretjob.h>
#include <client/settings.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

// Drives the dialog as a user would, against the real keychain (CTest runs
// it under a throwaway gnome-keyring) and a real control plane; the second
// CTest entry runs noKeychainSavesNothing with no keychain reachable.
class tst_SettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void localComesFirstAndIsReadOnly();
    void addedProfileKeepsItsTokenInTheKeychain();
    void badInputSaysWhatToFix();
    void removeAsksFirst();
    void setDefault();
    void testConnectionShowsTheFlavourOrTheError();
    void runsRefreshIsStored();
    void notificationChoicesAreStored();
    void everyControlHasAnAccessibleName();
    void rendersAtItsSizeHint();
    void noKeychainSavesNothing();

private:
    template <typename T>
    T *child(const char *name) const
    {
        return Testing::namedChild<T>(m_dialog.get(), name);
    }
    QString status() const { return child<QLabel>("statusLabel")->text(); }
    void click(const char *button) { QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton); }
    void fillNewProfile(const QString &name, const QString &url, const QString &token);
    static bool expectKeychain() { return qEnvironmentVariableIsEmpty("FLOTILLA_TEST_NO_KEYCHAIN"); }
    static std::optional<ProfileSecrets> readSecrets(const QString &profile); // nothing on a timeout

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void tst_SettingsDialog::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla-test"));
}

void tst_SettingsDialog::init()
{
    QFile::remove(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    m_store = std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    m_dialog = std::make_unique<SettingsDialog>(m_store.get());
    m_dialog->show();
}

void tst_SettingsDialog::cleanup()
{
    m_dialog.reset();
    m_store.reset();
}

void tst_SettingsDialog::fillNewProfile(const QString &name, const QString &url, const QString &token)
{
    click("addButton");
    QVERIFY(!child<QLineEdit>("nameEdit")->isReadOnly());
    QTest::keyClicks(child<QLineEdit>("nameEdit"), name);
    QTest::keyClicks(child<QLineEdit>("urlEdit"), url);
    QTest::keyClicks(child<QLineEdit>("tokenEdit"), token);
}

std::optional<ProfileSecrets> tst_SettingsDialog::readSecrets(const QString &profile)
{
    ProfileSecrets secrets;
    bool done = false;
    auto *job = new SecretJob(SecretJob::Operation::Read, profile);
    QObject::connect(job, &SecretJob::finished, [&](SecretJob *finished) {
        secrets = finished->secrets();
        done = true;
    });
    job->start();
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        return std::nullopt;
    return secrets;
}

void tst_SettingsDialog::localComesFirstAndIsReadOnly()
{
    auto *list = child<QListWidget>("profileList");
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("local (default)"));
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(!child<QLineEdit>("urlEdit")->isEnabled());
    QVERIFY(!child<QPushButton>("removeButton")->isEnabled());
    QVERIFY(!child<QPushButton>("saveProfileButton")->isEnabled());
    QVERIFY(status().contains(QStringLiteral("built in")));
}

void tst_SettingsDialog::addedProfileKeepsItsTokenInTheKeychain()
{
    if (!expectKeychain())
        QSKIP("no keychain in this run");
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::profilesChanged);
    fillNewProfile(QStringLiteral("prod"), QStringLiteral("https://flotilla.example.com"), QStringLiteral("t0ken"));
    child<QPlainTextEdit>("headersEdit")->setPlainText(QStringLiteral("X-Proxy-Auth: cookie=1"));
    QTest::keyClicks(child<QLineEdit>("webUiEdit"), QStringLiteral("https://flotilla-ui.example.com"));
    click("saveProfileButton");
    QTRY_COMPARE(changed.size(), 1);
    const std::optional<ServerProfile> stored = m_store->profile(QStringLiteral("prod"));
    QVERIFY(stored);
    QCOMPARE(stored->baseUrl, QUrl(QStringLiteral("https://flotilla.example.com")));
    QCOMPARE(stored->webUi, QUrl(QStringLiteral("https://flotilla-ui.example.com")));
    QVERIFY(stored->hasSecrets);
    const std::optional<ProfileSecrets> read = readSecrets(QStringLiteral("prod"));
    QVERIFY(read);
    const ProfileSecrets &secrets = *read;
    QCOMPARE(secrets.bearerToken, QStringLiteral("t0ken"));
    QCOMPARE(secrets.headers.value(0).first, QByteArray("X-Proxy-Auth"));
    QCOMPARE(secrets.headers.value(0).second, QByteArray("cookie=1"));
    QFile settings(m_store->fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains("t0ken"));

    // Shown again, the token comes back from the keychain; the name is fixed.
    auto *list = child<QListWidget>("profileList");
    QCOMPARE(list->currentItem()->text(), QStringLiteral("prod"));
    QTRY_COMPARE(child<QLineEdit>("tokenEdit")->text(), QStringLiteral("t0ken"));
    QVERIFY(child<QLineEdit>("nameEdit")->isReadOnly());
}

void tst_SettingsDialog::badInputSaysWhatToFix()
{
    fillNewProfile(QStringLiteral("bad name"), QStringLiteral("https://x.example"), {});
    click("saveProfileButton");
    QVERIFY2(status().contains(QStringLiteral("letters, digits")), qPrintable(status()));
    child<QLineEdit>("nameEdit")->setText(QStringLiteral("prod"));
    child<QLineEdit>("urlEdit")->setText(QStringLiteral("flotilla.example.com"));
    click("saveProfileButton");
    QVERIFY2(status().contains(QStringLiteral("http or https URL")), qPrintable(status()));
    child<QLineEdit>("urlEdit")->setText(QStringLiteral("https://flotilla.example.com"));
    child<QLineEdit>("webUiEdit")->setText(QStringLiteral("flotilla-ui"));
    click("saveProfileButton");
    QVERIFY2(status().contains(QStringLiteral("web UI address")), qPrintable(status()));
    child<QLineEdit>("webUiEdit")->clear();
    child<QPlainTextEdit>("headersEdit")->setPlainText(QStringLiteral("no colon here"));
    click("saveProfileButton");
    QVERIFY2(status().contains(QStringLiteral("line 1")), qPrintable(status()));
    QVERIFY(!m_store->profile(QStringLiteral("prod")));
}

void tst_SettingsDialog::removeAsksFirst()
{
    ServerProfile profile;
    profile.name = QStringLiteral("old");
    profile.baseUrl = QUrl(QStringLiteral("https://old.example"));
    QCOMPARE(m_store->save(profile), QString());
    m_dialog = std::make_unique<SettingsDialog>(m_store.get());
    m_dialog->show();
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::profilesChanged);
    auto *list = child<QListWidget>("profileList");
    list->setCurrentRow(1);
    QCOMPARE(child<QLineEdit>("nameEdit")->text(), QStringLiteral("old"));

    const auto answer = [this](QMessageBox::ButtonRole role) {
        click("removeButton");
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = m_dialog->findChild<QMessageBox *>(QStringLiteral("confirmRemove"))));
        QVERIFY(question->text().contains(QStringLiteral("old")));
        for (QAbstractButton *button : question->buttons()) {
            if (question->buttonRole(button) == role)
                button->click();
        }
        QTRY_VERIFY(!m_dialog->findChild<QMessageBox *>(QStringLiteral("confirmRemove")));
    };
    answer(QMessageBox::RejectRole);
    QVERIFY(m_store->profile(QStringLiteral("old")));
    answer(QMessageBox::DestructiveRole);
    QTRY_COMPARE(changed.size(), 1);
    QVERIFY(!m_store->profile(QStringLiteral("old")));
    QCOMPARE(list->count(), 1);
}

void tst_SettingsDialog::setDefault()
{
    ServerProfile profile;
    profile.name = QStringLiteral("prod");
    profile.baseUrl = QUrl(QStringLiteral("https://prod.example"));
    QCOMPARE(m_store->save(profile), QString());
    m_dialog = std::make_unique<SettingsDialog>(m_store.get());
    QSignalSpy changed(m_dialog.get(), &SettingsDialog::profilesChanged);
    auto *list = child<QListWidget>("profileList");
    QVERIFY(!child<QPushButton>("defaultButton")->isEnabled()); // local is the default already
    list->setCurrentRow(1);
    click("defaultButton");
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_store->defaultProfileName(), QStringLiteral("prod"));
    QCOMPARE(list->item(1)->text(), QStringLiteral("prod (default)"));
    QCOMPARE(list->item(0)->text(), QStringLiteral("local"));
}

void tst_SettingsDialog::testConnectionShowsTheFlavourOrTheError()
{
    Testing::TestServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    click("addButton");
    QVERIFY(!child<QPushButton>("testButton")->isEnabled()); // no URL yet
    QTest::keyClicks(child<QLineEdit>("urlEdit"), server.url().toString());
    click("testButton");
    QTRY_VERIFY2(status().startsWith(QStringLiteral("Connected")), qPrintable(status()));
    QVERIFY(status().contains(QStringLiteral("flotilla-local")));

    server.stop();
    click("testButton");
    QTRY_VERIFY2(child<QPushButton>("testButton")->isEnabled() && !status().contains(QStringLiteral("Connecting")),
                 qPrintable(status()));
    QVERIFY2(status().contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(status()));
}

void tst_SettingsDialog::runsRefreshIsStored()
{
    auto *spin = child<QSpinBox>("runsRefreshSpin");
    QCOMPARE(spin->text(), QStringLiteral("Automatic"));
    spin->setValue(15);
    QCOMPARE(Settings().runsRefreshSeconds(), 15);
    SettingsDialog again(m_store.get());
    QCOMPARE(again.findChild<QSpinBox *>(QStringLiteral("runsRefreshSpin"))->value(), 15);
    spin->setValue(0);
}

void tst_SettingsDialog::notificationChoicesAreStored()
{
    auto *notify = child<QCheckBox>("notifyCheck");
    auto *stay = child<QCheckBox>("failuresStayCheck");
    auto *tray = child<QCheckBox>("keepInTrayCheck");
    QVERIFY(notify->isChecked());
    QVERIFY(!stay->isChecked());
    QVERIFY(tray->isChecked());
    stay->setChecked(true);
    tray->setChecked(false);
    QVERIFY(Settings().failuresStayUntilDismissed());
    QVERIFY(!Settings().keepRunningInTray());
    notify->setChecked(false);
    QVERIFY(!Settings().notifyWatchedRuns());
    QVERIFY(!stay->isEnabled()); // nothing to keep without notifications
    SettingsDialog again(m_store.get());
    QVERIFY(!again.findChild<QCheckBox *>(QStringLiteral("notifyCheck"))->isChecked());
    QVERIFY(again.findChild<QCheckBox *>(QStringLiteral("failuresStayCheck"))->isChecked());
    QVERIFY(!again.findChild<QCheckBox *>(QStringLiteral("failuresStayCheck"))->isEnabled());
    notify->setChecked(true);
    stay->setChecked(false);
    tray->setChecked(true);
}

void tst_SettingsDialog::everyControlHasAnAccessibleName()
{
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_dialog.get()), QStringList());
}

void tst_SettingsDialog::rendersAtItsSizeHint()
{
    m_dialog->resize(m_dialog->sizeHint());
    QVERIFY(!Testing::screenshot(m_dialog.get(), QStringLiteral("settings-profiles")).isNull());
    child<QTabWidget>("pages")->setCurrentIndex(1);
    QVERIFY(!Testing::screenshot(m_dialog.get(), QStringLiteral("settings-general")).isNull());
}

void tst_SettingsDialog::noKeychainSavesNothing()
{
    if (expectKeychain())
        QSKIP("runs in tst_settingsdialog_without_keychain");
    fillNewProfile(QStringLiteral("prod"), QStringLiteral("https://flotilla.example.com"), QStringLiteral("t0ken"));
    click("saveProfileButton");
    QTRY_VERIFY(child<QPushButton>("saveProfileButton")->isEnabled());
    QVERIFY2(status().contains(QStringLiteral("not saved")), qPrintable(status()));
    QVERIFY(!m_store->profile(QStringLiteral("prod")));
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
