#pragma once

#include <wire/envvar.h>
#include <wire/launchrequest.h>

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QUrlQuery;

namespace Flotilla {

class Invocation;

// One command of the `flotilla` program: its name, a one-line description,
// its options and arguments, its help, and what it does. CommandLine picks
// the command and parses its arguments into an Invocation; run() does the
// work (chaining jobs, never a nested event loop) and ends the invocation.
class Command
{
    Q_DISABLE_COPY_MOVE(Command)

public:
    // What the help says of a command.
    struct Description
    {
        QString name;
        QString arguments; // for the synopsis, e.g. "ID_OR_ALIAS"
        QString description;
        QList<QCommandLineOption> options;
        int minPositional = 0;
        int maxPositional = 0;
    };

    virtual ~Command();

    QString name() const { return m_description.name; }
    QString arguments() const { return m_description.arguments; }
    QString description() const { return m_description.description; }
    QList<QCommandLineOption> options() const { return m_description.options; }
    int minPositional() const { return m_description.minPositional; }
    int maxPositional() const { return m_description.maxPositional; }
    // Whether run() needs invocation.client(), a server settled beforehand.
    virtual bool needsServer() const { return true; }
    QString helpText() const; // usage line, description, options

    virtual void run(Invocation &invocation) const = 0;

    // The options every command takes, before or after its name.
    static QList<QCommandLineOption> globalOptions();
    static QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr);
    // --memory, --cpu, --engine and --node-lifecycle, of launch and launch-template.
    static QList<QCommandLineOption> launchResourceOptions();

protected:
    explicit Command(Description description);

    // The value of --NAME as a whole number >= 0; false after a usage error.
    static bool parseCount(Invocation &invocation, const QString &name, std::optional<qint64> *value);
    // --env NAME=VALUE entries; false after a usage error.
    static bool parseEnv(Invocation &invocation, EnvList *env);
    // The file an option names, or standard input for "-"; an error
    // naming the option and the file, or empty.
    static QString readFile(const QString &option, const QString &path, QByteArray *text);
    // --limit and --offset into the query; false after a usage error.
    static bool addPaging(Invocation &invocation, QUrlQuery *query);
    // What a launch asks for beyond its cluster (launchResourceOptions()).
    struct LaunchResources
    {
        std::optional<qint64> memory;
        std::optional<qint64> cpu;
        LaunchPlacement placement;
    };
    // false after a usage error.
    static bool parseLaunchResources(Invocation &invocation, LaunchResources *resources);

private:
    Description m_description;
};

using CommandList = QList<std::shared_ptr<const Command>>;

} // namespace Flotilla
