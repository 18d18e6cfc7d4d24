#include "errorbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

namespace Flotilla {

namespace {

// A quarter of an error red over the window colour: pale in a light theme,
// dark in a dark one, red in both.
QColor tinted(const QColor &window)
{
    const QColor red(0xd3, 0x2f, 0x2f);
    constexpr qreal share = 0.25;
    return QColor::fromRgbF(window.redF() * (1 - share) + red.redF() * share,
                            window.greenF() * (1 - share) + red.greenF() * share,
                            window.blueF() * (1 - share) + red.blueF() * share);
}

} // namespace

ErrorBar::ErrorBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    setObjectName(QStringLiteral("errorBar"));
    m_text->setWordWrap(true);
    m_text->setAccessibleName(tr("Error message"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setAccessibleName(tr("Retry"));
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    dismiss->setAccessibleName(tr("Dismiss error"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(dismiss);
    hide();
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT retryRequested();
    });
}

void ErrorBar::showError(const QString &message)
{
    m_text->setText(message);
    show();
}

QString ErrorBar::message() const
{
    return m_text->text();
}

QColor ErrorBar::background() const
{
    return tinted(palette().color(QPalette::Window));
}

void ErrorBar::paintEvent(QPaintEvent *)
{
    // Painted, not set in the palette: a theme change repaints with new colours.
    QPainter painter(this);
    painter.fillRect(rect(), background());
    painter.setPen(tinted(palette().color(QPalette::WindowText)));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}

} // namespace Flotilla
