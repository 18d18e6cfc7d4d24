#pragma once

#include "command.h"

#include <QObject>
#include <QStringList>

namespace Flotilla {

class FlotillaClient;
class Invocation;

// The `flotilla` program: parses the global options, picks the command (see
// Command and its subclasses), prints help, connects to the server the
// command needs, runs the command and emits finished() once with the exit
// code: 0 success, 1 server or transport error, 2 usage error.
// Results go to stdout (tables, or JSON with --output json), messages to stderr.
class CommandLine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandLine)

public:
    explicit CommandLine(QStringList arguments, QObject *parent = nullptr);
    ~CommandLine() override;

    void start();
    bool isFinished() const;
    int exitCode() const;

    static const CommandList &commands(); // in the order of the help
    static const Command *findCommand(const QString &name);
    static QString generalHelp();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void run();
    // The server from --server, --profile or the default profile; false after an error.
    bool setUpClient();
    // Reads the profile's secrets and settles the server flavour, then runs the command.
    void connectToServer();
    void runCommand();

    QStringList m_arguments;
    Invocation *m_invocation;
    const Command *m_command = nullptr;
    QString m_tokenOverride; // from --token-env
    FlotillaClient *m_client = nullptr;
};

} // namespace Flotilla
