// LogStore (app/controlplane/logstore): the `last_seen` token a client sends
// back, and the chunking behind it. The first byte picks the mode:
//  - even: the rest is a token. One the store accepts is one it could have
//    issued, OFFSET.MAC in canonical form; anything else is refused. (The
//    fuzzer learns MACs from the comparison, so it does forge some.)
//  - odd: the rest is a log. Following tokens from the start reads it back
//    whole, in chunks that end after a newline unless the log is complete.

#include <exec/logstore.h>

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Flotilla;

namespace {

const QString runId = QStringLiteral("fuzz-run");

void fail(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "%s (input: %s)\n", what, input.toPercentEncoding().constData());
    std::abort();
}

void writeLog(const LogStore &logs, const QByteArray &text)
{
    QFile file(logs.pathFor(runId));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        fail("cannot write the log file", text);
}

bool isCanonical(const QByteArray &token)
{
    const qsizetype dot = token.indexOf('.');
    bool ok = false;
    const qint64 offset = token.left(dot).toLongLong(&ok);
    const QByteArray mac = token.mid(dot + 1);
    return dot > 0 && ok && QByteArray::number(offset) == token.left(dot) && mac.size() == 16
           && QByteArray::fromHex(mac).toHex() == mac;
}

void checkToken(const LogStore &logs, const QByteArray &token)
{
    const bool accepted = logs.read(runId, token, true).has_value();
    if (token.isEmpty() ? !accepted : accepted && !isCanonical(token))
        fail(token.isEmpty() ? "the empty token was refused" : "a malformed token was accepted", token);
}

void checkReadBack(const LogStore &logs, const QByteArray &text, bool complete)
{
    writeLog(logs, text);
    QByteArray read, token;
    for (;;) {
        const std::optional<StoredLogChunk> chunk = logs.read(runId, token, complete);
        if (!chunk)
            fail("a token the store issued was refused", text);
        if (chunk->text.isEmpty())
            break;
        if (!complete && !chunk->text.endsWith('\n'))
            fail("a chunk of a running log does not end after a newline", text);
        read += chunk->text;
        token = chunk->token;
    }
    const qsizetype lastNewline = text.lastIndexOf('\n');
    if (read != (complete ? text : text.left(lastNewline + 1)))
        fail("the chunks do not add up to the log", text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static LogStore logs = [] {
        LogStore store(dir.path());
        QString error;
        if (!dir.isValid() || !store.open(&error))
            fail("cannot open a log store in a temporary folder", error.toUtf8());
        return store;
    }();
    if (size == 0)
        return 0;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    if (data[0] % 2 == 0) {
        checkToken(logs, rest);
    } else {
        checkReadBack(logs, rest, true);
        checkReadBack(logs, rest, false);
    }
    return 0;
}
