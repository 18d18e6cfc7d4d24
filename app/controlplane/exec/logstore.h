#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Flotilla {

struct StoredLogChunk
{
    QByteArray text;
    QByteArray token; // the next `last_seen`
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

    explicit LogStore(QString directory);

    bool open(QString *error);
    QString pathFor(const QString &runId) const;

    // The text after `token` (empty for the start). A chunk ends after a
    // newline, at the end of a complete log, or inside a line longer than a
    // chunk at a UTF-8 boundary. nullopt: the token was not issued here.
    // A file shorter than the token's offset was truncated under the
    // reader: the chunk starts again at its beginning, with a note.
    std::optional<StoredLogChunk> read(const QString &runId, const QByteArray &token, bool logComplete) const;
    QByteArray readAll(const QString &runId) const;

private:
    QByteArray sign(const QString &runId, qint64 offset) const;
    std::optional<qint64> offsetOf(const QString &runId, const QByteArray &token) const;

    QString m_directory;
    QByteArray m_key;
};

} // namespace Flotilla
