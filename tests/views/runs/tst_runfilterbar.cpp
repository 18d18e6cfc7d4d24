// RunFilterBar: each filter reaches the server as the list query says, and a
// table shows only the filters it asks for.
#include <fixtureserver.h>
#include <runs/runfilterbar.h>
#include <widgettesting.h>

#include <client/flotillaclient.h>
#include <lists/runlistmodel.h>

#include <QAction>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QToolButton>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunFilterBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void finishedBoundsAreSentAsRfc3339();
    void statusesStartAsAskedAndShowOnTheButton();
    void onlyTheFiltersAskedForAreShown();

private:
    QDateTimeEdit *editNamed(QWidget *bar, const QString &accessibleName) const;
    QUrlQuery lastListQuery() const;

    FixtureServer m_upstream;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RunFilterBar::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_upstream.setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path.endsWith("/history"))
            return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("run-list-empty-head.json")));
        return std::nullopt;
    });
    m_client = std::make_unique<FlotillaClient>(m_upstream.url(), ServerFlavour::CurrentUpstream);
}

QDateTimeEdit *Tst_RunFilterBar::editNamed(QWidget *bar, const QString &accessibleName) const
{
    for (QDateTimeEdit *edit : bar->findChildren<QDateTimeEdit *>()) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    qFatal("no time edit named %s", qPrintable(accessibleName));
    return nullptr;
}

QUrlQuery Tst_RunFilterBar::lastListQuery() const
{
    const QList<FixtureRequest> requests = m_upstream.requests();
    for (auto request = requests.crbegin(); request != requests.crend(); ++request) {
        if (request->path.endsWith("/history"))
            return request->query;
    }
    return {};
}

void Tst_RunFilterBar::finishedBoundsAreSentAsRfc3339()
{
    RunListModel model(m_client.get());
    model.setAutoRefresh(false);
    RunFilterBar bar(&model, RunFilterBar::AllFilters, {});
    model.reload();
    QTRY_VERIFY(!model.isLoading());
    const QDateTime since(QDate(2026, 11, 30), QTime(8, 15), Qt::UTC);
    editNamed(&bar, QStringLiteral("Finished since"))->setDateTime(since.toLocalTime());
    QTRY_VERIFY(lastListQuery().hasQueryItem(QStringLiteral("finished_at_since")));
    QCOMPARE(QDateTime::fromString(lastListQuery().queryItemValue(QStringLiteral("finished_at_since"),
                                                                  QUrl::FullyDecoded),
                                   Qt::ISODateWithMs),
             since);
    QVERIFY(!lastListQuery().hasQueryItem(QStringLiteral("finished_at_until"))); // "until: now" is no bound
    // Back to "any time": the bound goes.
    QDateTimeEdit *edit = editNamed(&bar, QStringLiteral("Finished since"));
    edit->setDateTime(edit->minimumDateTime());
    QTRY_VERIFY(!lastListQuery().hasQueryItem(QStringLiteral("finished_at_since")));
}

void Tst_RunFilterBar::statusesStartAsAskedAndShowOnTheButton()
{
    RunListModel model(m_client.get());
    model.setAutoRefresh(false);
    RunFilterBar bar(&model, RunFilterBar::Status, {RunStatus::Running});
    auto *button = bar.findChild<QToolButton *>();
    QCOMPARE(button->text(), QStringLiteral("Running"));
    model.reload();
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(lastListQuery().allQueryItemValues(QStringLiteral("status")), QStringList{QStringLiteral("RUNNING")});
    for (QAction *action : button->menu()->actions())
        action->setChecked(true);
    QCOMPARE(button->text(), QStringLiteral("All statuses"));
}

void Tst_RunFilterBar::onlyTheFiltersAskedForAreShown()
{
    RunListModel model(m_client.get());
    model.setAutoRefresh(false);
    RunFilterBar bar(&model, RunFilterBar::Status | RunFilterBar::Cluster | RunFilterBar::Started, {});
    bar.show();
    QVERIFY(editNamed(&bar, QStringLiteral("Started since"))->isVisible());
    QVERIFY(!editNamed(&bar, QStringLiteral("Finished since"))->isVisible());
    for (QLineEdit *edit : bar.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == u"Alias filter" || edit->accessibleName() == u"Environment filter")
            QVERIFY(!edit->isVisible());
    }
    QCOMPARE(controlsWithoutAccessibleName(&bar), QStringList());
}

QTEST_MAIN(Tst_RunFilterBar)
#include "tst_runfilterbar.moc"
