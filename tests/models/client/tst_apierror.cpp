// ApiError: one value for every way a call fails, and its sentence.
#include <client/apierror.h>

#include <QTest>

using namespace Flotilla;

class Tst_ApiError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noErrorIsEmpty();
    void serverMessageIsQuotedVerbatim();
    void statusWithoutMessageStillSaysSomething();
    void transportErrorsSayWhatToCheck();
    void timeoutNamesTheWait();
    void transientErrors_data();
    void transientErrors();
    void badAnswerAndCancel();
};

void Tst_ApiError::noErrorIsEmpty()
{
    const ApiError error;
    QVERIFY(!error.isError());
    QCOMPARE(error.kind(), ApiError::Kind::None);
    QVERIFY(error.sentence().isEmpty());
}

void Tst_ApiError::serverMessageIsQuotedVerbatim()
{
    const QString message = QStringLiteral("string [image] must be specified\nstring [alias] must be specified");
    const ApiError error = ApiError::http(400, message, QStringLiteral("POST"),
                                          QUrl(QStringLiteral("http://h:1/api/v1/task")));
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.serverMessage(), message);
    QCOMPARE(error.transportError(), QNetworkReply::NoError);
    QVERIFY(error.sentence().startsWith(message));
    QVERIFY(error.sentence().contains(u"HTTP 400"));
    QVERIFY(error.sentence().contains(u"POST http://h:1/api/v1/task"));

    const ApiError routerNotFound = ApiError::http(404, QStringLiteral("404 page not found"));
    QCOMPARE(routerNotFound.sentence(), QStringLiteral("404 page not found (HTTP 404)"));
}

void Tst_ApiError::statusWithoutMessageStillSaysSomething()
{
    QVERIFY(ApiError::http(405, {}).sentence().contains(u"does not offer"));
    QVERIFY(ApiError::http(401, {}).sentence().contains(u"token"));
    QVERIFY(ApiError::http(500, {}).sentence().contains(u"HTTP 500"));
}

void Tst_ApiError::transportErrorsSayWhatToCheck()
{
    const ApiError refused = ApiError::transport(QNetworkReply::ConnectionRefusedError,
                                                 QStringLiteral("Connection refused"), QStringLiteral("GET"),
                                                 QUrl(QStringLiteral("http://127.0.0.1:9/api/v1/task")));
    QCOMPARE(refused.kind(), ApiError::Kind::Transport);
    QCOMPARE(refused.httpStatus(), 0);
    QVERIFY(refused.sentence().contains(u"http://127.0.0.1:9"));
    QVERIFY(refused.sentence().contains(u"running"));
    const ApiError unknownHost = ApiError::transport(QNetworkReply::HostNotFoundError,
                                                     QStringLiteral("Host x not found"));
    QVERIFY(unknownHost.sentence().contains(u"address"));
    const ApiError other = ApiError::transport(QNetworkReply::SslHandshakeFailedError,
                                               QStringLiteral("bad certificate"));
    QVERIFY(other.sentence().contains(u"bad certificate"));
}

void Tst_ApiError::timeoutNamesTheWait()
{
    const ApiError error = ApiError::timeout(1500);
    QVERIFY(error.isTimeout());
    QVERIFY(!error.isTransient());
    QVERIFY(error.sentence().contains(u"1500 ms"));
}

void Tst_ApiError::transientErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("transport");
    QTest::addColumn<bool>("transient");
    QTest::newRow("502") << 502 << 0 << true;
    QTest::newRow("503") << 503 << 0 << true;
    QTest::newRow("504") << 504 << 0 << true;
    QTest::newRow("500") << 500 << 0 << false;
    QTest::newRow("404") << 404 << 0 << false;
    QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << true;
    QTest::newRow("reset") << 0 << int(QNetworkReply::RemoteHostClosedError) << true;
    QTest::newRow("host not found") << 0 << int(QNetworkReply::HostNotFoundError) << false;
}

void Tst_ApiError::transientErrors()
{
    QFETCH(int, status);
    QFETCH(int, transport);
    QFETCH(bool, transient);
    const ApiError error = status ? ApiError::http(status, {})
                                  : ApiError::transport(QNetworkReply::NetworkError(transport), {});
    QCOMPARE(error.isTransient(), transient);
}

void Tst_ApiError::badAnswerAndCancel()
{
    const ApiError bad = ApiError::badAnswer(QStringLiteral("it is not JSON: \"<html>\""));
    QCOMPARE(bad.kind(), ApiError::Kind::BadAnswer);
    QVERIFY(bad.sentence().contains(u"<html>"));
    const ApiError cancelled = ApiError::cancelled();
    QCOMPARE(cancelled.transportError(), QNetworkReply::OperationCanceledError);
    QVERIFY(cancelled.sentence().contains(u"cancelled"));
}

QTEST_GUILESS_MAIN(Tst_ApiError)
#include "tst_apierror.moc"
