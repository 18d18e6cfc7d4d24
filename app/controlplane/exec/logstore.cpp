#include "logstore.h"

#include <store/constanttime.h>

#include <QDir>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace Flotilla {

LogStore::LogStore(QString directory)
    : m_directory(std::move(directory))
{}

bool LogStore::open(QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create the log folder %1").arg(m_directory);
        return false;
    }
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile keyFile(m_directory + QStringLiteral("/token.key"));
    if (keyFile.open(QIODevice::ReadOnly)) {
        m_key = keyFile.readAll();
        if (m_key.size() == 32)
            return true;
        keyFile.close();
    }
    m_key.resize(32);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), 8);
    if (!keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate, QFile::ReadOwner | QFile::WriteOwner)
        || keyFile.write(m_key) != m_key.size() || !keyFile.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(keyFile.fileName(), keyFile.errorString());
        return false;
    }
    return true;
}

QString LogStore::pathFor(const QString &runId) const
{
    return m_directory + u'/' + runId + QStringLiteral(".log");
}

QByteArray LogStore::sign(const QString &runId, qint64 offset) const
{
    const QByteArray position = QByteArray::number(offset);
    const QByteArray mac = QMessageAuthenticationCode::hash(runId.toUtf8() + ':' + position, m_key,
                                                            QCryptographicHash::Sha256);
    return position + '.' + mac.toHex().left(16);
}

std::optional<qint64> LogStore::offsetOf(const QString &runId, const QByteArray &token) const
{
    if (token.isEmpty())
        return 0;
    const qsizetype dot = token.indexOf('.');
    bool ok = false;
    const qint64 offset = token.left(dot).toLongLong(&ok);
    if (dot <= 0 || !ok || offset < 0 || !constantTimeEquals(sign(runId, offset), token))
        return std::nullopt;
    return offset;
}

static qsizetype utf8Boundary(const QByteArray &bytes, qsizetype end)
{
    // Step back over continuation bytes (10xxxxxx) to a character start.
    qsizetype cut = end;
    while (cut > 0 && cut > end - 4 && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80)
        --cut;
    return cut > 0 ? cut : end;
}

std::optional<StoredLogChunk> LogStore::read(const QString &runId, const QByteArray &token, bool logComplete,
                                             qint64 maxBytes) const
{
    const std::optional<qint64> start = offsetOf(runId, token);
    if (!start)
        return std::nullopt;
    // A client following a fast log asks again as soon as it has an answer:
    // unbuffered, with the size asked once and the bytes read in one call.
    QFile file(pathFor(runId));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return unreadable(runId, file, *start);
    const qint64 size = file.size();
    StoredLogChunk chunk;
    qint64 from = *start;
    if (from > size) {
        // Only a truncation shrinks a log; what it holds now is all there is.
        chunk.note = QStringLiteral("the log file was truncated under the run (to %1 bytes, %2 had been read); "
                                    "the log goes on from the start of what it holds now")
                         .arg(size)
                         .arg(from);
        from = 0;
    }
    if (from == size) {
        chunk.token = chunk.startToken = sign(runId, from);
        return chunk;
    }
    // One byte beyond a chunk tells whether a chunk-long line goes on.
    QByteArray bytes(std::min(size - from, maxBytes + 1), Qt::Uninitialized);
    const qint64 got = file.seek(from) ? file.read(bytes.data(), bytes.size()) : -1;
    bytes.truncate(std::max<qint64>(got, 0));
    const bool atEnd = from + bytes.size() >= size;
    qsizetype take = 0;
    if (atEnd && logComplete && bytes.size() <= maxBytes) {
        take = bytes.size();
    } else {
        const qsizetype newline = bytes.lastIndexOf('\n', std::min<qsizetype>(bytes.size(), maxBytes) - 1);
        if (newline >= 0)
            take = newline + 1;
        else if (bytes.size() > maxBytes)
            take = utf8Boundary(bytes, maxBytes);
    }
    bytes.truncate(take);
    chunk.text = std::move(bytes);
    chunk.token = sign(runId, from + take);
    chunk.startToken = sign(runId, from);
    return chunk;
}

StoredLogChunk LogStore::readTail(const QString &runId, qint64 maxBytes, bool logComplete) const
{
    QFile file(pathFor(runId));
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(runId, file, 0);
    qint64 end = file.size();
    if (!logComplete && end > 0) {
        // A running log ends at its last newline: the line after it is still being written.
        const qint64 window = std::min(end, maxChunkBytes);
        file.seek(end - window);
        const QByteArray last = file.read(window);
        const qsizetype newline = last.lastIndexOf('\n');
        if (newline >= 0)
            end = end - window + newline + 1;
    }
    return readEndingAt(runId, file, end, maxBytes);
}

std::optional<StoredLogChunk> LogStore::readBefore(const QString &runId, const QByteArray &token, qint64 maxBytes) const
{
    const std::optional<qint64> end = offsetOf(runId, token);
    if (!end)
        return std::nullopt;
    QFile file(pathFor(runId));
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(runId, file, 0);
    if (*end > file.size()) {
        StoredLogChunk chunk = readEndingAt(runId, file, file.size(), maxBytes);
        chunk.note = QStringLiteral("the log file was truncated under the run (to %1 bytes, the chunk asked for "
                                    "ended at %2); this is the end of what it holds now")
                         .arg(file.size())
                         .arg(*end);
        return chunk;
    }
    return readEndingAt(runId, file, *end, maxBytes);
}

StoredLogChunk LogStore::unreadable(const QString &runId, const QFile &file, qint64 offset) const
{
    StoredLogChunk chunk;
    chunk.missing = !file.exists();
    chunk.token = chunk.startToken = sign(runId, offset);
    return chunk;
}

StoredLogChunk LogStore::readEndingAt(const QString &runId, QFile &file, qint64 end, qint64 maxBytes) const
{
    const qint64 window = std::clamp<qint64>(maxBytes, 1, maxChunkBytes);
    qint64 begin = std::max<qint64>(0, end - window);
    QByteArray bytes;
    if (begin > 0) {
        // One byte before the window tells whether it begins a line.
        file.seek(begin - 1);
        bytes = file.read(end - begin + 1);
        const qsizetype newline = bytes.indexOf('\n');
        qsizetype skip = 1;
        if (newline >= 0 && newline + 1 < bytes.size())
            skip = newline + 1;
        else // the window lies inside one long line
            while (skip < bytes.size() && (static_cast<unsigned char>(bytes[skip]) & 0xC0) == 0x80)
                ++skip;
        begin += skip - 1;
        bytes.remove(0, skip);
    } else {
        file.seek(0);
        bytes = file.read(end);
    }
    StoredLogChunk chunk;
    chunk.text = std::move(bytes);
    chunk.token = sign(runId, end);
    chunk.startToken = sign(runId, begin);
    chunk.startOffset = begin;
    return chunk;
}

QByteArray LogStore::readAll(const QString &runId) const
{
    QFile file(pathFor(runId));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace Flotilla
