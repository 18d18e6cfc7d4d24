#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <optional>

namespace Flotilla {

struct StoredLogChunk
{
    QByteArray text;
    QByteArray token; // the next `last_seen`
    // Where the chunk begins, for reading the part above it (`before`).
    QByteArray startToken;
    // The byte offset startToken stands for, for a viewer's estimates (line
    // numbers above a chunk read backwards); -1 when not known.
    qint64 startOffset = -1;
    // The file is not there (deleted, or never written).
    bool missing = false;
    // What happened to the file under the reader, e.g. a truncation; empty when nothing did.
    QString note;
};

// Per-run log files in the data dir, read in chunks behind opaque tokens.
// A token is a byte offset signed with a key kept in the data dir, so it
// stays valid across restarts and a token this server never issued is
// refused instead of splitting a line.
class LogStore final
{
public:
    static constexpr qint64 maxChunkBytes = 1024 * 1024;
    // Raw chunks (our extension) have no JSON to build or unescape: a
    // larger one means fewer round trips for a client catching up with a
    // log written faster than it reads.
    static constexpr qint64 maxRawChunkBytes = 8 * 1024 * 1024;

    explicit LogStore(QString directory);

    bool open(QString *error);
    QString pathFor(const QString &runId) const;

    // The text after `token` (empty for the start), at most `maxBytes`. A
    // chunk ends after a newline, at the end of a complete log, or inside a
    // line longer than a chunk at a UTF-8 boundary. nullopt: the token was
    // not issued here. A file shorter than the token's offset was truncated
    // under the reader: the chunk starts again at its beginning, with a note.
    std::optional<StoredLogChunk> read(const QString &runId, const QByteArray &token, bool logComplete,
                                       qint64 maxBytes = maxChunkBytes) const;
    QByteArray readAll(const QString &runId) const;

    // Reading backwards, our extension: a chunk of at most `maxBytes` (and
    // maxChunkBytes) that ends at the end of the log (a running log's last
    // whole line) or where `token` starts, and begins on a line boundary,
    // unless its first line alone is longer than the chunk: then it begins
    // inside that line, at a UTF-8 boundary. nullopt: the token was not issued here.
    StoredLogChunk readTail(const QString &runId, qint64 maxBytes, bool logComplete) const;
    std::optional<StoredLogChunk> readBefore(const QString &runId, const QByteArray &token, qint64 maxBytes) const;

private:
    // An empty chunk at `offset` for a log that cannot be opened (missing when it does not exist).
    StoredLogChunk unreadable(const QString &runId, const QFile &file, qint64 offset) const;
    StoredLogChunk readEndingAt(const QString &runId, QFile &file, qint64 end, qint64 maxBytes) const;
    QByteArray sign(const QString &runId, qint64 offset) const;
    std::optional<qint64> offsetOf(const QString &runId, const QByteArray &token) const;

    QString m_directory;
    QByteArray m_key;
};

} // namespace Flotilla
