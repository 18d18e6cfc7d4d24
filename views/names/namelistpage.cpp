#include "namelistpage.h"

#include <lists/namelistmodel.h>

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Flotilla {

NameListPage::NameListPage(NameListModel *model, const QString &what, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
{
    m_model->setParent(this);
    m_filter->setPlaceholderText(tr("Filter %1 (Ctrl+L)").arg(what));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("%1 filter").arg(what));
    connect(m_filter, &QLineEdit::textChanged, m_model,
            [this](const QString &text) { m_model->setNameFilter(text.trimmed()); });
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(what);
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT nameActivated(index.data().toString()); });
    connect(m_model, &NameListModel::errorOccurred, this, &NameListPage::errorOccurred);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    auto *hint = new QLabel(tr("Double-click or press Enter on a name to see what belongs to it."), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
}

void NameListPage::setClient(FlotillaClient *client)
{
    m_model->setClient(client);
    m_model->reload();
}

void NameListPage::refresh()
{
    m_model->refresh();
}

void NameListPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
}

} // namespace Flotilla
