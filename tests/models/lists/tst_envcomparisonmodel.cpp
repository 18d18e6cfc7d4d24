// EnvComparisonModel: a row per name with what changed, and the counts.
#include <modeltesters.h>

#include <lists/envcomparisonmodel.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_EnvComparisonModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndCounts();
};

void Tst_EnvComparisonModel::rowsAndCounts()
{
    EnvComparisonModel model;
    ModelTesters testers(&model);
    model.setEnv({{QStringLiteral("A"), QStringLiteral("1")},
                  {QStringLiteral("B"), QStringLiteral("2")},
                  {QStringLiteral("C"), QStringLiteral("3")}},
                 {{QStringLiteral("A"), QStringLiteral("1")},
                  {QStringLiteral("B"), QStringLiteral("20")},
                  {QStringLiteral("D"), QStringLiteral("4")}});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.count(EnvChange::Same), 1);
    QCOMPARE(model.count(EnvChange::Changed), 1);
    QCOMPARE(model.count(EnvChange::Removed), 1);
    QCOMPARE(model.count(EnvChange::Added), 1);
    const auto change = [&model](int row) {
        return EnvChange(model.index(row, 0).data(EnvComparisonModel::ChangeRole).toInt());
    };
    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(1, EnvComparisonModel::Name), QStringLiteral("B"));
    QCOMPARE(change(1), EnvChange::Changed);
    QCOMPARE(text(1, EnvComparisonModel::Right), QStringLiteral("20"));
    QCOMPARE(change(2), EnvChange::Removed);
    QCOMPARE(text(2, EnvComparisonModel::Right), QStringLiteral("—"));
    QCOMPARE(change(3), EnvChange::Added);
    QCOMPARE(text(3, EnvComparisonModel::Left), QStringLiteral("—"));
    QCOMPARE(text(3, EnvComparisonModel::Right), QStringLiteral("4"));
}

QTEST_GUILESS_MAIN(Tst_EnvComparisonModel)
#include "tst_envcomparisonmodel.moc"
