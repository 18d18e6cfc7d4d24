#pragma once

#include "jsonreader.h"

#include <QList>
#include <QString>

namespace Flotilla {

// One item of a change feed answer: a definition, run or template written
// at number `seq` (the client fetches it again; a 404 means deleted).
struct FeedChange
{
    QString kind; // "definition", "run" or "template"
    QString id;
    qint64 seq = 0;

    friend bool operator==(const FeedChange &, const FeedChange &) = default;
};

// The answer of GET /api/v6/changes (our control plane's change feed): the
// latest number, whether the client must reload everything (it asked from
// a number the server no longer keeps), and what changed after the number
// it asked from, oldest first.
struct FeedPage
{
    qint64 seq = 0;
    bool reset = false;
    QList<FeedChange> changes;

    // Sets *problem when `json` is not such an answer (no `seq`, say);
    // changes of kinds this client does not know are skipped with a warning.
    static FeedPage fromJson(const Json &json, QString *problem, QStringList *warnings);
};

} // namespace Flotilla
