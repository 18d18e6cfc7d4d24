#pragma once

#include <wire/definition.h>
#include <wire/run.h>

#include <QObject>

#include <functional>

class QWidget;

namespace Flotilla {

class ApiJob;
class BulkOperation;
class FlotillaClient;
class ServerConnection;
struct BulkItem;

// What the actions on several selected runs or definitions do: stop, retry
// with each run's own env, launch with one form, delete, copy ids. Each asks
// once, naming the count, then sends one request per item (at most four at
// once) with the client of the moment of asking; progress goes to the status
// bar, and when some fail, a dialog lists each with the server's message.
// Nothing is retried.
class BulkActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActions)

public:
    // Dialogs and questions open over `window`.
    BulkActions(ServerConnection *connection, QWidget *window);

    void stopRuns(const QList<Run> &runs);
    // Each run's definition (or template) again, with the run's cluster, env,
    // command, resources (and payload), without a form per run.
    void retryRuns(const QList<Run> &runs);
    // The ids on the clipboard, one a line.
    void copyRunIds(const QList<Run> &runs);
    // One launch form for all (LaunchDialog for several definitions).
    void launchDefinitions(const QList<Definition> &definitions);
    void deleteDefinitions(const QList<Definition> &definitions);

    // The operation under way, if any (tests).
    BulkOperation *operation() const { return m_operation; }

Q_SIGNALS:
    void runsChanged();
    void definitionsChanged();
    void errorOccurred(const QString &message);
    // Progress and outcome for the status bar ("Stopping runs: 3 of 5").
    void statusMessage(const QString &message);
    // The dialog listing failed items is open (tests, screenshots).
    void failuresShown();

private:
    enum class Kind { Stop, Retry, Launch, Delete };
    using Step = std::function<ApiJob *(FlotillaClient *client, const BulkItem &item, const ApiJob *previous)>;

    // Asks `question`, then runs `step` over `items`.
    void confirmThenRun(const QString &title, const QString &question, const QString &yesText, Kind kind,
                        const QList<BulkItem> &items, Step step);
    void run(FlotillaClient *client, Kind kind, const QList<BulkItem> &items, const Step &step);
    void showFailures(const BulkOperation &operation, Kind kind);
    static QString progressText(Kind kind, int done, int total); // "Stopping runs: 3 of 5"
    FlotillaClient *clientOrError();

    ServerConnection *m_connection;
    QWidget *m_window;
    BulkOperation *m_operation = nullptr;
};

} // namespace Flotilla
