// EnvVarModel: the editable env list of forms.
#include <lists/envvarmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

class Tst_EnvVarModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editsNamesAndValues();
    void addsRemovesAndMoves();
    void pastesNameValueLines();
    void flagsDuplicateAndEmptyNames();
};

void Tst_EnvVarModel::editsNamesAndValues()
{
    EnvVarModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEnvVars({{QStringLiteral("A"), QStringLiteral("1")}});
    QVERIFY(model.flags(model.index(0, EnvVarModel::Value)) & Qt::ItemIsEditable);
    QVERIFY(model.setData(model.index(0, EnvVarModel::Name), QStringLiteral("  LOG_LEVEL ")));
    QVERIFY(model.setData(model.index(0, EnvVarModel::Value), QStringLiteral(" debug ")));
    QCOMPARE(model.envVars(), (EnvList{{QStringLiteral("LOG_LEVEL"), QStringLiteral(" debug ")}}));
    QCOMPARE(model.index(0, 0).data(EnvVarModel::ObjectRole).value<EnvVar>().name, QStringLiteral("LOG_LEVEL"));
    QCOMPARE(model.headerData(EnvVarModel::Value, Qt::Horizontal).toString(), QStringLiteral("Value"));
}

void Tst_EnvVarModel::addsRemovesAndMoves()
{
    EnvVarModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.addVar({QStringLiteral("A"), QStringLiteral("1")}), 0);
    QCOMPARE(model.addVar({QStringLiteral("B"), QStringLiteral("2")}), 1);
    QCOMPARE(model.addVar({QStringLiteral("C"), QStringLiteral("3")}), 2);
    const QPersistentModelIndex c = model.index(2, 0);
    QVERIFY(model.moveUp(2));
    QCOMPARE(c.row(), 1);
    QVERIFY(!model.moveUp(0));
    QVERIFY(!model.moveDown(2));
    QVERIFY(model.moveDown(0));
    QCOMPARE(model.envVars().first().name, QStringLiteral("C"));
    QCOMPARE(c.row(), 0);
    model.removeVar(1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.envVars().last().name, QStringLiteral("B"));
    QVERIFY(!model.removeRows(5, 1));
}

void Tst_EnvVarModel::pastesNameValueLines()
{
    EnvVarModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEnvVars({{QStringLiteral("KEEP"), QStringLiteral("old")}});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QStringList unread = model.paste(QStringLiteral("# a comment\r\nURL=http://x/?a=b\r\n\r\nexport MODE=full\n"
                                                          "KEEP=new\nno equals sign\n=nameless\n"));
    QCOMPARE(inserted.size(), 1); // one insert for the whole paste
    QCOMPARE(model.envVars(), (EnvList{{QStringLiteral("KEEP"), QStringLiteral("new")},
                                       {QStringLiteral("URL"), QStringLiteral("http://x/?a=b")},
                                       {QStringLiteral("MODE"), QStringLiteral("full")}}));
    QCOMPARE(unread.size(), 2);
    QVERIFY2(unread[0].startsWith(QStringLiteral("Line 6")) && unread[0].contains(QStringLiteral("NAME=VALUE")),
             qPrintable(unread[0]));
    QVERIFY2(unread[1].startsWith(QStringLiteral("Line 7")) && unread[1].contains(QStringLiteral("empty")),
             qPrintable(unread[1]));
}

void Tst_EnvVarModel::flagsDuplicateAndEmptyNames()
{
    EnvVarModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy problemsChanged(&model, &EnvVarModel::problemsChanged);
    model.setEnvVars({{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("B"), QStringLiteral("2")}});
    QVERIFY(model.problems().isEmpty());
    QVERIFY(model.index(0, 0).data(EnvVarModel::ProblemRole).toString().isEmpty());

    model.setData(model.index(1, EnvVarModel::Name), QStringLiteral("A"));
    QVERIFY(problemsChanged.size() >= 2);
    QCOMPARE(model.problems().size(), 2);
    QVERIFY(model.index(0, 0).data(EnvVarModel::ProblemRole).toString().contains(QStringLiteral("row 2")));
    QVERIFY(model.index(1, 0).data(EnvVarModel::ProblemRole).toString().contains(QStringLiteral("row 1")));

    model.addVar();
    QCOMPARE(model.problems().size(), 3);
    QVERIFY(model.problems().last().startsWith(QStringLiteral("Row 3: The name is empty")));
    model.removeVar(2);
    model.setData(model.index(1, EnvVarModel::Name), QStringLiteral("B"));
    QVERIFY(model.problems().isEmpty());
}

QTEST_GUILESS_MAIN(Tst_EnvVarModel)
#include "tst_envvarmodel.moc"
