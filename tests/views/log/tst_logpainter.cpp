// LogPainter: one row drawn into an image: the gutter and line number, ANSI
// backgrounds, search hits, selection and the current line's band, and a
// wrapped line's continuation row without a number.
#include <parsedlines.h>

#include <log/logcolourscheme.h>
#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logpainter.h>
#include <log/logsearch.h>
#include <log/logwrapmodel.h>

#include <QFontDatabase>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogPainter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void gutterAndLineNumber();
    void spansHitsSelectionAndCurrentLine();
    void continuationRowsHaveNoNumber();

private:
    // Paints `row` of the wrap model into a fresh image; the colour at a text column.
    QImage paint(int row, bool selected = false) const;
    QColor colourAt(const QImage &image, int column) const;

    LogModel m_log;
    LogFilterModel m_filter;
    LogWrapModel m_rows;
    LogPainter m_painter;
    QFont m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    LogColourScheme m_colours;
};

void Tst_LogPainter::init()
{
    QPalette palette;
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Highlight, Qt::darkBlue);
    palette.setColor(QPalette::AlternateBase, Qt::lightGray);
    m_colours = LogColourScheme(palette);
    m_log.clear();
    m_log.append(QByteArray("plain\n\x1b[42mgreen\x1b[0m then needle\nabcdefghijklmnopqrstuvwxyz\n"));
    m_filter.setLogModel(&m_log);
    m_rows.setSourceModel(&m_filter);
    m_rows.setWrapColumns(0);
    m_painter = LogPainter();
}

QImage Tst_LogPainter::paint(int row, bool selected) const
{
    const QFontMetrics metrics(m_font);
    QImage image(LogPainter::gutterWidth(metrics) + 40 * metrics.horizontalAdvance(u'0'), metrics.height() + 2,
                 QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    m_painter.paintRow(&painter, image.rect(), m_rows.index(row, 0), selected, m_font, m_colours);
    return image;
}

QColor Tst_LogPainter::colourAt(const QImage &image, int column) const
{
    const QFontMetricsF metrics(m_font);
    const int x = LogPainter::gutterWidth(QFontMetrics(m_font)) + int((column + 0.5) * metrics.horizontalAdvance(u'0'));
    return image.pixelColor(x, 1); // above the glyphs
}

void Tst_LogPainter::gutterAndLineNumber()
{
    const QImage image = paint(0);
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::lightGray));
    const QRect gutter = LogPainter::gutterBackground(QFontMetrics(m_font), image.rect());
    QCOMPARE(gutter.left(), 0);
    QVERIFY(gutter.width() < LogPainter::gutterWidth(QFontMetrics(m_font)));
    // Something (the "1") is drawn in the gutter, right-aligned.
    bool numberDrawn = false;
    for (int x = 0; x < gutter.width() && !numberDrawn; ++x)
        for (int y = 0; y < image.height() && !numberDrawn; ++y)
            numberDrawn = image.pixelColor(x, y) != QColor(Qt::lightGray);
    QVERIFY(numberDrawn);
}

void Tst_LogPainter::spansHitsSelectionAndCurrentLine()
{
    QImage image = paint(1);
    QCOMPARE(colourAt(image, 0), QColor(qRgb(0, 205, 0))); // xterm green background
    QCOMPARE(colourAt(image, 7), QColor(Qt::white));       // after the span

    const LogMatcher matcher(LogPattern{QStringLiteral("needle")});
    m_painter.setHighlight(&matcher);
    image = paint(1);
    const QColor hit = colourAt(image, 12);
    QCOMPARE(hit, m_colours.hit());
    QCOMPARE(colourAt(image, 7), QColor(Qt::white));

    // Selected: the selection's colour over spans and hits alike.
    image = paint(1, true);
    QCOMPARE(colourAt(image, 12), m_colours.hit()); // hits stay visible on a selected line
    QCOMPARE(colourAt(image, 0), QColor(Qt::darkBlue));
    QCOMPARE(colourAt(image, 7), QColor(Qt::darkBlue));

    m_painter.setHighlight(nullptr);
    m_painter.setCurrentLineId(m_rows.index(1, 0).data(LogModel::LineIdRole).toLongLong());
    image = paint(1);
    QVERIFY(colourAt(image, 7) != QColor(Qt::white)); // the band
    QCOMPARE(colourAt(paint(0), 2), QColor(Qt::white));
}

void Tst_LogPainter::continuationRowsHaveNoNumber()
{
    m_rows.setWrapColumns(10);
    QCOMPARE(m_rows.rowCount(), 1 + 2 + 3); // "plain", "green then needle", the alphabet
    const QImage first = paint(3);
    const QImage continuation = paint(4);
    const QRect gutter = LogPainter::gutterBackground(QFontMetrics(m_font), first.rect());
    bool numberDrawn = false;
    for (int x = 0; x < gutter.width(); ++x)
        for (int y = 0; y < continuation.height(); ++y)
            QCOMPARE(continuation.pixelColor(x, y), QColor(Qt::lightGray));
    for (int x = 0; x < gutter.width() && !numberDrawn; ++x)
        for (int y = 0; y < first.height() && !numberDrawn; ++y)
            numberDrawn = first.pixelColor(x, y) != QColor(Qt::lightGray);
    QVERIFY(numberDrawn);
}

QTEST_MAIN(Tst_LogPainter)
#include "tst_logpainter.moc"
