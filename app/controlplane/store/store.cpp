#include "store.h"

#include <QFile>
#include <QSqlError>
#include <QUuid>

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
};

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant optionalInt(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant optionalTime(const std::optional<QDateTime> &time)
{
    return time ? QVariant(time->toMSecsSinceEpoch()) : QVariant();
}

QByteArray documentOf(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

QString placeholders(qsizetype count)
{
    QStringList marks(count, QStringLiteral("?"));
    return marks.join(u',');
}

// Builds WHERE clauses with their bound values; column names come from
// ListQuery's fixed tables only.
struct WhereBuilder
{
    QStringList clauses;
    QVariantList values;

    void addFilter(const ListQuery::Filter &filter, const QString &idColumn, const QString &tagTable)
    {
        if (filter.column == u"tag") {
            clauses.append(QStringLiteral("%1 IN (SELECT %1 FROM %2 WHERE tag IN (%3))")
                               .arg(idColumn, tagTable, placeholders(filter.values.size())));
            for (const QString &value : filter.values)
                values.append(value);
            return;
        }
        QStringList alternatives;
        for (const QString &value : filter.values) {
            if (filter.match == ListQuery::Match::Substring) {
                alternatives.append(QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(filter.column));
                values.append(likePattern(value));
            } else if (value.isEmpty() && filter.column == u"group_name") {
                alternatives.append(QStringLiteral("group_name IS NULL"));
            } else {
                alternatives.append(QStringLiteral("%1 = ?").arg(filter.column));
                values.append(value);
            }
        }
        clauses.append(u'(' + alternatives.join(QStringLiteral(" OR ")) + u')');
    }

    QString sql() const
    {
        return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

} // namespace

Store::Store()
    : m_connectionName(QStringLiteral("flotilla-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

Store::~Store()
{
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Store::open(const QString &path, QString *error)
{
    // Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
    QFile file(path);
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly, ownerOnly)) {
            *error = QStringLiteral("cannot create the database %1: %2").arg(path, file.errorString());
            return false;
        }
        file.close();
    }
    file.setPermissions(ownerOnly);

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open the database %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    // A 32 MB page cache and reads through mmap: list pages and single
    // lookups on a large history then rarely reach the file system.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=5000",
                               "PRAGMA cache_size=-32768", "PRAGMA mmap_size=268435456"}) {
        QSqlQuery query(m_db);
        if (!query.exec(QString::fromLatin1(pragma))) {
            *error = QStringLiteral("cannot set %1 on %2: %3")
                         .arg(QString::fromLatin1(pragma), path, query.lastError().text());
            return false;
        }
    }
    if (!migrate(error))
        return false;
    for (const char *suffix : {"-wal", "-shm"}) {
        if (QFile::exists(path + QLatin1String(suffix)))
            QFile::setPermissions(path + QLatin1String(suffix), ownerOnly);
    }
    return true;
}

int Store::schemaVersion() const
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("PRAGMA user_version"));
    return query.next() ? query.value(0).toInt() : -1;
}

int Store::latestSchemaVersion()
{
    return int(std::size(migrations));
}

bool Store::migrate(QString *error)
{
    const int current = schemaVersion();
    const int latest = latestSchemaVersion();
    if (current > latest) {
        *error = QStringLiteral("the database has schema version %1, newer than this program's %2; "
                                "use a newer flotilla-local")
                     .arg(current)
                     .arg(latest);
        return false;
    }
    for (int version = current; version < latest; ++version) {
        const bool ok = transaction([&] {
            for (const QString &statement : migrations[version]) {
                QSqlQuery query(m_db);
                if (!query.exec(statement)) {
                    m_lastError = query.lastError().text() + QStringLiteral(": ") + statement;
                    return false;
                }
            }
            QSqlQuery query(m_db);
            return query.exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
        });
        if (!ok) {
            *error = QStringLiteral("cannot migrate the database to schema version %1: %2")
                         .arg(version + 1)
                         .arg(m_lastError);
            return false;
        }
    }
    return true;
}

QSqlQuery &Store::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (m_statements.size() > 256)
            m_statements.clear(); // list queries vary; keep the cache bounded
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(sql);
        it = m_statements.insert(sql, query);
    }
    it->finish();
    return *it;
}

bool Store::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_lastError = query.lastError().text();
    qWarning("store: %s", qPrintable(m_lastError));
    return false;
}

bool Store::transaction(const std::function<bool()> &work)
{
    if (!m_db.transaction()) {
        m_lastError = m_db.lastError().text();
        return false;
    }
    if (work() && m_db.commit())
        return true;
    if (m_lastError.isEmpty())
        m_lastError = m_db.lastError().text();
    m_db.rollback();
    return false;
}

std::optional<Definition> Store::definition(const QString &definitionId)
{
    const QByteArray document = definitionDocument(definitionId);
    if (document.isEmpty())
        return std::nullopt;
    QStringList errors;
    return Definition::fromJson(Json::parse(document.toStdString()), &errors);
}

std::optional<Definition> Store::definitionByAlias(const QString &alias)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM definitions WHERE alias = ?"));
    query.addBindValue(alias);
    if (!exec(query) || !query.next())
        return std::nullopt;
    QStringList errors;
    return Definition::fromJson(Json::parse(query.value(0).toByteArray().toStdString()), &errors);
}

QByteArray Store::definitionDocument(const QString &definitionId)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM definitions WHERE definition_id = ?"));
    query.addBindValue(definitionId);
    if (!exec(query) || !query.next())
        return {};
    return query.value(0).toByteArray();
}

bool Store::writeDefinitionRows(const Definition &definition)
{
    for (const char *sql : {"DELETE FROM definition_env WHERE definition_id = ?",
                            "DELETE FROM definition_tags WHERE definition_id = ?"}) {
        QSqlQuery &query = prepared(QString::fromLatin1(sql));
        query.addBindValue(definition.definitionId);
        if (!exec(query))
            return false;
    }
    QSqlQuery &env = prepared(
        QStringLiteral("INSERT INTO definition_env (definition_id, name, value) VALUES (?, ?, ?)"));
    for (const EnvVar &var : definition.env) {
        env.addBindValue(definition.definitionId);
        env.addBindValue(var.name);
        env.addBindValue(var.value);
        if (!exec(env))
            return false;
    }
    QSqlQuery &tags = prepared(
        QStringLiteral("INSERT OR IGNORE INTO definition_tags (definition_id, tag) VALUES (?, ?)"));
    for (const QString &tag : definition.tags) {
        tags.addBindValue(definition.definitionId);
        tags.addBindValue(tag);
        if (!exec(tags))
            return false;
    }
    return true;
}

bool Store::insertDefinition(const Definition &definition)
{
    invalidate(Definitions);
    return transaction([&] {
        QSqlQuery &query = prepared(QStringLiteral(
            "INSERT INTO definitions (definition_id, alias, group_name, image, command, memory, document)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(definition.definitionId);
        query.addBindValue(definition.alias);
        query.addBindValue(nullableText(definition.groupName));
        query.addBindValue(definition.image);
        query.addBindValue(definition.command);
        query.addBindValue(optionalInt(definition.memory));
        query.addBindValue(documentOf(definition.toJson()));
        return exec(query) && writeDefinitionRows(definition);
    });
}

bool Store::updateDefinition(const Definition &definition)
{
    invalidate(Definitions);
    return transaction([&] {
        QSqlQuery &query = prepared(QStringLiteral(
            "UPDATE definitions SET alias = ?, group_name = ?, image = ?, command = ?, memory = ?, document = ?"
            " WHERE definition_id = ?"));
        query.addBindValue(definition.alias);
        query.addBindValue(nullableText(definition.groupName));
        query.addBindValue(definition.image);
        query.addBindValue(definition.command);
        query.addBindValue(optionalInt(definition.memory));
        query.addBindValue(documentOf(definition.toJson()));
        query.addBindValue(definition.definitionId);
        return exec(query) && query.numRowsAffected() == 1 && writeDefinitionRows(definition);
    });
}

bool Store::deleteDefinition(const QString &definitionId)
{
    invalidate(Definitions);
    return transaction([&] {
        for (const char *sql : {"DELETE FROM definition_env WHERE definition_id = ?",
                                "DELETE FROM definition_tags WHERE definition_id = ?",
                                "DELETE FROM definitions WHERE definition_id = ?"}) {
            QSqlQuery &query = prepared(QString::fromLatin1(sql));
            query.addBindValue(definitionId);
            if (!exec(query))
                return false;
        }
        return true;
    });
}

StoredPage Store::listDefinitions(const ListQuery &query)
{
    return listDocuments(QStringLiteral("definitions"), QStringLiteral("definition_id"), query,
                         QStringLiteral("definition_env"), QStringLiteral("definition_tags"));
}

NamePage Store::groups(const ListQuery &query)
{
    return listNames(QStringLiteral("SELECT DISTINCT group_name AS name FROM definitions WHERE group_name IS NOT NULL"),
                     query);
}

NamePage Store::tags(const ListQuery &query)
{
    return listNames(QStringLiteral("SELECT DISTINCT tag AS name FROM definition_tags"), query);
}

std::optional<Run> Store::run(const QString &runId)
{
    const QByteArray document = runDocument(runId);
    if (document.isEmpty())
        return std::nullopt;
    QStringList errors;
    return Run::fromJson(Json::parse(document.toStdString()), &errors);
}

QByteArray Store::runDocument(const QString &runId)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM runs WHERE run_id = ?"));
    query.addBindValue(runId);
    if (!exec(query) || !query.next())
        return {};
    return query.value(0).toByteArray();
}

bool Store::writeRunRows(const Run &run, bool insert)
{
    QSqlQuery &query = prepared(
        insert ? QStringLiteral(
            "INSERT INTO runs (status, started_at, finished_at, document, run_id, definition_id, alias,"
            " group_name, image, command, cluster, user, engine, queued_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
               : QStringLiteral(
                   "UPDATE runs SET status = ?, started_at = ?, finished_at = ?, document = ? WHERE run_id = ?"));
    query.addBindValue(runStatusName(run.status));
    query.addBindValue(optionalTime(run.startedAt));
    query.addBindValue(optionalTime(run.finishedAt));
    query.addBindValue(documentOf(run.toJson()));
    query.addBindValue(run.runId);
    if (insert) {
        query.addBindValue(run.definitionId);
        query.addBindValue(run.alias);
        query.addBindValue(nullableText(run.groupName));
        query.addBindValue(run.image);
        query.addBindValue(run.command);
        query.addBindValue(run.cluster);
        query.addBindValue(run.user);
        query.addBindValue(run.engine);
        query.addBindValue(optionalTime(run.queuedAt));
    }
    if (!exec(query))
        return false;
    if (!insert)
        return query.numRowsAffected() == 1;
    QSqlQuery &env = prepared(QStringLiteral("INSERT INTO run_env (run_id, name, value) VALUES (?, ?, ?)"));
    for (const EnvVar &var : run.env) {
        env.addBindValue(run.runId);
        env.addBindValue(var.name);
        env.addBindValue(var.value);
        if (!exec(env))
            return false;
    }
    return true;
}

bool Store::insertRuns(const QList<Run> &runs)
{
    invalidate(Runs);
    return transaction([&] {
        return std::all_of(runs.begin(), runs.end(), [this](const Run &run) { return writeRunRows(run, true); });
    });
}

bool Store::updateRun(const Run &run)
{
    invalidate(Runs);
    return transaction([&] { return writeRunRows(run, false); });
}

StoredPage Store::listRuns(const ListQuery &query)
{
    return listDocuments(QStringLiteral("runs"), QStringLiteral("run_id"), query, QStringLiteral("run_env"), QString());
}

QList<Run> Store::runsWithStatus(RunStatus status)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM runs WHERE status = ? ORDER BY seq"));
    query.addBindValue(runStatusName(status));
    QList<Run> runs;
    if (!exec(query))
        return runs;
    while (query.next()) {
        QStringList errors;
        runs.append(Run::fromJson(Json::parse(query.value(0).toByteArray().toStdString()), &errors));
    }
    return runs;
}

std::optional<Run> Store::nextQueued(const QString &cluster)
{
    QSqlQuery &query = prepared(
        QStringLiteral("SELECT document FROM runs WHERE status = 'QUEUED' AND cluster = ? ORDER BY seq LIMIT 1"));
    query.addBindValue(cluster);
    if (!exec(query) || !query.next())
        return std::nullopt;
    QStringList errors;
    return Run::fromJson(Json::parse(query.value(0).toByteArray().toStdString()), &errors);
}

static QString cacheKey(const QString &sql, const QVariantList &values)
{
    QString key = sql;
    for (const QVariant &value : values)
        key += QChar(0) + value.toString();
    return key;
}

void Store::invalidate(CountedTable table)
{
    m_countCache[table].clear();
    m_pageCache[table].clear();
    m_pageCacheBytes[table] = 0;
}

qint64 Store::cachedCount(CountedTable table, const QString &sql, const QVariantList &values)
{
    const QString key = cacheKey(sql, values);
    QHash<QString, qint64> &cache = m_countCache[table];
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QSqlQuery &query = prepared(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    const qint64 count = (exec(query) && query.next()) ? query.value(0).toLongLong() : 0;
    if (cache.size() > 1024)
        cache.clear();
    cache.insert(key, count);
    return count;
}

StoredPage Store::listDocuments(const QString &table, const QString &idColumn, const ListQuery &query,
                                const QString &envTable, const QString &tagTable)
{
    WhereBuilder where;
    for (const ListQuery::Filter &filter : query.filters)
        where.addFilter(filter, idColumn, tagTable);
    for (const ListQuery::TimeBound &bound : query.timeBounds) {
        where.clauses.append(
            QStringLiteral("%1 %2 ?").arg(bound.column, bound.since ? QStringLiteral(">=") : QStringLiteral("<")));
        where.values.append(bound.msecsSinceEpoch);
    }
    for (const auto &[name, value] : query.envFilters) {
        where.clauses.append(
            QStringLiteral("%1 IN (SELECT %1 FROM %2 WHERE name = ? AND value = ?)").arg(idColumn, envTable));
        where.values.append(name);
        where.values.append(value);
    }

    StoredPage page;
    const bool onlyStatus = table == u"runs" && query.timeBounds.isEmpty() && query.envFilters.isEmpty()
                            && query.filters.size() <= 1
                            && std::all_of(query.filters.begin(), query.filters.end(),
                                           [](const ListQuery::Filter &f) { return f.column == u"status"; });
    if (onlyStatus) {
        QString sql = QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM run_status_counts");
        if (!query.filters.isEmpty())
            sql += QStringLiteral(" WHERE status IN (%1)").arg(placeholders(query.filters.first().values.size()));
        QSqlQuery &count = prepared(sql);
        for (const QVariant &value : where.values)
            count.addBindValue(value);
        page.total = (exec(count) && count.next()) ? count.value(0).toLongLong() : 0;
    } else {
        page.total = cachedCount(table == u"runs" ? Runs : Definitions,
                                 QStringLiteral("SELECT COUNT(*) FROM ") + table + where.sql(), where.values);
    }
    if (query.limit == 0 || query.offset >= page.total)
        return page;

    // Missing values sort last either way; ties break by id so pages are stable.
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString order;
    if (query.sortColumn == idColumn)
        order = QStringLiteral("%1 %2").arg(idColumn, direction);
    else if (query.descending)
        order = QStringLiteral("%1 DESC, %2 DESC").arg(query.sortColumn, idColumn);
    else
        order = QStringLiteral("%1 IS NULL, %1 ASC, %2 ASC").arg(query.sortColumn, idColumn);

    // SQLite joins the page's documents itself: one row to fetch, not fifty.
    const QString sql = QStringLiteral("SELECT CAST(group_concat(document, ',') AS BLOB) FROM "
                                       "(SELECT document FROM %1%2 ORDER BY %3 LIMIT ? OFFSET ?)")
                            .arg(table, where.sql(), order);
    QVariantList values = where.values;
    values << query.limit << query.offset;
    const CountedTable counted = table == u"runs" ? Runs : Definitions;
    const QString key = cacheKey(sql, values);
    if (auto it = m_pageCache[counted].constFind(key); it != m_pageCache[counted].constEnd()) {
        page.items = *it;
        return page;
    }
    QSqlQuery &select = prepared(sql);
    for (const QVariant &value : values)
        select.addBindValue(value);
    if (!exec(select))
        return page;
    if (select.next())
        page.items = select.value(0).toByteArray();
    static constexpr qsizetype pageCacheLimit = 16 * 1024 * 1024;
    if (m_pageCacheBytes[counted] + page.items.size() > pageCacheLimit) {
        m_pageCache[counted].clear();
        m_pageCacheBytes[counted] = 0;
    }
    m_pageCache[counted].insert(key, page.items);
    m_pageCacheBytes[counted] += page.items.size();
    return page;
}

NamePage Store::listNames(const QString &sqlOfNames, const ListQuery &query)
{
    WhereBuilder where;
    for (const ListQuery::Filter &filter : query.filters)
        where.addFilter(filter, QString(), QString());
    const QString from = QStringLiteral(" FROM (") + sqlOfNames + u')' + where.sql();

    NamePage page;
    page.total = cachedCount(Definitions, QStringLiteral("SELECT COUNT(*)") + from, where.values);
    QSqlQuery &select = prepared(QStringLiteral("SELECT name") + from
                                 + QStringLiteral(" ORDER BY name LIMIT ? OFFSET ?"));
    for (const QVariant &value : where.values)
        select.addBindValue(value);
    select.addBindValue(query.limit);
    select.addBindValue(query.offset);
    if (exec(select)) {
        while (select.next())
            page.names.append(select.value(0).toString());
    }
    return page;
}

} // namespace Flotilla
