// GroupsModel: the groups of the definitions, paged and filtered by name.
#include "listtesting.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/groupsmodel.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_GroupsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesAndFiltersGroups();
};

void Tst_GroupsModel::pagesAndFiltersGroups()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    QVERIFY(createDefinitionsInGroups(client, {u"ops"_qs, u"finance"_qs, u"ml-ops"_qs}));

    GroupsModel model(&client);
    model.setPageSize(2);
    ModelTesters testers(&model);
    QVERIFY(loadAllPages(model));
    QCOMPARE(model.names(), (QStringList{QStringLiteral("finance"), QStringLiteral("ml-ops"), QStringLiteral("ops")}));
    QCOMPARE(model.totalCount(), 3);
    QCOMPARE(model.index(1, 0).data(PagedTableModel::IdRole).toString(), QStringLiteral("ml-ops"));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Group"));
    QVERIFY(!model.isSortable(GroupsModel::Name));

    model.setNameFilter(QStringLiteral("ops"));
    QTRY_VERIFY(model.totalCount() == 2 && model.rowCount() == 2);
    QCOMPARE(model.names(), (QStringList{QStringLiteral("ml-ops"), QStringLiteral("ops")}));
}

QTEST_GUILESS_MAIN(Tst_GroupsModel)
#include "tst_groupsmodel.moc"
