// StarredProxyModel: starred definitions first in the server's order, the
// "Starred" filter, markers, and column sorting left to the server.
#include "awaitjob.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/definitionlistmodel.h>
#include <lists/starredproxymodel.h>

#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_StarredProxyModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void starredComeFirstAndFilter();

private:
    QString create(const QString &alias);
    static QStringList aliases(const QAbstractItemModel &model);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_StarredProxyModel::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_StarredProxyModel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString Tst_StarredProxyModel::create(const QString &alias)
{
    Definition definition;
    definition.alias = alias;
    definition.image = QStringLiteral("alpine:3.20");
    definition.command = QStringLiteral("true");
    definition.memory = 64;
    return await(m_client->createDefinition(definition))->result().definitionId;
}

QStringList Tst_StarredProxyModel::aliases(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, DefinitionListModel::Alias).data().toString());
    return list;
}

void Tst_StarredProxyModel::starredComeFirstAndFilter()
{
    for (const char *alias : {"alpha", "bravo", "charlie", "delta"})
        create(QLatin1String(alias));
    const QString echo = create(QStringLiteral("echo"));

    DefinitionListModel source(m_client.get());
    source.sort(DefinitionListModel::Alias, Qt::AscendingOrder);
    StarredProxyModel proxy(&source);
    const QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelTesters sourceTesters(&source);
    QTRY_COMPARE(proxy.rowCount(), 5);
    QCOMPARE(aliases(proxy), (QStringList{"alpha", "bravo", "charlie", "delta", "echo"}));

    // Stars come first, among themselves in the server's order.
    QSignalSpy changed(&proxy, &StarredProxyModel::starredChanged);
    proxy.setStarred(echo, true);
    proxy.setStarred(source.index(2, 0).data(PagedTableModel::IdRole).toString(), true); // charlie
    QCOMPARE(changed.size(), 2);
    QCOMPARE(aliases(proxy), (QStringList{"charlie", "echo", "alpha", "bravo", "delta"}));
    QCOMPARE(proxy.index(0, DefinitionListModel::Image).data(StarredProxyModel::StarredRole).toBool(), true);
    QCOMPARE(proxy.index(2, 0).data(StarredProxyModel::StarredRole).toBool(), false);
    proxy.setStarred(echo, true); // no change, no signal
    QCOMPARE(changed.size(), 2);

    // The server sorts by a column; the stars stay on top.
    proxy.sort(DefinitionListModel::Alias, Qt::DescendingOrder);
    QTRY_COMPARE(aliases(proxy), (QStringList{"echo", "charlie", "delta", "bravo", "alpha"}));
    QCOMPARE(source.sortOrder(), Qt::DescendingOrder);

    // The filter keeps only the starred; unstarring drops a row from it.
    proxy.setStarredOnly(true);
    QCOMPARE(aliases(proxy), (QStringList{"echo", "charlie"}));
    proxy.setStarred(echo, false);
    QCOMPARE(aliases(proxy), QStringList{"charlie"});
    QCOMPARE(proxy.starredIds().size(), 1);
    proxy.setStarredOnly(false);
    QCOMPARE(proxy.rowCount(), 5);

    // Markers: a starred row's first column shows one, the others their blank.
    QPixmap star(16, 16);
    star.fill(Qt::yellow);
    QPixmap blank(16, 16);
    blank.fill(Qt::transparent);
    proxy.setMarkers(QIcon(star), QIcon(blank));
    const auto markerAt = [&proxy](int row) {
        return proxy.index(row, 0).data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).toImage().pixelColor(8, 8);
    };
    QCOMPARE(markerAt(0), QColor(Qt::yellow)); // charlie
    QCOMPARE(markerAt(1).alpha(), 0);
    QVERIFY(!proxy.index(0, 1).data(Qt::DecorationRole).isValid());

    // Stars set as a whole (another profile's, say) and rows arriving later.
    proxy.setStarredIds({echo});
    QCOMPARE(aliases(proxy).constFirst(), QStringLiteral("echo"));
    create(QStringLiteral("foxtrot"));
    source.refresh();
    QTRY_COMPARE(proxy.rowCount(), 6);
    QCOMPARE(aliases(proxy).constFirst(), QStringLiteral("echo"));
}

QTEST_MAIN(Tst_StarredProxyModel)
#include "tst_starredproxymodel.moc"
