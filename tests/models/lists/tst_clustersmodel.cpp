// ClustersModel: the clusters of a server, in one request, filtered here.
#include "modeltesters.h"
#include "testserver.h"

#include <lists/clustersmodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ClustersModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAndFiltersClusters();
    void reportsAnUnreachableServer();
};

void Tst_ClustersModel::listsAndFiltersClusters()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    ClustersModel model(&client);
    ModelTesters testers(&model);
    QTRY_VERIFY(model.rowCount() >= 1 && !model.isLoading());
    QVERIFY(model.names().contains(QStringLiteral("local")));
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.totalCount(), model.rowCount());

    model.setNameFilter(QStringLiteral("no-such"));
    QTRY_VERIFY(model.totalCount() == 0 && !model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    model.setNameFilter(QStringLiteral("loc"));
    QTRY_COMPARE(model.names(), QStringList{QStringLiteral("local")});
}

void Tst_ClustersModel::reportsAnUnreachableServer()
{
    TestServer server;
    QVERIFY(server.start());
    const QUrl url = server.url();
    server.stop();
    FlotillaClient client(url, ServerFlavour::ControlPlane);
    client.setMaxRetries(0);
    ClustersModel model(&client);
    ModelTesters testers(&model);
    QSignalSpy errors(&model, &PagedTableModel::errorOccurred);
    model.reload();
    QVERIFY(errors.wait(10000));
    QCOMPARE(errors.first().value(0).value<ApiError>().kind(), ApiError::Kind::Transport);
    QVERIFY(!model.lastError().sentence().isEmpty());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(Tst_ClustersModel)
#include "tst_clustersmodel.moc"
