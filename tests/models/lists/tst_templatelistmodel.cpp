// TemplateListModel over a real control plane: the latest version of each
// name by default, every version on request, one name's versions, server
// sorting by name and version, refresh without a reset, and the roles.
#include "listtesting.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/templatelistmodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

Json templateBody(const char *name, int memory)
{
    return Json{{"template_name", name},
                {"image", "busybox"},
                {"memory", memory},
                {"schema", {{"type", "object"}}},
                {"command_template", "echo {{.x}}"}};
}

QStringList namesAndVersions(const TemplateListModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows.append(QStringLiteral("%1 v%2").arg(model.index(row, TemplateListModel::Name).data().toString(),
                                                 model.index(row, TemplateListModel::Version).data().toString()));
    return rows;
}

} // namespace

class Tst_TemplateListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void latestVersionsByDefault();
    void everyVersionAndOneName();
    void sortsOnTheServer();
    void refreshAddsANewVersionWithoutReset();

private:
    void post(const Json &body);

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_TemplateListModel::initTestCase()
{
    QVERIFY(m_server.start());
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
    for (const auto &[name, memory] : {std::pair{"beta", 64}, std::pair{"alpha", 64}, std::pair{"alpha", 128},
                                       std::pair{"gamma", 64}, std::pair{"alpha", 256}})
        post(templateBody(name, memory));
}

void Tst_TemplateListModel::post(const Json &body)
{
    HttpTestClient http(m_server);
    QCOMPARE(http.post(QStringLiteral("/api/v7/template"), body).status, 200);
}

void Tst_TemplateListModel::latestVersionsByDefault()
{
    TemplateListModel model(m_client.get());
    model.setPageSize(2);
    ModelTesters testers(&model);
    QVERIFY(loadAllPages(model));
    QCOMPARE(namesAndVersions(model), (QStringList{u"alpha v3"_qs, u"beta v1"_qs, u"gamma v1"_qs}));
    const QModelIndex alpha = model.index(0, TemplateListModel::Memory);
    QCOMPARE(alpha.data().toLongLong(), 256);
    const Template tpl = alpha.data(PagedTableModel::ObjectRole).value<Template>();
    QCOMPARE(tpl.displayName(), u"alpha v3"_qs);
    QCOMPARE(alpha.data(PagedTableModel::IdRole).toString(), tpl.templateId);
    QCOMPARE(model.rowOf(tpl.templateId), 0);
    QVERIFY(!model.index(0, TemplateListModel::Cpu).data().isValid());
    QCOMPARE(model.headerData(TemplateListModel::Version, Qt::Horizontal).toString(), u"Version"_qs);
}

void Tst_TemplateListModel::everyVersionAndOneName()
{
    TemplateListModel model(m_client.get());
    ModelTesters testers(&model);
    model.setLatestOnly(false);
    QVERIFY(loadAllPages(model));
    QCOMPARE(model.rowCount(), 5);
    model.setNameFilter(QStringLiteral("alpha"));
    model.sort(TemplateListModel::Version, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isLoading() && model.rowCount() == 3);
    QCOMPARE(namesAndVersions(model), (QStringList{u"alpha v3"_qs, u"alpha v2"_qs, u"alpha v1"_qs}));
}

void Tst_TemplateListModel::sortsOnTheServer()
{
    TemplateListModel model(m_client.get());
    ModelTesters testers(&model);
    QVERIFY(model.isSortable(TemplateListModel::Name));
    QVERIFY(model.isSortable(TemplateListModel::Version));
    QVERIFY(!model.isSortable(TemplateListModel::Image));
    model.sort(TemplateListModel::Name, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isLoading() && model.rowCount() == 3);
    QCOMPARE(namesAndVersions(model), (QStringList{u"gamma v1"_qs, u"beta v1"_qs, u"alpha v3"_qs}));
}

void Tst_TemplateListModel::refreshAddsANewVersionWithoutReset()
{
    TemplateListModel model(m_client.get());
    ModelTesters testers(&model);
    QVERIFY(loadAllPages(model));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    post(templateBody("beta", 512));
    model.refresh();
    QTRY_VERIFY(namesAndVersions(model).contains(u"beta v2"_qs));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(resets.count(), 0);
}

QTEST_GUILESS_MAIN(Tst_TemplateListModel)
#include "tst_templatelistmodel.moc"
