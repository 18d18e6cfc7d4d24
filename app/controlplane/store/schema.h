#pragma once

#include <QSqlDatabase>

namespace Flotilla {

// How the store's database is set up: its connection settings (WAL,
// synchronous=NORMAL: the store syncs what a client waits on), its tables
// and indexes, and how a database of any older schema version is brought up
// to date: migrations applied in order, each in a transaction; PRAGMA
// user_version records how many ran.
class StoreSchema final
{
public:
    static bool configure(QSqlDatabase &db, QString *error); // false with `error`
    static int latestVersion();
    static int version(const QSqlDatabase &db); // -1 if it cannot be read
    // False with `error` saying what to fix (a database from a newer program, a failed step).
    static bool migrate(QSqlDatabase &db, QString *error);
};

} // namespace Flotilla
