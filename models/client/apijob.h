#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

class QNetworkReply;

namespace Flotilla {

class FlotillaClient;

// One HTTP request of the API: method, the path below /api/ (segments already
// percent-encoded), decoded query items and a body.
struct ApiRequest
{
    QByteArray method = "GET";
    QString path;
    QList<std::pair<QString, QString>> query;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // besides the client's (If-None-Match, say)
};

// One API call (KJob semantics). start() sends the request and returns; the
// job emits finished() exactly once: after an answer was read (see error(),
// and the result() of the typed subclass), after the timeout, or after
// abort() (error().kind() == Cancelled). No event loop is nested, nothing blocks.
//
// Ownership: a job is a child of the FlotillaClient that made it and, unless
// setAutoDelete(false), deletes itself with deleteLater() after finished():
// read the result in a slot connected to finished(). Deleting the client
// deletes its jobs, which abort quietly (no finished()).
//
// Each attempt has its own timeout (the client's, unless setTimeout()). GETs
// are sent again after a transient error (connection refused or reset, 502,
// 503, 504) with exponential backoff from 250 ms, at most maxRetries() times;
// POST, PUT and DELETE are never repeated. Every attempt builds its URL from
// the client's base URL of that moment, so a retry follows setBaseUrl().
class ApiJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)

public:
    ~ApiJob() override;

    void start();
    void abort();

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    int maxRetries() const { return m_maxRetries; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    // Fields of a 2xx answer the client could not read; the result has the rest.
    QStringList warnings() const { return m_warnings; }
    int attempts() const { return m_attempts; }
    QByteArray method() const { return m_request.method; }
    QUrl url() const { return m_url; } // of the latest attempt
    // A header of the final answer (ETag, say); empty when it had none.
    QByteArray answerHeader(const QByteArray &name) const;

Q_SIGNALS:
    void finished();

protected:
    ApiJob(FlotillaClient *client, ApiRequest request);

    // Called with every final answer (after retries). The default turns a
    // non-2xx status into an ApiError and hands a 2xx body to parse().
    virtual void handleAnswer(int status, const QByteArray &body, const QByteArray &contentType);
    // Reads a 2xx body into the result; returns why it could not, or nothing.
    virtual QString parse(const QByteArray &body, QStringList *warnings) = 0;

    void sendNext(ApiRequest request); // a follow-up request of the same job
    // Ends the job after a 2xx body was read: with its warnings, and an
    // error when `problem` says why the body was unusable.
    void finishParsed(int status, const QString &problem, const QStringList &warnings);
    void finishWith(const ApiError &error);
    void finishOk() { finishWith(ApiError()); }
    ApiError errorFromAnswer(int status, const QByteArray &body, const QByteArray &contentType) const;

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void dropReply();

    QPointer<FlotillaClient> m_client;
    ApiRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QTimer m_backoff;
    QUrl m_url;
    QList<std::pair<QByteArray, QByteArray>> m_answerHeaders;
    ApiError m_error;
    QStringList m_warnings;
    int m_timeoutMs = 30000;
    int m_maxRetries = 3;
    int m_attempts = 0;
    int m_retries = 0;
    bool m_autoDelete = true;
    bool m_started = false;
    bool m_finished = false;
};

// A job whose answer becomes a value of type T.
//
// A body of backgroundParseBytes or more is read on a QThreadPool thread, so
// a page of thousands of runs does not stall the UI (bench_runlistmodel);
// finished() still comes on the job's thread, and abort() meanwhile wins.
// The parser must therefore be a pure function of the body.
template <typename T>
class ResultJob final : public ApiJob
{
public:
    // Reads a 2xx body; sets *problem when the body is unusable.
    using Parser = std::function<T(const QByteArray &body, QString *problem, QStringList *warnings)>;
    static constexpr qsizetype backgroundParseBytes = 256 * 1024;

    ResultJob(FlotillaClient *client, ApiRequest request, Parser parser)
        : ApiJob(client, std::move(request))
        , m_parser(std::move(parser))
    {}

    const T &result() const { return m_result; }

protected:
    void handleAnswer(int status, const QByteArray &body, const QByteArray &contentType) override
    {
        if (status < 200 || status > 299 || body.size() < backgroundParseBytes) {
            ApiJob::handleAnswer(status, body, contentType);
            return;
        }
        // The worker fills `parsed` before finish(), which publishes it.
        auto parsed = std::make_shared<Parsed>();
        auto promise = std::make_shared<QPromise<void>>();
        auto *watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, parsed, status] {
            watcher->deleteLater();
            if (isFinished()) // aborted meanwhile
                return;
            m_result = std::move(parsed->value);
            finishParsed(status, parsed->problem, parsed->warnings);
        });
        watcher->setFuture(promise->future());
        promise->start();
        QThreadPool::globalInstance()->start([promise, parsed, parser = m_parser, body] {
            parsed->value = parser(body, &parsed->problem, &parsed->warnings);
            promise->finish();
        });
    }

    QString parse(const QByteArray &body, QStringList *warnings) override
    {
        QString problem;
        m_result = m_parser(body, &problem, warnings);
        return problem;
    }

private:
    struct Parsed
    {
        T value{};
        QString problem;
        QStringList warnings;
    };

    Parser m_parser;
    T m_result{};
};

} // namespace Flotilla
