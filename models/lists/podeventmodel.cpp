#include "podeventmodel.h"

#include <QColor>

#include <algorithm>

namespace Flotilla {

PodEventModel::PodEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PodEventModel::setEvents(const PodEventList &events)
{
    // Events are appended as a run goes on; anything else (a server that
    // rewrites its list) still changes rows in place rather than resetting.
    const auto firstDifferent = std::mismatch(m_events.cbegin(), m_events.cend(), events.cbegin(), events.cend());
    const int common = int(firstDifferent.first - m_events.cbegin());
    const int oldCount = int(m_events.size());
    const int newCount = int(events.size());
    if (newCount < oldCount) {
        beginRemoveRows({}, newCount, oldCount - 1);
        m_events.resize(newCount);
        endRemoveRows();
    }
    const int kept = std::min(oldCount, newCount);
    if (common < kept) {
        std::copy(events.cbegin() + common, events.cbegin() + kept, m_events.begin() + common);
        Q_EMIT dataChanged(index(common, 0), index(kept - 1, ColumnCount - 1));
    }
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_events.append(events.mid(oldCount));
        endInsertRows();
    }
}

int PodEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int PodEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PodEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PodEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Time:
            return event.timestamp ? event.timestamp->toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                   : QString();
        case Type: return event.eventType;
        case Reason: return event.reason;
        case Source: return event.sourceObject;
        case Message: return event.message;
        case ColumnCount: break;
        }
        return {};
    case SortRole:
        if (index.column() == Time)
            return event.timestamp ? QVariant(*event.timestamp) : QVariant();
        return data(index, Qt::DisplayRole);
    case WarningRole: return event.isWarning();
    case Qt::BackgroundRole:
        // Translucent, so it reads on light and dark palettes alike.
        return event.isWarning() ? QVariant(QColor(0xe0, 0x9b, 0x00, 0x40)) : QVariant();
    default: return {};
    }
}

QVariant PodEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time: return tr("Time");
    case Type: return tr("Type");
    case Reason: return tr("Reason");
    case Source: return tr("Source");
    case Message: return tr("Message");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
