// Placeholder until its tests are written.
#include <QTest>

class Tst_Controlplane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(Tst_Controlplane)
#include "tst_controlplane.moc"
