#include <lists/envvarmodel.h>
#include <widgets/envvareditor.h>
#include <widgettesting.h>

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Flotilla;

class tst_EnvVarEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_editor.reset(); }
    void setAndGet();
    void addEditsTheNewRowInPlace();
    void removeAndMove();
    void pasteFromTheButtonAndCtrlV();
    void problemsAreShown();
    void everyControlHasAnAccessibleName();

private:
    template <typename T>
    T *child(const char *name) const
    {
        return Testing::namedChild<T>(m_editor.get(), name);
    }
    QTableView *table() const { return child<QTableView>("envTable"); }
    void click(const char *button) { QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton); }

    std::unique_ptr<EnvVarEditor> m_editor;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_EnvVarEditor::init()
{
    m_editor = std::make_unique<EnvVarEditor>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_editor->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_editor->resize(600, 300);
    m_editor->show();
    m_editor->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_editor.get()));
}

void tst_EnvVarEditor::setAndGet()
{
    QSignalSpy changed(m_editor.get(), &EnvVarEditor::changed);
    const EnvList vars{{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("B"), QStringLiteral("x=y")}};
    m_editor->setEnvVars(vars);
    QCOMPARE(m_editor->envVars(), vars);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(table()->model()->rowCount(), 2);
    QVERIFY(m_editor->problems().isEmpty());
    QVERIFY(child<QLabel>("envProblems")->isHidden());
}

void tst_EnvVarEditor::addEditsTheNewRowInPlace()
{
    click("addEnvButton");
    QCOMPARE(m_editor->envVars().size(), 1);
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget() != table());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("NAME"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(m_editor->envVars().value(0).name, QStringLiteral("NAME")); // the delegate commits queued
}

void tst_EnvVarEditor::removeAndMove()
{
    m_editor->setEnvVars({{QStringLiteral("A"), QStringLiteral("1")},
                          {QStringLiteral("B"), QStringLiteral("2")},
                          {QStringLiteral("C"), QStringLiteral("3")}});
    QVERIFY(!child<QPushButton>("removeEnvButton")->isEnabled()); // nothing selected
    table()->setCurrentIndex(table()->model()->index(2, 0));
    QVERIFY(!child<QPushButton>("moveEnvDownButton")->isEnabled());
    click("moveEnvUpButton");
    QCOMPARE(m_editor->envVars().value(1).name, QStringLiteral("C"));
    QCOMPARE(table()->currentIndex().row(), 1);
    click("moveEnvDownButton");
    QCOMPARE(m_editor->envVars().value(2).name, QStringLiteral("C"));
    click("removeEnvButton");
    QCOMPARE(m_editor->envVars(),
             (EnvList{{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("B"), QStringLiteral("2")}}));
    QCOMPARE(table()->currentIndex().row(), 1);
}

void tst_EnvVarEditor::pasteFromTheButtonAndCtrlV()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("A=1\n# comment\nB=x=y\n"));
    click("pasteEnvButton");
    QCOMPARE(m_editor->envVars(),
             (EnvList{{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("B"), QStringLiteral("x=y")}}));

    QGuiApplication::clipboard()->setText(QStringLiteral("C=3\nnot a pair\n"));
    table()->setFocus();
    QTest::keySequence(table(), QKeySequence::Paste);
    QCOMPARE(m_editor->envVars().size(), 3);
    QCOMPARE(m_editor->envVars().value(2).name, QStringLiteral("C"));
    QVERIFY(child<QLabel>("envProblems")->isVisible());
    QVERIFY2(child<QLabel>("envProblems")->text().contains(QStringLiteral("not a pair")),
             qPrintable(child<QLabel>("envProblems")->text()));
}

void tst_EnvVarEditor::problemsAreShown()
{
    m_editor->setEnvVars({{QStringLiteral("A"), QStringLiteral("1")},
                          {QStringLiteral("A"), QStringLiteral("2")},
                          {QStringLiteral("EMPTY"), QString()}});
    QCOMPARE(m_editor->problems().size(), 2); // both A rows
    QCOMPARE(m_editor->emptyValueNames(), QStringList{QStringLiteral("EMPTY")});
    const QString shown = child<QLabel>("envProblems")->text();
    QVERIFY2(shown.contains(QStringLiteral("row 2")) && shown.contains(QStringLiteral("EMPTY")), qPrintable(shown));
    QVERIFY(!table()->model()->index(0, 0).data(EnvVarModel::ProblemRole).toString().isEmpty());
    QVERIFY(!Testing::screenshot(m_editor.get(), QStringLiteral("envvareditor")).isNull());

    m_editor->setEnvVars({{QStringLiteral("A"), QStringLiteral("1")}});
    QVERIFY(m_editor->problems().isEmpty());
    QVERIFY(child<QLabel>("envProblems")->isHidden());
}

void tst_EnvVarEditor::everyControlHasAnAccessibleName()
{
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_editor.get()), QStringList());
}

QTEST_MAIN(tst_EnvVarEditor)
#include "tst_envvareditor.moc"
