#pragma once

#include "filesyncer.h"
#include "listquery.h"
#include "pagecache.h"

#include <wire/definition.h>
#include <wire/run.h>
#include <wire/template.h>

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>

class QSqlError;

namespace Flotilla {

// One page of a list: the stored JSON documents, and how many match in all.
struct StoredPage
{
    QByteArray items; // the page's stored JSON documents, joined by ','
    qint64 total = 0;
};

struct NamePage
{
    QStringList names;
    qint64 total = 0;
};

struct StoredChange
{
    QString kind; // "definition", "run" or "template"
    QString id;
    qint64 seq = 0;
};

// What the change feed holds after a number.
struct ChangePage
{
    qint64 seq = 0;     // the latest number
    bool reset = false; // numbers after the one asked for are pruned already: reload
    QList<StoredChange> changes;
};

// The control plane's SQLite database (WAL): every definition and run as its
// JSON document, plus the columns and side tables the list queries filter and
// sort on. A write a client is answered for is on the disk (the WAL synced)
// before the answer, so it survives kill -9 and power loss; the scheduler's
// own steps only reach the operating system, which kill -9 cannot take.
class Store final : public QObject
{
    Q_OBJECT
public:
    // How a write reaches the disk. Now: committed and synced before it
    // returns, with the open batch: for whatever a client is told. Batched:
    // joins one transaction committed and synced at the end of the
    // event-loop turn (or by the next Now write): launches, answered once it
    // is. Lazy: joins that transaction too, but a turn of lazy writes alone
    // is committed without waiting for the disk: the scheduler's own steps, a
    // few per run, which no client waits on. A power loss, which also ends
    // every run, may take them back to an earlier step; recovery goes on from
    // there. One commit per turn, not per write, and a sync only when a
    // client waits on it, is what lets a burst of runs drain at the
    // machine's pace.
    enum class Commit { Now, Batched, Lazy };

    // How many change numbers the feed keeps: about ten bursts of a
    // thousand launches, each run written a few times.
    static constexpr qint64 changeWindow = 10000;

    Store();
    ~Store() override;

    bool open(const QString &path, QString *error);
    int schemaVersion() const;
    static int latestSchemaVersion();

    // A row whose stored document no longer parses (the file was changed
    // outside the control plane) is corrupt: the lookups below answer
    // nothing for it, log it, and set `corrupt` to a message naming it. Lists
    // leave such rows out (and log them).
    std::optional<Definition> definition(const QString &definitionId, QString *corrupt = nullptr);
    std::optional<Definition> definitionByAlias(const QString &alias, QString *corrupt = nullptr);
    QByteArray definitionDocument(const QString &definitionId, QString *corrupt = nullptr);
    bool insertDefinition(const Definition &definition);
    bool updateDefinition(const Definition &definition);
    bool deleteDefinition(const QString &definitionId);
    StoredPage listDefinitions(const ListQuery &query);
    NamePage groups(const ListQuery &query);
    NamePage tags(const ListQuery &query);

    std::optional<Run> run(const QString &runId, QString *corrupt = nullptr);
    QByteArray runDocument(const QString &runId, QString *corrupt = nullptr);
    // A run's status and whether it started, from the table's own columns:
    // what serving each chunk of its log needs, without parsing the run.
    struct RunProgress
    {
        RunStatus status = RunStatus::Queued;
        bool started = false;
    };
    std::optional<RunProgress> runProgress(const QString &runId, QString *corrupt = nullptr);
    bool insertRuns(const QList<Run> &runs, Commit commit = Commit::Now);
    bool updateRun(const Run &run, Commit commit = Commit::Now);
    StoredPage listRuns(const ListQuery &query);
    // Runs in a status, in launch order (the scheduler's queue, recovery).
    QList<Run> runsWithStatus(RunStatus status);
    // The oldest QUEUED run of a cluster.
    std::optional<Run> nextQueued(const QString &cluster);

    std::optional<Template> templateById(const QString &templateId, QString *corrupt = nullptr);
    QByteArray templateDocument(const QString &templateId, QString *corrupt = nullptr);
    // The latest version of a name, or the given one.
    std::optional<Template> templateByName(const QString &name, std::optional<qint64> version,
                                           QString *corrupt = nullptr);
    // Stores a new version: its number must be the next one of its name.
    bool insertTemplate(const Template &tpl);
    // `latestOnly`: only the highest version of each name.
    StoredPage listTemplates(const ListQuery &query, bool latestOnly);

    // The change feed: every write of a definition, run or template (a
    // run's events and peaks are part of the run) takes the next number in
    // the write's own transaction, so a number is never seen before its write.
    qint64 changeSeq() const { return m_changeSeq; }
    // The latest number written, committed or still in the open batch: a
    // write is on the disk once syncedSeq() reaches it (and what it wrote is
    // there: an undone batch takes its writes with it).
    qint64 writtenSeq() const { return m_uncommittedSeq; }
    // Committed writes up to this number are on the disk.
    qint64 syncedSeq() const { return m_syncedSeq; }
    // What changed after `since`, each item once, at its latest number.
    ChangePage changesSince(qint64 since);

    QString lastError() const { return m_lastError; }
    // The last failed write failed for want of space (SQLITE_FULL).
    bool lastErrorWasDiskFull() const { return m_diskFull; }
    // Where the database lives: the disk that is full when a write is.
    QString directory() const;

    // Commits the open batch now, and syncs what is committed; true when
    // nothing is left to do. A failed commit undoes the whole batch.
    bool commitBatch();
    // The open batch's sync goes to a thread of its own, and its answers
    // wait for synced(): the event loop goes on to start the batch's runs
    // while the disk works. Otherwise a batch is synced in its turn and
    // answered at once, which is quicker for a burst of launches that queue
    // (the thread's hops are slow on cores the runs keep busy).
    void syncBeside();

Q_SIGNALS:
    // After a write with changes is committed.
    void changed(qint64 seq);
    // The open batch could not be committed; its writes are gone.
    void batchUndone();
    // syncedSeq() moved on.
    void synced();

private:
    QSqlQuery &prepared(const QString &sql);
    bool exec(QSqlQuery &query);
    bool transaction(const std::function<bool()> &work, Commit commit = Commit::Now);
    bool execSql(const char *sql);
    // The end of the turn's batch: synced, in the turn or beside it, if a client waits on it.
    void commitTurn();
    bool commitOpenBatch(bool sync);
    // SQLite runs at synchronous=NORMAL, which syncs only at checkpoints; a
    // commit a client waits on is synced here, or by m_syncer.
    bool syncLog();
    QByteArray walPath() const;
    void noteSyncError(int error);
    void noteSynced(qint64 seq, int error);
    // After a commit: the feed's number moves on and the change is announced.
    void publishCommitted();
    void clearCaches();
    void noteError(const QSqlError &error);
    // A run's update is what ends it: it may use the reserve kept for a full disk.
    bool releaseReserve();
    void renewReserve();
    // In a transaction: numbers the change and prunes what left the window.
    bool recordChange(const char *kind, const QString &id);
    bool writeDefinitionRows(const Definition &definition);
    bool writeRunRows(const Run &run, bool insert);
    // `extraClause`: a fixed condition of the route, ANDed to the query's.
    StoredPage listDocuments(const QString &table, const QString &idColumn, const ListQuery &query,
                             const QString &envTable, const QString &tagTable, const QString &extraClause = {});
    NamePage listNames(const QString &sqlOfNames, const ListQuery &query);
    qint64 cachedCount(PageCache &cache, const QString &sql, const QVariantList &values);
    // The item of a row's document, or nothing (logged, `corrupt` set) if it does not parse.
    template <typename Item>
    std::optional<Item> parsed(const QByteArray &document, const char *kind, const QString &id, QString *corrupt);
    QByteArray checkedDocument(QByteArray document, const char *kind, const QString &id, QString *corrupt);

    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    // Cleared by every write to their table.
    PageCache m_definitionLists;
    PageCache m_runLists;
    PageCache m_templateLists;
    QString m_lastError;
    bool m_diskFull = false;
    QString m_path;
    bool m_reserveReleased = false;
    qint64 m_changeSeq = 0;
    qint64 m_uncommittedSeq = 0; // the transaction's latest number until it commits
    bool m_batchOpen = false;
    bool m_batchAnswered = false; // a Batched write is in it: its commit is synced
    bool m_syncBeside = false;
    qint64 m_syncedSeq = 0;
    FileSyncer m_syncer;
    QList<Run> m_batchRuns; // updated in the open batch
};

} // namespace Flotilla
