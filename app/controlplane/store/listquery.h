#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace Flotilla {

using QueryItems = QList<QPair<QString, QString>>;

// What the list routes accept: definitions, runs, templates, or the names of groups/tags.
enum class ListKind { Definitions, Runs, Templates, Names };

// A parsed and validated list query (contract §6). Column names come only
// from the tables below, never from the request; values are bound later.
struct ListQuery
{
    enum class Match { Exact, Substring };

    struct Filter
    {
        QString key;    // as the client sent it, for the echo
        QString column; // the store column it filters
        Match match = Match::Exact;
        QStringList values; // several values: any of them
    };

    struct TimeBound
    {
        QString key;
        QString column;
        bool since = true; // since: at or after; until: before
        qint64 msecsSinceEpoch = 0;
        QString text;
    };

    qint64 limit = 1024;
    qint64 offset = 0;
    QString sortBy;
    QString sortColumn;
    bool descending = false;
    QList<Filter> filters;
    QList<TimeBound> timeBounds;
    QList<QPair<QString, QString>> envFilters; // NAME → VALUE, in first-seen order

    // Returns the query, or nullopt with `error` saying what to fix.
    static std::optional<ListQuery> parse(ListKind kind, const QueryItems &items, QString *error);

    // Adds a filter the route imposes (the definition of /task/{id}/history).
    void addExactFilter(const QString &key, const QString &column, const QString &value);
};

// A WHERE clause of a list query with its bound values; column names come
// from ListQuery's fixed tables only, values are never spliced into the text.
struct SqlWhere
{
    QStringList clauses;
    QVariantList values;

    // `tagTable` holds (idColumn, tag) rows for the "tag" filter.
    void addFilter(const ListQuery::Filter &filter, const QString &idColumn, const QString &tagTable);
    QString sql() const; // " WHERE ..." or empty
};

// A query value as an integer >= 0, or nullopt.
std::optional<qint64> nonNegative(const QString &text);

// "?,?,?": `count` placeholders for an IN list.
QString sqlPlaceholders(qsizetype count);

} // namespace Flotilla
