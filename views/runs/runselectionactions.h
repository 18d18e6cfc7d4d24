#pragma once

#include <wire/run.h>

#include <QList>
#include <QObject>

class QAction;
class QTableView;

namespace Flotilla {

// Stop, Retry, Watch, Copy IDs, Copy Link and Compare on the selected runs of a runs table
// (setUpRunTable), in its context menu. The table takes Shift and Ctrl
// selections. One run selected keeps its own signals (its own question and
// launch form); several go to the bulk signals, each action with only the
// runs it can act on: Stop and Watch the active ones, Retry the ended ones,
// Copy IDs all. Compare takes exactly two runs, the older one on the left.
class RunSelectionActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunSelectionActions)

public:
    explicit RunSelectionActions(QTableView *table);

    QList<Run> selectedRuns() const; // in table order
    QAction *stopAction() const { return m_stop; }

Q_SIGNALS:
    void stopRequested(const Flotilla::Run &run);
    void retryRequested(const Flotilla::Run &run);
    void stopRunsRequested(const QList<Flotilla::Run> &runs);
    void retryRunsRequested(const QList<Flotilla::Run> &runs);
    void watchRequested(const QList<Flotilla::Run> &runs);
    void copyIdsRequested(const QList<Flotilla::Run> &runs);
    void copyLinkRequested(const Flotilla::Run &run);
    void compareRequested(const Flotilla::Run &left, const Flotilla::Run &right);

private:
    void update();
    QList<Run> selectedRunsWhere(bool active) const;
    // Emits `one` for a single run, `many` for several.
    void request(bool active, void (RunSelectionActions::*one)(const Run &),
                 void (RunSelectionActions::*many)(const QList<Run> &));

    QTableView *m_table;
    QAction *m_stop;
    QAction *m_retry;
    QAction *m_watch;
    QAction *m_copyIds;
    QAction *m_copyLink;
    QAction *m_compare;
};

} // namespace Flotilla
