#include "comparecommand.h"

#include "invocation.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <log/linediff.h>
#include <wire/runcomparison.h>

#include <memory>

namespace Flotilla {

namespace {

QString envChangeName(EnvChange change)
{
    switch (change) {
    case EnvChange::Same: return QStringLiteral("same");
    case EnvChange::Added: return QStringLiteral("added");
    case EnvChange::Removed: return QStringLiteral("removed");
    case EnvChange::Changed: return QStringLiteral("changed");
    }
    return {};
}

// Hunks of two texts, each a section of its own ("command:"), nothing when equal.
QString section(const QString &title, const QString &left, const QString &right, const LineMask &mask)
{
    const QStringList leftLines = LineDiff::splitLines(left);
    const QStringList rightLines = LineDiff::splitLines(right);
    const LineDiffResult result = *LineDiff::compare(leftLines, rightLines, mask);
    if (result.isEqual())
        return {};
    return title + QStringLiteral(":\n") + LineDiff::unifiedHunks(leftLines, rightLines, result);
}

Json logJson(const QString &left, const QString &right, const LineMask &mask)
{
    const QStringList leftLines = LineDiff::splitLines(left);
    const QStringList rightLines = LineDiff::splitLines(right);
    const LineDiffResult result = *LineDiff::compare(leftLines, rightLines, mask);
    Json json{{"only_left", result.onlyLeft}, {"only_right", result.onlyRight}, {"changed", result.changed}};
    json["first_difference"] = result.isEqual() ? Json() : Json(result.firstDifference + 1);
    json["hunks"] = toUtf8(LineDiff::unifiedHunks(leftLines, rightLines, result));
    return json;
}

} // namespace

CompareCommand::CompareCommand()
    : Command({QStringLiteral("compare"),
               QStringLiteral("RUN_A RUN_B"),
               QStringLiteral("Compare two runs as a unified diff from RUN_A to RUN_B: image, command, cluster, "
                              "owner,\nresources, exit code and reason, duration, env, the payload of template runs "
                              "and,\nwith --logs, the logs (lines that differ only in what the mask matches count "
                              "as the same)."),
               {option("logs", "Compare the logs too."),
                option("mask",
                       "What to ignore in log lines, a regular expression (default: ISO 8601 and clock times, "
                       "UUIDs, hex ids of 12+ digits; empty: compare whole lines).",
                       "REGEX")},
               2,
               2})
{}

void CompareCommand::run(Invocation &invocation) const
{
    if (invocation.isSet(QStringLiteral("mask"))) {
        if (!invocation.isSet(QStringLiteral("logs")))
            return invocation.usageError(QStringLiteral("--mask goes with --logs"));
        const LineMask mask(invocation.value(QStringLiteral("mask")));
        if (!mask.isValid())
            return invocation.usageError(QStringLiteral("--mask: ") + mask.errorString());
    }
    const QString leftId = invocation.positional().at(0);
    const QString rightId = invocation.positional().at(1);
    invocation.whenDone<ResultJob<Run>>(invocation.client()->run(leftId), [&invocation,
                                                                           rightId](ResultJob<Run> *leftJob) {
        const Run left = leftJob->result();
        invocation.whenDone<ResultJob<Run>>(invocation.client()->run(rightId),
                                            [&invocation, left](ResultJob<Run> *rightJob) {
                                                if (invocation.isSet(QStringLiteral("logs")))
                                                    return readLogs(invocation, left, rightJob->result());
                                                print(invocation, left, rightJob->result(), {}, {});
                                            });
    });
}

void CompareCommand::readLogs(Invocation &invocation, const Run &left, const Run &right)
{
    // Both logs as they are now, read side by side.
    struct Logs
    {
        QString text[2];
        int read = 0;
    };
    const auto logs = std::make_shared<Logs>();
    const Run *const runs[] = {&left, &right};
    for (int side = 0; side < 2; ++side) {
        auto *tailer = new LogTailer(invocation.client(), runs[side]->runId, &invocation);
        tailer->setUntilCaughtUp(true);
        tailer->setFastInterval(0);
        QObject::connect(&invocation, &Invocation::finished, tailer, &LogTailer::stop);
        QObject::connect(tailer, &LogTailer::appended, &invocation,
                         [logs, side](const QString &text) { logs->text[side] += text; });
        QObject::connect(tailer, &LogTailer::errorOccurred, &invocation, [&invocation, tailer](const ApiError &error) {
            if (tailer->isActive())
                return invocation.output().err(QStringLiteral("flotilla: %1 (trying again)\n").arg(error.sentence()));
            invocation.apiError(error);
        });
        QObject::connect(tailer, &LogTailer::finished, &invocation, [&invocation, logs, left, right] {
            if (++logs->read == 2)
                print(invocation, left, right, logs->text[0], logs->text[1]);
        });
        tailer->start();
    }
}

void CompareCommand::print(Invocation &invocation, const Run &left, const Run &right, const QString &leftLog,
                           const QString &rightLog)
{
    const bool withLogs = invocation.isSet(QStringLiteral("logs"));
    const LineMask mask(invocation.isSet(QStringLiteral("mask")) ? invocation.value(QStringLiteral("mask"))
                                                                 : LineMask::defaultPattern());
    const LineMask wholeLines{QString()};
    const QList<FieldComparison> fields = compareRunFields(left, right);
    const QList<EnvComparison> env = compareEnv(left.env, right.env);
    Output &output = invocation.output();
    if (output.isJson()) {
        Json json{{"left", toUtf8(left.runId)}, {"right", toUtf8(right.runId)}};
        Json fieldArray = Json::array();
        for (const FieldComparison &field : fields) {
            fieldArray.push_back({{"field", toUtf8(runFieldName(field.field))},
                                  {"left", toUtf8(field.left)},
                                  {"right", toUtf8(field.right)},
                                  {"differs", field.differs()}});
        }
        json["fields"] = fieldArray;
        Json envArray = Json::array();
        for (const EnvComparison &var : env) {
            if (var.change == EnvChange::Same)
                continue;
            envArray.push_back({{"name", toUtf8(var.name)},
                                {"change", toUtf8(envChangeName(var.change))},
                                {"left", toUtf8(var.left)},
                                {"right", toUtf8(var.right)}});
        }
        json["env"] = envArray;
        if (withLogs)
            json["log"] = logJson(leftLog, rightLog, mask);
        output.printJson(json);
        return invocation.done();
    }

    QString text = QStringLiteral("--- %1 %2\n+++ %3 %4\n").arg(left.runId, left.alias, right.runId, right.alias);
    for (const FieldComparison &field : fields) {
        if (field.field == RunField::Command || field.field == RunField::Payload)
            continue; // several lines: hunks below
        const QString name = runFieldName(field.field);
        if (field.differs())
            text += QStringLiteral("-%1: %2\n+%1: %3\n").arg(name, field.left, field.right);
        else
            text += QStringLiteral(" %1: %2\n").arg(name, field.left);
    }
    for (const EnvComparison &var : env) {
        if (var.change == EnvChange::Removed || var.change == EnvChange::Changed)
            text += QStringLiteral("-env %1=%2\n").arg(var.name, var.left);
        if (var.change == EnvChange::Added || var.change == EnvChange::Changed)
            text += QStringLiteral("+env %1=%2\n").arg(var.name, var.right);
    }
    text += section(QStringLiteral("command"), left.command, right.command, wholeLines);
    if (left.isTemplateRun() || right.isTemplateRun())
        text += section(QStringLiteral("payload"), payloadText(left), payloadText(right), wholeLines);
    if (withLogs)
        text += section(QStringLiteral("log"), leftLog, rightLog, mask);
    output.out(text);
    invocation.done();
}

} // namespace Flotilla
