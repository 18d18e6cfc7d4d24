// PreviousRunJob against the real control plane: the newest run of the same
// definition that started before, none for the first, and other
// definitions' runs skipped.
#include "awaitjob.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <client/previousrunjob.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_PreviousRunJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void findsTheNewestEarlierRunOfTheSameDefinition();
    void firstRunHasNone();

private:
    struct Outcome
    {
        bool succeeded = false;
        std::optional<Run> previous;
    };
    Outcome previousOf(const QString &runId);
    // Launches a run of `definitionId` and waits until it stopped; its id.
    QString runToEnd(const QString &definitionId);

    TestServer m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<FlotillaClient> m_client;
    QString m_definition;
    QString m_other;
    QStringList m_runs; // of m_definition, in launch order
};

void Tst_PreviousRunJob::initTestCase()
{
    QVERIFY(m_server.start());
    m_http = std::make_unique<HttpTestClient>(m_server);
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
    m_definition = createDefinition(*m_http, Json{{"alias", "nightly"}, {"image", "none"}, {"command", "true"}});
    m_other = createDefinition(*m_http, Json{{"alias", "other"}, {"image", "none"}, {"command", "true"}});
    QVERIFY(!m_definition.isEmpty() && !m_other.isEmpty());
    for (int i = 0; i < 3; ++i) {
        m_runs << runToEnd(m_definition);
        runToEnd(m_other); // between them, of another definition
    }
    QVERIFY(!m_runs.contains(QString()));
}

QString Tst_PreviousRunJob::runToEnd(const QString &definitionId)
{
    const QString runId = QString::fromStdString(launch(*m_http, definitionId).value("run_id", ""));
    waitForStatus(*m_http, runId, "STOPPED");
    // Start times are to the millisecond: the next run must start in a later one.
    const QDateTime stopped = QDateTime::currentDateTimeUtc();
    while (QDateTime::currentDateTimeUtc() <= stopped)
        QCoreApplication::processEvents();
    return runId;
}

Tst_PreviousRunJob::Outcome Tst_PreviousRunJob::previousOf(const QString &runId)
{
    auto *read = await(m_client->run(runId));
    Outcome outcome;
    if (!read->succeeded())
        return outcome;
    auto *job = new PreviousRunJob(m_client.get(), read->result());
    QSignalSpy finished(job, &PreviousRunJob::finished);
    QObject::connect(job, &PreviousRunJob::finished, job, [&outcome, job] {
        outcome.succeeded = job->succeeded();
        outcome.previous = job->result();
    });
    job->start();
    [[maybe_unused]] const bool done = finished.wait(20000);
    return outcome;
}

void Tst_PreviousRunJob::findsTheNewestEarlierRunOfTheSameDefinition()
{
    Outcome outcome = previousOf(m_runs[2]);
    QVERIFY(outcome.succeeded);
    QVERIFY(outcome.previous);
    QCOMPARE(outcome.previous->runId, m_runs[1]);
    outcome = previousOf(m_runs[1]);
    QVERIFY(outcome.previous);
    QCOMPARE(outcome.previous->runId, m_runs[0]);
    QCOMPARE(outcome.previous->definitionId, m_definition);
}

void Tst_PreviousRunJob::firstRunHasNone()
{
    const Outcome outcome = previousOf(m_runs[0]);
    QVERIFY(outcome.succeeded);
    QVERIFY(!outcome.previous);
}

QTEST_GUILESS_MAIN(Tst_PreviousRunJob)
#include "tst_previousrunjob.moc"
