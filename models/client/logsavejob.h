#pragma once

#include "apierror.h"

#include <QObject>
#include <QPointer>
#include <QSaveFile>

namespace Flotilla {

class ApiJob;
class FlotillaClient;

// Saves the whole log of a run, as the server holds it now, to a file: pages
// through it with `last_seen` back to back and writes each page as it
// arrives, so no more than one page is in memory and no single request has
// to carry the whole log within the client's timeout. The file is a
// QSaveFile: it appears complete when the last page is written, and a failed
// request, a write error or abort() leave no file behind (an existing one
// stays as it was).
//
// Paging ends with an answer that brings no text or does not move the token
// (a server that sends no `last_seen` has sent everything at once).
// Like the API jobs: start() once, one finished(), then it deletes itself.
class LogSaveJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSaveJob)

public:
    LogSaveJob(FlotillaClient *client, QString runId, const QString &path, QObject *parent = nullptr);
    ~LogSaveJob() override;

    QString path() const { return m_file.fileName(); }
    void start();
    // Stops without a file; finished() follows with a Cancelled error.
    void abort();

    bool succeeded() const { return m_done && !m_error.isError() && m_fileError.isEmpty(); }
    const ApiError &error() const { return m_error; } // reading the log failed
    QString fileError() const { return m_fileError; } // writing the file failed
    qint64 bytesWritten() const { return m_bytes; }
    int pageCount() const { return m_pages; }

Q_SIGNALS:
    void progressed(qint64 bytesWritten);
    void finished();

private:
    void requestPage();
    void onPage(ApiJob *job);
    void finish();

    QPointer<FlotillaClient> m_client;
    QString m_runId;
    QSaveFile m_file;
    QPointer<ApiJob> m_job;
    QString m_token;
    ApiError m_error;
    QString m_fileError;
    qint64 m_bytes = 0;
    int m_pages = 0;
    bool m_started = false;
    bool m_done = false;
    bool m_finished = false; // finished() was emitted
};

} // namespace Flotilla
