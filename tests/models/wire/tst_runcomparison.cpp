// compareEnv and compareRunFields: exact env differences, fields as text,
// the payload of template runs only.
#include <wire/runcomparison.h>

#include <QTest>

using namespace Flotilla;

class Tst_RunComparison final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envDifferencesAreExact();
    void envNameGivenTwiceCountsItsLastValue();
    void fieldsAsText();
    void payloadOnlyForTemplateRuns();
};

namespace {

EnvList env(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    EnvList list;
    for (const auto &[name, value] : vars)
        list.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    return list;
}

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromUtf8(iso), Qt::ISODate);
}

} // namespace

void Tst_RunComparison::envDifferencesAreExact()
{
    const QList<EnvComparison> comparison = compareEnv(
        env({{"REGION", "eu"}, {"DEBUG", "0"}, {"BATCH", "100"}, {"EMPTY", ""}, {"OLD", "x"}}),
        env({{"BATCH", "100"}, {"DEBUG", "1"}, {"REGION", "eu "}, {"EMPTY", ""}, {"NEW", "y"}, {"BLANK", ""}}));
    const QList<EnvComparison> expected{
        {QStringLiteral("BATCH"), EnvChange::Same, QStringLiteral("100"), QStringLiteral("100")},
        {QStringLiteral("BLANK"), EnvChange::Added, QString(), QString()},
        {QStringLiteral("DEBUG"), EnvChange::Changed, QStringLiteral("0"), QStringLiteral("1")},
        {QStringLiteral("EMPTY"), EnvChange::Same, QString(), QString()},
        {QStringLiteral("NEW"), EnvChange::Added, QString(), QStringLiteral("y")},
        {QStringLiteral("OLD"), EnvChange::Removed, QStringLiteral("x"), QString()},
        {QStringLiteral("REGION"), EnvChange::Changed, QStringLiteral("eu"), QStringLiteral("eu ")},
    };
    QCOMPARE(comparison, expected);
    QVERIFY(compareEnv({}, {}).isEmpty());
    // Names are case-sensitive, as in a process's environment.
    QCOMPARE(compareEnv(env({{"path", "a"}}), env({{"PATH", "a"}})).size(), 2);
}

void Tst_RunComparison::envNameGivenTwiceCountsItsLastValue()
{
    const QList<EnvComparison> comparison = compareEnv(env({{"A", "1"}, {"A", "2"}}), env({{"A", "2"}}));
    QCOMPARE(comparison.size(), 1);
    QCOMPARE(comparison.constFirst().change, EnvChange::Same);
}

void Tst_RunComparison::fieldsAsText()
{
    Run left;
    left.image = QStringLiteral("busybox:1");
    left.command = QStringLiteral("echo a\necho b");
    left.cluster = QStringLiteral("local");
    left.user = QStringLiteral("ana");
    left.memory = 512;
    left.maxMemoryUsed = 387;
    left.cpu = 1024;
    left.exitCode = 0;
    left.startedAt = at("2026-12-01T10:00:00Z");
    left.finishedAt = at("2026-12-01T11:02:03Z");
    Run right = left;
    right.image = QStringLiteral("busybox:2");
    right.memoryLimit = 512;
    right.exitCode = 137;
    right.exitReason = QStringLiteral("OOMKilled");
    right.finishedAt = at("2026-12-01T10:04:05.900Z");

    const QList<FieldComparison> fields = compareRunFields(left, right);
    QCOMPARE(fields.size(), int(RunField::Duration) + 1);
    const auto field = [&fields](RunField which) {
        return *std::find_if(fields.cbegin(), fields.cend(), [which](const auto &f) { return f.field == which; });
    };
    QCOMPARE(field(RunField::Image).left, QStringLiteral("busybox:1"));
    QCOMPARE(field(RunField::Image).right, QStringLiteral("busybox:2"));
    QVERIFY(field(RunField::Image).differs());
    QVERIFY(!field(RunField::Command).differs());
    QVERIFY(!field(RunField::Owner).differs());
    QCOMPARE(field(RunField::MemoryRequested).left, QStringLiteral("512 MB"));
    QCOMPARE(field(RunField::MemoryLimit).left, QString());
    QCOMPARE(field(RunField::MemoryLimit).right, QStringLiteral("512 MB"));
    QCOMPARE(field(RunField::MaxMemoryUsed).right, QStringLiteral("387 MB"));
    QCOMPARE(field(RunField::CpuRequested).right, QStringLiteral("1024"));
    QCOMPARE(field(RunField::ExitCode).left, QStringLiteral("0"));
    QCOMPARE(field(RunField::ExitCode).right, QStringLiteral("137"));
    QCOMPARE(field(RunField::ExitReason).right, QStringLiteral("OOMKilled"));
    QCOMPARE(field(RunField::Duration).left, QStringLiteral("1h 02m 03s"));
    QCOMPARE(field(RunField::Duration).right, QStringLiteral("4m 05s"));
    QCOMPARE(runFieldName(RunField::MaxMemoryUsed), QStringLiteral("memory max used"));
}

void Tst_RunComparison::payloadOnlyForTemplateRuns()
{
    Run plain;
    Run templated;
    templated.executableType = QStringLiteral("template");
    templated.templatePayload = Json{{"bucket", "photos"}, {"width", 800}};
    const QList<FieldComparison> fields = compareRunFields(plain, templated);
    QCOMPARE(fields.constLast().field, RunField::Payload);
    QCOMPARE(fields.constLast().left, QString());
    QCOMPARE(fields.constLast().right, QStringLiteral("{\n  \"bucket\": \"photos\",\n  \"width\": 800\n}"));
    QVERIFY(compareRunFields(plain, plain).constLast().field != RunField::Payload);
}

QTEST_GUILESS_MAIN(Tst_RunComparison)
#include "tst_runcomparison.moc"
