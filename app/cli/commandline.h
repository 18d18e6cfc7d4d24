#pragma once

#include <client/apierror.h>
#include <client/serverprofile.h>
#include <wire/jsonreader.h>

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace Flotilla {

class ApiJob;
class FlotillaClient;
class LogTailer;
class ProfileStore;
struct Definition;
struct Run;

// The `flotilla` program: parses the arguments, runs one command through a
// FlotillaClient (jobs chained by their finished() signals, no nested event
// loop) and emits finished() once with the exit code:
// 0 success, 1 server or transport error, 2 usage error.
// Results go to stdout (tables, or JSON with --output json), messages to stderr.
class CommandLine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandLine)

public:
    explicit CommandLine(QStringList arguments, QObject *parent = nullptr);
    ~CommandLine() override;

    void start();
    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }

    static QString defaultDataDir();

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct Command;
    static const QList<Command> &commands();
    static const Command *findCommand(const QString &name);

    void run();
    std::optional<QString> globalOption(const QString &name) const;
    // The server from --server, --profile or the default profile; false after an error.
    bool setUpClient();
    // Reads the profile's secrets and settles the server flavour, then runs the command.
    void connectToServer();
    void runCommand();
    ProfileStore &profileStore();

    void listDefinitions();
    void showDefinition();
    void createDefinition();
    void updateDefinition();
    void deleteDefinition();
    void launch();
    void listRuns();
    void showRun();
    void logs();
    void stopRun();
    void names(const QString &which);
    void profiles();
    void listProfiles();
    void addProfile();
    void removeProfile();
    // --limit and --offset into the query; false after a usage error.
    bool addPaging(QUrlQuery *query);

    // Calls `ok` with the job once it succeeded; ends with exit code 1 on an error.
    template <typename Job>
    void whenDone(Job *job, std::function<void(Job *)> ok);
    // Reads a definition by id, and on 404 by alias.
    void fetchDefinition(const QString &key, std::function<void(const Definition &)> found);
    void follow(const QString &runId);
    void finishWithRunExit(const Run &run);

    void printDefinition(const Definition &definition);
    void printRun(const Run &run);
    void printJson(const Json &json);
    template <typename Item>
    void printJsonArray(const QList<Item> &items)
    {
        Json array = Json::array();
        for (const Item &item : items)
            array.push_back(item.toJson());
        printJson(array);
    }
    void printTable(const QStringList &headers, const QList<QStringList> &rows);
    void printFields(const QList<std::pair<QString, QString>> &fields);
    void out(const QString &text);
    void err(const QString &text);

    void usageError(const QString &message);
    void apiError(const ApiError &error);
    void done(int exitCode = 0);

    QString commandHelp(const Command &command) const;
    QString generalHelp() const;

    QStringList m_arguments;
    QCommandLineParser m_global;
    QCommandLineParser m_parser; // the command's
    const Command *m_command = nullptr;
    QStringList m_positional; // the command's
    bool m_json = false;
    std::unique_ptr<ProfileStore> m_profileStore;
    ServerProfile m_profile; // the one in use
    QString m_tokenOverride; // from --token-env
    FlotillaClient *m_client = nullptr;
    LogTailer *m_tailer = nullptr;
    bool m_finished = false;
    int m_exitCode = 0;
};

} // namespace Flotilla
