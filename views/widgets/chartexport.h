#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace Flotilla {

// Saves a picture of a widget (a chart, a timeline) as PNG or SVG, or copies
// it to the clipboard: the actions of a chart's context menu. The SVG is the
// widget drawn on QSvgGenerator, so lines and text stay vectors.
class ChartExport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartExport)

public:
    // Adds its actions to `widget` (Copy's shortcut works while it has focus).
    explicit ChartExport(QWidget *widget);

    // The file name offered when saving, without suffix ("history-nightly-report").
    void setFileBaseName(const QString &name) { m_baseName = name; }
    QAction *savePngAction() const { return m_savePng; }
    QAction *saveSvgAction() const { return m_saveSvg; }
    QAction *copyAction() const { return m_copy; }
    void addActionsTo(QMenu *menu) const;

    // What the actions do once a path is chosen; false with a sentence in `error`.
    static bool savePng(QWidget *widget, const QString &path, QString *error);
    static bool saveSvg(QWidget *widget, const QString &path, QString *error);
    static void copy(QWidget *widget);

private:
    enum class Format { Png, Svg };
    void askWhereToSave(Format format);
    void saveTo(Format format, const QString &path);

    QWidget *m_widget;
    QString m_baseName;
    QAction *m_savePng;
    QAction *m_saveSvg;
    QAction *m_copy;
};

} // namespace Flotilla
