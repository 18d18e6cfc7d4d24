#include "namelistpage.h"

#include <lists/clustersmodel.h>
#include <lists/groupsmodel.h>
#include <lists/tagsmodel.h>

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

// Whole sentences per kind: translators see each as it is shown.
struct KindTexts
{
    QString list;
    QString filterPlaceholder;
    QString filterName;
};

KindTexts textsOf(NameListPage::Kind kind)
{
    switch (kind) {
    case NameListPage::Kind::Groups:
        return {NameListPage::tr("Groups"), NameListPage::tr("Filter groups (Ctrl+L)"),
                NameListPage::tr("Group name filter")};
    case NameListPage::Kind::Tags:
        return {NameListPage::tr("Tags"), NameListPage::tr("Filter tags (Ctrl+L)"), NameListPage::tr("Tag name filter")};
    case NameListPage::Kind::Clusters:
        return {NameListPage::tr("Clusters"), NameListPage::tr("Filter clusters (Ctrl+L)"),
                NameListPage::tr("Cluster name filter")};
    }
    Q_UNREACHABLE();
}

NameListModel *modelOf(NameListPage::Kind kind, QObject *parent)
{
    switch (kind) {
    case NameListPage::Kind::Groups: return new GroupsModel(nullptr, parent);
    case NameListPage::Kind::Tags: return new TagsModel(nullptr, parent);
    case NameListPage::Kind::Clusters: return new ClustersModel(nullptr, parent);
    }
    Q_UNREACHABLE();
}

} // namespace

NameListPage::NameListPage(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_model(modelOf(kind, this))
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
{
    const KindTexts texts = textsOf(kind);
    m_filter->setPlaceholderText(texts.filterPlaceholder);
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(texts.filterName);
    connect(m_filter, &QLineEdit::textChanged, m_model,
            [this](const QString &text) { m_model->setNameFilter(text.trimmed()); });
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(texts.list);
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
    m_model->setClient(client); // a new client reloads
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
