// Run: decoding every era's run bodies, the forward-only status lifecycle
// and the wire form (api-contract.md §3, §5, §9).
#include "jsoncompare.h"
#include "wirefixture.h"

#include <wire/run.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

Q_DECLARE_METATYPE(Flotilla::RunStatus)

namespace {

QByteArray dumped(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}
// QCOMPARE cannot take nlohmann::json itself; compare the compact texts.
#define QCOMPARE_JSON(actual, expected) QCOMPARE(dumped(actual), dumped(expected))

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

Run sampleRun()
{
    Run run;
    run.runId = QStringLiteral("553c2489-49af-4a68-8c8c-014bd95e6e30");
    run.definitionId = QStringLiteral("examples-5c042dbe-5895-465e-bb53-c53c07dcd5ea");
    run.alias = QStringLiteral("hello-flotilla");
    run.groupName = QStringLiteral("examples");
    run.image = QStringLiteral("ubuntu:latest");
    run.command = QStringLiteral("echo hi");
    run.cluster = QStringLiteral("local");
    run.user = QStringLiteral("jdoe");
    run.engine = QStringLiteral("local");
    run.queuedAt = utc(2026, 11, 27, 7, 1, 26, 123);
    run.env = {{QStringLiteral("FLOTILLA_RUN_ID"), run.runId},
               {QStringLiteral("FLOTILLA_SERVER_MODE"), QStringLiteral("local")},
               {QStringLiteral("FLOTILLA_RUN_OWNER_ID"), QStringLiteral("jdoe")}};
    return run;
}

QList<RunStatus> allStatuses()
{
    return {RunStatus::Queued, RunStatus::Pending, RunStatus::Running, RunStatus::Stopped, RunStatus::NeedsRetry};
}

} // namespace

class Tst_Run final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixturesDecode_data();
    void fixturesDecode();
    void queuedHead();
    void runningHead();
    void stoppedHead();
    void stoppedSeedEra();
    void runningEksUsageHead();
    void eventsAnswers();
    void eventsAnswerErrorsNameTheField();
    void statusAnswer();
    void statusAnswerErrorsNameTheField();
    void advanceTo_data();
    void advanceTo();
    void advanceThroughLifecycle();
    void needsRetryAlwaysApplies();
    void isActive();
    void toJsonOmitsUnsetFields();
    void toJsonWithEverything();
    void roundTrip();
    void statusNamesRoundTrip_data();
    void statusNamesRoundTrip();
    void statusNames();
    void unknownStatusIsError_data();
    void unknownStatusIsError();
    void missingStatusIsQueued();
    void typeErrors_data();
    void typeErrors();
};

void Tst_Run::fixturesDecode_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<RunStatus>("status");

    QTest::newRow("run-queued-head") << QStringLiteral("run-queued-head.json") << RunStatus::Queued;
    QTest::newRow("run-running-head") << QStringLiteral("run-running-head.json") << RunStatus::Running;
    QTest::newRow("run-stopped-head") << QStringLiteral("run-stopped-head.json") << RunStatus::Stopped;
    QTest::newRow("run-running-eks-usage-head")
        << QStringLiteral("run-running-eks-usage-head.json") << RunStatus::Running;
    QTest::newRow("run-stopped-seed-era") << QStringLiteral("run-stopped-seed-era.json") << RunStatus::Stopped;
}

void Tst_Run::fixturesDecode()
{
    QFETCH(QString, name);
    QFETCH(RunStatus, status);

    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(name), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.status, status);
    QVERIFY(!run.runId.isEmpty());
    QVERIFY(!run.definitionId.isEmpty());
    QCOMPARE(run.alias, QStringLiteral("hello-flotilla"));
    QCOMPARE(run.groupName, QStringLiteral("examples"));
    QCOMPARE(run.image, QStringLiteral("ubuntu:latest"));

    // What we decoded we can send again, and read back the same.
    const Json json = run.toJson();
    const Run again = Run::fromJson(json, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE_JSON(again.toJson(), json);
}

void Tst_Run::queuedHead()
{
    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-queued-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.runId, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"));
    QCOMPARE(run.definitionId, QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d"));
    QCOMPARE(run.cluster, QStringLiteral("clusta"));
    QCOMPARE(run.user, QStringLiteral("jdoe"));
    QCOMPARE(run.engine, QStringLiteral("eks"));
    QCOMPARE(run.command, QStringLiteral("echo \"hello ${USERNAME}\""));
    // 9 fractional digits and a -07:00 offset, converted to UTC.
    QCOMPARE(run.queuedAt, std::optional<QDateTime>(utc(2024, 5, 1, 19, 0, 0, 123)));
    QVERIFY(!run.startedAt.has_value());
    QVERIFY(!run.finishedAt.has_value());
    QVERIFY(!run.exitCode.has_value());
    QVERIFY(run.exitReason.isEmpty());
    QVERIFY(!run.memory.has_value());
    QVERIFY(run.instance.dnsName.isEmpty());
    QVERIFY(run.instance.instanceId.isEmpty());
    // Reserved variables in upstream's (random) order, kept as sent.
    QCOMPARE(run.env.size(), 5);
    QCOMPARE(run.env.first(), (EnvVar{QStringLiteral("FLOTILLA_SERVER_MODE"), QStringLiteral("prod")}));
    QCOMPARE(run.env.last(), (EnvVar{QStringLiteral("USERNAME"), QStringLiteral("jdoe")}));
    QVERIFY(run.isActive());
}

void Tst_Run::runningHead()
{
    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-running-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.queuedAt, std::optional<QDateTime>(utc(2024, 5, 1, 12, 0, 0, 123)));
    QCOMPARE(run.startedAt, std::optional<QDateTime>(utc(2024, 5, 1, 12, 0, 31)));
    QVERIFY(!run.finishedAt.has_value());
    QCOMPARE(run.memory, std::optional<qint64>(512));
    QCOMPARE(run.cpu, std::optional<qint64>(512));
    QCOMPARE(run.instance.dnsName, QStringLiteral("ip-10-1-2-3.ec2.internal"));
    QCOMPARE(run.instance.instanceId, QString());
    QCOMPARE(run.env.size(), 2);
}

void Tst_Run::stoppedHead()
{
    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-stopped-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.exitCode, std::optional<qint64>(1));
    QCOMPARE(run.exitReason, QStringLiteral("Task terminated by user"));
    QCOMPARE(run.finishedAt, std::optional<QDateTime>(utc(2024, 5, 1, 12, 5, 2)));
    QVERIFY(!run.startedAt.has_value()); // terminated before it started
    QVERIFY(run.env.isEmpty());          // no env key at all
    QVERIFY(!run.isActive());
}

void Tst_Run::stoppedSeedEra()
{
    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-stopped-seed-era.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.runId, QStringLiteral("553c2489-49af-4a68-4c8c-014bd95e6e30"));
    QCOMPARE(run.cluster, QStringLiteral("default"));
    QCOMPARE(run.exitCode, std::optional<qint64>(0));
    QVERIFY(run.exitReason.isEmpty());
    QVERIFY(!run.queuedAt.has_value()); // the seed era had no queued_at
    QCOMPARE(run.startedAt, std::optional<QDateTime>(utc(2018, 1, 31, 20, 30, 45, 67)));
    QCOMPARE(run.finishedAt, std::optional<QDateTime>(utc(2018, 1, 31, 22, 26, 11, 483)));
    QCOMPARE(run.instance.dnsName, QStringLiteral("ip-10-0-0-1.ec2.internal"));
    QCOMPARE(run.instance.instanceId, QStringLiteral("i-0abc"));
    QVERIFY(run.user.isEmpty());
    QVERIFY(run.engine.isEmpty());
    QCOMPARE(run.env.size(), 4);

    // Sent again in the contract's form: time with 3 digits and Z, still no queued_at.
    const Json json = run.toJson();
    QCOMPARE_JSON(json.at("started_at"), Json("2018-01-31T20:30:45.067Z"));
    QVERIFY(!json.contains("queued_at"));
    QCOMPARE_JSON(json.at("exit_code"), Json(0));
}

void Tst_Run::runningEksUsageHead()
{
    QStringList errors;
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-running-eks-usage-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(run.memory, std::optional<qint64>(512));
    QCOMPARE(run.memoryLimit, std::optional<qint64>(512));
    QCOMPARE(run.maxMemoryUsed, std::optional<qint64>(387));
    QCOMPARE(run.cpu, std::optional<qint64>(512));
    QCOMPARE(run.cpuLimit, std::optional<qint64>(512));
    QCOMPARE(run.maxCpuUsed, std::optional<qint64>(431));
    QVERIFY(!run.gpu.has_value());
    QCOMPARE(run.engine, QStringLiteral("eks"));
    QCOMPARE(run.nodeLifecycle, QStringLiteral("spot"));
    QCOMPARE(run.attemptCount, std::optional<qint64>(1));
    QCOMPARE(run.podName, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d-x7k2p"));
    QCOMPARE(run.executableType, QStringLiteral("task_definition"));
    QCOMPARE(run.podEvents.size(), 7);
    const PodEvent &first = run.podEvents.first();
    QVERIFY(first.isWarning());
    QCOMPARE(first.reason, QStringLiteral("FailedScheduling"));
    QCOMPARE(first.timestamp, std::optional<QDateTime>(utc(2024, 5, 1, 12, 0, 1)));
    QCOMPARE(first.sourceObject, run.podName);
    QCOMPARE(first.message, QStringLiteral("0/12 nodes are available: 12 Insufficient memory."));
    // Go escapes '>' in strings; the decoder undoes it.
    QVERIFY(run.podEvents[1].message.contains(u"3->4"));
    QCOMPARE(run.podEvents.last().reason, QStringLiteral("Started"));
    QVERIFY(!run.podEvents.last().isWarning());
}

void Tst_Run::eventsAnswers()
{
    QStringList errors;
    const RunEventList list = RunEventList::fromJson(fixtureJson(QStringLiteral("events-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.total, 7);
    const Run run = Run::fromJson(fixtureJson(QStringLiteral("run-running-eks-usage-head.json")), &errors);
    QCOMPARE(list.events, run.podEvents); // the same events as on the run
    QCOMPARE_JSON(RunEventList::fromJson(list.toJson(), &errors).toJson(), list.toJson());

    const RunEventList none = RunEventList::fromJson(fixtureJson(QStringLiteral("events-empty-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(none.total, 0);
    QVERIFY(none.events.isEmpty()); // "pod_events": null
    QCOMPARE_JSON(none.toJson(), Json::parse(R"({"total":0,"pod_events":[]})"));

    // No total (a lenient server): the count of events.
    const RunEventList counted = RunEventList::fromJson(
        Json::parse(R"({"pod_events":[{"event_type":"Normal","reason":"Started","unknown":1}]})"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(counted.total, 1);
    QVERIFY(!counted.events.first().timestamp.has_value());
}

void Tst_Run::eventsAnswerErrorsNameTheField()
{
    QStringList errors;
    RunEventList::fromJson(Json::parse(R"({"total":"7","pod_events":[{"timestamp":"yesterday"}, 3]})"), &errors);
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.filter(u"pod_events[0].timestamp").size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY2(errors.filter(u"pod_events[1]").size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY2(errors.filter(u"total").size() == 1, qPrintable(errors.join(u'\n')));
    errors.clear();
    RunEventList::fromJson(Json::array(), &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("an events answer must be a JSON object")});
}

void Tst_Run::statusAnswer()
{
    QStringList errors;
    const RunStatusSummary summary = RunStatusSummary::fromJson(fixtureJson(QStringLiteral("status-head.json")),
                                                                &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(summary.runId, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"));
    QCOMPARE(summary.status, RunStatus::Running);
    QCOMPARE(summary.queuedAt, std::optional<QDateTime>(utc(2024, 5, 1, 12, 0, 0, 123)));
    QCOMPARE(summary.startedAt, std::optional<QDateTime>(utc(2024, 5, 1, 12, 0, 31)));
    QVERIFY(!summary.finishedAt.has_value());
    QVERIFY(!summary.exitCode.has_value());
    QVERIFY(summary.exitReason.isEmpty());
    QCOMPARE(summary.engine, QStringLiteral("eks"));
    QCOMPARE(summary.definitionId, QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d"));
    QCOMPARE(summary.alias, QStringLiteral("hello-flotilla"));
    QCOMPARE(summary.cluster, QStringLiteral("clusta"));
    const Json json = summary.toJson();
    JSON_COMPARE(json["cluster_name"], "clusta");
    QCOMPARE_JSON(RunStatusSummary::fromJson(json, &errors).toJson(), json);
    QVERIFY(errors.isEmpty());

    const RunStatusSummary stopped = RunStatusSummary::fromJson(
        Json::parse(R"({"run_id":"r","status":"STOPPED","exit_code":137,"exit_reason":"OOMKilled","x":{}})"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(stopped.status, RunStatus::Stopped);
    QCOMPARE(stopped.exitCode, std::optional<qint64>(137));
    QCOMPARE(stopped.exitReason, QStringLiteral("OOMKilled"));
}

void Tst_Run::statusAnswerErrorsNameTheField()
{
    QStringList errors;
    RunStatusSummary::fromJson(Json::parse(R"({"status":"DONE","exit_code":"0","finished_at":"soon"})"), &errors);
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.filter(u"status DONE is not one of").size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY2(errors.filter(u"exit_code").size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY2(errors.filter(u"finished_at").size() == 1, qPrintable(errors.join(u'\n')));
    errors.clear();
    RunStatusSummary::fromJson(Json("RUNNING"), &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("a run status must be a JSON object")});
}

void Tst_Run::advanceTo_data()
{
    QTest::addColumn<RunStatus>("from");
    QTest::addColumn<RunStatus>("to");
    QTest::addColumn<bool>("moves");

    const QList<RunStatus> order = {RunStatus::Queued, RunStatus::Pending, RunStatus::Running, RunStatus::Stopped};
    for (qsizetype i = 0; i < order.size(); ++i) {
        for (qsizetype j = 0; j < order.size(); ++j) {
            const QByteArray name = (runStatusName(order[i]) + QStringLiteral("->") + runStatusName(order[j])).toLatin1();
            QTest::newRow(name.constData()) << order[i] << order[j] << (j > i);
        }
    }
    // NEEDS_RETRY applies from anywhere, and a retried run may be queued again.
    for (RunStatus from : allStatuses()) {
        const QByteArray name = (runStatusName(from) + QStringLiteral("->NEEDS_RETRY")).toLatin1();
        QTest::newRow(name.constData()) << from << RunStatus::NeedsRetry << true;
    }
    QTest::newRow("NEEDS_RETRY->QUEUED") << RunStatus::NeedsRetry << RunStatus::Queued << true;
    QTest::newRow("NEEDS_RETRY->STOPPED") << RunStatus::NeedsRetry << RunStatus::Stopped << true;
}

void Tst_Run::advanceTo()
{
    QFETCH(RunStatus, from);
    QFETCH(RunStatus, to);
    QFETCH(bool, moves);

    Run run = sampleRun();
    run.status = from;
    QCOMPARE(run.advanceTo(to), moves);
    QCOMPARE(run.status, moves ? to : from);
}

void Tst_Run::advanceThroughLifecycle()
{
    Run run = sampleRun();
    QCOMPARE(run.status, RunStatus::Queued); // a new run is queued

    QVERIFY(run.advanceTo(RunStatus::Pending));
    QVERIFY(!run.advanceTo(RunStatus::Pending)); // the same status again is no move
    QVERIFY(!run.advanceTo(RunStatus::Queued));
    QCOMPARE(run.status, RunStatus::Pending);
    QVERIFY(run.advanceTo(RunStatus::Running));
    QVERIFY(!run.advanceTo(RunStatus::Pending));
    QVERIFY(run.advanceTo(RunStatus::Stopped));
    QVERIFY(!run.advanceTo(RunStatus::Running));
    QVERIFY(!run.advanceTo(RunStatus::Queued));
    QCOMPARE(run.status, RunStatus::Stopped);

    // Skips are allowed: a QUEUED run terminated by the user stops at once.
    Run skipped = sampleRun();
    QVERIFY(skipped.advanceTo(RunStatus::Stopped));
    QCOMPARE(skipped.status, RunStatus::Stopped);
    Run fast = sampleRun();
    QVERIFY(fast.advanceTo(RunStatus::Running));
    QVERIFY(!fast.advanceTo(RunStatus::Pending)); // a late PENDING event does not undo RUNNING
    QCOMPARE(fast.status, RunStatus::Running);
}

void Tst_Run::needsRetryAlwaysApplies()
{
    for (RunStatus from : allStatuses()) {
        Run run = sampleRun();
        run.status = from;
        QVERIFY2(run.advanceTo(RunStatus::NeedsRetry), qPrintable(runStatusName(from)));
        QCOMPARE(run.status, RunStatus::NeedsRetry);
    }
    // After NEEDS_RETRY, the run can go through the lifecycle again.
    Run run = sampleRun();
    run.status = RunStatus::NeedsRetry;
    QVERIFY(run.advanceTo(RunStatus::Queued));
    QVERIFY(run.advanceTo(RunStatus::Pending));
    QVERIFY(run.advanceTo(RunStatus::Running));
    QVERIFY(run.advanceTo(RunStatus::Stopped));
}

void Tst_Run::isActive()
{
    Run run = sampleRun();
    for (RunStatus status : allStatuses()) {
        run.status = status;
        QCOMPARE(run.isActive(), status != RunStatus::Stopped);
    }
}

void Tst_Run::toJsonOmitsUnsetFields()
{
    const Json json = Run().toJson();
    for (const char *key : {"exit_code", "exit_reason", "queued_at", "started_at", "finished_at", "memory", "cpu"})
        QVERIFY2(!json.contains(key), key);
    QCOMPARE_JSON(json.at("instance"), Json({{"dns_name", ""}, {"instance_id", ""}}));
    QCOMPARE_JSON(json.at("env"), Json::array());
    QCOMPARE_JSON(json.at("status"), Json("QUEUED"));
    for (const char *key :
         {"run_id", "definition_id", "alias", "group_name", "image", "command", "cluster", "user", "engine"}) {
        QVERIFY2(json.contains(key), key);
        QVERIFY2(json.at(key).is_string(), key);
    }

    // A queued run from a real launch: only queued_at among the times.
    const Json queued = sampleRun().toJson();
    QCOMPARE_JSON(queued.at("queued_at"), Json("2026-11-27T07:01:26.123Z"));
    QVERIFY(!queued.contains("started_at"));
    QVERIFY(!queued.contains("finished_at"));
    QVERIFY(!queued.contains("exit_code"));
    QVERIFY(!queued.contains("exit_reason"));
    QVERIFY(queued.contains("instance"));
}

void Tst_Run::toJsonWithEverything()
{
    Run run = sampleRun();
    run.status = RunStatus::Stopped;
    run.exitCode = 137;
    run.exitReason = QStringLiteral("OOMKilled");
    run.startedAt = QDateTime(QDate(2026, 11, 27), QTime(9, 1, 30), Qt::OffsetFromUTC, 2 * 3600);
    run.finishedAt = utc(2026, 11, 27, 7, 2, 0, 5);
    run.memory = 256;
    run.cpu = 500;
    run.instance = {QStringLiteral("localhost"), QStringLiteral("4242")};

    const Json json = run.toJson();
    QCOMPARE_JSON(json.at("status"), Json("STOPPED"));
    QCOMPARE_JSON(json.at("exit_code"), Json(137));
    QCOMPARE_JSON(json.at("exit_reason"), Json("OOMKilled"));
    QCOMPARE_JSON(json.at("started_at"), Json("2026-11-27T07:01:30.000Z"));
    QCOMPARE_JSON(json.at("finished_at"), Json("2026-11-27T07:02:00.005Z"));
    QCOMPARE_JSON(json.at("memory"), Json(256));
    QCOMPARE_JSON(json.at("cpu"), Json(500));
    QCOMPARE_JSON(json.at("instance"), Json({{"dns_name", "localhost"}, {"instance_id", "4242"}}));
    QCOMPARE_JSON(json.at("env").at(0), Json({{"name", "FLOTILLA_RUN_ID"}, {"value", toUtf8(run.runId)}}));

    // exit_code 0 is a value, not "unset".
    run.exitCode = 0;
    run.exitReason.clear();
    const Json success = run.toJson();
    QCOMPARE_JSON(success.at("exit_code"), Json(0));
    QVERIFY(!success.contains("exit_reason"));
}

void Tst_Run::roundTrip()
{
    Run run = sampleRun();
    run.status = RunStatus::Running;
    run.startedAt = utc(2026, 11, 27, 7, 1, 30, 999);
    run.memory = 128;
    run.instance = {QStringLiteral("host"), QStringLiteral("container-1")};

    QStringList errors;
    const Run back = Run::fromJson(Json::parse(run.toJson().dump()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(back.runId, run.runId);
    QCOMPARE(back.definitionId, run.definitionId);
    QCOMPARE(back.status, run.status);
    QCOMPARE(back.queuedAt, run.queuedAt);
    QCOMPARE(back.startedAt, run.startedAt);
    QCOMPARE(back.finishedAt, run.finishedAt);
    QCOMPARE(back.exitCode, run.exitCode);
    QCOMPARE(back.env, run.env);
    QCOMPARE(back.memory, run.memory);
    QCOMPARE(back.cpu, run.cpu);
    QCOMPARE(back.instance.dnsName, run.instance.dnsName);
    QCOMPARE(back.instance.instanceId, run.instance.instanceId);
    QCOMPARE_JSON(back.toJson(), run.toJson());
}

void Tst_Run::statusNamesRoundTrip_data()
{
    QTest::addColumn<RunStatus>("status");
    QTest::addColumn<QString>("name");

    QTest::newRow("QUEUED") << RunStatus::Queued << QStringLiteral("QUEUED");
    QTest::newRow("PENDING") << RunStatus::Pending << QStringLiteral("PENDING");
    QTest::newRow("RUNNING") << RunStatus::Running << QStringLiteral("RUNNING");
    QTest::newRow("STOPPED") << RunStatus::Stopped << QStringLiteral("STOPPED");
    QTest::newRow("NEEDS_RETRY") << RunStatus::NeedsRetry << QStringLiteral("NEEDS_RETRY");
}

void Tst_Run::statusNamesRoundTrip()
{
    QFETCH(RunStatus, status);
    QFETCH(QString, name);

    QCOMPARE(runStatusName(status), name);
    QCOMPARE(runStatusFromName(name), std::optional<RunStatus>(status));

    Run run = sampleRun();
    run.status = status;
    const Json json = run.toJson();
    QCOMPARE_JSON(json.at("status"), Json(toUtf8(name)));
    QStringList errors;
    QCOMPARE(Run::fromJson(json, &errors).status, status);
    QVERIFY(errors.isEmpty());
}

void Tst_Run::statusNames()
{
    QCOMPARE(runStatusNames(),
             QStringList({QStringLiteral("QUEUED"), QStringLiteral("PENDING"), QStringLiteral("RUNNING"),
                          QStringLiteral("STOPPED"), QStringLiteral("NEEDS_RETRY")}));
    QCOMPARE(runStatusFromName(u"running"), std::optional<RunStatus>()); // names are exact
    QCOMPARE(runStatusFromName(u""), std::optional<RunStatus>());
}

void Tst_Run::unknownStatusIsError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    const QString allowed = QStringLiteral("QUEUED, PENDING, RUNNING, STOPPED, NEEDS_RETRY");
    QTest::newRow("unknown name") << QByteArray(R"({"status":"EXPLODED"})")
                                  << QStringLiteral("status EXPLODED is not one of ") + allowed;
    QTest::newRow("lower case") << QByteArray(R"({"status":"running"})")
                                << QStringLiteral("status running is not one of ") + allowed;
    QTest::newRow("empty") << QByteArray(R"({"status":""})") << QStringLiteral("status  is not one of ") + allowed;
    QTest::newRow("number") << QByteArray(R"({"status":3})") << QStringLiteral("status must be a JSON string");
}

void Tst_Run::unknownStatusIsError()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    QStringList errors;
    Run::fromJson(Json::parse(body.toStdString()), &errors);
    QCOMPARE(errors, QStringList{error});
}

void Tst_Run::missingStatusIsQueued()
{
    QStringList errors;
    QCOMPARE(Run::fromJson(Json::object(), &errors).status, RunStatus::Queued);
    QCOMPARE(Run::fromJson(Json::parse(R"({"status":null})"), &errors).status, RunStatus::Queued);
    QVERIFY(errors.isEmpty());
}

void Tst_Run::typeErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("bad time") << QByteArray(R"({"started_at":"yesterday"})")
                              << QStringLiteral("started_at is not an RFC 3339 time: yesterday");
    QTest::newRow("time number") << QByteArray(R"({"queued_at":1700000000})")
                                 << QStringLiteral("queued_at must be a JSON string");
    QTest::newRow("exit_code float") << QByteArray(R"({"exit_code":1.5})")
                                     << QStringLiteral("exit_code must be a JSON integer, not 1.5");
    QTest::newRow("instance string") << QByteArray(R"({"instance":"host"})")
                                     << QStringLiteral("instance must be a JSON object");
    QTest::newRow("instance field") << QByteArray(R"({"instance":{"dns_name":1}})")
                                    << QStringLiteral("instance.dns_name must be a JSON string");
    QTest::newRow("env object") << QByteArray(R"({"env":{}})") << QStringLiteral("env must be a JSON array");
    QTest::newRow("not an object") << QByteArray(R"(null)") << QStringLiteral("a run must be a JSON object");
}

void Tst_Run::typeErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    QStringList errors;
    Run::fromJson(Json::parse(body.toStdString()), &errors);
    QCOMPARE(errors, QStringList{error});
}

QTEST_GUILESS_MAIN(Tst_Run)
#include "tst_run.moc"
