#include "chartexport.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace Flotilla {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    *error = QCoreApplication::translate("Flotilla::ChartExport", "Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

} // namespace

ChartExport::ChartExport(QWidget *widget)
    : QObject(widget)
    , m_widget(widget)
    , m_baseName(QStringLiteral("chart"))
    , m_savePng(new QAction(tr("Save as &PNG…"), this))
    , m_saveSvg(new QAction(tr("Save as &SVG…"), this))
    , m_copy(new QAction(tr("&Copy Picture"), this))
{
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_savePng, &QAction::triggered, this, [this] { askWhereToSave(Format::Png); });
    connect(m_saveSvg, &QAction::triggered, this, [this] { askWhereToSave(Format::Svg); });
    connect(m_copy, &QAction::triggered, this, [this] { copy(m_widget); });
    widget->addActions({m_savePng, m_saveSvg, m_copy});
}

void ChartExport::addActionsTo(QMenu *menu) const
{
    menu->addActions({m_savePng, m_saveSvg, m_copy});
}

bool ChartExport::savePng(QWidget *widget, const QString &path, QString *error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!widget->grab().save(&buffer, "PNG")) {
        *error = QCoreApplication::translate("Flotilla::ChartExport", "Cannot draw the picture.");
        return false;
    }
    return writeFile(path, bytes, error);
}

bool ChartExport::saveSvg(QWidget *widget, const QString &path, QString *error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(widget->size());
    generator.setViewBox(QRect(QPoint(0, 0), widget->size()));
    generator.setResolution(widget->logicalDpiX()); // a browser shows it at the widget's size
    generator.setTitle(widget->accessibleName());
    QPainter painter;
    if (!painter.begin(&generator)) {
        *error = QCoreApplication::translate("Flotilla::ChartExport", "Cannot draw the picture.");
        return false;
    }
    widget->render(&painter);
    painter.end();
    return writeFile(path, bytes, error);
}

void ChartExport::copy(QWidget *widget)
{
    QApplication::clipboard()->setPixmap(widget->grab());
}

void ChartExport::askWhereToSave(Format format)
{
    const bool png = format == Format::Png;
    // open(), not exec() or getSaveFileName(): no nested event loop.
    auto *dialog = new QFileDialog(m_widget, png ? tr("Save as PNG") : tr("Save as SVG"),
                                   m_baseName + (png ? QStringLiteral(".png") : QStringLiteral(".svg")));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(png ? tr("PNG images (*.png)") : tr("SVG images (*.svg)"));
    dialog->setDefaultSuffix(png ? QStringLiteral("png") : QStringLiteral("svg"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) { saveTo(format, path); });
    dialog->open();
}

void ChartExport::saveTo(Format format, const QString &path)
{
    QString error;
    if (format == Format::Png ? savePng(m_widget, path, &error) : saveSvg(m_widget, path, &error))
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Picture not saved"), error, QMessageBox::Ok, m_widget);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace Flotilla
