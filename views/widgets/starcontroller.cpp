#include "starcontroller.h"

#include <client/settings.h>
#include <lists/starredproxymodel.h>

#include <icons.h>

#include <QAction>
#include <QCheckBox>
#include <QPixmap>

namespace Flotilla {

StarController::StarController(Kind kind, PagedTableModel *model, QWidget *page)
    : QObject(page)
    , m_kind(kind)
    , m_model(model)
    , m_proxy(new StarredProxyModel(model, this))
    , m_filter(new QCheckBox(tr("S&tarred"), page))
    , m_star(new QAction(actionIcon(ActionIcon::Star), QString(), page))
{
    // Unstarred rows get a blank of the star's size, so the texts line up.
    QPixmap blank(16, 16);
    blank.fill(Qt::transparent);
    m_proxy->setMarkers(actionIcon(ActionIcon::Star), QIcon(blank));
    m_filter->setAccessibleName(tr("Show only starred"));
    m_filter->setToolTip(kind == Kind::Definitions ? tr("Show only the starred definitions")
                                                   : tr("Show only the starred templates"));
    connect(m_filter, &QCheckBox::toggled, m_proxy, &StarredProxyModel::setStarredOnly);
    m_star->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_star->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_star, &QAction::triggered, this, &StarController::toggle);
    connect(m_proxy, &StarredProxyModel::starredChanged, this, &StarController::store);
    page->addAction(m_star);
    updateAction();
}

void StarController::setProfileName(const QString &profileName)
{
    m_profileName = profileName;
    const Settings settings;
    m_proxy->setStarredIds(m_kind == Kind::Definitions ? settings.starredDefinitions(profileName)
                                                       : settings.starredTemplates(profileName));
    updateAction();
}

void StarController::setCurrentId(const QString &id)
{
    m_currentId = id;
    updateAction();
}

void StarController::toggle()
{
    m_proxy->setStarred(m_currentId, !m_proxy->isStarred(m_currentId));
    updateAction();
}

void StarController::store(const QString &id, bool starred)
{
    if (m_profileName.isEmpty())
        return;
    // The first column names the item (alias, template name): the tray's label.
    const QModelIndexList found = m_model->match(m_model->index(0, 0), PagedTableModel::IdRole, id, 1, Qt::MatchExactly);
    Settings settings;
    settings.setStarred(m_profileName,
                        {m_kind == Kind::Definitions ? LaunchItem::Kind::Definition : LaunchItem::Kind::Template, id,
                         found.isEmpty() ? QString() : found.constFirst().data().toString()},
                        starred);
    settings.sync();
    Q_EMIT starsStored();
}

void StarController::updateAction()
{
    const bool starred = m_proxy->isStarred(m_currentId);
    m_star->setEnabled(!m_currentId.isEmpty());
    m_star->setText(starred ? tr("Un&star") : tr("&Star"));
    m_star->setToolTip(starred ? tr("Remove the star: the item no longer comes first")
                               : tr("Star: the item comes first in the list and in the tray's Launch menu"));
}

} // namespace Flotilla
