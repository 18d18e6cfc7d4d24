// DefinitionListModel: definitions paged, filtered, sorted by the server and refreshed in place.
#include "awaitjob.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/definitionlistmodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_DefinitionListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pagesFiltersAndSorts();
    void refreshUpdatesInPlace();

private:
    Definition create(const QString &alias, const QString &group, qint64 memory, const QStringList &tags);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_DefinitionListModel::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_DefinitionListModel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

Definition Tst_DefinitionListModel::create(const QString &alias, const QString &group, qint64 memory,
                                           const QStringList &tags)
{
    Definition definition;
    definition.alias = alias;
    definition.groupName = group;
    definition.image = QStringLiteral("alpine:3.20");
    definition.command = QStringLiteral("echo  hello\nworld");
    definition.memory = memory;
    definition.tags = tags;
    definition.env = {{QStringLiteral("MODE"), alias}};
    return await(m_client->createDefinition(definition))->result();
}

void Tst_DefinitionListModel::pagesFiltersAndSorts()
{
    create(QStringLiteral("charlie"), QStringLiteral("ops"), 512, {QStringLiteral("nightly")});
    const Definition alpha = create(QStringLiteral("alpha"), QStringLiteral("finance"), 2048, {QStringLiteral("etl")});
    create(QStringLiteral("bravo"), QStringLiteral("ops"), 1024, {QStringLiteral("etl"), QStringLiteral("nightly")});

    DefinitionListModel model(m_client.get());
    model.setPageSize(2);
    ModelTesters testers(&model);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QTRY_VERIFY(!model.isLoading()); // the testers asked for the first page
    while (model.canFetchMore({}) || model.isLoading()) {
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 2); // a page of 2, then of 1
    QCOMPARE(inserted.last().at(1).toInt(), 2);
    QCOMPARE(inserted.last().at(2).toInt(), 2);
    QCOMPARE(model.index(0, DefinitionListModel::Alias).data().toString(), QStringLiteral("alpha")); // by alias
    QCOMPARE(model.index(0, 0).data(PagedTableModel::IdRole).toString(), alpha.definitionId);
    QCOMPARE(model.index(0, 0).data(PagedTableModel::ObjectRole).value<Definition>().env, alpha.env);
    QCOMPARE(model.index(0, DefinitionListModel::Memory).data(PagedTableModel::RawValueRole).toLongLong(), 2048);
    QCOMPARE(model.index(0, DefinitionListModel::Command).data().toString(), QStringLiteral("echo hello world"));
    QCOMPARE(model.index(2, DefinitionListModel::Tags).data().toString(), QStringLiteral("nightly"));
    QCOMPARE(model.rowOf(alpha.definitionId), 0);
    QCOMPARE(model.headerData(DefinitionListModel::Group, Qt::Horizontal).toString(), QStringLiteral("Group"));

    QVERIFY(model.isSortable(DefinitionListModel::Memory));
    QVERIFY(!model.isSortable(DefinitionListModel::Command));
    model.sort(DefinitionListModel::Memory, Qt::DescendingOrder);
    QTRY_VERIFY(model.rowCount() == 2 && !model.isLoading());
    QCOMPARE(model.itemAt(0).alias, QStringLiteral("alpha"));
    QCOMPARE(model.itemAt(1).alias, QStringLiteral("bravo"));

    model.setGroupFilter(QStringLiteral("ops"));
    QTRY_COMPARE(model.totalCount(), 2);
    model.setTagFilter(QStringLiteral("etl"));
    QVERIFY(model.canFilterByTag());
    QTRY_COMPARE(model.totalCount(), 1);
    QCOMPARE(model.itemAt(0).alias, QStringLiteral("bravo"));
    model.setGroupFilter({});
    model.setTagFilter({});
    model.setAliasFilter(QStringLiteral("arl"));
    QTRY_VERIFY(model.rowCount() == 1 && model.itemAt(0).alias == QStringLiteral("charlie"));
    QCOMPARE(model.totalCount(), 1);
    model.setAliasFilter({});
    model.setEnvFilter({{QStringLiteral("MODE"), QStringLiteral("bravo")}});
    QTRY_VERIFY(model.rowCount() == 1 && model.itemAt(0).alias == QStringLiteral("bravo"));
    model.setEnvFilter({});

    Definition reports = alpha;
    reports.alias = QStringLiteral("delta");
    reports.image = QStringLiteral("registry.example.com/reports:2.4");
    QVERIFY(await(m_client->createDefinition(reports))->succeeded());
    model.setImageFilter(QStringLiteral("reports"));
    QTRY_VERIFY(model.totalCount() == 1 && model.rowCount() == 1 && model.itemAt(0).alias == QStringLiteral("delta"));
}

void Tst_DefinitionListModel::refreshUpdatesInPlace()
{
    create(QStringLiteral("alpha"), {}, 512, {});
    Definition bravo = create(QStringLiteral("bravo"), {}, 512, {});
    const Definition delta = create(QStringLiteral("delta"), {}, 512, {});

    DefinitionListModel model(m_client.get());
    ModelTesters testers(&model);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 3);
    const QPersistentModelIndex deltaRow = model.index(2, 0);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    bravo.image = QStringLiteral("ubuntu:24.04");
    QVERIFY(await(m_client->updateDefinition(bravo))->succeeded());
    create(QStringLiteral("charlie"), {}, 512, {});
    QVERIFY(await(m_client->deleteDefinition(model.itemAt(0).definitionId))->succeeded());
    model.refresh();
    QTRY_VERIFY(model.rowCount() == 3 && model.itemAt(1).alias == QStringLiteral("charlie"));
    QCOMPARE(model.itemAt(0).image, QStringLiteral("ubuntu:24.04"));
    QCOMPARE(model.itemAt(1).alias, QStringLiteral("charlie"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(deltaRow.isValid());
    QCOMPARE(deltaRow.data(PagedTableModel::IdRole).toString(), delta.definitionId);
    QCOMPARE(deltaRow.row(), 2);
    QCOMPARE(resets.size(), 0);
}

QTEST_GUILESS_MAIN(Tst_DefinitionListModel)
#include "tst_definitionlistmodel.moc"
