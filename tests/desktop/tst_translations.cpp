// Translations: the German .qm is embedded and loads for the system locale
// (CTest sets LANGUAGE=de and LC_ALL=de_DE.UTF-8), the main window then
// speaks German, plurals follow the count, and Qt's own strings come from
// the system's qtbase translation.
#include <desktop/translations.h>
#include <mainwindow/mainwindow.h>

#include <client/profilestore.h>

#include <QDialogButtonBox>
#include <QDir>
#include <QLibraryInfo>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Qt::StringLiterals;

class Tst_Translations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void germanIsEmbedded();
    void systemLocaleLoadsGerman();
    void mainWindowSpeaksGerman();
    void pluralsFollowTheCount();
    void englishNeedsNoTranslation();

private:
    QTemporaryDir m_settingsDir;
};

void Tst_Translations::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void Tst_Translations::germanIsEmbedded()
{
    QVERIFY2(QDir(QStringLiteral(":/i18n")).entryList().contains(u"flotilla_de.qm"_s),
             qPrintable(QDir(QStringLiteral(":/i18n")).entryList().join(u", ")));
}

void Tst_Translations::systemLocaleLoadsGerman()
{
    QVERIFY2(QLocale().language() == QLocale::German,
             "run with LANGUAGE=de LC_ALL=de_DE.UTF-8 (CTest sets them), the system locale is the one under test");
    const Translations translations{QLocale()};
    QVERIFY(translations.hasFlotilla());
    QVERIFY2(translations.hasQt(), qPrintable(u"no qtbase_de.qm in %1; install qt6-translations-l10n"_s.arg(
                                       QLibraryInfo::path(QLibraryInfo::TranslationsPath))));
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text().remove(u'&'), u"Abbrechen"_s);
}

void Tst_Translations::mainWindowSpeaksGerman()
{
    const Translations translations{QLocale(QLocale::German, QLocale::Germany)};
    ProfileStore profiles(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    MainWindow window(&profiles);
    window.setAskBeforeQuit(false);
    const QList<QAction *> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QCOMPARE(menus.first()->text(), u"&Datei"_s);
    const auto *navigation = window.findChild<QListWidget *>();
    QVERIFY(navigation);
    QCOMPARE(navigation->item(0)->text(), u"Definitionen"_s);
    QCOMPARE(navigation->item(1)->text(), u"Vorlagen"_s);
    QCOMPARE(navigation->item(2)->text(), u"Läufe"_s);
}

void Tst_Translations::pluralsFollowTheCount()
{
    const Translations translations{QLocale(QLocale::German)};
    const auto activeRuns = [](int count) {
        return QCoreApplication::translate("Flotilla::MainWindow", "%n active run(s)", nullptr, count);
    };
    QCOMPARE(activeRuns(1), u"1 aktiver Lauf"_s);
    QCOMPARE(activeRuns(3), u"3 aktive Läufe"_s);
}

void Tst_Translations::englishNeedsNoTranslation()
{
    const Translations translations{QLocale(QLocale::English, QLocale::UnitedStates)};
    QVERIFY(!translations.hasFlotilla());
    QCOMPARE(QCoreApplication::translate("Flotilla::MainWindow", "&File"), u"&File"_s);
}

QTEST_MAIN(Tst_Translations)
#include "tst_translations.moc"
