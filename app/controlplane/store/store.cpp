#include "store.h"

#include "schema.h"
#include "storelogging.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>

#include <algorithm>
#include <cerrno>

namespace Flotilla {

Q_LOGGING_CATEGORY(lcStore, "flotilla.store", QtInfoMsg)

namespace {

// Kept beside the database and deleted when the disk is full, so the ends of
// runs are still recorded: a run left RUNNING for want of a few pages would
// never end.
constexpr qint64 reserveBytes = 256 * 1024;
constexpr char reserveSuffix[] = ".reserve";
// SQLite's SQLITE_FULL, as QSqlError names it; a failed COMMIT keeps only its words.
const QString sqliteFull = QStringLiteral("13");
const QString sqliteFullText = QStringLiteral("database or disk is full");

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

// Insert and update share the column order alias .. document.
void bindDefinitionColumns(QSqlQuery &query, const Definition &definition)
{
    query.addBindValue(definition.alias);
    query.addBindValue(nullableText(definition.groupName));
    query.addBindValue(definition.image);
    query.addBindValue(definition.command);
    query.addBindValue(optionalInt(definition.memory));
    query.addBindValue(documentOf(definition.toJson()));
}

} // namespace

Store::Store()
    : m_connectionName(QStringLiteral("flotilla-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    connect(&m_syncer, &FileSyncer::synced, this, &Store::noteSynced);
}

Store::~Store()
{
    commitBatch();
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
    if (!StoreSchema::configure(m_db, error) || !StoreSchema::migrate(m_db, error))
        return false;
    QSqlQuery &seq = prepared(
        QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'changes'"));
    if (!exec(seq) || !seq.next()) {
        *error = QStringLiteral("cannot read the change numbers of %1: %2").arg(path, m_lastError);
        return false;
    }
    m_changeSeq = m_uncommittedSeq = seq.value(0).toLongLong();
    for (const char *suffix : {"-wal", "-shm"}) {
        if (QFile::exists(path + QLatin1String(suffix)))
            QFile::setPermissions(path + QLatin1String(suffix), ownerOnly);
    }
    m_path = path;
    m_syncer.setPath(walPath());
    m_syncedSeq = m_changeSeq;
    renewReserve();
    return true;
}

QString Store::directory() const
{
    return QFileInfo(m_path).absolutePath();
}

bool Store::releaseReserve()
{
    if (!QFile::remove(m_path + QLatin1String(reserveSuffix)))
        return false;
    m_reserveReleased = true;
    qCWarning(lcStore, "store: the disk holding %s is full; its reserve is used to record the ends of runs",
              qPrintable(directory()));
    return true;
}

void Store::renewReserve()
{
    QFile reserve(m_path + QLatin1String(reserveSuffix));
    if (reserve.exists() && reserve.size() >= reserveBytes)
        return;
    // Written, not just sized: a sparse file would hold no space.
    const bool written = reserve.open(QIODevice::WriteOnly, QFile::ReadOwner | QFile::WriteOwner)
                         && reserve.write(QByteArray(reserveBytes, '\0')) == reserveBytes && reserve.flush();
    reserve.close();
    if (!written)
        reserve.remove();
    m_reserveReleased = !written;
}

int Store::schemaVersion() const
{
    return StoreSchema::version(m_db);
}

int Store::latestSchemaVersion()
{
    return StoreSchema::latestVersion();
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
    noteError(query.lastError());
    qCWarning(lcStore, "store: %s", qPrintable(m_lastError));
    return false;
}

void Store::noteError(const QSqlError &error)
{
    m_lastError = error.text();
    m_diskFull = error.nativeErrorCode() == sqliteFull || error.databaseText() == sqliteFullText;
}

bool Store::execSql(const char *sql)
{
    QSqlQuery &query = prepared(QString::fromLatin1(sql));
    return exec(query);
}

bool Store::transaction(const std::function<bool()> &work, Commit commit)
{
    if (!m_batchOpen) {
        m_lastError.clear();
        m_diskFull = false;
        if (!m_db.transaction()) {
            noteError(m_db.lastError());
            return false;
        }
        if (commit == Commit::Now) {
            if (work() && m_db.commit()) {
                const bool synced = syncLog();
                publishCommitted();
                return synced;
            }
            if (m_lastError.isEmpty())
                noteError(m_db.lastError());
            m_db.rollback();
            m_uncommittedSeq = m_changeSeq;
            return false;
        }
        m_batchOpen = true;
        // Posted, so it comes after what this turn's sockets and timers
        // bring, but before what they post (a launch's placing), and before
        // any timer, so answers wait for no process start.
        QMetaObject::invokeMethod(this, &Store::commitTurn, Qt::QueuedConnection);
    }
    if (commit == Commit::Batched)
        m_batchAnswered = true;
    // In the batch, each write under a savepoint: a failed one undoes only itself.
    const qint64 seqBefore = m_uncommittedSeq;
    bool done = execSql("SAVEPOINT write");
    if (done) {
        done = work();
        if (!done) {
            execSql("ROLLBACK TO write");
            m_uncommittedSeq = seqBefore;
        }
        execSql("RELEASE write");
    }
    if (commit == Commit::Now)
        return commitBatch() && done;
    return done;
}

void Store::commitTurn()
{
    const bool answered = std::exchange(m_batchAnswered, false);
    const bool beside = std::exchange(m_syncBeside, false);
    if (commitOpenBatch(answered && !beside) && answered && beside)
        m_syncer.request(m_changeSeq);
}

bool Store::commitBatch()
{
    m_batchAnswered = m_syncBeside = false;
    if (!m_batchOpen)
        return m_syncedSeq >= m_changeSeq || syncLog(); // lazy commits before it
    return commitOpenBatch(true);
}

bool Store::commitOpenBatch(bool sync)
{
    if (!m_batchOpen)
        return true;
    m_batchOpen = false;
    const QList<Run> batchRuns = std::exchange(m_batchRuns, {});
    if (m_db.commit()) {
        // Synced before it is announced: an answer held for it goes out on the announcement.
        const bool synced = !sync || syncLog();
        publishCommitted();
        return synced;
    }
    noteError(m_db.lastError());
    qCCritical(lcStore, "cannot commit a batch of writes, they are undone: %s", qPrintable(m_lastError));
    m_db.rollback();
    m_uncommittedSeq = m_changeSeq;
    clearCaches(); // they may hold what the batch wrote
    // The runs' new states (a run's end) are what a full disk must not lose:
    // written again, each on its own, from the reserve.
    const QString error = m_lastError;
    const bool diskFull = m_diskFull;
    if (diskFull && !batchRuns.isEmpty()) {
        for (const Run &run : batchRuns)
            updateRun(run, Commit::Now);
    }
    m_lastError = error; // what the undone launches are answered with
    m_diskFull = diskFull;
    Q_EMIT batchUndone();
    return false;
}

bool Store::syncLog()
{
    // The WAL is this connection's and lives as long as it (a checkpoint
    // restarts it, never deletes it). Called between a commit and its
    // announcement, or with a batch open.
    const qint64 committed = m_batchOpen ? m_changeSeq : m_uncommittedSeq;
    if (const int error = FileSyncer::syncFile(walPath())) {
        noteSyncError(error);
        return false;
    }
    m_syncedSeq = std::max(m_syncedSeq, committed);
    return true;
}

QByteArray Store::walPath() const
{
    return QFile::encodeName(m_path) + "-wal";
}

void Store::noteSyncError(int error)
{
    m_lastError = QStringLiteral("cannot sync %1 to the disk: %2")
                      .arg(QFile::decodeName(walPath()), qt_error_string(error));
    m_diskFull = error == ENOSPC;
    qCCritical(lcStore, "store: %s", qPrintable(m_lastError));
}

void Store::syncBeside()
{
    if (m_batchOpen)
        m_syncBeside = true;
}

void Store::noteSynced(qint64 seq, int error)
{
    // A failed sync is tried once more here; if that fails too, the
    // launches it held are answered with the error at their deadline.
    if (error == 0)
        m_syncedSeq = std::max(m_syncedSeq, seq);
    else if (!syncLog())
        return;
    Q_EMIT synced();
}

void Store::publishCommitted()
{
    if (m_uncommittedSeq != m_changeSeq) {
        m_changeSeq = m_uncommittedSeq;
        Q_EMIT changed(m_changeSeq);
    }
}

void Store::clearCaches()
{
    m_definitionLists.clear();
    m_runLists.clear();
    m_templateLists.clear();
}

bool Store::recordChange(const char *kind, const QString &id)
{
    QSqlQuery &insert = prepared(QStringLiteral("INSERT INTO changes (kind, id) VALUES (?, ?)"));
    insert.addBindValue(QLatin1String(kind));
    insert.addBindValue(id);
    if (!exec(insert))
        return false;
    m_uncommittedSeq = insert.lastInsertId().toLongLong();
    QSqlQuery &prune = prepared(QStringLiteral("DELETE FROM changes WHERE seq <= ?"));
    prune.addBindValue(m_uncommittedSeq - changeWindow);
    return exec(prune);
}

ChangePage Store::changesSince(qint64 since)
{
    ChangePage page;
    page.seq = m_changeSeq;
    // Numbers before the oldest kept one are pruned; none kept means none written.
    QSqlQuery &oldest = prepared(QStringLiteral("SELECT MIN(seq) FROM changes"));
    if (!exec(oldest) || !oldest.next())
        return page;
    const qint64 pruned = oldest.isNull(0) ? m_changeSeq : oldest.value(0).toLongLong() - 1;
    if (since < pruned) {
        page.reset = true;
        return page;
    }
    // Only committed numbers: the open batch's are not announced yet.
    QSqlQuery &query = prepared(QStringLiteral("SELECT kind, id, MAX(seq) AS latest FROM changes WHERE seq > ?"
                                               " AND seq <= ? GROUP BY kind, id ORDER BY latest"));
    query.addBindValue(since);
    query.addBindValue(m_changeSeq);
    if (!exec(query))
        return page;
    while (query.next())
        page.changes.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
    return page;
}

template <typename Item>
std::optional<Item> Store::parsed(const QByteArray &document, const char *kind, const QString &id, QString *corrupt)
{
    const Json json = Json::parse(document.constData(), document.constData() + document.size(), nullptr, false);
    if (!json.is_discarded() && json.is_object()) {
        QStringList errors; // a stored document was valid when written
        return Item::fromJson(json, &errors);
    }
    const QString message = QStringLiteral("the stored %1 %2 is corrupt (its JSON document does not parse); "
                                           "delete it or restore the database from a backup")
                                .arg(QLatin1String(kind), id);
    qCCritical(lcStore, "%s", qPrintable(message));
    if (corrupt)
        *corrupt = message;
    return std::nullopt;
}

QByteArray Store::checkedDocument(QByteArray document, const char *kind, const QString &id, QString *corrupt)
{
    if (document.isEmpty() || Json::accept(document.constData(), document.constData() + document.size()))
        return document;
    parsed<Definition>(document, kind, id, corrupt);
    return {};
}

std::optional<Definition> Store::definition(const QString &definitionId, QString *corrupt)
{
    const QByteArray document = definitionDocument(definitionId, corrupt);
    if (document.isEmpty())
        return std::nullopt;
    return parsed<Definition>(document, "definition", definitionId, corrupt);
}

std::optional<Definition> Store::definitionByAlias(const QString &alias, QString *corrupt)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document, definition_id FROM definitions WHERE alias = ?"));
    query.addBindValue(alias);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return parsed<Definition>(query.value(0).toByteArray(), "definition", query.value(1).toString(), corrupt);
}

QByteArray Store::definitionDocument(const QString &definitionId, QString *corrupt)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM definitions WHERE definition_id = ?"));
    query.addBindValue(definitionId);
    if (!exec(query) || !query.next())
        return {};
    return checkedDocument(query.value(0).toByteArray(), "definition", definitionId, corrupt);
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
    m_definitionLists.clear();
    return transaction([&] {
        QSqlQuery &query = prepared(QStringLiteral(
            "INSERT INTO definitions (definition_id, alias, group_name, image, command, memory, document)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(definition.definitionId);
        bindDefinitionColumns(query, definition);
        return exec(query) && writeDefinitionRows(definition) && recordChange("definition", definition.definitionId);
    });
}

bool Store::updateDefinition(const Definition &definition)
{
    m_definitionLists.clear();
    return transaction([&] {
        QSqlQuery &query = prepared(QStringLiteral(
            "UPDATE definitions SET alias = ?, group_name = ?, image = ?, command = ?, memory = ?, document = ?"
            " WHERE definition_id = ?"));
        bindDefinitionColumns(query, definition);
        query.addBindValue(definition.definitionId);
        return exec(query) && query.numRowsAffected() == 1 && writeDefinitionRows(definition)
               && recordChange("definition", definition.definitionId);
    });
}

bool Store::deleteDefinition(const QString &definitionId)
{
    m_definitionLists.clear();
    return transaction([&] {
        for (const char *sql : {"DELETE FROM definition_env WHERE definition_id = ?",
                                "DELETE FROM definition_tags WHERE definition_id = ?",
                                "DELETE FROM definitions WHERE definition_id = ?"}) {
            QSqlQuery &query = prepared(QString::fromLatin1(sql));
            query.addBindValue(definitionId);
            if (!exec(query))
                return false;
        }
        return recordChange("definition", definitionId);
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

std::optional<Run> Store::run(const QString &runId, QString *corrupt)
{
    const QByteArray document = runDocument(runId, corrupt);
    if (document.isEmpty())
        return std::nullopt;
    return parsed<Run>(document, "run", runId, corrupt);
}

QByteArray Store::runDocument(const QString &runId, QString *corrupt)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM runs WHERE run_id = ?"));
    query.addBindValue(runId);
    if (!exec(query) || !query.next())
        return {};
    return checkedDocument(query.value(0).toByteArray(), "run", runId, corrupt);
}

std::optional<Store::RunProgress> Store::runProgress(const QString &runId, QString *corrupt)
{
    // json_valid: a run whose document is damaged is corrupt for every request of its own (README).
    QSqlQuery &query = prepared(
        QStringLiteral("SELECT status, started_at, json_valid(document) FROM runs WHERE run_id = ?"));
    query.addBindValue(runId);
    if (!exec(query) || !query.next())
        return std::nullopt;
    if (!query.value(2).toBool()) {
        runDocument(runId, corrupt); // says so, as every read of the run does
        return std::nullopt;
    }
    const QString name = query.value(0).toString();
    const std::optional<RunStatus> status = runStatusFromName(name);
    if (!status) {
        const QString message = QStringLiteral("the stored run %1 is corrupt (its status is \"%2\", not a run "
                                               "status); delete it or restore the database from a backup")
                                    .arg(runId, name);
        qCCritical(lcStore, "%s", qPrintable(message));
        if (corrupt)
            *corrupt = message;
        return std::nullopt;
    }
    return RunProgress{*status, !query.value(1).isNull()};
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

bool Store::insertRuns(const QList<Run> &runs, Commit commit)
{
    m_runLists.clear();
    const bool stored = transaction(
        [&] {
            return std::all_of(runs.begin(), runs.end(), [this](const Run &run) {
                return writeRunRows(run, true) && recordChange("run", run.runId);
            });
        },
        commit);
    // Space came back: keep some for the next time it runs out.
    if (stored && m_reserveReleased)
        renewReserve();
    return stored;
}

bool Store::updateRun(const Run &run, Commit commit)
{
    m_runLists.clear();
    const auto write = [&] {
        return transaction([&] { return writeRunRows(run, false) && recordChange("run", run.runId); }, commit);
    };
    if (!write() && !(m_diskFull && releaseReserve() && write()))
        return false;
    if (m_batchOpen)
        m_batchRuns.append(run); // written again if the batch's commit finds the disk full
    return true;
}

std::optional<Template> Store::templateById(const QString &templateId, QString *corrupt)
{
    const QByteArray document = templateDocument(templateId, corrupt);
    if (document.isEmpty())
        return std::nullopt;
    return parsed<Template>(document, "template", templateId, corrupt);
}

QByteArray Store::templateDocument(const QString &templateId, QString *corrupt)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document FROM templates WHERE template_id = ?"));
    query.addBindValue(templateId);
    if (!exec(query) || !query.next())
        return {};
    return checkedDocument(query.value(0).toByteArray(), "template", templateId, corrupt);
}

std::optional<Template> Store::templateByName(const QString &name, std::optional<qint64> version, QString *corrupt)
{
    QSqlQuery &query = prepared(
        version ? QStringLiteral("SELECT document, template_id FROM templates WHERE template_name = ? AND version = ?")
                : QStringLiteral("SELECT document, template_id FROM templates WHERE template_name = ?"
                                 " ORDER BY version DESC LIMIT 1"));
    query.addBindValue(name);
    if (version)
        query.addBindValue(*version);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return parsed<Template>(query.value(0).toByteArray(), "template", query.value(1).toString(), corrupt);
}

bool Store::insertTemplate(const Template &tpl)
{
    m_templateLists.clear();
    return transaction([&] {
        QSqlQuery &query = prepared(QStringLiteral(
            "INSERT INTO templates (template_id, template_name, version, image, document) VALUES (?, ?, ?, ?, ?)"));
        query.addBindValue(tpl.templateId);
        query.addBindValue(tpl.templateName);
        query.addBindValue(tpl.version);
        query.addBindValue(tpl.image);
        query.addBindValue(documentOf(tpl.toJson()));
        return exec(query) && recordChange("template", tpl.templateId);
    });
}

StoredPage Store::listTemplates(const ListQuery &query, bool latestOnly)
{
    return listDocuments(QStringLiteral("templates"), QStringLiteral("template_id"), query, QString(), QString(),
                         latestOnly ? QStringLiteral("version = (SELECT MAX(version) FROM templates AS newer"
                                                     " WHERE newer.template_name = templates.template_name)")
                                    : QString());
}

StoredPage Store::listRuns(const ListQuery &query)
{
    return listDocuments(QStringLiteral("runs"), QStringLiteral("run_id"), query, QStringLiteral("run_env"), QString());
}

QList<Run> Store::runsWithStatus(RunStatus status)
{
    QSqlQuery &query = prepared(QStringLiteral("SELECT document, run_id FROM runs WHERE status = ? ORDER BY seq"));
    query.addBindValue(runStatusName(status));
    QList<Run> runs;
    if (!exec(query))
        return runs;
    while (query.next()) {
        if (std::optional<Run> run = parsed<Run>(query.value(0).toByteArray(), "run", query.value(1).toString(),
                                                 nullptr))
            runs.append(std::move(*run));
    }
    return runs;
}

std::optional<Run> Store::nextQueued(const QString &cluster)
{
    // A corrupt row cannot be placed; it must not hold up the queue behind it.
    QSqlQuery &query = prepared(QStringLiteral("SELECT document, run_id FROM runs WHERE status = 'QUEUED'"
                                               " AND cluster = ? AND json_valid(document) ORDER BY seq LIMIT 1"));
    query.addBindValue(cluster);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return parsed<Run>(query.value(0).toByteArray(), "run", query.value(1).toString(), nullptr);
}

qint64 Store::cachedCount(PageCache &cache, const QString &sql, const QVariantList &values)
{
    const QString key = PageCache::key(sql, values);
    if (const std::optional<qint64> count = cache.count(key))
        return *count;
    QSqlQuery &query = prepared(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    const qint64 count = (exec(query) && query.next()) ? query.value(0).toLongLong() : 0;
    cache.putCount(key, count);
    return count;
}

StoredPage Store::listDocuments(const QString &table, const QString &idColumn, const ListQuery &query,
                                const QString &envTable, const QString &tagTable, const QString &extraClause)
{
    SqlWhere where;
    if (!extraClause.isEmpty())
        where.clauses.append(extraClause);
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

    PageCache &cache = table == u"runs" ? m_runLists : table == u"templates" ? m_templateLists : m_definitionLists;
    StoredPage page;
    const bool onlyStatus = table == u"runs" && query.timeBounds.isEmpty() && query.envFilters.isEmpty()
                            && query.filters.size() <= 1
                            && std::all_of(query.filters.begin(), query.filters.end(),
                                           [](const ListQuery::Filter &f) { return f.column == u"status"; });
    if (onlyStatus) {
        QString sql = QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM run_status_counts");
        if (!query.filters.isEmpty())
            sql += QStringLiteral(" WHERE status IN (%1)").arg(sqlPlaceholders(query.filters.first().values.size()));
        QSqlQuery &count = prepared(sql);
        for (const QVariant &value : where.values)
            count.addBindValue(value);
        page.total = (exec(count) && count.next()) ? count.value(0).toLongLong() : 0;
    } else {
        page.total = cachedCount(cache, QStringLiteral("SELECT COUNT(*) FROM ") + table + where.sql(), where.values);
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
    // A corrupt document is left out (and named in the second column), so
    // one bad row neither breaks the answer's JSON nor hides the others.
    const QString sql = QStringLiteral("SELECT CAST(group_concat(CASE WHEN json_valid(document) THEN document END, ',')"
                                       " AS BLOB), group_concat(CASE WHEN json_valid(document) THEN NULL ELSE id END,"
                                       " ', ') FROM (SELECT document, %4 AS id FROM %1%2 ORDER BY %3 LIMIT ? OFFSET ?)")
                            .arg(table, where.sql(), order, idColumn);
    QVariantList values = where.values;
    values << query.limit << query.offset;
    const QString key = PageCache::key(sql, values);
    if (std::optional<QByteArray> items = cache.page(key)) {
        page.items = std::move(*items);
        return page;
    }
    QSqlQuery &select = prepared(sql);
    for (const QVariant &value : values)
        select.addBindValue(value);
    if (!exec(select))
        return page;
    if (select.next()) {
        page.items = select.value(0).toByteArray();
        if (const QString corrupt = select.value(1).toString(); !corrupt.isEmpty())
            qCCritical(lcStore, "a list of %s leaves out corrupt rows (their JSON documents do not parse): %s",
                       qPrintable(table), qPrintable(corrupt));
    }
    cache.putPage(key, page.items);
    return page;
}

NamePage Store::listNames(const QString &sqlOfNames, const ListQuery &query)
{
    SqlWhere where;
    for (const ListQuery::Filter &filter : query.filters)
        where.addFilter(filter, QString(), QString());
    const QString from = QStringLiteral(" FROM (") + sqlOfNames + u')' + where.sql();

    NamePage page;
    page.total = cachedCount(m_definitionLists, QStringLiteral("SELECT COUNT(*)") + from, where.values);
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
