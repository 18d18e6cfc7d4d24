#include <widgets/errorbar.h>
#include <widgettesting.h>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

class tst_ErrorBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheMessageUntilDismissed();
    void retryHidesAndAsks();
    void coloursFollowALightPalette();
    void coloursFollowADarkPalette();
    void everyControlHasAnAccessibleName();

private:
    static QPushButton *button(ErrorBar &bar, const QString &text)
    {
        for (QPushButton *button : bar.findChildren<QPushButton *>()) {
            if (button->text() == text)
                return button;
        }
        qFatal("no button %s", qPrintable(text));
    }
    static QPalette palette(const QColor &window, const QColor &text)
    {
        QPalette palette;
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, text);
        return palette;
    }
    // The colour drawn well inside the bar, away from its border and children.
    static QColor paintedBackground(ErrorBar &bar) { return bar.grab().toImage().pixelColor(2, bar.height() / 2); }
};

void tst_ErrorBar::showsTheMessageUntilDismissed()
{
    ErrorBar bar;
    QVERIFY(!bar.isVisible());
    bar.showError(QStringLiteral("The server did not answer."));
    QVERIFY(bar.isVisible());
    QCOMPARE(bar.message(), QStringLiteral("The server did not answer."));
    QSignalSpy retry(&bar, &ErrorBar::retryRequested);
    button(bar, QStringLiteral("Dismiss"))->click();
    QVERIFY(!bar.isVisible());
    QCOMPARE(retry.size(), 0);
}

void tst_ErrorBar::retryHidesAndAsks()
{
    ErrorBar bar;
    bar.showError(QStringLiteral("x"));
    QSignalSpy retry(&bar, &ErrorBar::retryRequested);
    button(bar, QStringLiteral("Retry"))->click();
    QVERIFY(!bar.isVisible());
    QCOMPARE(retry.size(), 1);
}

void tst_ErrorBar::coloursFollowALightPalette()
{
    ErrorBar bar;
    bar.setPalette(palette(QColor(0xef, 0xef, 0xef), Qt::black));
    bar.showError(QStringLiteral("x"));
    const QColor background = bar.background();
    QVERIFY2(background.lightness() > 170, qPrintable(background.name()));
    QVERIFY2(background.red() > background.green() + 20, qPrintable(background.name())); // reads as red
    QCOMPARE(paintedBackground(bar).name(), background.name());
    QCOMPARE(bar.findChild<QLabel *>()->palette().color(QPalette::WindowText), QColor(Qt::black));
}

void tst_ErrorBar::coloursFollowADarkPalette()
{
    ErrorBar bar;
    const QColor lightText(0xee, 0xee, 0xee);
    bar.setPalette(palette(QColor(0x35, 0x35, 0x35), lightText));
    bar.showError(QStringLiteral("x"));
    const QColor background = bar.background();
    QVERIFY2(background.lightness() < 100, qPrintable(background.name())); // no pale pink in a dark theme
    QVERIFY2(background.red() > background.green() + 20, qPrintable(background.name()));
    QCOMPARE(paintedBackground(bar).name(), background.name());
    // The text keeps the theme's light colour: readable on the dark red.
    QCOMPARE(bar.findChild<QLabel *>()->palette().color(QPalette::WindowText), lightText);
}

void tst_ErrorBar::everyControlHasAnAccessibleName()
{
    ErrorBar bar;
    for (const QWidget *child : bar.findChildren<QWidget *>())
        QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
}

QTEST_MAIN(tst_ErrorBar)
#include "tst_errorbar.moc"
