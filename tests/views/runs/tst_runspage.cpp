// RunsPage against a real control plane: several selected runs go to the
// bulk signals, each action taking only the runs it can act on; one selected
// run keeps its own signals.
#include <runs/runspage.h>

#include <client/flotillaclient.h>
#include <lists/runlistmodel.h>
#include <testserver.h>

#include <QAction>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup() { m_page.reset(); }
    void severalSelectedGoInBulk();
    void oneSelectedKeepsItsOwnSignals();
    void nothingSelectedOffersNothing();

private:
    QAction *action(const char *name) const { return m_page->findChild<QAction *>(QLatin1String(name)); }
    void select(const QList<int> &rows) const;
    static QStringList idsOf(const QList<Run> &runs);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<RunsPage> m_page;
    QStringList m_active;
    QString m_ended;
};

void Tst_RunsPage::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    HttpTestClient http(*m_server);
    const QString ended = createDefinition(http, {{"alias", "ended"}, {"image", "none"}, {"command", "true"}});
    m_ended = QString::fromStdString(launch(http, ended).value("run_id", ""));
    waitForStatus(http, m_ended, "STOPPED");
    const QString sleeper = createDefinition(http, {{"alias", "sleeper"}, {"image", "none"}, {"command", "sleep 600"}});
    for (int i = 0; i < 3; ++i)
        m_active.append(QString::fromStdString(launch(http, sleeper).value("run_id", "")));
}

void Tst_RunsPage::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_RunsPage::init()
{
    m_page = std::make_unique<RunsPage>();
    m_page->model()->setStatusFilter({}); // the ended run too
    m_page->setClient(m_client.get());
    QTRY_COMPARE(m_page->model()->rowCount(), 4);
}

void Tst_RunsPage::select(const QList<int> &rows) const
{
    QItemSelectionModel *selection = m_page->table()->selectionModel();
    selection->clear();
    for (const int row : rows)
        selection->select(m_page->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (!rows.isEmpty())
        selection->setCurrentIndex(m_page->model()->index(rows.constFirst(), 0), QItemSelectionModel::NoUpdate);
}

QStringList Tst_RunsPage::idsOf(const QList<Run> &runs)
{
    QStringList ids;
    for (const Run &run : runs)
        ids.append(run.runId);
    ids.sort();
    return ids;
}

void Tst_RunsPage::severalSelectedGoInBulk()
{
    QCOMPARE(m_page->table()->selectionMode(), QAbstractItemView::ExtendedSelection);
    QSignalSpy stopOne(m_page.get(), &RunsPage::stopRequested);
    QSignalSpy stopMany(m_page.get(), &RunsPage::stopRunsRequested);
    QSignalSpy retryOne(m_page.get(), &RunsPage::retryRequested);
    QSignalSpy watch(m_page.get(), &RunsPage::watchRequested);
    QSignalSpy copy(m_page.get(), &RunsPage::copyIdsRequested);
    m_page->table()->selectAll();
    QCOMPARE(m_page->selectedRuns().size(), 4);

    QVERIFY(action("stopAction")->isEnabled());
    QCOMPARE(action("stopAction")->text(), QStringLiteral("&Stop 3 Runs…"));
    action("stopAction")->trigger();
    QCOMPARE(stopOne.size(), 0);
    QCOMPARE(stopMany.size(), 1);
    QStringList active = m_active;
    active.sort();
    QCOMPARE(idsOf(stopMany.constFirst().constFirst().value<QList<Run>>()), active);

    // Only the ended run can be retried: it keeps its own form.
    QCOMPARE(action("retryAction")->text(), QStringLiteral("&Retry…"));
    action("retryAction")->trigger();
    QCOMPARE(retryOne.size(), 1);
    QCOMPARE(retryOne.constFirst().constFirst().value<Run>().runId, m_ended);

    action("watchAction")->trigger();
    QCOMPARE(idsOf(watch.constFirst().constFirst().value<QList<Run>>()), active);
    action("copyIdsAction")->trigger();
    QCOMPARE(copy.constFirst().constFirst().value<QList<Run>>().size(), 4);
}

void Tst_RunsPage::oneSelectedKeepsItsOwnSignals()
{
    const int row = m_page->model()->rowOf(m_active.constFirst());
    select({row});
    QSignalSpy stopOne(m_page.get(), &RunsPage::stopRequested);
    QSignalSpy stopMany(m_page.get(), &RunsPage::stopRunsRequested);
    QCOMPARE(action("stopAction")->text(), QStringLiteral("&Stop Run…"));
    QVERIFY(!action("retryAction")->isEnabled());
    action("stopAction")->trigger();
    QCOMPARE(stopMany.size(), 0);
    QCOMPARE(stopOne.size(), 1);
    QCOMPARE(stopOne.constFirst().constFirst().value<Run>().runId, m_active.constFirst());
}

void Tst_RunsPage::nothingSelectedOffersNothing()
{
    select({});
    for (const char *name : {"stopAction", "retryAction", "watchAction", "copyIdsAction"})
        QVERIFY2(!action(name)->isEnabled(), name);
}

QTEST_MAIN(Tst_RunsPage)
#include "tst_runspage.moc"
