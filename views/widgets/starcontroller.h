#pragma once

#include <QObject>
#include <QString>

class QAction;
class QCheckBox;
class QWidget;

namespace Flotilla {

class PagedTableModel;
class StarredProxyModel;

// Favourites on a page of definitions or templates: a StarredProxyModel in
// front of the page's model (its table shows the proxy), a "Starred" filter
// box, a Star/Unstar action for the current item, and the stars kept per
// server profile in Settings (starredDefinitions(), starredTemplates()).
class StarController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StarController)

public:
    enum class Kind { Definitions, Templates };

    StarController(Kind kind, PagedTableModel *model, QWidget *page);

    StarredProxyModel *proxy() const { return m_proxy; }
    QCheckBox *filter() const { return m_filter; }
    QAction *starAction() const { return m_star; }

    // Shows the stars of `profileName`; changes are stored under it.
    void setProfileName(const QString &profileName);
    // The item the action stars; empty: none (the action is disabled).
    void setCurrentId(const QString &id);

Q_SIGNALS:
    // A star was added or removed in Settings (the tray lists them).
    void starsStored();

private:
    void toggle();
    void store(const QString &id, bool starred);
    void updateAction();

    Kind m_kind;
    PagedTableModel *m_model;
    StarredProxyModel *m_proxy;
    QCheckBox *m_filter;
    QAction *m_star;
    QString m_profileName;
    QString m_currentId;
};

} // namespace Flotilla
