#pragma once

#include "pagedtablemodel.h"

#include <QSet>

#include <deque>

namespace Flotilla {

// A PagedTableModel over items of one wire type, in a deque (no slack of a
// doubling array, cheap inserts at the top). Subclasses say how a finished
// list job becomes items, what an item's id is and whether two versions of
// an item differ.
template <typename Item>
class ItemTableModel : public PagedTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_items.size()); }

    // The row of a loaded item, -1 if it is not loaded.
    virtual int rowOf(const QString &id) const
    {
        for (size_t row = 0; row < m_items.size(); ++row) {
            if (idOf(m_items[row]) == id)
                return int(row);
        }
        return -1;
    }

    // The item of a row (no bounds check beyond an assert).
    const Item &itemAt(int row) const
    {
        Q_ASSERT(row >= 0 && size_t(row) < m_items.size());
        return m_items[size_t(row)];
    }

protected:
    using PagedTableModel::PagedTableModel;

    virtual QList<Item> itemsOf(ApiJob &job, qint64 *total) const = 0;
    virtual QString idOf(const Item &item) const = 0;
    virtual bool differ(const Item &a, const Item &b) const = 0;
    // The read of one item, for models that follow the change feed (changeKind()).
    virtual ResultJob<Item> *createItemJob(FlotillaClient &, const QString &) { return nullptr; }

    // Puts a fetched item in its row when it changed.
    virtual void replaceItem(int row, const Item &item)
    {
        if (!differ(m_items[size_t(row)], item))
            return;
        m_items[size_t(row)] = item;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    }

    bool isLoadedItem(const QString &id) const override { return rowOf(id) >= 0; }

    void updateItems(const QStringList &ids) override
    {
        for (const QString &id : ids) {
            ResultJob<Item> *job = createItemJob(*client(), id);
            if (!job)
                return refreshSoon();
            connect(job, &ApiJob::finished, this, [this, job, id] {
                if (job->succeeded()) {
                    // Looked up now: rows may have moved or been reloaded meanwhile.
                    if (const int row = rowOf(id); row >= 0)
                        replaceItem(row, job->result());
                } else if (job->error().httpStatus() == 404) {
                    refreshSoon(); // deleted: the merge drops its row
                } else {
                    refreshFailed(job->error());
                }
            });
            job->start();
        }
    }

    qint64 appendPage(ApiJob &job) override
    {
        qint64 total = 0;
        appendItems(itemsOf(job, &total));
        return total;
    }

    qint64 mergeRefresh(ApiJob &job) override
    {
        qint64 total = 0;
        mergeItems(itemsOf(job, &total));
        return total;
    }

    void clearRows() override { m_items = {}; }

    // Appends in one insert, skipping items already among the last rows
    // (offsets move when the server gains items before them).
    void appendItems(QList<Item> items)
    {
        QSet<QString> tail;
        const size_t from = m_items.size() > size_t(items.size()) ? m_items.size() - size_t(items.size()) : 0;
        for (size_t row = from; row < m_items.size(); ++row)
            tail.insert(idOf(m_items[row]));
        items.removeIf([&](const Item &item) { return tail.contains(idOf(item)); });
        if (items.isEmpty())
            return;
        const int first = rowCount();
        beginInsertRows({}, first, first + int(items.size()) - 1);
        for (Item &item : items)
            m_items.push_back(std::move(item));
        endInsertRows();
    }

    // Makes the rows equal to `fresh` (the first items on the server now)
    // with removes, inserts and one coalesced dataChanged; only when the
    // remaining rows changed order (a sort key was edited) does it reset.
    void mergeItems(const QList<Item> &fresh)
    {
        QSet<QString> freshIds;
        for (const Item &item : fresh)
            freshIds.insert(idOf(item));
        for (int row = rowCount() - 1; row >= 0;) {
            int first = row;
            while (first >= 0 && !freshIds.contains(idOf(m_items[size_t(first)])))
                --first;
            if (first < row) {
                beginRemoveRows({}, first + 1, row);
                m_items.erase(m_items.begin() + first + 1, m_items.begin() + row + 1);
                endRemoveRows();
            }
            row = first - 1;
        }
        if (!keepsOrder(fresh)) {
            beginResetModel();
            m_items.assign(fresh.cbegin(), fresh.cend());
            endResetModel();
            return;
        }
        int changedFirst = -1;
        int changedLast = -1;
        size_t row = 0;
        for (qsizetype next = 0; next < fresh.size();) {
            if (row < m_items.size() && idOf(m_items[row]) == idOf(fresh[next])) {
                if (differ(m_items[row], fresh[next])) {
                    m_items[row] = fresh[next];
                    changedFirst = changedFirst < 0 ? int(row) : changedFirst;
                    changedLast = int(row);
                }
                ++row;
                ++next;
                continue;
            }
            qsizetype end = next; // fresh[next, end) are new here
            while (end < fresh.size() && (row >= m_items.size() || idOf(m_items[row]) != idOf(fresh[end])))
                ++end;
            beginInsertRows({}, int(row), int(row + size_t(end - next)) - 1);
            m_items.insert(m_items.begin() + qsizetype(row), fresh.cbegin() + next, fresh.cbegin() + end);
            endInsertRows();
            row += size_t(end - next);
            next = end;
        }
        if (changedFirst >= 0)
            Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, columnCount() - 1));
    }

    std::deque<Item> m_items;

private:
    // Whether the rows (all in `fresh` now) come in the order of `fresh`.
    bool keepsOrder(const QList<Item> &fresh) const
    {
        size_t row = 0;
        for (qsizetype next = 0; next < fresh.size() && row < m_items.size(); ++next) {
            if (idOf(m_items[row]) == idOf(fresh[next]))
                ++row;
        }
        return row == m_items.size();
    }
};

} // namespace Flotilla
