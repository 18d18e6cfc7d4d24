#pragma once

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPixmap>
#include <QStringList>
#include <QTest>
#include <QWidget>

namespace Flotilla::Testing {

// The child of `root` with that object name; a missing one ends the test
// program, since every later step would only fail less clearly.
template <typename T>
T *namedChild(const QObject *root, const char *name)
{
    T *child = root->findChild<T *>(QLatin1String(name));
    if (!child)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return child;
}

// The action of `widget` whose text (without its mnemonic &) starts with `text`, or null.
inline QAction *actionNamed(QWidget *widget, const QString &text)
{
    for (QAction *action : widget->actions()) {
        if (action->text().remove(u'&').startsWith(text))
            return action;
    }
    return nullptr;
}

// The object names of the focusable controls under `root` that a screen
// reader could not name (Qt's own internal children excluded).
inline QStringList controlsWithoutAccessibleName(QWidget *root)
{
    QStringList unnamed;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (widget->focusPolicy() == Qt::NoFocus || widget->objectName().isEmpty()
            || widget->objectName().startsWith(u"qt_"))
            continue;
        const QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible || accessible->text(QAccessible::Name).isEmpty())
            unnamed.append(widget->objectName());
    }
    return unnamed;
}

// Renders the widget; with FLOTILLA_SCREENSHOT_DIR set, also saves it there
// as <name>.png for people to look at.
inline QPixmap screenshot(QWidget *widget, const QString &name)
{
    const QPixmap pixmap = widget->grab();
    if (const QString dir = qEnvironmentVariable("FLOTILLA_SCREENSHOT_DIR"); !dir.isEmpty())
        pixmap.save(QDir(dir).filePath(name + QStringLiteral(".png")));
    return pixmap;
}

// Clicks the button of the open message box whose text starts with `text`.
inline bool answerMessageBox(const QString &text)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr; }, 10000))
        return false;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text().remove(u'&').startsWith(text)) {
            button->click();
            return true;
        }
    }
    return false;
}

} // namespace Flotilla::Testing
