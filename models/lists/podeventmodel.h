#pragma once

#include <wire/run.h>

#include <QAbstractTableModel>

namespace Flotilla {

// A run's lifecycle events (upstream's pod events), oldest first, as the run
// window's Events tab lists them. setEvents() takes the run's whole list on
// every refresh and changes only what changed: new events are inserted, so a
// selection or scroll position survives; warnings are tinted.
class PodEventModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodEventModel)

public:
    enum Column { Time, Type, Reason, Source, Message, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value: the time as a QDateTime
        WarningRole,                 // bool
    };
    Q_ENUM(Role)

    explicit PodEventModel(QObject *parent = nullptr);

    const PodEventList &events() const { return m_events; }
    void setEvents(const PodEventList &events);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PodEventList m_events;
};

} // namespace Flotilla
