// PodEventModel: a run's events, updated in place as the run refreshes.
#include <lists/podeventmodel.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

namespace {

PodEvent podEvent(const char *type, const char *reason, const char *message, int second)
{
    return PodEvent{QDateTime(QDate(2026, 12, 3), QTime(12, 0, second), Qt::UTC), QString::fromLatin1(type),
                    QString::fromLatin1(reason), QStringLiteral("run/abc"), QString::fromLatin1(message)};
}

} // namespace

class Tst_PodEventModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEachFieldAndTintsWarnings();
    void appendedEventsAreInsertedNotReset();
    void aRewrittenListChangesRowsInPlace();
};

void Tst_PodEventModel::showsEachFieldAndTintsWarnings()
{
    PodEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents({podEvent("Normal", "Started", "Started the container", 1),
                     podEvent("Warning", "OOMKilled", "The container used more than 32 MB", 2)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(PodEventModel::ColumnCount));
    QCOMPARE(model.index(1, PodEventModel::Type).data().toString(), QStringLiteral("Warning"));
    QCOMPARE(model.index(1, PodEventModel::Reason).data().toString(), QStringLiteral("OOMKilled"));
    QCOMPARE(model.index(1, PodEventModel::Source).data().toString(), QStringLiteral("run/abc"));
    QCOMPARE(model.index(1, PodEventModel::Message).data().toString(),
             QStringLiteral("The container used more than 32 MB"));
    QCOMPARE(model.index(0, PodEventModel::Time).data(PodEventModel::SortRole).toDateTime(),
             QDateTime(QDate(2026, 12, 3), QTime(12, 0, 1), Qt::UTC));
    QVERIFY(!model.index(0, PodEventModel::Time).data().toString().isEmpty());
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).value<QColor>().isValid());
    QVERIFY(model.index(1, 0).data(PodEventModel::WarningRole).toBool());
    QCOMPARE(model.headerData(PodEventModel::Reason, Qt::Horizontal).toString(), QStringLiteral("Reason"));
}

void Tst_PodEventModel::appendedEventsAreInsertedNotReset()
{
    PodEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const PodEventList first{podEvent("Normal", "Queued", "Queued", 0)};
    model.setEvents(first);
    const QPersistentModelIndex kept = model.index(0, 0);
    model.setEvents(first
                    + PodEventList{podEvent("Normal", "Placed", "Placed", 1), podEvent("Normal", "Started", "", 2)});
    model.setEvents(model.events()); // the same list again: nothing happens
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    QCOMPARE(inserted.last().at(2).toInt(), 2);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(kept.isValid() && kept.row() == 0);
}

void Tst_PodEventModel::aRewrittenListChangesRowsInPlace()
{
    PodEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents({podEvent("Normal", "A", "", 0), podEvent("Normal", "B", "", 1), podEvent("Normal", "C", "", 2)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setEvents({podEvent("Normal", "A", "", 0), podEvent("Warning", "B2", "", 1)});
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, PodEventModel::Reason).data().toString(), QStringLiteral("B2"));
    model.setEvents({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(Tst_PodEventModel)
#include "tst_podeventmodel.moc"
