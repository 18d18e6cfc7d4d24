// RunSelectionActions on a runs table against a real control plane: several
// selected runs go to the bulk signals, each action taking only the runs it
// can act on; one selected run keeps its own signals.
#include <runs/runselectionactions.h>
#include <runs/runtable.h>

#include <client/flotillaclient.h>
#include <lists/runlistmodel.h>
#include <testserver.h>

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunSelectionActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup() { m_table.reset(); }
    void severalSelectedGoInBulk();
    void oneSelectedKeepsItsOwnSignals();
    void nothingSelectedOffersNothing();
    void compareTakesExactlyTwoOlderFirst();

private:
    QAction *action(const char *name) const { return m_actions->findChild<QAction *>(QLatin1String(name)); }
    void select(const QList<int> &rows) const;
    static QStringList idsOf(const QList<Run> &runs);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<QTableView> m_table;
    RunListModel *m_model = nullptr;
    RunSelectionActions *m_actions = nullptr;
    QStringList m_active;
    QString m_ended;
};

void Tst_RunSelectionActions::initTestCase()
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

void Tst_RunSelectionActions::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_RunSelectionActions::init()
{
    m_table = std::make_unique<QTableView>();
    m_model = new RunListModel(m_client.get(), m_table.get());
    setUpRunTable(m_table.get(), m_model, "Runs", [](const Run &) {});
    m_actions = new RunSelectionActions(m_table.get());
    m_model->reload();
    QTRY_COMPARE(m_model->rowCount(), 4);
}

void Tst_RunSelectionActions::select(const QList<int> &rows) const
{
    QItemSelectionModel *selection = m_table->selectionModel();
    selection->clear();
    for (const int row : rows)
        selection->select(m_model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (!rows.isEmpty())
        selection->setCurrentIndex(m_model->index(rows.constFirst(), 0), QItemSelectionModel::NoUpdate);
}

QStringList Tst_RunSelectionActions::idsOf(const QList<Run> &runs)
{
    QStringList ids;
    for (const Run &run : runs)
        ids.append(run.runId);
    ids.sort();
    return ids;
}

void Tst_RunSelectionActions::severalSelectedGoInBulk()
{
    QCOMPARE(m_table->selectionMode(), QAbstractItemView::ExtendedSelection);
    QSignalSpy stopOne(m_actions, &RunSelectionActions::stopRequested);
    QSignalSpy stopMany(m_actions, &RunSelectionActions::stopRunsRequested);
    QSignalSpy retryOne(m_actions, &RunSelectionActions::retryRequested);
    QSignalSpy watch(m_actions, &RunSelectionActions::watchRequested);
    QSignalSpy copy(m_actions, &RunSelectionActions::copyIdsRequested);
    m_table->selectAll();
    QCOMPARE(m_actions->selectedRuns().size(), 4);

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

void Tst_RunSelectionActions::oneSelectedKeepsItsOwnSignals()
{
    const int row = m_model->rowOf(m_active.constFirst());
    select({row});
    QSignalSpy stopOne(m_actions, &RunSelectionActions::stopRequested);
    QSignalSpy stopMany(m_actions, &RunSelectionActions::stopRunsRequested);
    QCOMPARE(action("stopAction")->text(), QStringLiteral("&Stop Run…"));
    QVERIFY(!action("retryAction")->isEnabled());
    action("stopAction")->trigger();
    QCOMPARE(stopMany.size(), 0);
    QCOMPARE(stopOne.size(), 1);
    QCOMPARE(stopOne.constFirst().constFirst().value<Run>().runId, m_active.constFirst());
}

void Tst_RunSelectionActions::nothingSelectedOffersNothing()
{
    select({});
    for (const char *name : {"stopAction", "retryAction", "watchAction", "copyIdsAction", "compareAction"})
        QVERIFY2(!action(name)->isEnabled(), name);
}

void Tst_RunSelectionActions::compareTakesExactlyTwoOlderFirst()
{
    QSignalSpy compare(m_actions, &RunSelectionActions::compareRequested);
    const int ended = m_model->rowOf(m_ended);
    const int active = m_model->rowOf(m_active.constFirst());
    select({active});
    QVERIFY(!action("compareAction")->isEnabled());
    m_table->selectAll();
    QVERIFY(!action("compareAction")->isEnabled());
    // The newer run first in the table: the older one still goes left.
    select({active, ended});
    QVERIFY(action("compareAction")->isEnabled());
    action("compareAction")->trigger();
    QCOMPARE(compare.size(), 1);
    QCOMPARE(compare.constFirst().at(0).value<Run>().runId, m_ended);
    QCOMPARE(compare.constFirst().at(1).value<Run>().runId, m_active.constFirst());
}

QTEST_MAIN(Tst_RunSelectionActions)
#include "tst_runselectionactions.moc"
