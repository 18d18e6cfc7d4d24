#include "invocation.h"

#include "command.h"

#include <client/profilestore.h>

#include <QStandardPaths>

namespace Flotilla {

Invocation::Invocation(Output output, QObject *parent)
    : QObject(parent)
    , m_output(output)
{}

Invocation::~Invocation() = default;

QString Invocation::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool Invocation::parseCommand(const Command &command, const QStringList &arguments)
{
    m_parser.addOptions(Command::globalOptions());
    m_parser.addOptions(command.options());
    if (!m_parser.parse(arguments))
        return false;
    m_positional = m_parser.positionalArguments();
    return true;
}

std::optional<QString> Invocation::globalOption(const QString &name) const
{
    if (m_parser.isSet(name))
        return m_parser.value(name);
    if (m_globalParsed && m_global.isSet(name))
        return m_global.value(name);
    return std::nullopt;
}

ProfileStore &Invocation::profileStore()
{
    if (!m_profileStore)
        m_profileStore = std::make_unique<ProfileStore>();
    return *m_profileStore;
}

void Invocation::setProfileStore(std::unique_ptr<ProfileStore> store)
{
    m_profileStore = std::move(store);
}

void Invocation::usageError(const QString &message)
{
    m_output.err(QStringLiteral("flotilla: %1\n").arg(message));
    done(2);
}

void Invocation::apiError(const ApiError &error)
{
    m_output.err(QStringLiteral("flotilla: %1\n").arg(error.sentence()));
    done(1);
}

void Invocation::done(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    m_output.endLine();
    Q_EMIT finished(exitCode);
}

} // namespace Flotilla
