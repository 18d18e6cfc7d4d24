#pragma once

#include "output.h"

#include <client/apierror.h>
#include <client/apijob.h>
#include <client/serverprofile.h>

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Flotilla {

class Command;
class FlotillaClient;
class ProfileStore;

// One run of a command: its parsed arguments, where the output goes, the
// server it talks to, and how it ends. finished() comes once, with the exit
// code: 0 success, 1 server or transport error, 2 usage error (or the run's
// exit code after --follow).
class Invocation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Invocation)

public:
    explicit Invocation(Output output = Output(), QObject *parent = nullptr);
    ~Invocation() override;

    // The options before the command (parsed by CommandLine).
    QCommandLineParser &globalParser() { return m_global; }
    void setGlobalParsed() { m_globalParsed = true; }
    // Parses the command's arguments (the program name first) with the
    // global options and the command's; false after a parse error (see
    // parser().errorText()).
    bool parseCommand(const Command &command, const QStringList &arguments);
    const QCommandLineParser &parser() const { return m_parser; }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    QStringList values(const QString &option) const { return m_parser.values(option); }
    const QStringList &positional() const { return m_positional; }
    // A global option, given before the command or after it.
    std::optional<QString> globalOption(const QString &name) const;

    Output &output() { return m_output; }

    FlotillaClient *client() const { return m_client; }
    void setClient(FlotillaClient *client) { m_client = client; }
    const ServerProfile &profile() const { return m_profile; }
    void setProfile(const ServerProfile &profile) { m_profile = profile; }
    ProfileStore &profileStore(); // the user's, unless set
    void setProfileStore(std::unique_ptr<ProfileStore> store);
    // Where the local control plane publishes its URL and token.
    QString dataDir() const { return m_dataDir; }
    void setDataDir(const QString &dataDir) { m_dataDir = dataDir; }
    static QString defaultDataDir();

    // Calls `ok` with the job once it succeeded; ends with exit code 1 on an error.
    template <typename Job>
    void whenDone(Job *job, std::function<void(Job *)> ok)
    {
        connect(job, &ApiJob::finished, this, [this, job, ok = std::move(ok)] {
            if (!job->succeeded())
                return apiError(job->error());
            ok(job);
        });
        job->start();
    }

    void usageError(const QString &message); // exit code 2
    void apiError(const ApiError &error);    // exit code 1
    void done(int exitCode = 0);
    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    QCommandLineParser m_global;
    bool m_globalParsed = false;
    QCommandLineParser m_parser; // the command's
    QStringList m_positional;    // the command's
    Output m_output;
    FlotillaClient *m_client = nullptr;
    ServerProfile m_profile; // the one in use
    std::unique_ptr<ProfileStore> m_profileStore;
    QString m_dataDir = defaultDataDir();
    bool m_finished = false;
    int m_exitCode = 0;
};

} // namespace Flotilla
