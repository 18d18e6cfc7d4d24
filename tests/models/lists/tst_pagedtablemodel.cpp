// PagedTableModel: growing pages through fetchMore(), server-side sorting,
// filters coalesced into one reload, errors that stop paging, and refresh in
// place; a minimal subclass over the definitions of a real control plane.
#include "awaitjob.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/itemtablemodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// Definitions by alias, the queries it sent recorded.
class AliasModel final : public ItemTableModel<Definition>
{
public:
    enum Column { Alias, Group, ColumnCount };

    explicit AliasModel(FlotillaClient *client)
        : ItemTableModel(client, ColumnCount, nullptr)
    {}

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Definition &definition = itemAt(index.row());
        if (role == IdRole)
            return definition.definitionId;
        if (role != Qt::DisplayRole && role != RawValueRole)
            return {};
        return index.column() == Alias ? definition.alias : definition.groupName;
    }

    QStringList aliases() const
    {
        QStringList aliases;
        for (const Definition &definition : m_items)
            aliases.append(definition.alias);
        return aliases;
    }
    void setGroup(const QString &group) { setFilter(m_group, group); }
    void setAlias(const QString &alias) { setFilter(m_alias, alias); }

    QList<QUrlQuery> queries;

protected:
    QString sortKey(int column) const override { return column == Alias ? QStringLiteral("alias") : QString(); }
    int fallbackSortColumn() const override { return Alias; }
    void addFilters(QUrlQuery &query) const override
    {
        if (!m_group.isEmpty())
            query.addQueryItem(QStringLiteral("group_name"), m_group);
        if (!m_alias.isEmpty())
            query.addQueryItem(QStringLiteral("alias"), m_alias);
    }
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override
    {
        queries.append(query);
        return client.listDefinitions(query);
    }
    QList<Definition> itemsOf(ApiJob &job, qint64 *total) const override
    {
        const DefinitionList &list = static_cast<ResultJob<DefinitionList> &>(job).result();
        *total = list.page.total;
        return list.definitions;
    }
    QString idOf(const Definition &definition) const override { return definition.definitionId; }
    ResultJob<Definition> *createItemJob(FlotillaClient &client, const QString &id) override
    {
        return client.definition(id);
    }
    QString changeKind() const override { return QStringLiteral("definition"); }
    bool differ(const Definition &a, const Definition &b) const override
    {
        return a.alias != b.alias || a.groupName != b.groupName;
    }

private:
    QString m_group;
    QString m_alias;
};

QString limitOf(const QUrlQuery &query)
{
    return query.queryItemValue(QStringLiteral("limit"));
}

} // namespace

class Tst_PagedTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagesGrowUntilEverythingIsLoaded();
    void sortsOnTheServer();
    void filtersReloadOnceAndFromTheStart();
    void failedPageStopsPagingUntilReload();
    void refreshUpdatesRowsInPlace();

private:
    void loadAll(AliasModel &model);
    Definition create(const QString &alias, const QString &group);

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_PagedTableModel::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
    for (int i = 1; i <= 25; ++i)
        create(QStringLiteral("job-%1").arg(i, 2, 10, QLatin1Char('0')),
               i % 5 == 0 ? QStringLiteral("fives") : QStringLiteral("rest"));
}

Definition Tst_PagedTableModel::create(const QString &alias, const QString &group)
{
    Definition definition;
    definition.alias = alias;
    definition.groupName = group;
    definition.image = QStringLiteral("none");
    definition.command = QStringLiteral("true");
    auto *job = await(m_client->createDefinition(definition));
    return job->succeeded() ? job->result() : Definition();
}

void Tst_PagedTableModel::loadAll(AliasModel &model)
{
    QTRY_VERIFY(!model.isLoading());
    while (model.canFetchMore({})) {
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
    }
}

void Tst_PagedTableModel::pagesGrowUntilEverythingIsLoaded()
{
    AliasModel model(m_client.get());
    model.setPageSizes(4, 10);
    ModelTesters testers(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    loadAll(model);
    QCOMPARE(model.rowCount(), 25);
    QCOMPARE(model.totalCount(), 25);
    QVERIFY(!model.canFetchMore({}));
    // 4, then as many as are loaded (4, 8), capped at 10; one insert per page.
    QStringList limits;
    for (const QUrlQuery &query : std::as_const(model.queries))
        limits.append(limitOf(query));
    QCOMPARE(limits, (QStringList{u"4"_qs, u"4"_qs, u"8"_qs, u"10"_qs}));
    QCOMPARE(inserted.size(), 4);
    QCOMPARE(model.queries.last().queryItemValue(QStringLiteral("offset")), u"16"_qs);
    QCOMPARE(model.index(0, AliasModel::Alias).data().toString(), u"job-01"_qs);
    QVERIFY(!model.lastError().isError());
}

void Tst_PagedTableModel::sortsOnTheServer()
{
    AliasModel model(m_client.get());
    model.setPageSize(100);
    ModelTesters testers(&model);
    loadAll(model);
    QCOMPARE(model.sortColumn(), int(AliasModel::Alias)); // the fallback
    QVERIFY(model.isSortable(AliasModel::Alias));
    QVERIFY(!model.isSortable(AliasModel::Group));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(AliasModel::Alias, Qt::DescendingOrder);
    loadAll(model);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.queries.last().queryItemValue(QStringLiteral("sort_by")), u"alias"_qs);
    QCOMPARE(model.queries.last().queryItemValue(QStringLiteral("order")), u"desc"_qs);
    QCOMPARE(model.aliases().first(), u"job-25"_qs);
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);

    const qsizetype sent = model.queries.size();
    model.sort(AliasModel::Group, Qt::AscendingOrder); // not sortable here: ignored
    QCOMPARE(model.queries.size(), sent);
    QCOMPARE(resets.size(), 1);
}

void Tst_PagedTableModel::filtersReloadOnceAndFromTheStart()
{
    AliasModel model(m_client.get());
    model.setPageSize(100);
    ModelTesters testers(&model);
    loadAll(model);
    const qsizetype sent = model.queries.size();
    model.setGroup(QStringLiteral("fives"));
    model.setAlias(QStringLiteral("job-1"));
    model.setGroup(QStringLiteral("fives")); // unchanged: nothing more
    QCOMPARE(model.queries.size(), sent);    // nothing before the event loop runs
    QTRY_COMPARE(model.queries.size(), sent + 1);
    QTRY_VERIFY(!model.isLoading());
    const QUrlQuery query = model.queries.last();
    QCOMPARE(query.queryItemValue(QStringLiteral("offset")), u"0"_qs);
    QCOMPARE(query.queryItemValue(QStringLiteral("group_name")), u"fives"_qs);
    QCOMPARE(model.aliases(), (QStringList{u"job-10"_qs, u"job-15"_qs}));
    QCOMPARE(model.totalCount(), 2);
}

void Tst_PagedTableModel::failedPageStopsPagingUntilReload()
{
    FlotillaClient wrongToken(m_server.url(), ServerFlavour::ControlPlane);
    wrongToken.setBearerToken(QStringLiteral("not-the-token"));
    AliasModel model(&wrongToken);
    ModelTesters testers(&model);
    QSignalSpy errors(&model, &PagedTableModel::errorOccurred);
    QTRY_COMPARE(errors.size(), 1);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.lastError().httpStatus(), 401);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), -1);

    wrongToken.setBearerToken(QString::fromUtf8(m_server.token()));
    model.reload();
    loadAll(model);
    QCOMPARE(model.rowCount(), 25);
    QVERIFY(!model.lastError().isError());
    QCOMPARE(errors.size(), 1);
}

void Tst_PagedTableModel::refreshUpdatesRowsInPlace()
{
    AliasModel model(m_client.get());
    model.setPageSize(100);
    model.setGroup(QStringLiteral("fives"));
    ModelTesters testers(&model);
    QTRY_COMPARE(model.rowCount(), 5);
    // Spied before the create: the change feed may bring its row while create() waits.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    Definition added = create(QStringLiteral("job-00"), QStringLiteral("fives"));
    QVERIFY(!added.definitionId.isEmpty());
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 6);
    QCOMPARE(model.aliases().first(), u"job-00"_qs);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.totalCount(), 6);
    QVERIFY(await(m_client->deleteDefinition(added.definitionId))->succeeded());
}

QTEST_GUILESS_MAIN(Tst_PagedTableModel)
#include "tst_pagedtablemodel.moc"
