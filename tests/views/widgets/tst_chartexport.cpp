// ChartExport: the PNG and SVG files it writes are valid pictures of the
// widget, the clipboard gets the picture, and a path it cannot write is a
// clear error.
#include <widgets/chartexport.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

class Tst_ChartExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void actionsInTheMenuAndOnTheWidget();
    void savesAValidPng();
    void savesAValidSvg();
    void copiesThePicture();
    void unwritablePathIsAnError();

private:
    std::unique_ptr<QLabel> m_widget;
    QTemporaryDir m_dir;
};

void Tst_ChartExport::init()
{
    m_widget = std::make_unique<QLabel>(QStringLiteral("durations of the last 100 runs"));
    m_widget->setAccessibleName(QStringLiteral("Run history chart"));
    m_widget->setStyleSheet(QStringLiteral("background: #1a8f3c; color: white"));
    m_widget->resize(320, 180);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void Tst_ChartExport::cleanup()
{
    m_widget.reset();
}

void Tst_ChartExport::actionsInTheMenuAndOnTheWidget()
{
    ChartExport exporter(m_widget.get());
    QMenu menu;
    exporter.addActionsTo(&menu);
    QStringList texts;
    for (QAction *action : menu.actions())
        texts.append(action->text());
    QCOMPARE(texts, (QStringList{QStringLiteral("Save as &PNG…"), QStringLiteral("Save as &SVG…"),
                                 QStringLiteral("&Copy Picture")}));
    QVERIFY(m_widget->actions().contains(exporter.copyAction()));
    QCOMPARE(exporter.copyAction()->shortcut(), QKeySequence(QKeySequence::Copy));
}

void Tst_ChartExport::savesAValidPng()
{
    const QString path = m_dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(ChartExport::savePng(m_widget.get(), path, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), m_widget->size() * m_widget->devicePixelRatio());
    // The widget's own background, not an empty picture.
    QCOMPARE(image.pixelColor(2, 2), QColor(0x1a, 0x8f, 0x3c));
}

void Tst_ChartExport::savesAValidSvg()
{
    const QString path = m_dir.filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(ChartExport::saveSvg(m_widget.get(), path, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), m_widget->size()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("<title>Run history chart</title>"));
    // Drawn as vectors: the text is there as text.
    QVERIFY(svg.contains("durations of the last 100 runs"));
}

void Tst_ChartExport::copiesThePicture()
{
    QApplication::clipboard()->clear();
    ChartExport exporter(m_widget.get());
    exporter.copyAction()->trigger();
    const QImage copied = QApplication::clipboard()->image();
    QCOMPARE(copied.size(), m_widget->size() * m_widget->devicePixelRatio());
}

void Tst_ChartExport::unwritablePathIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("no-such-dir/chart.png"));
    QString error;
    QVERIFY(!ChartExport::savePng(m_widget.get(), path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot write %1: ").arg(path)), qPrintable(error));
    QVERIFY(!ChartExport::saveSvg(m_widget.get(), path, &error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(Tst_ChartExport)
#include "tst_chartexport.moc"
