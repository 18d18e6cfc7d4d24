// TagsModel: the tags of the definitions, refreshed in place.
#include "awaitjob.h"
#include "modeltesters.h"
#include "testserver.h"

#include <lists/tagsmodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_TagsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshAddsAndRemovesTagsInPlace();
};

void Tst_TagsModel::refreshAddsAndRemovesTagsInPlace()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    Definition definition;
    definition.alias = QStringLiteral("tagged");
    definition.image = QStringLiteral("none");
    definition.command = QStringLiteral("true");
    definition.tags = {QStringLiteral("etl"), QStringLiteral("nightly")};
    definition = await(client.createDefinition(definition))->result();

    TagsModel model(&client);
    ModelTesters testers(&model);
    QTRY_COMPARE(model.names(), (QStringList{QStringLiteral("etl"), QStringLiteral("nightly")}));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Tag"));
    const QPersistentModelIndex nightly = model.index(1, 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    definition.tags = {QStringLiteral("adhoc"), QStringLiteral("nightly")};
    QVERIFY(await(client.updateDefinition(definition))->succeeded());
    model.refresh();
    QTRY_COMPARE(model.names(), (QStringList{QStringLiteral("adhoc"), QStringLiteral("nightly")}));
    QCOMPARE(nightly.data().toString(), QStringLiteral("nightly"));
    QCOMPARE(resets.size(), 0);
}

QTEST_GUILESS_MAIN(Tst_TagsModel)
#include "tst_tagsmodel.moc"
