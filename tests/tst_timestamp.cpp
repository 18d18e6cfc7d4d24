// Placeholder until its tests are written.
#include <QTest>

class Tst_Timestamp final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(Tst_Timestamp)
#include "tst_timestamp.moc"
