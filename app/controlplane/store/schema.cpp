#include "schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Flotilla {

namespace {

// Schema migrations, applied in order; PRAGMA user_version records how many ran.
const QStringList migrations[] = {
    {
        QStringLiteral("CREATE TABLE definitions ("
                       " definition_id TEXT PRIMARY KEY,"
                       " alias TEXT NOT NULL UNIQUE,"
                       " group_name TEXT," // NULL without a group, so it sorts last
                       " image TEXT NOT NULL,"
                       " command TEXT NOT NULL,"
                       " memory INTEGER,"
                       " document TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX definitions_group ON definitions(group_name, definition_id)"),
        QStringLiteral("CREATE INDEX definitions_image ON definitions(image, definition_id)"),
        QStringLiteral("CREATE INDEX definitions_memory ON definitions(memory, definition_id)"),
        QStringLiteral("CREATE TABLE definition_env (definition_id TEXT NOT NULL,"
                       " name TEXT NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX definition_env_pair ON definition_env(name, value)"),
        QStringLiteral("CREATE INDEX definition_env_owner ON definition_env(definition_id)"),
        QStringLiteral("CREATE TABLE definition_tags (definition_id TEXT NOT NULL, tag TEXT NOT NULL,"
                       " PRIMARY KEY (definition_id, tag))"),
        QStringLiteral("CREATE INDEX definition_tags_tag ON definition_tags(tag)"),
        QStringLiteral("CREATE TABLE runs ("
                       " seq INTEGER PRIMARY KEY," // launch order
                       " run_id TEXT NOT NULL UNIQUE,"
                       " definition_id TEXT NOT NULL,"
                       " alias TEXT NOT NULL,"
                       " group_name TEXT,"
                       " image TEXT NOT NULL,"
                       " command TEXT NOT NULL,"
                       " cluster TEXT NOT NULL,"
                       " status TEXT NOT NULL,"
                       " user TEXT NOT NULL,"
                       " engine TEXT NOT NULL,"
                       " queued_at INTEGER,"
                       " started_at INTEGER,"
                       " finished_at INTEGER,"
                       " document TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX runs_status_started ON runs(status, started_at, run_id)"),
        QStringLiteral("CREATE INDEX runs_status_seq ON runs(status, seq)"),
        QStringLiteral("CREATE INDEX runs_definition_started ON runs(definition_id, started_at, run_id)"),
        QStringLiteral("CREATE INDEX runs_started ON runs(started_at, run_id)"),
        QStringLiteral("CREATE INDEX runs_finished ON runs(finished_at, run_id)"),
        QStringLiteral("CREATE INDEX runs_queued ON runs(queued_at, run_id)"),
        QStringLiteral("CREATE INDEX runs_group ON runs(group_name, run_id)"),
        QStringLiteral("CREATE INDEX runs_alias ON runs(alias, run_id)"),
        QStringLiteral("CREATE INDEX runs_cluster ON runs(cluster, run_id)"),
        QStringLiteral("CREATE TABLE run_env (run_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX run_env_pair ON run_env(name, value)"),
    },
    // 2: counts of runs per status kept by triggers, so the totals of the
    // common lists (all runs, runs by status) need no count over the table.
    {
        QStringLiteral("CREATE TABLE run_status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO run_status_counts SELECT status, COUNT(*) FROM runs GROUP BY status"),
        QStringLiteral("CREATE TRIGGER runs_count_insert AFTER INSERT ON runs BEGIN"
                       " INSERT INTO run_status_counts VALUES (NEW.status, 1)"
                       " ON CONFLICT(status) DO UPDATE SET n = n + 1; END"),
        QStringLiteral("CREATE TRIGGER runs_count_delete AFTER DELETE ON runs BEGIN"
                       " UPDATE run_status_counts SET n = n - 1 WHERE status = OLD.status; END"),
        QStringLiteral("CREATE TRIGGER runs_count_update AFTER UPDATE OF status ON runs"
                       " WHEN OLD.status <> NEW.status BEGIN"
                       " UPDATE run_status_counts SET n = n - 1 WHERE status = OLD.status;"
                       " INSERT INTO run_status_counts VALUES (NEW.status, 1)"
                       " ON CONFLICT(status) DO UPDATE SET n = n + 1; END"),
    },
    // 3: templates, one row per version; a version is never changed.
    {
        QStringLiteral("CREATE TABLE templates ("
                       " template_id TEXT PRIMARY KEY,"
                       " template_name TEXT NOT NULL,"
                       " version INTEGER NOT NULL,"
                       " image TEXT NOT NULL,"
                       " document TEXT NOT NULL,"
                       " UNIQUE (template_name, version))"),
        QStringLiteral("CREATE INDEX templates_version ON templates(version, template_id)"),
    },
    // 4: the change feed, a numbered row per written definition, run or
    // template; AUTOINCREMENT so a number is never reused after pruning.
    {
        QStringLiteral("CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
                       " id TEXT NOT NULL)"),
    },
};

} // namespace

bool StoreSchema::configure(QSqlDatabase &db, QString *error)
{
    // A 32 MB page cache and reads through mmap: list pages and single
    // lookups on a large history then rarely reach the file system.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000",
                               "PRAGMA cache_size=-32768", "PRAGMA mmap_size=268435456"}) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(pragma))) {
            *error = QStringLiteral("cannot set %1 on %2: %3")
                         .arg(QString::fromLatin1(pragma), db.databaseName(), query.lastError().text());
            return false;
        }
    }
    return true;
}

int StoreSchema::version(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA user_version"));
    return query.next() ? query.value(0).toInt() : -1;
}

int StoreSchema::latestVersion()
{
    return int(std::size(migrations));
}

bool StoreSchema::migrate(QSqlDatabase &db, QString *error)
{
    const int current = version(db);
    const int latest = latestVersion();
    if (current > latest) {
        *error = QStringLiteral("the database has schema version %1, newer than this program's %2; "
                                "use a newer flotilla-local")
                     .arg(current)
                     .arg(latest);
        return false;
    }
    for (int next = current; next < latest; ++next) {
        QString failure;
        if (db.transaction()) {
            QStringList statements = migrations[next];
            statements.append(QStringLiteral("PRAGMA user_version=%1").arg(next + 1));
            for (const QString &statement : std::as_const(statements)) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    failure = query.lastError().text() + QStringLiteral(": ") + statement;
                    break;
                }
            }
            if (failure.isEmpty() && !db.commit())
                failure = db.lastError().text();
            if (!failure.isEmpty())
                db.rollback();
        } else {
            failure = db.lastError().text();
        }
        if (!failure.isEmpty()) {
            *error = QStringLiteral("cannot migrate the database to schema version %1: %2").arg(next + 1).arg(failure);
            return false;
        }
    }
    return true;
}

} // namespace Flotilla
