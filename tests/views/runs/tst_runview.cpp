// The run window against an imitation of upstream serving an EKS run: its
// placement, its resources (with the advice after an OOM kill) and its events.
#include <fixtureserver.h>
#include <runs/resourcebar.h>
#include <runs/runview.h>
#include <widgettesting.h>

#include <client/flotillaclient.h>
#include <lists/podeventmodel.h>

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsPlacementWhereTheServerSendsIt();
    void showsResourcesAndAdviceAfterAnOomKill();
    void eventsTabFollowsTheRun();
    void everyControlHasAnAccessibleName();

private:
    void open();
    QLabel *labelNamed(const QString &accessibleName) const;

    FixtureServer m_upstream;
    std::unique_ptr<FlotillaClient> m_client;
    Json m_run; // what the imitation serves for the run
    std::unique_ptr<RunView> m_view;
};

void Tst_RunView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_upstream.listen());
    m_upstream.setHandler([this](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.method != "GET" || !request.path.contains(QByteArray::fromStdString(m_run["run_id"])))
            return std::nullopt;
        if (request.path.endsWith("/logs"))
            return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("logs-head.json")));
        return FixtureResponse::json(QByteArray::fromStdString(m_run.dump()));
    });
    m_client = std::make_unique<FlotillaClient>(m_upstream.url(), ServerFlavour::CurrentUpstream);
}

void Tst_RunView::init()
{
    m_run = Json::parse(FixtureServer::fixture(QStringLiteral("run-oomkilled-eks-head.json")).toStdString());
}

void Tst_RunView::cleanup()
{
    m_view.reset();
}

void Tst_RunView::open()
{
    Run run;
    run.runId = QString::fromStdString(m_run["run_id"]);
    m_view = std::make_unique<RunView>(m_client.get(), run);
    m_view->resize(1200, 800);
    m_view->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->run().definitionId.isEmpty(), 10000);
}

QLabel *Tst_RunView::labelNamed(const QString &accessibleName) const
{
    for (QLabel *label : m_view->findChildren<QLabel *>()) {
        if (label->accessibleName() == accessibleName)
            return label;
    }
    qFatal("no label named %s", qPrintable(accessibleName));
    return nullptr;
}

void Tst_RunView::showsPlacementWhereTheServerSendsIt()
{
    open();
    QCOMPARE(labelNamed(QStringLiteral("Engine"))->text(), QStringLiteral("eks"));
    QCOMPARE(labelNamed(QStringLiteral("Node lifecycle"))->text(), QStringLiteral("spot"));
    auto *podName = namedChild<QLineEdit>(m_view.get(), "podName");
    QCOMPARE(podName->text(), QStringLiteral("eks-7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b-q4m9z"));
    QCOMPARE(labelNamed(QStringLiteral("Attempt count"))->text(), QStringLiteral("1"));
    QCOMPARE(labelNamed(QStringLiteral("Instance"))->text(),
             QStringLiteral("ip-10-1-2-3.ec2.internal (i-0a1b2c3d4e5f60718)"));
    QVERIFY(labelNamed(QStringLiteral("Engine"))->isVisible());
    QVERIFY(!labelNamed(QStringLiteral("GPUs"))->isVisible()); // not sent

    // A server that sends none of them (the seed era, our local engine): no empty rows.
    for (const char *key : {"engine", "node_lifecycle", "pod_name", "attempt_count", "instance"})
        m_run.erase(key);
    open();
    for (const char *name : {"Engine", "Node lifecycle", "Attempt count", "Instance"})
        QVERIFY2(!labelNamed(QString::fromLatin1(name))->isVisible(), name);
    QVERIFY(!namedChild<QLineEdit>(m_view.get(), "podName")->isVisible());
}

void Tst_RunView::showsResourcesAndAdviceAfterAnOomKill()
{
    open();
    auto bars = m_view->findChildren<ResourceBar *>();
    QCOMPARE(bars.size(), 2);
    ResourceBar *memory = bars.at(0)->accessibleName() == u"Memory usage" ? bars.at(0) : bars.at(1);
    ResourceBar *cpu = memory == bars.at(0) ? bars.at(1) : bars.at(0);
    QCOMPARE(memory->usage().requested, 1024);
    QCOMPARE(memory->usage().limit, 1024);
    QCOMPARE(memory->usage().maxUsed, 1022);
    QVERIFY(memory->usage().isNearLimit()); // 1,022 of 1,024: tinted
    QCOMPARE_NE(memory->fillColor(), memory->palette().color(QPalette::Highlight));
    QCOMPARE(memory->accessibleDescription(), QStringLiteral("Used 1,022 MB of a 1,024 MB limit · requested 1,024 MB"));
    QCOMPARE(labelNamed(QStringLiteral("Memory usage in words"))->text(), memory->accessibleDescription());
    QVERIFY(!cpu->usage().isNearLimit()); // 387 of 1,024 units
    QCOMPARE(cpu->fillColor(), cpu->palette().color(QPalette::Highlight));
    QCOMPARE(cpu->accessibleDescription(), QStringLiteral("Used 0.38 cores of a 1 core limit · requested 0.50 cores"));

    QLabel *advice = namedChild<QLabel>(m_view.get(), "oomAdvice");
    QVERIFY(advice->isVisible());
    QCOMPARE(advice->text(), QStringLiteral("Killed for running out of memory: it used 1,022 MB of its 1,024 MB limit. "
                                            "Retry with 1,536 MB or more."));

    // A run that ended well has no advice, and one with no CPU figures no CPU row.
    m_run["exit_reason"] = nullptr;
    m_run["exit_code"] = 0;
    for (const char *key : {"cpu", "cpu_limit", "max_cpu_used"})
        m_run.erase(key);
    open();
    QVERIFY(!namedChild<QLabel>(m_view.get(), "oomAdvice")->isVisible());
    for (ResourceBar *bar : m_view->findChildren<ResourceBar *>())
        QCOMPARE(bar->isVisible(), bar->accessibleName() == u"Memory usage");
    QCOMPARE(labelNamed(QStringLiteral("CPU usage in words"))->text(), QStringLiteral("Not known"));
    QVERIFY(labelNamed(QStringLiteral("Memory usage in words"))->isVisible());
}

void Tst_RunView::eventsTabFollowsTheRun()
{
    m_run["status"] = "PENDING";
    for (const char *key : {"exit_code", "exit_reason", "finished_at"})
        m_run.erase(key);
    Json events = m_run["pod_events"];
    m_run["pod_events"] = Json::array({events[0], events[1]});
    open();
    PodEventModel *model = m_view->events();
    QCOMPARE(model->rowCount(), 2);
    auto *tabs = namedChild<QTabWidget>(m_view.get(), "runTabs");
    QCOMPARE(tabs->tabText(1), QStringLiteral("&Events (2)"));
    tabs->setCurrentIndex(1);
    auto *table = qobject_cast<QTableView *>(tabs->currentWidget());
    QVERIFY(table && table->model() == model);
    QCOMPARE(table->accessibleName(), QStringLiteral("Run events"));
    table->setCurrentIndex(model->index(1, 0));

    // The next poll brings more events: they are added under the selection, not reset.
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    m_run["pod_events"] = events;
    m_run["status"] = "RUNNING";
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 5, 15000);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(table->currentIndex().row(), 1);
    QCOMPARE(tabs->tabText(1), QStringLiteral("&Events (5)"));
    QCOMPARE(model->index(4, PodEventModel::Reason).data().toString(), QStringLiteral("OOMKilling"));
    QVERIFY(model->index(4, 0).data(PodEventModel::WarningRole).toBool());
}

void Tst_RunView::everyControlHasAnAccessibleName()
{
    open();
    QCOMPARE(controlsWithoutAccessibleName(m_view.get()), QStringList());
    for (ResourceBar *bar : m_view->findChildren<ResourceBar *>())
        QVERIFY(!bar->accessibleName().isEmpty() && !bar->accessibleDescription().isEmpty());
}

QTEST_MAIN(Tst_RunView)
#include "tst_runview.moc"
