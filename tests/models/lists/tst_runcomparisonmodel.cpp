// RunComparisonModel: the one-line fields of two runs, differences flagged;
// command and payload left to the line diffs.
#include <modeltesters.h>

#include <lists/runcomparisonmodel.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunComparisonModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsSideBySide();
};

void Tst_RunComparisonModel::fieldsSideBySide()
{
    RunComparisonModel model;
    ModelTesters testers(&model);
    Run left;
    left.image = QStringLiteral("busybox:1");
    left.command = QStringLiteral("echo a");
    left.cluster = QStringLiteral("local");
    left.exitCode = 0;
    Run right = left;
    right.command = QStringLiteral("echo b");
    right.exitCode = 2;
    right.executableType = QStringLiteral("template");
    right.templatePayload = Json{{"a", 1}};
    model.setRuns(left, right);

    QCOMPARE(model.rowCount(), int(RunField::Duration)); // all but command and payload
    QCOMPARE(model.differenceCount(), 1);
    int exitRow = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto field = RunField(model.index(row, 0).data(RunComparisonModel::FieldRole).toInt());
        QVERIFY(field != RunField::Command && field != RunField::Payload);
        if (field == RunField::ExitCode)
            exitRow = row;
    }
    QVERIFY(exitRow >= 0);
    QCOMPARE(model.index(exitRow, RunComparisonModel::Field).data().toString(), QStringLiteral("Exit code"));
    QCOMPARE(model.index(exitRow, RunComparisonModel::Left).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(exitRow, RunComparisonModel::Right).data().toString(), QStringLiteral("2"));
    QVERIFY(model.index(exitRow, 0).data(RunComparisonModel::DiffersRole).toBool());
    QVERIFY(!model.index(0, 0).data(RunComparisonModel::DiffersRole).toBool()); // the image
    // A field neither run has shows a dash, not an empty cell.
    QCOMPARE(model.index(exitRow + 1, RunComparisonModel::Left).data().toString(), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(Tst_RunComparisonModel)
#include "tst_runcomparisonmodel.moc"
