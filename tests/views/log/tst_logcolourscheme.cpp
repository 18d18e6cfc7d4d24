// LogColourScheme: the palette's colours for text, selection and gutter, and
// what an ANSI span's colours become (defaults, inverse, selection).
#include <log/logcolourscheme.h>

#include <QTest>

using namespace Flotilla;

namespace {

QPalette testPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Highlight, Qt::darkBlue);
    palette.setColor(QPalette::HighlightedText, Qt::yellow);
    palette.setColor(QPalette::AlternateBase, Qt::lightGray);
    palette.setColor(QPalette::PlaceholderText, Qt::gray);
    return palette;
}

ColourSpan span(QRgb foreground, QRgb background, quint8 flags = 0)
{
    ColourSpan span;
    span.length = 1;
    span.foreground = foreground;
    span.background = background;
    span.flags = flags;
    return span;
}

} // namespace

class Tst_LogColourScheme final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsThePalette();
    void spanColours();
};

void Tst_LogColourScheme::followsThePalette()
{
    const LogColourScheme colours(testPalette());
    QCOMPARE(colours.text(false), QColor(Qt::black));
    QCOMPARE(colours.text(true), QColor(Qt::yellow));
    QCOMPARE(colours.selection().color(), QColor(Qt::darkBlue));
    QCOMPARE(colours.gutter().color(), QColor(Qt::lightGray));
    QCOMPARE(colours.lineNumber(), QColor(Qt::gray));
    QVERIFY(colours.hit().alpha() == 255);
    QVERIFY(colours.currentLine().alpha() < 255); // a band the text shows through
}

void Tst_LogColourScheme::spanColours()
{
    const LogColourScheme colours(testPalette());
    const QRgb red = qRgb(205, 0, 0);
    const QRgb green = qRgb(0, 205, 0);

    // Defaults (alpha 0) take the palette's text and no background.
    auto plain = colours.spanColours(span(0, 0), false);
    QCOMPARE(plain.foreground, QColor(Qt::black));
    QVERIFY(!plain.background.isValid());

    auto coloured = colours.spanColours(span(red, green), false);
    QCOMPARE(coloured.foreground, QColor(red));
    QCOMPARE(coloured.background, QColor(green));

    // Inverse swaps; a missing background becomes the base colour.
    auto inverse = colours.spanColours(span(red, 0, ColourSpan::Inverse), false);
    QCOMPARE(inverse.foreground, QColor(Qt::white));
    QCOMPARE(inverse.background, QColor(red));
    auto inversePair = colours.spanColours(span(red, green, ColourSpan::Inverse), false);
    QCOMPARE(inversePair.foreground, QColor(green));
    QCOMPARE(inversePair.background, QColor(red));

    // Selected text keeps the selection's colours.
    auto selected = colours.spanColours(span(red, green, ColourSpan::Inverse), true);
    QCOMPARE(selected.foreground, QColor(Qt::yellow));
    QVERIFY(!selected.background.isValid());
}

QTEST_GUILESS_MAIN(Tst_LogColourScheme)
#include "tst_logcolourscheme.moc"
