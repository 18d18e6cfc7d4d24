// LogDiffModel: rows, columns and kinds of an aligned diff, and moving
// between differences.
#include <modeltesters.h>

#include <log/logdiffmodel.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogDiffModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsShowBothSides();
    void movesBetweenDifferences();
};

namespace {

// left a b c d e f g, right a B c d f g h: b changed, e only left, h only right.
void fill(LogDiffModel &model)
{
    const QStringList left{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                           QStringLiteral("e"), QStringLiteral("f"), QStringLiteral("g")};
    const QStringList right{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c"), QStringLiteral("d"),
                            QStringLiteral("f"), QStringLiteral("g"), QStringLiteral("h")};
    model.setDiff(left, right, *LineDiff::compare(left, right, LineMask(QString())));
}

} // namespace

void Tst_LogDiffModel::rowsShowBothSides()
{
    LogDiffModel model;
    ModelTesters testers(&model);
    fill(model);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.columnCount(), int(LogDiffModel::ColumnCount));
    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    const auto kind = [&model](int row) { return DiffKind(model.index(row, 0).data(LogDiffModel::KindRole).toInt()); };
    QCOMPARE(kind(1), DiffKind::Changed);
    QCOMPARE(text(1, LogDiffModel::LeftText), QStringLiteral("b"));
    QCOMPARE(text(1, LogDiffModel::RightText), QStringLiteral("B"));
    QCOMPARE(kind(4), DiffKind::OnlyLeft);
    QCOMPARE(text(4, LogDiffModel::LeftNumber), QStringLiteral("5"));
    QCOMPARE(text(4, LogDiffModel::RightNumber), QString());
    QCOMPARE(text(4, LogDiffModel::RightText), QString());
    QCOMPARE(kind(7), DiffKind::OnlyRight);
    QCOMPARE(text(7, LogDiffModel::RightNumber), QStringLiteral("7"));
    QCOMPARE(text(7, LogDiffModel::RightText), QStringLiteral("h"));
    QCOMPARE(kind(6), DiffKind::Same);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.firstDifference(), -1);
}

void Tst_LogDiffModel::movesBetweenDifferences()
{
    LogDiffModel model;
    fill(model);
    QCOMPARE(model.differenceCount(), 3);
    QCOMPARE(model.firstDifference(), 1);
    QCOMPARE(model.nextDifference(0), 1);
    QCOMPARE(model.nextDifference(1), 4);
    QCOMPARE(model.nextDifference(4), 7);
    QCOMPARE(model.nextDifference(7), -1);
    QCOMPARE(model.previousDifference(7), 4);
    QCOMPARE(model.previousDifference(5), 4);
    QCOMPARE(model.previousDifference(4), 1);
    QCOMPARE(model.previousDifference(1), -1);
    QCOMPARE(model.previousDifference(0), -1);
}

QTEST_GUILESS_MAIN(Tst_LogDiffModel)
#include "tst_logdiffmodel.moc"
