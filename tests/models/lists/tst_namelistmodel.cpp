// NameListModel: one column of names from a client call, every role the
// name, a substring filter sent as `name`, paged and never sortable; through
// a minimal subclass over GET /groups of a real control plane.
#include "listtesting.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/namelistmodel.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

class GroupNames final : public NameListModel
{
public:
    explicit GroupNames(FlotillaClient *client)
        : NameListModel(client, &FlotillaClient::groups, QStringLiteral("Names"), nullptr)
    {}
};

} // namespace

class Tst_NameListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesInEveryRoleAndFiltered();
};

void Tst_NameListModel::namesInEveryRoleAndFiltered()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    const QStringList groups{u"alpha"_qs, u"beta"_qs, u"alphabet"_qs, u"gamma"_qs, u"delta"_qs};
    QVERIFY(createDefinitionsInGroups(client, groups));

    GroupNames model(&client);
    model.setPageSize(2);
    ModelTesters testers(&model);
    QVERIFY(loadAllPages(model));
    QCOMPARE(model.names(), (QStringList{u"alpha"_qs, u"alphabet"_qs, u"beta"_qs, u"delta"_qs, u"gamma"_qs}));
    QCOMPARE(model.columnCount(), 1);
    const QModelIndex beta = model.index(2, NameListModel::Name);
    for (const int role : {int(Qt::DisplayRole), int(PagedTableModel::IdRole), int(PagedTableModel::ObjectRole),
                           int(PagedTableModel::RawValueRole)})
        QCOMPARE(beta.data(role).toString(), u"beta"_qs);
    QVERIFY(!beta.data(Qt::DecorationRole).isValid());
    QCOMPARE(model.headerData(NameListModel::Name, Qt::Horizontal).toString(), u"Names"_qs);
    QVERIFY(!model.isSortable(NameListModel::Name));
    QCOMPARE(model.sortColumn(), -1);

    model.setNameFilter(QStringLiteral("alpha"));
    QCOMPARE(model.nameFilter(), u"alpha"_qs);
    QTRY_VERIFY(!model.isLoading() && model.totalCount() == 2);
    QCOMPARE(model.names(), (QStringList{u"alpha"_qs, u"alphabet"_qs}));
    model.setNameFilter({});
    QTRY_VERIFY(!model.isLoading() && model.totalCount() == 5);
}

QTEST_GUILESS_MAIN(Tst_NameListModel)
#include "tst_namelistmodel.moc"
