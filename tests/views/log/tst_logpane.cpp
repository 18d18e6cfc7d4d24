// LogPane on a real control plane: a coloured log followed to its end with
// the exit status, search and filter, and saving exactly the server's bytes.
#include "awaitjob.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logpane.h>
#include <log/logsearch.h>
#include <log/logview.h>

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// 3000 green lines "line N ok", then exit code 3.
const QString colourfulCommand = QStringLiteral(
    "i=1; while [ $i -le 3000 ]; do printf '\\033[32mline %d\\033[0m ok\\n' $i; i=$((i+1)); done; exit 3");

} // namespace

class Tst_LogPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void followsTheRunToItsExitStatus();
    void searchAndFilterModes();
    void saveWritesExactlyTheServersBytes();
    void saveAsksWithoutANestedEventLoop();
    void everyControlHasAnAccessibleName();

private:
    QString launch(const QString &command);

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_LogPane::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server.url());
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
}

QString Tst_LogPane::launch(const QString &command)
{
    Definition definition;
    definition.alias = QStringLiteral("pane-%1").arg(QDateTime::currentMSecsSinceEpoch());
    definition.image = QStringLiteral("none");
    definition.command = command;
    auto *created = await(m_client->createDefinition(definition));
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(created->result().definitionId, request))->result().runId;
}

void Tst_LogPane::followsTheRunToItsExitStatus()
{
    LogPane pane(m_client.get(), launch(colourfulCommand));
    pane.show();
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    QVERIFY(pane.isFinished());
    QCOMPARE(pane.model()->rowCount(), 3000);
    QCOMPARE(pane.model()->lineText(2999), u"line 3000 ok");
    QCOMPARE(pane.model()->lineSpans(0), (QList<ColourSpan>{{0, 6, 0xff00cd00, 0, 0}}));
    QVERIFY2(pane.statusText().contains(u"End of log") && pane.statusText().contains(u"exit code 3"),
             qPrintable(pane.statusText()));
    QTRY_COMPARE(pane.view()->indexAt(QPoint(1, pane.view()->viewport()->height() - 2)).data().toString(),
                 u"line 3000 ok");
}

void Tst_LogPane::searchAndFilterModes()
{
    LogPane pane(m_client.get(), launch(colourfulCommand));
    pane.show();
    // The pattern is there before the lines: hits come as they arrive.
    pane.setPattern(QStringLiteral("LINE 29"));
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(pane.search()->hitCount(), 1 + 10 + 100); // 29, 290..299, 2900..2999
    pane.findNext();
    QVERIFY(pane.search()->currentLineId() >= 0);
    QVERIFY2(pane.matchText().contains(u" of 111 matching lines"), qPrintable(pane.matchText()));

    pane.setMode(LogPane::Mode::Filter);
    pane.setPattern(QStringLiteral("^line 1\\d\\d ok$"), true, true);
    QCOMPARE(pane.filterModel()->rowCount(), 100);
    QCOMPARE(pane.search()->hitCount(), 0);
    pane.setFilterOptions(false, 2);
    QCOMPARE(pane.filterModel()->rowCount(), 104);
    pane.setFilterOptions(true, 0);
    QCOMPARE(pane.filterModel()->rowCount(), 2900);
    QVERIFY2(pane.matchText().startsWith(u"2"), qPrintable(pane.matchText()));
    pane.setPattern(QStringLiteral("(broken"), true);
    QVERIFY2(pane.matchText().contains(u"regular expression"), qPrintable(pane.matchText()));
    QCOMPARE(pane.filterModel()->rowCount(), 3000);
}

void Tst_LogPane::saveWritesExactlyTheServersBytes()
{
    // More than the pane keeps: the save must come from the server.
    const QString runId = launch(QStringLiteral("seq 1 200000; printf 'no newline at the end \\303\\251'"));
    LogPane pane(m_client.get(), runId);
    pane.model()->setMemoryBudget(256 * 1024);
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(120000));
    QVERIFY(pane.model()->droppedLineCount() > 0);
    QVERIFY(pane.findChild<QWidget *>(QStringLiteral("droppedBar"))->isVisibleTo(&pane));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("whole.log"));
    QSignalSpy saved(&pane, &LogPane::saved);
    pane.saveTo(path);
    QVERIFY(saved.wait(60000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    HttpTestClient http(m_server);
    const QByteArray server = readLogByPaging(http, runId);
    QVERIFY(server.endsWith("the end \xc3\xa9"));
    QCOMPARE(file.readAll(), server);

    QSignalSpy failed(&pane, &LogPane::saveFailed);
    pane.saveTo(dir.filePath(QStringLiteral("missing/dir/whole.log")));
    QVERIFY(failed.wait(60000));
    QVERIFY2(failed.last()[0].toString().contains(u"Choose another place"), qPrintable(failed.last()[0].toString()));
}

// The Save button opens the file dialog and returns at once (open(), no
// nested event loop); choosing a file saves there.
void Tst_LogPane::saveAsksWithoutANestedEventLoop()
{
    const QString runId = launch(QStringLiteral("echo saved line"));
    LogPane pane(m_client.get(), runId);
    QSignalSpy finished(&pane, &LogPane::finished);
    QVERIFY(finished.wait(60000));
    bool clickReturned = false;
    // A dialog that blocks the click is closed again, so the test ends either way.
    QTimer::singleShot(0, &pane, [&clickReturned] {
        if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget()); dialog && !clickReturned)
            dialog->reject();
    });
    QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    clickReturned = true;
    auto *dialog = pane.findChild<QFileDialog *>();
    QVERIFY2(dialog && dialog->isVisible(), "the click waited for the dialog to close");
    QVERIFY(dialog->isModal());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chosen.log"));
    QSignalSpy saved(&pane, &LogPane::saved);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog's own accept() is protected
    QVERIFY(saved.wait(60000));
    QCOMPARE(saved.first().first().toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("saved line\n"));
}

void Tst_LogPane::everyControlHasAnAccessibleName()
{
    LogPane pane(m_client.get(), launch(QStringLiteral("true")));
    for (QWidget *widget : pane.findChildren<QWidget *>()) {
        const bool control = widget->focusPolicy() != Qt::NoFocus || qobject_cast<QLabel *>(widget);
        if (control && !widget->inherits("QScrollBar") && widget->parent()
            && !widget->parent()->inherits("QAbstractSpinBox") && !widget->parent()->inherits("QAbstractScrollArea")
            && !widget->inherits("QLineEdit"))
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    QVERIFY(!pane.findChild<QLineEdit *>(QStringLiteral("patternEdit"))->accessibleName().isEmpty());
}

QTEST_MAIN(Tst_LogPane)
#include "tst_logpane.moc"
