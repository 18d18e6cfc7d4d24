#pragma once

// What the tests of the command classes share: an Output the test reads
// back, and one command run through an Invocation to its end.
#include <cli/command.h>
#include <cli/invocation.h>

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>
#include <functional>

namespace Flotilla::Testing {

// Writes to two temporary files and reads them back.
class CapturedOutput final
{
    Q_DISABLE_COPY_MOVE(CapturedOutput)

public:
    CapturedOutput()
        : m_out(std::tmpfile())
        , m_err(std::tmpfile())
    {}
    ~CapturedOutput()
    {
        std::fclose(m_out);
        std::fclose(m_err);
    }

    Output output() const { return Output(m_out, m_err); }
    QString out() const { return read(m_out); }
    QString err() const { return read(m_err); }

private:
    static QString read(FILE *file)
    {
        std::fflush(file);
        const long size = std::ftell(file);
        QByteArray bytes(size, '\0');
        std::rewind(file);
        const size_t got = std::fread(bytes.data(), 1, size_t(size), file);
        std::fseek(file, 0, SEEK_END);
        return QString::fromUtf8(bytes.left(qsizetype(got)));
    }

    FILE *m_out;
    FILE *m_err;
};

struct CommandResult
{
    bool ended = false;
    int exitCode = -1;
    QString out;
    QString err;

    QString describe() const { return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(exitCode).arg(out, err); }
};

// Runs `command` with `arguments` (after the command's name; --output json
// works as in the program) through `client`; `setUp` may adjust the
// invocation (a profile store, a data dir) before it runs.
inline CommandResult runCommand(const Command &command, const QStringList &arguments, FlotillaClient *client,
                                const std::function<void(Invocation &)> &setUp = {})
{
    CapturedOutput captured;
    Invocation invocation(captured.output());
    CommandResult result;
    if (!invocation.parseCommand(command, QStringList{QStringLiteral("flotilla")} + arguments)) {
        result.err = invocation.parser().errorText();
        return result;
    }
    invocation.output().setJson(invocation.globalOption(QStringLiteral("output")) == QStringLiteral("json"));
    invocation.setClient(client);
    if (setUp)
        setUp(invocation);
    QSignalSpy finished(&invocation, &Invocation::finished);
    command.run(invocation);
    result.ended = invocation.isFinished() || finished.wait(60000);
    result.exitCode = invocation.exitCode();
    result.out = captured.out();
    result.err = captured.err();
    return result;
}

inline Json parseJson(const QString &text)
{
    return Json::parse(text.toStdString(), nullptr, false);
}

} // namespace Flotilla::Testing
