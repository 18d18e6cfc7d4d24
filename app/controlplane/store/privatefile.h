#pragma once

#include <QByteArrayView>
#include <QString>

namespace Flotilla {

// Writes `content` to `path` as a file that only its owner can read or
// write, from the first byte on, and replaces an earlier one atomically:
// a reader sees the old file or the new one, never a part. False with
// `error` saying why.
bool writePrivateFile(const QString &path, QByteArrayView content, QString *error);

// Creates the directory `path` with mode 0700 (QDir::mkdir of Qt 6.4 ignores
// the permissions it is given); true as well when it exists already.
bool makePrivateDir(const QString &path);

} // namespace Flotilla
