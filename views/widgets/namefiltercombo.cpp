#include "namefiltercombo.h"

#include <lists/namelistmodel.h>

namespace Flotilla {

NameFilterCombo::NameFilterCombo(NameListModel *names, QString allText, QWidget *parent)
    : QComboBox(parent)
    , m_names(names)
    , m_allText(std::move(allText))
{
    // A fixed width: a long group name must not squeeze the search field
    // beside it (the popup still shows whole names).
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(14);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_names, signal, this, &NameFilterCombo::rebuild);
    connect(m_names, &QAbstractItemModel::modelReset, this, &NameFilterCombo::rebuild);
    connect(m_names, &QAbstractItemModel::dataChanged, this, &NameFilterCombo::rebuild);
    connect(this, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_rebuilding)
            Q_EMIT chosenNameChanged(chosenName());
    });
    rebuild();
}

QString NameFilterCombo::chosenName() const
{
    return currentIndex() > 0 ? currentText() : QString();
}

void NameFilterCombo::choose(const QString &name)
{
    const int index = name.isEmpty() ? 0 : findText(name);
    if (index >= 0)
        setCurrentIndex(index);
}

void NameFilterCombo::rebuild()
{
    const QString chosen = chosenName();
    m_rebuilding = true;
    clear();
    addItem(m_allText);
    addItems(m_names->names());
    const int index = chosen.isEmpty() ? 0 : findText(chosen);
    if (index < 0) // gone from the server: keep showing it, the filter still holds
        addItem(chosen);
    setCurrentIndex(index < 0 ? count() - 1 : index);
    m_rebuilding = false;
    if (m_names->canFetchMore({}))
        m_names->fetchMore({});
}

} // namespace Flotilla
