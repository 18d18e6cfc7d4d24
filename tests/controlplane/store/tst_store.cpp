// Store: the control plane's SQLite database — schema, file modes, the
// definition and run tables, and the list queries of api-contract.md §6.
#include <store/store.h>

#include <runfixture.h>
#include <wire/timestamp.h>

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Flotilla;

namespace {

QueryItems itemsOf(const QString &query)
{
    return QUrlQuery(query).queryItems(QUrl::FullyDecoded);
}

// Parses a list query as the HTTP layer would, failing the test on an error.
#define PARSE_QUERY(name, kind, text)                                                                                  \
    QString name##Error;                                                                                               \
    const std::optional<ListQuery> name##Parsed = ListQuery::parse((kind), itemsOf(text), &name##Error);               \
    QVERIFY2(name##Parsed.has_value(), qPrintable(name##Error));                                                       \
    const ListQuery &name = *name##Parsed

ListQuery queryOf(ListKind kind, const QueryItems &items)
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(kind, items, &error);
    if (!query)
        qWarning("bad list query: %s", qPrintable(error));
    return query.value_or(ListQuery());
}

QDateTime at(const char *time)
{
    return *Timestamp::parse(QString::fromLatin1(time));
}

Definition makeDefinition(const char *id, const QString &alias, const char *group, const char *image,
                          const char *command, std::optional<qint64> memory, const EnvList &env = {},
                          const QStringList &tags = {})
{
    Definition definition;
    definition.definitionId = QString::fromLatin1(id);
    definition.alias = alias;
    definition.groupName = QString::fromLatin1(group);
    definition.image = QString::fromLatin1(image);
    definition.command = QString::fromLatin1(command);
    definition.memory = memory;
    definition.env = env;
    definition.tags = tags;
    return definition;
}

Run makeRun(const char *runId, const Definition &definition, const char *cluster, RunStatus status, const char *user,
            std::optional<QDateTime> queuedAt, std::optional<QDateTime> startedAt = {},
            std::optional<QDateTime> finishedAt = {}, const EnvList &env = {})
{
    Run run = Testing::runOfDefinition(definition, QString::fromLatin1(runId), status, QString::fromLatin1(user),
                                       QString::fromLatin1(cluster));
    run.queuedAt = queuedAt;
    run.startedAt = startedAt;
    run.finishedAt = finishedAt;
    run.env = env;
    return run;
}

QStringList idsOf(const StoredPage &page, const char *idKey)
{
    QStringList ids;
    for (const Json &document : Json::parse("[" + page.items.toStdString() + "]"))
        ids.append(toQString(document.at(idKey).get<std::string>()));
    return ids;
}

bool isOwnerOnly(const QString &path)
{
    const QFile::Permissions permissions = QFile::permissions(path);
    const QFile::Permissions others = QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
                                      | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    return permissions.testFlag(QFile::ReadOwner) && permissions.testFlag(QFile::WriteOwner) && !(permissions & others);
}

QString permissionText(const QString &path)
{
    return QStringLiteral("%1: %2").arg(path).arg(uint(QFile::permissions(path)), 0, 16);
}

void expectStoreWarning(const char *pattern)
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^store: ") + QLatin1String(pattern)));
}

// The definitions of the list tests. Sorted by group (missing last, ties
// by id): d3 (batch), d1, d2 (examples), d5 (zgroup), d4 (no group).
QList<Definition> sampleDefinitions()
{
    const QString user = QStringLiteral("USERNAME");
    return {
        makeDefinition("d1", QStringLiteral("hello-flotilla"), "examples", "ubuntu:latest", "echo hi", 512,
                       {{user, QStringLiteral("flotilla")}}, {QStringLiteral("demo")}),
        makeDefinition("d2", QStringLiteral("hello-world"), "examples", "alpine:3", "true", 128,
                       {{user, QStringLiteral("other")}}, {QStringLiteral("demo"), QStringLiteral("nightly")}),
        makeDefinition("d3", QStringLiteral("batch-job"), "batch", "ubuntu:22.04", "run.sh", std::nullopt,
                       {{QStringLiteral("A"), QStringLiteral("1")}, {user, QStringLiteral("flotilla")}}),
        makeDefinition("d4", QStringLiteral("nogroup"), "", "busybox", "sleep 1", 64, {}, {QStringLiteral("nightly")}),
        makeDefinition("d5", QStringLiteral("zeta"), "zgroup", "python:3", "python -c 'print(1)'", 2048),
    };
}

// Inserted in launch order r-c, r-a, r-e, r-b, r-d (not the id order).
QList<Run> sampleRuns()
{
    const QList<Definition> d = sampleDefinitions();
    const QString user = QStringLiteral("USERNAME");
    return {
        makeRun("r-c", d[2], "local", RunStatus::Queued, "jdoe", at("2026-11-27T10:04:00Z")),
        makeRun("r-a", d[0], "local", RunStatus::Stopped, "jdoe", at("2026-11-27T10:00:00Z"),
                at("2026-11-27T10:01:00Z"), at("2026-11-27T10:05:00Z"), {{user, QStringLiteral("jdoe")}}),
        makeRun("r-e", d[1], "local", RunStatus::Stopped, "bob", at("2026-11-27T08:00:00Z"), at("2026-11-27T08:01:00Z"),
                at("2026-11-27T08:02:00Z"), {{user, QStringLiteral("bob")}}),
        makeRun("r-b", d[0], "docker", RunStatus::Running, "amy", at("2026-11-27T10:02:00Z"),
                at("2026-11-27T10:03:00Z")),
        makeRun("r-d", d[3], "podman", RunStatus::Pending, "amy", at("2026-11-27T09:00:00Z")),
    };
}

// The columns of the list tests: a query, the ids it lists in order, the total.
void addListColumns()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<qint64>("total");
}

QStringList ids(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *id : list)
        result.append(QString::fromLatin1(id));
    return result;
}

} // namespace

class Tst_Store final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void schemaVersionAfterOpen();
    void schemaVersionStaysOnReopen();
    void newerSchemaIsRefused();
    void versionOneGainsStatusCounts();
    void statusTotalsFollowUpdates();
    void openFailsWithoutDirectory();
    void filesAreOwnerOnly();
    void existingFileIsMadeOwnerOnly();
    void definitionCrud();
    void definitionKeepsUnknownFields();
    void aliasIsUnique();
    void duplicateDefinitionIdFails();
    void runCrud();
    void runProgressFromColumns();
    void runsWithStatusInLaunchOrder();
    void insertRunsIsAtomic();
    void listDefinitions_data();
    void listDefinitions();
    void listRuns_data();
    void listRuns();
    void pagingIsStable();
    void countCacheInvalidatedByWrites();
    void groupsAndTags_data();
    void groupsAndTags();
    void groupsAndTagsFollowWrites();
    void deleteKeepsRunHistory();
    void reopenKeepsEverything();
    void filterValuesMatchLiterally_data();
    void filterValuesMatchLiterally();
    void exactValuesWithQuotes();
    void nameFilterMatchesLiterally();
    void everyWriteIsNumbered();
    void failedWriteIsNotNumbered();
    void changeWindowIsPruned();
    void changeNumbersGoOnAfterReopen();
    void batchedWriteIsReadBeforeItsCommit();
    void batchCommitsAtTheEndOfTheTurn();
    void writeNowCommitsTheBatch();
    void failedWriteLeavesTheRestOfTheBatch();
    void closingCommitsTheBatch();
    void answeredBatchIsSyncedBeforeItIsAnnounced();
    void batchSyncedBesideIsAnnouncedFirst();
    void lazyBatchIsCommittedWithoutASync();
    void writeNowIsSyncedBeforeItReturns();

private:
    QString databasePath() const { return m_dir->filePath(QStringLiteral("flotilla.db")); }
    bool openStore();
    // Runs `statements` on the database file behind the (closed) store, as
    // an older version or damage would have left it; the first that fails.
    QString changeBehindTheStore(const QStringList &statements) const;
    bool populate();
    // Another connection to the same file: it sees only what is committed.
    std::optional<RunStatus> committedStatus(const QString &runId) const;
    // Two QUEUED runs of a stored definition, committed.
    QList<Run> storeQueuedRuns();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

bool Tst_Store::openStore()
{
    m_store = std::make_unique<Store>();
    QString error;
    if (!m_store->open(databasePath(), &error)) {
        qWarning("cannot open the store: %s", qPrintable(error));
        return false;
    }
    return true;
}

QString Tst_Store::changeBehindTheStore(const QStringList &statements) const
{
    const QString connection = QStringLiteral("tst_store_behind");
    QString failed;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(databasePath());
        if (!db.open())
            return db.lastError().text();
        QSqlQuery query(db);
        for (const QString &sql : statements) {
            if (!query.exec(sql)) {
                failed = sql + QStringLiteral(": ") + query.lastError().text();
                break;
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return failed;
}

bool Tst_Store::populate()
{
    for (const Definition &definition : sampleDefinitions()) {
        if (!m_store->insertDefinition(definition))
            return false;
    }
    // Two batches, as launches arrive.
    const QList<Run> runs = sampleRuns();
    return m_store->insertRuns(runs.mid(0, 2)) && m_store->insertRuns(runs.mid(2));
}

std::optional<RunStatus> Tst_Store::committedStatus(const QString &runId) const
{
    Store other;
    QString error;
    if (!other.open(databasePath(), &error))
        return std::nullopt;
    const std::optional<Run> run = other.run(runId);
    return run ? std::optional<RunStatus>(run->status) : std::nullopt;
}

QList<Run> Tst_Store::storeQueuedRuns()
{
    const Definition definition = sampleDefinitions().first();
    const QList<Run> runs{makeRun("b-1", definition, "local", RunStatus::Queued, "u", QDateTime::currentDateTimeUtc()),
                          makeRun("b-2", definition, "local", RunStatus::Queued, "u", QDateTime::currentDateTimeUtc())};
    if (!m_store->insertDefinition(definition) || !m_store->insertRuns(runs))
        return {};
    return runs;
}

void Tst_Store::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(openStore());
}

void Tst_Store::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void Tst_Store::schemaVersionAfterOpen()
{
    QCOMPARE(m_store->schemaVersion(), Store::latestSchemaVersion());
    QVERIFY(QFile::exists(databasePath()));
}

void Tst_Store::schemaVersionStaysOnReopen()
{
    QVERIFY(m_store->insertDefinition(sampleDefinitions().first()));
    m_store.reset();
    QVERIFY(openStore());
    QCOMPARE(m_store->schemaVersion(), Store::latestSchemaVersion());
    QVERIFY(m_store->definition(QStringLiteral("d1")).has_value()); // the migration did not run again
    m_store.reset();
    QVERIFY(openStore());
    QCOMPARE(m_store->schemaVersion(), Store::latestSchemaVersion());
}

void Tst_Store::newerSchemaIsRefused()
{
    m_store.reset();
    const QString failed = changeBehindTheStore(
        {QStringLiteral("PRAGMA user_version=%1").arg(Store::latestSchemaVersion() + 1)});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    Store store;
    QString error;
    QVERIFY(!store.open(databasePath(), &error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(Store::latestSchemaVersion() + 1)), qPrintable(error));
}

static qint64 totalOf(Store &store, const QString &query)
{
    QString error;
    const std::optional<ListQuery> parsed = ListQuery::parse(ListKind::Runs, QUrlQuery(query).queryItems(), &error);
    return parsed ? store.listRuns(*parsed).total : -1;
}

void Tst_Store::versionOneGainsStatusCounts()
{
    QVERIFY(populate());
    m_store.reset();
    // Back to schema 1 as an older flotilla-local left it: runs, no counts.
    const QString failed = changeBehindTheStore(
        {QStringLiteral("DROP TRIGGER runs_count_insert"), QStringLiteral("DROP TRIGGER runs_count_delete"),
         QStringLiteral("DROP TRIGGER runs_count_update"), QStringLiteral("DROP TABLE run_status_counts"),
         QStringLiteral("DROP TABLE templates"), QStringLiteral("DROP TABLE changes"),
         QStringLiteral("PRAGMA user_version=1")});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY(openStore());
    QCOMPARE(m_store->schemaVersion(), Store::latestSchemaVersion());
    QCOMPARE(totalOf(*m_store, QString()), 5);
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=STOPPED")), 2);
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=QUEUED&status=RUNNING")), 2);
}

void Tst_Store::statusTotalsFollowUpdates()
{
    QVERIFY(populate());
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=STOPPED")), 2);
    const ListQuery stoppedPage = queryOf(ListKind::Runs, {{QStringLiteral("status"), QStringLiteral("STOPPED")}});
    QVERIFY(!idsOf(m_store->listRuns(stoppedPage), "run_id").contains(QStringLiteral("r-c"))); // now cached
    std::optional<Run> queued = m_store->run(QStringLiteral("r-c"));
    QVERIFY(queued);
    queued->advanceTo(RunStatus::Stopped);
    QVERIFY(m_store->updateRun(*queued));
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=STOPPED")), 3);
    QVERIFY(
        idsOf(m_store->listRuns(stoppedPage), "run_id").contains(QStringLiteral("r-c"))); // the update cleared the page
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=QUEUED")), 0);
    QCOMPARE(totalOf(*m_store, QStringLiteral("STATUS=stopped")), -1); // values are validated, keys are not cased
    QCOMPARE(totalOf(*m_store, QString()), 5);
    Run another = *queued;
    another.runId = QStringLiteral("r-f");
    another.status = RunStatus::Queued;
    QVERIFY(m_store->insertRuns({another}));
    QCOMPARE(totalOf(*m_store, QStringLiteral("status=QUEUED")), 1);
    QCOMPARE(totalOf(*m_store, QString()), 6);
}

void Tst_Store::openFailsWithoutDirectory()
{
    Store store;
    QString error;
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("missing/flotilla.db")), &error));
    QVERIFY(!error.isEmpty());
}

void Tst_Store::filesAreOwnerOnly()
{
    const QString path = databasePath();
    QVERIFY2(isOwnerOnly(path), qPrintable(permissionText(path)));
    // WAL mode: SQLite keeps -wal and -shm beside the database while it is open.
    QVERIFY(populate());
    for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        QVERIFY2(QFile::exists(file), qPrintable(file));
        QVERIFY2(isOwnerOnly(file), qPrintable(permissionText(file)));
    }
    // And after a reopen.
    m_store.reset();
    QVERIFY(openStore());
    QVERIFY(m_store->insertDefinition(makeDefinition("d9", QStringLiteral("later"), "", "i", "c", 1)));
    for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFile::exists(file))
            QVERIFY2(isOwnerOnly(file), qPrintable(permissionText(file)));
    }
}

void Tst_Store::existingFileIsMadeOwnerOnly()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("shared.db"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(!isOwnerOnly(path));

    Store store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
    for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFile::exists(file))
            QVERIFY2(isOwnerOnly(file), qPrintable(permissionText(file)));
    }
}

void Tst_Store::definitionCrud()
{
    QVERIFY(!m_store->definition(QStringLiteral("d1")).has_value());
    QVERIFY(m_store->definitionDocument(QStringLiteral("d1")).isEmpty());
    QVERIFY(!m_store->definitionByAlias(QStringLiteral("hello-flotilla")).has_value());

    const Definition original = sampleDefinitions().at(1);
    QVERIFY(m_store->insertDefinition(original));

    std::optional<Definition> stored = m_store->definition(QStringLiteral("d2"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->alias, original.alias);
    QCOMPARE(stored->groupName, original.groupName);
    QCOMPARE(stored->image, original.image);
    QCOMPARE(stored->command, original.command);
    QCOMPARE(stored->memory, original.memory);
    QCOMPARE(stored->cpu, original.cpu);
    QCOMPARE(stored->env, original.env);
    QCOMPARE(stored->tags, original.tags);

    const std::optional<Definition> byAlias = m_store->definitionByAlias(QStringLiteral("hello-world"));
    QVERIFY(byAlias.has_value());
    QCOMPARE(byAlias->definitionId, QStringLiteral("d2"));
    QVERIFY(!m_store->definitionByAlias(QStringLiteral("hello")).has_value()); // exact, not substring
    QVERIFY(!m_store->definitionByAlias(QStringLiteral("HELLO-WORLD")).has_value());

    const QByteArray document = m_store->definitionDocument(QStringLiteral("d2"));
    QCOMPARE(QByteArray::fromStdString(Json::parse(document.toStdString()).dump()),
             QByteArray::fromStdString(original.toJson().dump()));

    // Update: a new alias frees the old one; env and tags are replaced.
    Definition changed = original;
    changed.alias = QStringLiteral("renamed");
    changed.memory.reset();
    changed.groupName.clear();
    changed.env = {{QStringLiteral("NEW"), QStringLiteral("v")}};
    changed.tags = {QStringLiteral("fresh")};
    QVERIFY(m_store->updateDefinition(changed));
    stored = m_store->definition(QStringLiteral("d2"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->alias, QStringLiteral("renamed"));
    QVERIFY(!stored->memory.has_value());
    QVERIFY(stored->groupName.isEmpty());
    QCOMPARE(stored->env, changed.env);
    QCOMPARE(stored->tags, changed.tags);
    QVERIFY(!m_store->definitionByAlias(QStringLiteral("hello-world")).has_value());
    QCOMPARE(m_store->definitionByAlias(QStringLiteral("renamed"))->definitionId, QStringLiteral("d2"));

    // The side tables follow the update.
    PARSE_QUERY(oldEnv, ListKind::Definitions, QStringLiteral("env=USERNAME|other"));
    QCOMPARE(m_store->listDefinitions(oldEnv).total, 0);
    PARSE_QUERY(newEnv, ListKind::Definitions, QStringLiteral("env=NEW|v"));
    QCOMPARE(idsOf(m_store->listDefinitions(newEnv), "definition_id"), QStringList{QStringLiteral("d2")});
    PARSE_QUERY(oldTag, ListKind::Definitions, QStringLiteral("tag=demo"));
    QCOMPARE(m_store->listDefinitions(oldTag).total, 0);

    // Delete.
    QVERIFY(m_store->deleteDefinition(QStringLiteral("d2")));
    QVERIFY(!m_store->definition(QStringLiteral("d2")).has_value());
    QVERIFY(!m_store->definitionByAlias(QStringLiteral("renamed")).has_value());
    QVERIFY(m_store->definitionDocument(QStringLiteral("d2")).isEmpty());
    QCOMPARE(m_store->listDefinitions(newEnv).total, 0);
    PARSE_QUERY(all, ListKind::Definitions, QString());
    QCOMPARE(m_store->listDefinitions(all).total, 0);
    QCOMPARE(m_store->tags(queryOf(ListKind::Names, {})).total, 0);

    // The alias can be used again.
    QVERIFY(m_store->insertDefinition(makeDefinition("d6", QStringLiteral("renamed"), "", "i", "c", 1)));
}

void Tst_Store::definitionKeepsUnknownFields()
{
    Definition definition = sampleDefinitions().first();
    definition.unknown = Json::parse(R"({"ports":[],"arn":"arn:aws:ecs:x"})");
    QVERIFY(m_store->insertDefinition(definition));

    const Json document = Json::parse(m_store->definitionDocument(QStringLiteral("d1")).toStdString());
    QVERIFY(document.contains("ports"));
    QVERIFY(document.contains("arn"));
    const std::optional<Definition> stored = m_store->definition(QStringLiteral("d1"));
    QVERIFY(stored.has_value());
    QCOMPARE(QByteArray::fromStdString(stored->unknown.dump()), QByteArray::fromStdString(definition.unknown.dump()));
}

void Tst_Store::aliasIsUnique()
{
    QVERIFY(m_store->insertDefinition(sampleDefinitions().at(0)));
    QVERIFY(m_store->insertDefinition(sampleDefinitions().at(1)));

    // A second definition with a taken alias: the database refuses it.
    Definition clash = makeDefinition("d-clash", QStringLiteral("hello-flotilla"), "other", "img", "cmd", 1,
                                      {{QStringLiteral("CLASH"), QStringLiteral("1")}}, {QStringLiteral("clash")});
    expectStoreWarning(".*UNIQUE.*alias");
    QVERIFY(!m_store->insertDefinition(clash));
    QVERIFY2(m_store->lastError().contains(QStringLiteral("UNIQUE")), qPrintable(m_store->lastError()));
    QVERIFY(!m_store->definition(QStringLiteral("d-clash")).has_value());
    QCOMPARE(m_store->definitionByAlias(QStringLiteral("hello-flotilla"))->definitionId, QStringLiteral("d1"));
    // Nothing of it was left behind in the side tables.
    PARSE_QUERY(clashEnv, ListKind::Definitions, QStringLiteral("env=CLASH|1"));
    QCOMPARE(m_store->listDefinitions(clashEnv).total, 0);
    QCOMPARE(m_store->tags(queryOf(ListKind::Names, {})).names,
             QStringList({QStringLiteral("demo"), QStringLiteral("nightly")}));

    // Renaming to a taken alias fails the same way and changes nothing.
    Definition rename = sampleDefinitions().at(1);
    rename.alias = QStringLiteral("hello-flotilla");
    rename.image = QStringLiteral("changed");
    expectStoreWarning(".*UNIQUE.*alias");
    QVERIFY(!m_store->updateDefinition(rename));
    QCOMPARE(m_store->definition(QStringLiteral("d2"))->alias, QStringLiteral("hello-world"));
    QCOMPARE(m_store->definition(QStringLiteral("d2"))->image, QStringLiteral("alpine:3"));

    // The store is still usable afterwards.
    QVERIFY(m_store->insertDefinition(sampleDefinitions().at(2)));
    PARSE_QUERY(all, ListKind::Definitions, QString());
    QCOMPARE(m_store->listDefinitions(all).total, 3);
}

void Tst_Store::duplicateDefinitionIdFails()
{
    QVERIFY(m_store->insertDefinition(sampleDefinitions().at(0)));
    Definition same = sampleDefinitions().at(1);
    same.definitionId = QStringLiteral("d1");
    expectStoreWarning(".*UNIQUE.*definition_id");
    QVERIFY(!m_store->insertDefinition(same));
    QCOMPARE(m_store->definition(QStringLiteral("d1"))->alias, QStringLiteral("hello-flotilla"));
}

void Tst_Store::runCrud()
{
    QVERIFY(!m_store->run(QStringLiteral("r-a")).has_value());
    QVERIFY(m_store->runDocument(QStringLiteral("r-a")).isEmpty());

    const QList<Run> runs = sampleRuns();
    QVERIFY(m_store->insertRuns(runs));

    for (const Run &expected : runs) {
        const std::optional<Run> stored = m_store->run(expected.runId);
        QVERIFY2(stored.has_value(), qPrintable(expected.runId));
        QCOMPARE(stored->definitionId, expected.definitionId);
        QCOMPARE(stored->status, expected.status);
        QCOMPARE(stored->cluster, expected.cluster);
        QCOMPARE(stored->user, expected.user);
        QCOMPARE(stored->queuedAt, expected.queuedAt);
        QCOMPARE(stored->startedAt, expected.startedAt);
        QCOMPARE(stored->finishedAt, expected.finishedAt);
        QCOMPARE(stored->env, expected.env);
        QCOMPARE(QByteArray(m_store->runDocument(expected.runId)), QByteArray::fromStdString(expected.toJson().dump()));
    }

    // A run moves on: status, times, exit code and instance are stored.
    Run run = runs.at(0); // r-c, QUEUED
    QVERIFY(run.advanceTo(RunStatus::Running));
    run.startedAt = at("2026-11-27T10:06:00.250Z");
    run.instance = {QStringLiteral("localhost"), QStringLiteral("1234")};
    QVERIFY(m_store->updateRun(run));
    std::optional<Run> stored = m_store->run(QStringLiteral("r-c"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->status, RunStatus::Running);
    QCOMPARE(stored->startedAt, run.startedAt);
    QCOMPARE(stored->instance.instanceId, QStringLiteral("1234"));

    QVERIFY(run.advanceTo(RunStatus::Stopped));
    run.finishedAt = at("2026-11-27T10:07:00Z");
    run.exitCode = 0;
    QVERIFY(m_store->updateRun(run));
    stored = m_store->run(QStringLiteral("r-c"));
    QCOMPARE(stored->status, RunStatus::Stopped);
    QCOMPARE(stored->exitCode, std::optional<qint64>(0));
    QCOMPARE(stored->finishedAt, run.finishedAt);

    // The list columns follow the update.
    PARSE_QUERY(stopped, ListKind::Runs, QStringLiteral("status=STOPPED&started_at_since=2026-11-27T10:06:00Z"));
    QCOMPARE(idsOf(m_store->listRuns(stopped), "run_id"), QStringList{QStringLiteral("r-c")});

    // An unknown run is not updated.
    Run ghost = run;
    ghost.runId = QStringLiteral("r-ghost");
    QVERIFY(!m_store->updateRun(ghost));
    QVERIFY(!m_store->run(QStringLiteral("r-ghost")).has_value());
}

void Tst_Store::runProgressFromColumns()
{
    QVERIFY(!m_store->runProgress(QStringLiteral("r-c")).has_value());
    QVERIFY(m_store->insertRuns(sampleRuns()));
    std::optional<Store::RunProgress> progress = m_store->runProgress(QStringLiteral("r-c"));
    QVERIFY(progress.has_value());
    QCOMPARE(progress->status, RunStatus::Queued);
    QVERIFY(!progress->started);
    Run run = *m_store->run(QStringLiteral("r-c"));
    QVERIFY(run.advanceTo(RunStatus::Running));
    run.startedAt = at("2026-11-27T10:06:00.250Z");
    QVERIFY(m_store->updateRun(run));
    progress = m_store->runProgress(QStringLiteral("r-c"));
    QCOMPARE(progress->status, RunStatus::Running);
    QVERIFY(progress->started);

    // A status no version wrote says which run and what to do.
    m_store.reset();
    const QString failed = changeBehindTheStore(
        {QStringLiteral("UPDATE runs SET status = 'LOST' WHERE run_id = 'r-c'"),
         QStringLiteral("UPDATE runs SET document = 'not json' WHERE run_id = 'r-a'")});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY(openStore());
    QString corrupt;
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("stored run r-c is corrupt")));
    QVERIFY(!m_store->runProgress(QStringLiteral("r-c"), &corrupt).has_value());
    QCOMPARE(corrupt, QStringLiteral("the stored run r-c is corrupt (its status is \"LOST\", not a run status); "
                                     "delete it or restore the database from a backup"));
    // A document that does not parse, as for every read of the run.
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("stored run r-a is corrupt")));
    QVERIFY(!m_store->runProgress(QStringLiteral("r-a"), &corrupt).has_value());
    QVERIFY2(corrupt.contains(u"its JSON document does not parse"), qPrintable(corrupt));
}

void Tst_Store::runsWithStatusInLaunchOrder()
{
    const Definition definition = sampleDefinitions().first();
    const QDateTime queued = at("2026-11-27T10:00:00Z");
    // Ids, times and batches disagree with the launch order on purpose.
    QVERIFY(m_store->insertRuns({makeRun("q-3", definition, "local", RunStatus::Queued, "u", queued.addSecs(30)),
                                 makeRun("q-1", definition, "local", RunStatus::Queued, "u", queued.addSecs(20))}));
    QVERIFY(m_store->insertRuns({makeRun("r-x", definition, "local", RunStatus::Running, "u", queued)}));
    QVERIFY(m_store->insertRuns({makeRun("q-2", definition, "local", RunStatus::Queued, "u", queued.addSecs(10))}));

    const auto idsWith = [this](RunStatus status) {
        QStringList ids;
        for (const Run &run : m_store->runsWithStatus(status))
            ids.append(run.runId);
        return ids;
    };
    QCOMPARE(idsWith(RunStatus::Queued),
             QStringList({QStringLiteral("q-3"), QStringLiteral("q-1"), QStringLiteral("q-2")}));
    QCOMPARE(idsWith(RunStatus::Running), QStringList{QStringLiteral("r-x")});
    QVERIFY(idsWith(RunStatus::Stopped).isEmpty());
    QVERIFY(idsWith(RunStatus::NeedsRetry).isEmpty());

    // A run that moves on leaves the queue; the rest keep their order.
    std::optional<Run> first = m_store->run(QStringLiteral("q-3"));
    QVERIFY(first.has_value());
    QVERIFY(first->advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(*first));
    QCOMPARE(idsWith(RunStatus::Queued), QStringList({QStringLiteral("q-1"), QStringLiteral("q-2")}));
    QCOMPARE(idsWith(RunStatus::Pending), QStringList{QStringLiteral("q-3")});
}

void Tst_Store::insertRunsIsAtomic()
{
    const Definition definition = sampleDefinitions().first();
    const QDateTime queued = at("2026-11-27T10:00:00Z");
    QVERIFY(m_store->insertRuns({makeRun("r-1", definition, "local", RunStatus::Queued, "u", queued)}));

    // The second run of the batch repeats an id: none of the batch is stored.
    expectStoreWarning(".*UNIQUE.*run_id");
    QVERIFY(!m_store->insertRuns({makeRun("r-2", definition, "local", RunStatus::Queued, "u", queued, {}, {},
                                          {{QStringLiteral("BATCH"), QStringLiteral("x")}}),
                                  makeRun("r-1", definition, "local", RunStatus::Queued, "u", queued)}));
    QVERIFY(!m_store->run(QStringLiteral("r-2")).has_value());
    QCOMPARE(m_store->runsWithStatus(RunStatus::Queued).size(), 1);
    PARSE_QUERY(batchEnv, ListKind::Runs, QStringLiteral("env=BATCH|x"));
    QCOMPARE(m_store->listRuns(batchEnv).total, 0);

    // An empty batch is fine.
    QVERIFY(m_store->insertRuns({}));
}

void Tst_Store::listDefinitions_data()
{
    addListColumns();

    // Sorting: missing values last either way, ties by id.
    QTest::newRow("defaults: group_name asc") << QString() << ids({"d3", "d1", "d2", "d5", "d4"}) << qint64(5);
    QTest::newRow("group_name desc") << QStringLiteral("order=desc") << ids({"d5", "d2", "d1", "d3", "d4"})
                                     << qint64(5);
    QTest::newRow("memory asc") << QStringLiteral("sort_by=memory") << ids({"d4", "d2", "d1", "d5", "d3"}) << qint64(5);
    QTest::newRow("memory desc") << QStringLiteral("sort_by=memory&order=desc") << ids({"d5", "d1", "d2", "d4", "d3"})
                                 << qint64(5);
    QTest::newRow("alias asc") << QStringLiteral("sort_by=alias") << ids({"d3", "d1", "d2", "d4", "d5"}) << qint64(5);
    QTest::newRow("alias desc") << QStringLiteral("sort_by=alias&order=desc") << ids({"d5", "d4", "d2", "d1", "d3"})
                                << qint64(5);
    QTest::newRow("image asc") << QStringLiteral("sort_by=image") << ids({"d2", "d4", "d5", "d3", "d1"}) << qint64(5);

    // Filters.
    QTest::newRow("alias substring") << QStringLiteral("alias=hello") << ids({"d1", "d2"}) << qint64(2);
    QTest::newRow("alias middle") << QStringLiteral("alias=-wor") << ids({"d2"}) << qint64(1);
    QTest::newRow("alias any of") << QStringLiteral("alias=hello&alias=zeta") << ids({"d1", "d2", "d5"}) << qint64(3);
    QTest::newRow("image substring") << QStringLiteral("image=ubuntu") << ids({"d3", "d1"}) << qint64(2);
    QTest::newRow("command substring") << QStringLiteral("command=print(") << ids({"d5"}) << qint64(1);
    QTest::newRow("group_name exact") << QStringLiteral("group_name=examples") << ids({"d1", "d2"}) << qint64(2);
    QTest::newRow("group_name is not a substring") << QStringLiteral("group_name=exam") << QStringList() << qint64(0);
    QTest::newRow("group_name any of") << QStringLiteral("group_name=examples&group_name=batch")
                                       << ids({"d3", "d1", "d2"}) << qint64(3);
    QTest::newRow("definition_id") << QStringLiteral("definition_id=d4") << ids({"d4"}) << qint64(1);
    QTest::newRow("tag") << QStringLiteral("tag=nightly") << ids({"d2", "d4"}) << qint64(2);
    QTest::newRow("tag any of") << QStringLiteral("tag=demo&tag=nightly") << ids({"d1", "d2", "d4"}) << qint64(3);
    QTest::newRow("env pair") << QStringLiteral("env=USERNAME|flotilla") << ids({"d3", "d1"}) << qint64(2);
    QTest::newRow("env pairs all hold") << QStringLiteral("env=USERNAME|flotilla&env=A|1") << ids({"d3"}) << qint64(1);
    QTest::newRow("env last value per name")
        << QStringLiteral("env=USERNAME|other&env=USERNAME|flotilla") << ids({"d3", "d1"}) << qint64(2);
    QTest::newRow("env value exact") << QStringLiteral("env=USERNAME|flot") << QStringList() << qint64(0);
    QTest::newRow("keys combine with AND") << QStringLiteral("alias=hello&image=alpine") << ids({"d2"}) << qint64(1);
    QTest::newRow("filter and sort") << QStringLiteral("alias=e&sort_by=memory&order=desc") << ids({"d5", "d1", "d2"})
                                     << qint64(3);
    QTest::newRow("no match") << QStringLiteral("alias=nothing-like-this") << QStringList() << qint64(0);

    // Paging: total ignores limit and offset.
    QTest::newRow("first page") << QStringLiteral("limit=2") << ids({"d3", "d1"}) << qint64(5);
    QTest::newRow("second page") << QStringLiteral("limit=2&offset=2") << ids({"d2", "d5"}) << qint64(5);
    QTest::newRow("last page") << QStringLiteral("limit=2&offset=4") << ids({"d4"}) << qint64(5);
    QTest::newRow("offset at the end") << QStringLiteral("offset=5") << QStringList() << qint64(5);
    QTest::newRow("offset beyond") << QStringLiteral("offset=100") << QStringList() << qint64(5);
    QTest::newRow("limit 0 still counts") << QStringLiteral("limit=0") << QStringList() << qint64(5);
    QTest::newRow("filtered page") << QStringLiteral("alias=hello&limit=1&offset=1") << ids({"d2"}) << qint64(2);
    QTest::newRow("desc page") << QStringLiteral("sort_by=memory&order=desc&limit=2&offset=3") << ids({"d4", "d3"})
                               << qint64(5);
}

void Tst_Store::listDefinitions()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    QFETCH(qint64, total);

    QVERIFY(populate());
    PARSE_QUERY(parsed, ListKind::Definitions, query);
    const StoredPage page = m_store->listDefinitions(parsed);
    QCOMPARE(idsOf(page, "definition_id"), ids);
    QCOMPARE(page.total, total);
}

void Tst_Store::listRuns_data()
{
    addListColumns();

    // Sorting: missing values last either way, ties by id.
    QTest::newRow("defaults: group_name asc") << QString() << ids({"r-c", "r-a", "r-b", "r-e", "r-d"}) << qint64(5);
    QTest::newRow("group_name desc") << QStringLiteral("order=desc") << ids({"r-e", "r-b", "r-a", "r-c", "r-d"})
                                     << qint64(5);
    QTest::newRow("started_at asc") << QStringLiteral("sort_by=started_at") << ids({"r-e", "r-a", "r-b", "r-c", "r-d"})
                                    << qint64(5);
    QTest::newRow("started_at desc") << QStringLiteral("sort_by=started_at&order=desc")
                                     << ids({"r-b", "r-a", "r-e", "r-d", "r-c"}) << qint64(5);
    QTest::newRow("finished_at asc") << QStringLiteral("sort_by=finished_at")
                                     << ids({"r-e", "r-a", "r-b", "r-c", "r-d"}) << qint64(5);
    QTest::newRow("queued_at asc") << QStringLiteral("sort_by=queued_at") << ids({"r-e", "r-d", "r-a", "r-b", "r-c"})
                                   << qint64(5);
    QTest::newRow("queued_at desc") << QStringLiteral("sort_by=queued_at&order=desc")
                                    << ids({"r-c", "r-b", "r-a", "r-d", "r-e"}) << qint64(5);
    QTest::newRow("run_id asc") << QStringLiteral("sort_by=run_id") << ids({"r-a", "r-b", "r-c", "r-d", "r-e"})
                                << qint64(5);
    QTest::newRow("run_id desc") << QStringLiteral("sort_by=run_id&order=desc")
                                 << ids({"r-e", "r-d", "r-c", "r-b", "r-a"}) << qint64(5);
    QTest::newRow("cluster_name") << QStringLiteral("sort_by=cluster_name") << ids({"r-b", "r-a", "r-c", "r-e", "r-d"})
                                  << qint64(5);
    QTest::newRow("status") << QStringLiteral("sort_by=status") << ids({"r-d", "r-c", "r-b", "r-a", "r-e"})
                            << qint64(5);
    QTest::newRow("alias") << QStringLiteral("sort_by=alias") << ids({"r-c", "r-a", "r-b", "r-e", "r-d"}) << qint64(5);

    // Filters.
    QTest::newRow("status any of") << QStringLiteral("status=RUNNING&status=QUEUED") << ids({"r-c", "r-b"})
                                   << qint64(2);
    QTest::newRow("status one") << QStringLiteral("status=STOPPED") << ids({"r-a", "r-e"}) << qint64(2);
    QTest::newRow("cluster") << QStringLiteral("cluster=local") << ids({"r-c", "r-a", "r-e"}) << qint64(3);
    QTest::newRow("cluster_name") << QStringLiteral("cluster_name=docker") << ids({"r-b"}) << qint64(1);
    QTest::newRow("cluster exact") << QStringLiteral("cluster_name=dock") << QStringList() << qint64(0);
    QTest::newRow("user") << QStringLiteral("user=amy") << ids({"r-b", "r-d"}) << qint64(2);
    QTest::newRow("definition_id") << QStringLiteral("definition_id=d1") << ids({"r-a", "r-b"}) << qint64(2);
    QTest::newRow("group_name") << QStringLiteral("group_name=examples") << ids({"r-a", "r-b", "r-e"}) << qint64(3);
    QTest::newRow("alias substring") << QStringLiteral("alias=hello") << ids({"r-a", "r-b", "r-e"}) << qint64(3);
    QTest::newRow("image substring") << QStringLiteral("image=busy") << ids({"r-d"}) << qint64(1);
    QTest::newRow("engine") << QStringLiteral("engine=podman") << ids({"r-d"}) << qint64(1);
    QTest::newRow("env") << QStringLiteral("env=USERNAME|bob") << ids({"r-e"}) << qint64(1);
    QTest::newRow("filters combine") << QStringLiteral("cluster=local&user=jdoe&status=STOPPED") << ids({"r-a"})
                                     << qint64(1);

    // Time bounds: since is inclusive, until exclusive; missing times never match.
    QTest::newRow("started_at_since") << QStringLiteral("started_at_since=2026-11-27T10:01:00Z") << ids({"r-a", "r-b"})
                                      << qint64(2);
    QTest::newRow("started_at_until") << QStringLiteral("started_at_until=2026-11-27T10:01:00Z") << ids({"r-e"})
                                      << qint64(1);
    QTest::newRow("finished_at window") << QStringLiteral(
        "finished_at_since=2026-11-27T08:02:00Z&finished_at_until=2026-11-27T10:05:00Z")
                                        << ids({"r-e"}) << qint64(1);
    QTest::newRow("queued_at_since with offset") << QStringLiteral("queued_at_since=2026-11-27T11:00:00%2B02:00")
                                                 << ids({"r-c", "r-a", "r-b", "r-d"}) << qint64(4);
    QTest::newRow("queued_at_until fractional")
        << QStringLiteral("queued_at_until=2026-11-27T09:00:00.001Z") << ids({"r-e", "r-d"}) << qint64(2);

    // Paging.
    QTest::newRow("page of queued_at") << QStringLiteral("sort_by=queued_at&limit=2&offset=1") << ids({"r-d", "r-a"})
                                       << qint64(5);
    QTest::newRow("filtered page") << QStringLiteral("cluster=local&limit=1&offset=2") << ids({"r-e"}) << qint64(3);
    QTest::newRow("past the end") << QStringLiteral("status=STOPPED&offset=2") << QStringList() << qint64(2);
}

void Tst_Store::listRuns()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    QFETCH(qint64, total);

    QVERIFY(populate());
    PARSE_QUERY(parsed, ListKind::Runs, query);
    const StoredPage page = m_store->listRuns(parsed);
    QCOMPARE(idsOf(page, "run_id"), ids);
    QCOMPARE(page.total, total);
}

void Tst_Store::pagingIsStable()
{
    // Many ties on the sort column: pages of 7 cover every run exactly once.
    const Definition definition = sampleDefinitions().first();
    QList<Run> runs;
    for (int i = 0; i < 50; ++i) {
        const QByteArray id = QByteArray("run-") + QByteArray::number((i * 37) % 50).rightJustified(2, '0');
        runs.append(makeRun(id.constData(), definition, i % 3 ? "local" : "docker", RunStatus::Queued, "u",
                            at("2026-11-27T10:00:00Z").addSecs(i % 4)));
    }
    QVERIFY(m_store->insertRuns(runs));

    for (const char *sort : {"sort_by=queued_at", "sort_by=cluster_name&order=desc", "sort_by=started_at"}) {
        QStringList seen;
        for (int offset = 0; offset < 56; offset += 7) {
            PARSE_QUERY(page, ListKind::Runs,
                        QString::fromLatin1(sort) + QStringLiteral("&limit=7&offset=%1").arg(offset));
            const StoredPage stored = m_store->listRuns(page);
            QCOMPARE(stored.total, 50);
            seen += idsOf(stored, "run_id");
        }
        QCOMPARE(seen.size(), 50);
        seen.removeDuplicates();
        QVERIFY2(seen.size() == 50, sort);
    }
}

void Tst_Store::countCacheInvalidatedByWrites()
{
    QVERIFY(populate());
    PARSE_QUERY(all, ListKind::Definitions, QString());
    PARSE_QUERY(queued, ListKind::Runs, QStringLiteral("status=QUEUED"));
    PARSE_QUERY(allRuns, ListKind::Runs, QString());
    const ListQuery names = queryOf(ListKind::Names, {});

    // Read twice (the second from the cache), then write and read again.
    QCOMPARE(m_store->listDefinitions(all).total, 5);
    QCOMPARE(m_store->listDefinitions(all).total, 5);
    QCOMPARE(m_store->groups(names).total, 3);
    QVERIFY(m_store->insertDefinition(makeDefinition("d6", QStringLiteral("sixth"), "newgroup", "i", "c", 1)));
    QCOMPARE(m_store->listDefinitions(all).total, 6);
    QCOMPARE(Json::parse("[" + m_store->listDefinitions(all).items.toStdString() + "]").size(), size_t(6));
    QCOMPARE(m_store->groups(names).total, 4);

    QVERIFY(m_store->deleteDefinition(QStringLiteral("d6")));
    QCOMPARE(m_store->listDefinitions(all).total, 5);
    QCOMPARE(m_store->groups(names).total, 3);

    // An update that changes which rows match.
    Definition moved = sampleDefinitions().at(4);
    moved.groupName = QStringLiteral("examples");
    PARSE_QUERY(examples, ListKind::Definitions, QStringLiteral("group_name=examples"));
    QCOMPARE(m_store->listDefinitions(examples).total, 2);
    QVERIFY(m_store->updateDefinition(moved));
    QCOMPARE(m_store->listDefinitions(examples).total, 3);

    // Runs: insert and update.
    QCOMPARE(m_store->listRuns(queued).total, 1);
    QCOMPARE(m_store->listRuns(allRuns).total, 5);
    QVERIFY(m_store->insertRuns(
        {makeRun("r-f", sampleDefinitions().first(), "local", RunStatus::Queued, "u", at("2026-11-27T11:00:00Z"))}));
    QCOMPARE(m_store->listRuns(queued).total, 2);
    QCOMPARE(m_store->listRuns(allRuns).total, 6);
    Run run = *m_store->run(QStringLiteral("r-c"));
    QVERIFY(run.advanceTo(RunStatus::Running));
    QVERIFY(m_store->updateRun(run));
    QCOMPARE(m_store->listRuns(queued).total, 1);
    QCOMPARE(idsOf(m_store->listRuns(queued), "run_id"), QStringList{QStringLiteral("r-f")});
}

void Tst_Store::groupsAndTags_data()
{
    QTest::addColumn<bool>("tags");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<qint64>("total");

    QTest::newRow("groups: all, distinct, sorted, no empty")
        << false << QString()
        << QStringList({QStringLiteral("batch"), QStringLiteral("examples"), QStringLiteral("zgroup")}) << qint64(3);
    QTest::newRow("groups: name substring")
        << false << QStringLiteral("name=ex") << QStringList{QStringLiteral("examples")} << qint64(1);
    QTest::newRow("groups: name any of") << false << QStringLiteral("name=bat&name=zg")
                                         << QStringList({QStringLiteral("batch"), QStringLiteral("zgroup")})
                                         << qint64(2);
    QTest::newRow("groups: page") << false << QStringLiteral("limit=1&offset=1")
                                  << QStringList{QStringLiteral("examples")} << qint64(3);
    QTest::newRow("groups: past the end") << false << QStringLiteral("offset=3") << QStringList() << qint64(3);
    QTest::newRow("groups: limit 0") << false << QStringLiteral("limit=0") << QStringList() << qint64(3);
    QTest::newRow("groups: no match") << false << QStringLiteral("name=nope") << QStringList() << qint64(0);
    QTest::newRow("tags: all") << true << QString() << QStringList({QStringLiteral("demo"), QStringLiteral("nightly")})
                               << qint64(2);
    QTest::newRow("tags: name substring")
        << true << QStringLiteral("name=night") << QStringList{QStringLiteral("nightly")} << qint64(1);
    QTest::newRow("tags: page") << true << QStringLiteral("limit=1") << QStringList{QStringLiteral("demo")}
                                << qint64(2);
}

void Tst_Store::groupsAndTags()
{
    QFETCH(bool, tags);
    QFETCH(QString, query);
    QFETCH(QStringList, names);
    QFETCH(qint64, total);

    QVERIFY(populate());
    PARSE_QUERY(parsed, ListKind::Names, query);
    const NamePage page = tags ? m_store->tags(parsed) : m_store->groups(parsed);
    QCOMPARE(page.names, names);
    QCOMPARE(page.total, total);
}

void Tst_Store::groupsAndTagsFollowWrites()
{
    QVERIFY(populate());
    const ListQuery all = queryOf(ListKind::Names, {});
    // Only definitions count: runs of a deleted definition do not keep its group.
    QVERIFY(m_store->deleteDefinition(QStringLiteral("d5")));
    QCOMPARE(m_store->groups(all).names, QStringList({QStringLiteral("batch"), QStringLiteral("examples")}));
    QVERIFY(m_store->deleteDefinition(QStringLiteral("d2")));
    QCOMPARE(m_store->tags(all).names, QStringList({QStringLiteral("demo"), QStringLiteral("nightly")}));
    QVERIFY(m_store->deleteDefinition(QStringLiteral("d4")));
    QCOMPARE(m_store->tags(all).names, QStringList{QStringLiteral("demo")});
    Definition retagged = sampleDefinitions().first();
    retagged.tags = {QStringLiteral("b-tag"), QStringLiteral("a-tag")};
    QVERIFY(m_store->updateDefinition(retagged));
    QCOMPARE(m_store->tags(all).names, QStringList({QStringLiteral("a-tag"), QStringLiteral("b-tag")}));
    QCOMPARE(m_store->tags(all).total, 2);
}

void Tst_Store::deleteKeepsRunHistory()
{
    QVERIFY(populate());
    QVERIFY(m_store->deleteDefinition(QStringLiteral("d1")));
    QVERIFY(!m_store->definition(QStringLiteral("d1")).has_value());
    PARSE_QUERY(history, ListKind::Runs, QStringLiteral("definition_id=d1"));
    QCOMPARE(idsOf(m_store->listRuns(history), "run_id"), QStringList({QStringLiteral("r-a"), QStringLiteral("r-b")}));
    QVERIFY(m_store->run(QStringLiteral("r-a")).has_value());
}

void Tst_Store::reopenKeepsEverything()
{
    QVERIFY(populate());
    Definition withUnknown = makeDefinition("d7", QStringLiteral("kept"), "examples", "i", "c", 7);
    withUnknown.unknown = Json::parse(R"({"ports":[8080]})");
    QVERIFY(m_store->insertDefinition(withUnknown));
    Run run = *m_store->run(QStringLiteral("r-b"));
    QVERIFY(run.advanceTo(RunStatus::Stopped));
    run.exitCode = 3;
    run.exitReason = QStringLiteral("OOMKilled");
    run.finishedAt = at("2026-11-27T10:30:00Z");
    QVERIFY(m_store->updateRun(run));
    const QByteArray definitionDocument = m_store->definitionDocument(QStringLiteral("d7"));
    const QByteArray runDocument = m_store->runDocument(QStringLiteral("r-b"));

    m_store.reset();
    QVERIFY(openStore());

    QCOMPARE(m_store->definitionDocument(QStringLiteral("d7")), definitionDocument);
    QCOMPARE(m_store->runDocument(QStringLiteral("r-b")), runDocument);
    QCOMPARE(m_store->definitionByAlias(QStringLiteral("hello-world"))->definitionId, QStringLiteral("d2"));
    QCOMPARE(m_store->definition(QStringLiteral("d1"))->env,
             (EnvList{{QStringLiteral("USERNAME"), QStringLiteral("flotilla")}}));
    const std::optional<Run> stored = m_store->run(QStringLiteral("r-b"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->status, RunStatus::Stopped);
    QCOMPARE(stored->exitCode, std::optional<qint64>(3));
    QCOMPARE(stored->exitReason, QStringLiteral("OOMKilled"));

    PARSE_QUERY(allDefinitions, ListKind::Definitions, QString());
    QCOMPARE(idsOf(m_store->listDefinitions(allDefinitions), "definition_id"),
             QStringList({QStringLiteral("d3"), QStringLiteral("d1"), QStringLiteral("d2"), QStringLiteral("d7"),
                          QStringLiteral("d5"), QStringLiteral("d4")}));
    PARSE_QUERY(stopped, ListKind::Runs, QStringLiteral("status=STOPPED&sort_by=finished_at"));
    QCOMPARE(idsOf(m_store->listRuns(stopped), "run_id"),
             QStringList({QStringLiteral("r-e"), QStringLiteral("r-a"), QStringLiteral("r-b")}));
    PARSE_QUERY(envQuery, ListKind::Definitions, QStringLiteral("env=USERNAME|flotilla&tag=demo"));
    QCOMPARE(idsOf(m_store->listDefinitions(envQuery), "definition_id"), QStringList{QStringLiteral("d1")});
    QCOMPARE(m_store->groups(queryOf(ListKind::Names, {})).total, 3);
    QCOMPARE(m_store->tags(queryOf(ListKind::Names, {})).total, 2);
    QCOMPARE(m_store->runsWithStatus(RunStatus::Queued).size(), 1);
    QCOMPARE(m_store->runsWithStatus(RunStatus::Pending).first().runId, QStringLiteral("r-d"));

    // Launch order continues after a reopen.
    QVERIFY(m_store->insertRuns(
        {makeRun("a-new", sampleDefinitions().first(), "local", RunStatus::Queued, "u", at("2026-11-27T07:00:00Z"))}));
    QStringList queued;
    for (const Run &q : m_store->runsWithStatus(RunStatus::Queued))
        queued.append(q.runId);
    QCOMPARE(queued, QStringList({QStringLiteral("r-c"), QStringLiteral("a-new")}));
}

void Tst_Store::filterValuesMatchLiterally_data()
{
    QTest::addColumn<QueryItems>("items");
    QTest::addColumn<QStringList>("aliases");

    const auto alias = [](const QString &value) { return QueryItems{{QStringLiteral("alias"), value}}; };
    QTest::newRow("percent") << alias(QStringLiteral("%")) << QStringList{QStringLiteral("100%_done")};
    QTest::newRow("underscore") << alias(QStringLiteral("_"))
                                << QStringList({QStringLiteral("100%_done"), QStringLiteral("a_b")});
    QTest::newRow("a_b is not a?b") << alias(QStringLiteral("a_b")) << QStringList{QStringLiteral("a_b")};
    QTest::newRow("100% is not 100*") << alias(QStringLiteral("100%")) << QStringList{QStringLiteral("100%_done")};
    QTest::newRow("backslash") << alias(QStringLiteral("\\")) << QStringList{QStringLiteral("back\\slash")};
    QTest::newRow("backslash before a wildcard") << alias(QStringLiteral("\\%")) << QStringList();
    QTest::newRow("single quote") << alias(QStringLiteral("o'brien")) << QStringList{QStringLiteral("o'brien")};
    QTest::newRow("double quote") << alias(QStringLiteral("\"hi\"")) << QStringList{QStringLiteral("say \"hi\"")};
    QTest::newRow("SQL injection") << alias(QStringLiteral("' OR '1'='1")) << QStringList();
    QTest::newRow("SQL comment") << alias(QStringLiteral("x'); DROP TABLE definitions; --")) << QStringList();
    QTest::newRow("image with percent") << QueryItems{{QStringLiteral("image"), QStringLiteral("%")}}
                                        << QStringList{QStringLiteral("100%_done")};
    QTest::newRow("env value with quote and percent")
        << QueryItems{{QStringLiteral("env"), QStringLiteral("Q|it's 100%")}} << QStringList{QStringLiteral("o'brien")};
    QTest::newRow("env value wildcard is literal")
        << QueryItems{{QStringLiteral("env"), QStringLiteral("Q|%")}} << QStringList();
    QTest::newRow("group_name with quote") << QueryItems{{QStringLiteral("group_name"), QStringLiteral("g'1")}}
                                           << QStringList{QStringLiteral("say \"hi\"")};
    QTest::newRow("tag with percent") << QueryItems{{QStringLiteral("tag"), QStringLiteral("50%")}}
                                      << QStringList{QStringLiteral("a_b")};
    QTest::newRow("tag wildcard is literal")
        << QueryItems{{QStringLiteral("tag"), QStringLiteral("%")}} << QStringList();
}

void Tst_Store::filterValuesMatchLiterally()
{
    QFETCH(QueryItems, items);
    QFETCH(QStringList, aliases);

    const QList<Definition> definitions = {
        makeDefinition("x1", QStringLiteral("100%_done"), "", "img%", "c", 1),
        makeDefinition("x2", QStringLiteral("100xxdone"), "", "img", "c", 1),
        makeDefinition("x3", QStringLiteral("a_b"), "", "i", "c", 1, {}, {QStringLiteral("50%")}),
        makeDefinition("x4", QStringLiteral("axb"), "", "i", "c", 1, {}, {QStringLiteral("50x")}),
        makeDefinition("x5", QStringLiteral("o'brien"), "", "i", "c", 1,
                       {{QStringLiteral("Q"), QStringLiteral("it's 100%")}}),
        makeDefinition("x6", QStringLiteral("say \"hi\""), "g'1", "i", "c", 1),
        makeDefinition("x7", QStringLiteral("back\\slash"), "", "i", "c", 1),
        makeDefinition("x8", QStringLiteral("backxslash"), "", "i", "c", 1),
    };
    for (const Definition &definition : definitions)
        QVERIFY(m_store->insertDefinition(definition));

    QString error;
    std::optional<ListQuery> query = ListQuery::parse(ListKind::Definitions, items, &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    query->sortBy = QStringLiteral("alias");
    query->sortColumn = QStringLiteral("alias");
    const StoredPage page = m_store->listDefinitions(*query);
    QCOMPARE(idsOf(page, "alias"), aliases);
    QCOMPARE(page.total, aliases.size());

    // Nothing was harmed.
    PARSE_QUERY(all, ListKind::Definitions, QString());
    QCOMPARE(m_store->listDefinitions(all).total, definitions.size());
}

void Tst_Store::exactValuesWithQuotes()
{
    Definition definition = makeDefinition("id'1\"%", QStringLiteral("quoted"), "", "i", "c", 1);
    QVERIFY(m_store->insertDefinition(definition));
    QVERIFY(m_store->definition(QStringLiteral("id'1\"%")).has_value());
    QVERIFY(!m_store->definition(QStringLiteral("id'1\"_")).has_value());
    QVERIFY(m_store->definitionByAlias(QStringLiteral("quoted")).has_value());

    const Definition plain = makeDefinition("d-plain", QStringLiteral("plain"), "", "i", "c", 1);
    QVERIFY(m_store->insertDefinition(plain));
    QVERIFY(m_store->insertRuns(
        {makeRun("run'1", definition, "local", RunStatus::Queued, "o'brien", at("2026-11-27T10:00:00Z"), {}, {},
                 {{QStringLiteral("K%"), QStringLiteral("v'_")}}),
         makeRun("run-2", plain, "local", RunStatus::Queued, "obrien", at("2026-11-27T10:00:00Z"))}));

    const auto runIds = [this](const QueryItems &items) {
        return idsOf(m_store->listRuns(queryOf(ListKind::Runs, items)), "run_id");
    };
    QCOMPARE(runIds({{QStringLiteral("user"), QStringLiteral("o'brien")}}), QStringList{QStringLiteral("run'1")});
    QCOMPARE(runIds({{QStringLiteral("definition_id"), QStringLiteral("id'1\"%")}}),
             QStringList{QStringLiteral("run'1")});
    QCOMPARE(runIds({{QStringLiteral("definition_id"), QStringLiteral("%")}}), QStringList());
    QCOMPARE(runIds({{QStringLiteral("env"), QStringLiteral("K%|v'_")}}), QStringList{QStringLiteral("run'1")});
    QCOMPARE(runIds({{QStringLiteral("env"), QStringLiteral("K_|v'_")}}), QStringList());
    QCOMPARE(runIds({{QStringLiteral("user"), QStringLiteral("' OR 1=1 --")}}), QStringList());
    QVERIFY(m_store->run(QStringLiteral("run'1")).has_value());
}

void Tst_Store::nameFilterMatchesLiterally()
{
    for (const Definition &definition :
         {makeDefinition("n1", QStringLiteral("n1"), "a_b", "i", "c", 1, {}, {QStringLiteral("x%y")}),
          makeDefinition("n2", QStringLiteral("n2"), "axb", "i", "c", 1, {}, {QStringLiteral("xzy")}),
          makeDefinition("n3", QStringLiteral("n3"), "a-b", "i", "c", 1, {}, {QStringLiteral("it's")})}) {
        QVERIFY(m_store->insertDefinition(definition));
    }
    const auto groups = [this](const QString &name) {
        return m_store->groups(queryOf(ListKind::Names, {{QStringLiteral("name"), name}})).names;
    };
    const auto tags = [this](const QString &name) {
        return m_store->tags(queryOf(ListKind::Names, {{QStringLiteral("name"), name}})).names;
    };
    QCOMPARE(groups(QStringLiteral("_")), QStringList{QStringLiteral("a_b")});
    QCOMPARE(groups(QStringLiteral("a%b")), QStringList());
    QCOMPARE(groups(QStringLiteral("b")),
             QStringList({QStringLiteral("a-b"), QStringLiteral("a_b"), QStringLiteral("axb")}));
    QCOMPARE(tags(QStringLiteral("%")), QStringList{QStringLiteral("x%y")});
    QCOMPARE(tags(QStringLiteral("'")), QStringList{QStringLiteral("it's")});
    QCOMPARE(tags(QStringLiteral("x_y")), QStringList());
}

QTEST_GUILESS_MAIN(Tst_Store)
namespace {

QStringList changeList(const ChangePage &page)
{
    QStringList changes;
    for (const StoredChange &change : page.changes)
        changes.append(QStringLiteral("%1 %2 %3").arg(change.kind, change.id).arg(change.seq));
    return changes;
}

} // namespace

void Tst_Store::everyWriteIsNumbered()
{
    QCOMPARE(m_store->changeSeq(), qint64(0));
    QSignalSpy changed(m_store.get(), &Store::changed);
    Definition definition = sampleDefinitions().first();
    QVERIFY(m_store->insertDefinition(definition));
    definition.memory = 256;
    QVERIFY(m_store->updateDefinition(definition));
    QList<Run> runs = sampleRuns().mid(0, 2);
    QVERIFY(m_store->insertRuns(runs));
    QVERIFY(runs[0].advanceTo(RunStatus::Running));
    QVERIFY(m_store->updateRun(runs[0]));
    Template tpl;
    tpl.templateId = QStringLiteral("tpl-1");
    tpl.templateName = QStringLiteral("greeter");
    tpl.version = 1;
    tpl.image = QStringLiteral("busybox");
    QVERIFY(m_store->insertTemplate(tpl));
    QVERIFY(m_store->deleteDefinition(definition.definitionId));

    QCOMPARE(m_store->changeSeq(), qint64(7));
    // One signal per committed write, the batch of two runs once.
    QCOMPARE(changed.size(), 6);
    QCOMPARE(changed.last().at(0).toLongLong(), qint64(7));
    // Each item once, at its latest number, oldest first.
    const ChangePage all = m_store->changesSince(0);
    QVERIFY(!all.reset);
    QCOMPARE(all.seq, qint64(7));
    const QString d = definition.definitionId;
    QCOMPARE(changeList(all),
             QStringList({QStringLiteral("run r-a 4"), QStringLiteral("run r-c 5"), QStringLiteral("template tpl-1 6"),
                          QStringLiteral("definition %1 7").arg(d)}));
    QCOMPARE(changeList(m_store->changesSince(5)),
             QStringList({QStringLiteral("template tpl-1 6"), QStringLiteral("definition %1 7").arg(d)}));
    QVERIFY(m_store->changesSince(7).changes.isEmpty());
    QVERIFY(!m_store->changesSince(7).reset);
}

void Tst_Store::failedWriteIsNotNumbered()
{
    const QList<Definition> definitions = sampleDefinitions();
    QVERIFY(m_store->insertDefinition(definitions[0]));
    QSignalSpy changed(m_store.get(), &Store::changed);
    Definition sameAlias = definitions[1];
    sameAlias.alias = definitions[0].alias;
    expectStoreWarning(".*UNIQUE.*alias");
    QVERIFY(!m_store->insertDefinition(sameAlias));
    QVERIFY(!m_store->updateRun(makeRun("r-ghost", definitions[0], "local", RunStatus::Running, "u", {})));
    QCOMPARE(m_store->changeSeq(), qint64(1));
    QCOMPARE(changed.size(), 0);
    // The next write takes the next number: the failed ones used none.
    QVERIFY(m_store->insertDefinition(definitions[1]));
    QCOMPARE(m_store->changeSeq(), qint64(2));
    QCOMPARE(changeList(m_store->changesSince(1)),
             QStringList{QStringLiteral("definition %1 2").arg(definitions[1].definitionId)});
}

void Tst_Store::changeWindowIsPruned()
{
    const Definition definition = sampleDefinitions().first();
    QList<Run> runs;
    for (qint64 i = 0; i < Store::changeWindow + 5; ++i)
        runs.append(makeRun(qPrintable(QStringLiteral("r-%1").arg(i)), definition, "local", RunStatus::Queued, "u",
                            at("2026-11-27T10:00:00Z")));
    QVERIFY(m_store->insertRuns(runs));
    QCOMPARE(m_store->changeSeq(), Store::changeWindow + 5);
    // Numbers 1 to 5 are gone: from before them the feed cannot say what changed.
    for (const qint64 since : {0, 4}) {
        const ChangePage page = m_store->changesSince(since);
        QVERIFY2(page.reset, qPrintable(QString::number(since)));
        QVERIFY(page.changes.isEmpty());
        QCOMPARE(page.seq, Store::changeWindow + 5);
    }
    const ChangePage kept = m_store->changesSince(5);
    QVERIFY(!kept.reset);
    QCOMPARE(qint64(kept.changes.size()), Store::changeWindow);
    QCOMPARE(kept.changes.first().id, QStringLiteral("r-5"));
}

void Tst_Store::changeNumbersGoOnAfterReopen()
{
    QVERIFY(populate());
    const qint64 seq = m_store->changeSeq();
    QVERIFY(seq > 0);
    m_store.reset();
    QVERIFY(openStore());
    QCOMPARE(m_store->changeSeq(), seq);
    QVERIFY(m_store->changesSince(0).changes.size() > 0);
    Definition definition = sampleDefinitions().first();
    definition.memory = 1;
    QVERIFY(m_store->updateDefinition(definition));
    QCOMPARE(m_store->changeSeq(), seq + 1);
}

void Tst_Store::batchedWriteIsReadBeforeItsCommit()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Batched));
    // This connection reads it at once; the disk, the feed and the signal do not have it yet.
    QCOMPARE(m_store->run(QStringLiteral("b-1"))->status, RunStatus::Pending);
    QCOMPARE(m_store->runsWithStatus(RunStatus::Queued).size(), 1);
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Queued);
    QCOMPARE(m_store->changeSeq(), seq);
    QVERIFY(m_store->changesSince(seq).changes.isEmpty());
    QCOMPARE(changed.size(), 0);
}

void Tst_Store::batchCommitsAtTheEndOfTheTurn()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    for (Run &run : runs) {
        QVERIFY(run.advanceTo(RunStatus::Pending));
        QVERIFY(m_store->updateRun(run, Store::Commit::Batched));
    }
    QVERIFY(changed.wait());
    // One commit for the turn's writes, announced once, after it.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toLongLong(), seq + 2);
    QCOMPARE(m_store->changeSeq(), seq + 2);
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
    QCOMPARE(committedStatus(QStringLiteral("b-2")), RunStatus::Pending);
    QCOMPARE(changeList(m_store->changesSince(seq)),
             QStringList({QStringLiteral("run b-1 %1").arg(seq + 1), QStringLiteral("run b-2 %1").arg(seq + 2)}));
}

void Tst_Store::writeNowCommitsTheBatch()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Batched));
    QVERIFY(runs[1].advanceTo(RunStatus::Stopped));
    QVERIFY(m_store->updateRun(runs[1]));
    // Committed with the acknowledged write, before it returned: no turn needed.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_store->changeSeq(), seq + 2);
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
    QCOMPARE(committedStatus(QStringLiteral("b-2")), RunStatus::Stopped);
    QVERIFY(m_store->commitBatch()); // none open
    QCOMPARE(changed.size(), 1);
}

void Tst_Store::failedWriteLeavesTheRestOfTheBatch()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Batched));
    Run ghost = runs[1];
    ghost.runId = QStringLiteral("b-ghost");
    QVERIFY(!m_store->updateRun(ghost, Store::Commit::Batched));
    QVERIFY(runs[1].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[1], Store::Commit::Batched));
    QVERIFY(m_store->commitBatch());
    QCOMPARE(changed.size(), 1);
    // The failed write took no number and undid nothing of the others.
    QCOMPARE(m_store->changeSeq(), seq + 2);
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
    QCOMPARE(committedStatus(QStringLiteral("b-2")), RunStatus::Pending);
    QVERIFY(!committedStatus(QStringLiteral("b-ghost")));
    QCOMPARE(changeList(m_store->changesSince(seq)),
             QStringList({QStringLiteral("run b-1 %1").arg(seq + 1), QStringLiteral("run b-2 %1").arg(seq + 2)}));
}

void Tst_Store::closingCommitsTheBatch()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Batched));
    m_store.reset();
    QVERIFY(openStore());
    QCOMPARE(m_store->run(QStringLiteral("b-1"))->status, RunStatus::Pending);
    QCOMPARE(m_store->changeSeq(), seq + 1);
}

void Tst_Store::answeredBatchIsSyncedBeforeItIsAnnounced()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QCOMPARE(m_store->syncedSeq(), seq);
    QSignalSpy changed(m_store.get(), &Store::changed);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Lazy));
    QVERIFY(runs[1].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[1], Store::Commit::Batched)); // a client waits on this one
    QVERIFY(changed.wait());
    // The whole batch, in its turn: what is held for it is answered on the announcement.
    QCOMPARE(m_store->changeSeq(), seq + 2);
    QCOMPARE(m_store->syncedSeq(), seq + 2);
}

void Tst_Store::batchSyncedBesideIsAnnouncedFirst()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    QSignalSpy synced(m_store.get(), &Store::synced);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Batched));
    m_store->syncBeside();
    QVERIFY(changed.wait());
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
    // The sync runs beside the event loop; synced() says when it is done.
    QVERIFY(synced.size() == 1 || synced.wait());
    QCOMPARE(m_store->syncedSeq(), seq + 1);
}

void Tst_Store::lazyBatchIsCommittedWithoutASync()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    const qint64 seq = m_store->changeSeq();
    QSignalSpy changed(m_store.get(), &Store::changed);
    QSignalSpy synced(m_store.get(), &Store::synced);
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Lazy));
    QVERIFY(changed.wait());
    // Committed (another connection reads it), but no sync was asked for.
    QCOMPARE(m_store->changeSeq(), seq + 1);
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
    QCOMPARE(m_store->syncedSeq(), seq);
    QCOMPARE(synced.size(), 0);
    // What a client is told next syncs it too.
    QVERIFY(m_store->commitBatch());
    QCOMPARE(m_store->syncedSeq(), seq + 1);
}

void Tst_Store::writeNowIsSyncedBeforeItReturns()
{
    QList<Run> runs = storeQueuedRuns();
    QVERIFY(!runs.isEmpty());
    QVERIFY(runs[0].advanceTo(RunStatus::Pending));
    QVERIFY(m_store->updateRun(runs[0], Store::Commit::Lazy));
    QVERIFY(runs[1].advanceTo(RunStatus::Stopped));
    QVERIFY(m_store->updateRun(runs[1]));
    QCOMPARE(m_store->syncedSeq(), m_store->changeSeq());
    QCOMPARE(committedStatus(QStringLiteral("b-1")), RunStatus::Pending);
}

#include "tst_store.moc"
