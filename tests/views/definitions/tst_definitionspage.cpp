// DefinitionsPage against a real control plane: several selected definitions
// go to the bulk launch and delete; edit and copy need exactly one; one
// selected keeps its own signals and the details follow the current one.
#include <definitions/definitiondetails.h>
#include <definitions/definitionspage.h>

#include <client/flotillaclient.h>
#include <lists/definitionlistmodel.h>
#include <testserver.h>

#include <QAction>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_DefinitionsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup() { m_page.reset(); }
    void severalSelectedLaunchAndDeleteTogether();
    void oneSelectedKeepsItsOwnSignals();

private:
    QAction *action(const QString &text) const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<DefinitionsPage> m_page;
};

void Tst_DefinitionsPage::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    HttpTestClient http(*m_server);
    for (const char *alias : {"alpha", "beta", "gamma"})
        createDefinition(http, {{"alias", alias}, {"image", "none"}, {"command", "true"}});
}

void Tst_DefinitionsPage::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_DefinitionsPage::init()
{
    m_page = std::make_unique<DefinitionsPage>();
    m_page->setClient(m_client.get());
    QTRY_COMPARE(m_page->table()->model()->rowCount(), 3);
}

QAction *Tst_DefinitionsPage::action(const QString &text) const
{
    for (QAction *action : m_page->table()->actions()) {
        if (action->text() == text)
            return action;
    }
    qFatal("no action %s", qPrintable(text));
    return nullptr;
}

void Tst_DefinitionsPage::severalSelectedLaunchAndDeleteTogether()
{
    QCOMPARE(m_page->table()->selectionMode(), QAbstractItemView::ExtendedSelection);
    QSignalSpy launchOne(m_page.get(), &DefinitionsPage::launchRequested);
    QSignalSpy launchMany(m_page.get(), &DefinitionsPage::launchManyRequested);
    QSignalSpy deleteMany(m_page.get(), &DefinitionsPage::deleteManyRequested);
    m_page->table()->setCurrentIndex(m_page->table()->model()->index(1, 0));
    m_page->table()->selectAll();
    QCOMPARE(m_page->selectedDefinitions().size(), 3);
    QVERIFY(!action(QStringLiteral("&Edit…"))->isEnabled());
    QVERIFY(!action(QStringLiteral("&Copy…"))->isEnabled());
    QVERIFY(m_page->launchAction()->isEnabled());

    m_page->launchAction()->trigger();
    QCOMPARE(launchOne.size(), 0);
    QCOMPARE(launchMany.size(), 1);
    QStringList aliases;
    for (const Definition &definition : launchMany.constFirst().constFirst().value<QList<Definition>>())
        aliases.append(definition.alias);
    aliases.sort();
    QCOMPARE(aliases, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
    action(QStringLiteral("&Delete…"))->trigger();
    QCOMPARE(deleteMany.constFirst().constFirst().value<QList<Definition>>().size(), 3);
    // The details show the current one still.
    QCOMPARE(m_page->selectedDefinition()->alias, m_page->table()->model()->index(1, 0).data().toString());
}

void Tst_DefinitionsPage::oneSelectedKeepsItsOwnSignals()
{
    QSignalSpy launchOne(m_page.get(), &DefinitionsPage::launchRequested);
    QSignalSpy launchMany(m_page.get(), &DefinitionsPage::launchManyRequested);
    QSignalSpy edit(m_page.get(), &DefinitionsPage::editRequested);
    m_page->table()->selectRow(2);
    QVERIFY(action(QStringLiteral("&Edit…"))->isEnabled());
    m_page->launchAction()->trigger();
    action(QStringLiteral("&Edit…"))->trigger();
    QCOMPARE(launchMany.size(), 0);
    QCOMPARE(launchOne.size(), 1);
    QCOMPARE(edit.size(), 1);
    QCOMPARE(launchOne.constFirst().constFirst().value<Definition>().definitionId,
             m_page->selectedDefinitions().constFirst().definitionId);
}

QTEST_MAIN(Tst_DefinitionsPage)
#include "tst_definitionspage.moc"
