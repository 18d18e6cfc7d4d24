#include "storefill.h"

#include "runfixture.h"

#include <store/store.h>
#include <wire/definition.h>
#include <wire/run.h>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QUuid>

namespace Flotilla::Testing {

namespace {

const QStringList images = {
    QStringLiteral("python:3.12-slim"), QStringLiteral("ghcr.io/acme/etl:2.4.1"),
    QStringLiteral("alpine:3.20"),      QStringLiteral("ghcr.io/acme/train:0.9.0"),
    QStringLiteral("postgres:16"),      QStringLiteral("ubuntu:24.04"),
};
const QStringList tagPool = {
    QStringLiteral("nightly"),      QStringLiteral("hourly"),    QStringLiteral("etl"),      QStringLiteral("ml"),
    QStringLiteral("reporting"),    QStringLiteral("critical"),  QStringLiteral("backfill"), QStringLiteral("adhoc"),
    QStringLiteral("finance"),      QStringLiteral("marketing"), QStringLiteral("ops"),      QStringLiteral("gpu"),
    QStringLiteral("experimental"), QStringLiteral("pii"),       QStringLiteral("export"),
};

Definition makeDefinition(int index, QRandomGenerator &rng)
{
    Definition definition;
    // About one in ten has no group, like hand-made one-offs.
    if (rng.bounded(10) != 0)
        definition.groupName = QStringLiteral("team-%1").arg(rng.bounded(20), 2, 10, QLatin1Char('0'));
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    definition.definitionId = definition.groupName.isEmpty() ? uuid : definition.groupName + u'-' + uuid;
    definition.alias = QStringLiteral("bench-job-%1").arg(index, 5, 10, QLatin1Char('0'));
    definition.image = images[rng.bounded(int(images.size()))];
    // Harmless should anything ever run it (the server is started with --parallel-runs 0).
    definition.command = QStringLiteral("echo \"bench job %1 for $DATE at log level $LOG_LEVEL\"").arg(index);
    definition.memory = qint64(256) << rng.bounded(6); // 256 MB .. 8 GB
    if (rng.bounded(3) == 0)
        definition.cpu = 250 * (1 + rng.bounded(8));
    definition.env = {{QStringLiteral("LOG_LEVEL"), QStringLiteral("info")},
                      {QStringLiteral("OUTPUT_BUCKET"), QStringLiteral("s3://acme-data/job-%1").arg(index)}};
    if (rng.bounded(2) == 0)
        definition.env.append({QStringLiteral("RETRIES"), QString::number(rng.bounded(5))});
    const int tagCount = 1 + rng.bounded(3);
    while (definition.tags.size() < tagCount) {
        const QString tag = tagPool[rng.bounded(int(tagPool.size()))];
        if (!definition.tags.contains(tag))
            definition.tags.append(tag);
    }
    return definition;
}

// Run `index` of `count`, launched in order over the last 90 days. The newest
// 1% still wait QUEUED, the rest are STOPPED. Nothing RUNNING or PENDING: with
// no process behind them the server would finish those at start, writing to
// the store the benchmark measures.
Run makeRun(const Definition &definition, int index, int count, const QDateTime &now, QRandomGenerator &rng)
{
    constexpr qint64 span = qint64(90) * 24 * 3600 * 1000;
    const int queued = count / 100;
    Run run = runOfDefinition(definition, QUuid::createUuid().toString(QUuid::WithoutBraces),
                              index >= count - queued ? RunStatus::Queued : RunStatus::Stopped,
                              QStringLiteral("user%1@example.com").arg(rng.bounded(30), 2, 10, QLatin1Char('0')));
    run.cpu = definition.cpu;
    run.queuedAt = now.addMSecs(-span + span * index / count - qint64(rng.bounded(60000)));

    if (run.status == RunStatus::Stopped) {
        run.startedAt = run.queuedAt->addMSecs(1000 + rng.bounded(30000));
        run.instance = {QStringLiteral("localhost"), QString::number(10000 + rng.bounded(50000))};
    }
    if (run.status == RunStatus::Stopped) {
        run.finishedAt = run.startedAt->addMSecs(5000 + rng.bounded(2 * 3600 * 1000));
        const int outcome = rng.bounded(100);
        if (outcome < 85) {
            run.exitCode = 0;
        } else if (outcome < 95) {
            run.exitCode = 1;
        } else if (outcome < 98) {
            run.exitCode = 137;
            run.exitReason = QStringLiteral("OOMKilled");
        } else {
            run.exitCode = 143;
            run.exitReason = QStringLiteral("Task terminated by user");
        }
        // Peaks from 30% to 95% of the request (not drawn from `rng`, so the
        // rest of the data stays as it was); an OOM kill at the request.
        run.maxMemoryUsed = run.exitReason == u"OOMKilled" ? *run.memory : *run.memory * (30 + index % 66) / 100;
    }
    run.env = {{QStringLiteral("FLOTILLA_RUN_ID"), run.runId},
               {QStringLiteral("FLOTILLA_SERVER_MODE"), QStringLiteral("local")},
               {QStringLiteral("FLOTILLA_RUN_OWNER_ID"), run.user},
               {QStringLiteral("DATE"), run.queuedAt->date().toString(Qt::ISODate)}};
    if (rng.bounded(3) == 0)
        run.env.append({QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")});
    return run;
}

} // namespace

FillResult fillStore(const QString &databasePath, int definitionCount, int runCount)
{
    QRandomGenerator rng(20261127); // the same data every time (ids aside)
    Store store;
    QString error;
    if (!store.open(databasePath, &error))
        return {0, 0, error};

    FillResult result;
    QElapsedTimer timer;
    timer.start();
    QList<Definition> definitions;
    definitions.reserve(definitionCount);
    for (int i = 0; i < definitionCount; ++i) {
        definitions.append(makeDefinition(i, rng));
        if (!store.insertDefinition(definitions.last()))
            return {0, 0, QStringLiteral("insertDefinition failed: %1").arg(store.lastError())};
    }
    result.definitionSeconds = timer.nsecsElapsed() / 1e9;

    timer.restart();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Run> batch;
    batch.reserve(fillRunBatch);
    for (int i = 0; i < runCount; ++i) {
        // Skewed: a few definitions run far more often than the rest.
        const double r = rng.generateDouble();
        const Definition &definition = definitions[qMin(definitionCount - 1, int(definitionCount * r * r))];
        batch.append(makeRun(definition, i, runCount, now, rng));
        if (batch.size() == fillRunBatch || i == runCount - 1) {
            if (!store.insertRuns(batch))
                return {0, 0, QStringLiteral("insertRuns failed: %1").arg(store.lastError())};
            batch.clear();
        }
    }
    result.runSeconds = timer.nsecsElapsed() / 1e9;
    return result;
}

QString storeRuns(const QString &databasePath, const QList<Definition> &definitions, const QList<Run> &runs)
{
    Store store;
    QString error;
    if (!store.open(databasePath, &error))
        return error;
    for (const Definition &definition : definitions) {
        if (!store.insertDefinition(definition))
            return QStringLiteral("insertDefinition failed: %1").arg(store.lastError());
    }
    if (!runs.isEmpty() && !store.insertRuns(runs))
        return QStringLiteral("insertRuns failed: %1").arg(store.lastError());
    return {};
}

} // namespace Flotilla::Testing
