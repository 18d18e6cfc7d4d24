#include "listquery.h"

#include <wire/run.h>
#include <wire/timestamp.h>

#include <span>

namespace Flotilla {

namespace {

struct FieldSpec
{
    const char16_t *key;
    const char16_t *column;
    ListQuery::Match match;
};

struct KindSpec
{
    std::span<const FieldSpec> sortFields; // key = sort_by value
    std::span<const FieldSpec> filters;
    std::span<const FieldSpec> timeFields; // key = prefix of _since/_until
    const char16_t *defaultSort;
    bool hasEnv;
};

using M = ListQuery::Match;

constexpr FieldSpec definitionSorts[] = {
    {u"alias", u"alias", M::Exact},
    {u"image", u"image", M::Exact},
    {u"group_name", u"group_name", M::Exact},
    {u"memory", u"memory", M::Exact},
};
constexpr FieldSpec definitionFilters[] = {
    {u"alias", u"alias", M::Substring},
    {u"image", u"image", M::Substring},
    {u"command", u"command", M::Substring},
    {u"group_name", u"group_name", M::Exact},
    {u"definition_id", u"definition_id", M::Exact},
    {u"tag", u"tag", M::Exact},
};
constexpr FieldSpec runSorts[] = {
    {u"run_id", u"run_id", M::Exact},           {u"cluster_name", u"cluster", M::Exact},
    {u"status", u"status", M::Exact},           {u"started_at", u"started_at", M::Exact},
    {u"finished_at", u"finished_at", M::Exact}, {u"queued_at", u"queued_at", M::Exact},
    {u"group_name", u"group_name", M::Exact},   {u"alias", u"alias", M::Exact},
};
constexpr FieldSpec runFilters[] = {
    {u"group_name", u"group_name", M::Exact},
    {u"cluster_name", u"cluster", M::Exact},
    {u"cluster", u"cluster", M::Exact},
    {u"status", u"status", M::Exact},
    {u"definition_id", u"definition_id", M::Exact},
    {u"user", u"user", M::Exact},
    {u"engine", u"engine", M::Exact},
    {u"alias", u"alias", M::Substring},
    {u"image", u"image", M::Substring},
    {u"command", u"command", M::Substring},
};
constexpr FieldSpec runTimes[] = {
    {u"started_at", u"started_at", M::Exact},
    {u"finished_at", u"finished_at", M::Exact},
    {u"queued_at", u"queued_at", M::Exact},
};
// Upstream sorts templates by template_name or version.
constexpr FieldSpec templateSorts[] = {
    {u"template_name", u"template_name", M::Exact},
    {u"version", u"version", M::Exact},
};
constexpr FieldSpec templateFilters[] = {
    {u"template_name", u"template_name", M::Substring},
    {u"image", u"image", M::Substring},
};
constexpr FieldSpec nameFilters[] = {
    {u"name", u"name", M::Substring},
};

const KindSpec &specOf(ListKind kind)
{
    static const KindSpec definitions{definitionSorts, definitionFilters, {}, u"group_name", true};
    static const KindSpec runs{runSorts, runFilters, runTimes, u"group_name", true};
    static const KindSpec templates{templateSorts, templateFilters, {}, u"template_name", false};
    static const KindSpec names{{}, nameFilters, {}, nullptr, false};
    switch (kind) {
    case ListKind::Definitions: return definitions;
    case ListKind::Runs: return runs;
    case ListKind::Templates: return templates;
    case ListKind::Names: return names;
    }
    Q_UNREACHABLE();
}

const FieldSpec *findField(std::span<const FieldSpec> fields, QStringView key)
{
    for (const FieldSpec &field : fields) {
        if (key.compare(QStringView(field.key), Qt::CaseInsensitive) == 0)
            return &field;
    }
    return nullptr;
}

QString joinedKeys(std::span<const FieldSpec> fields)
{
    QStringList keys;
    for (const FieldSpec &field : fields)
        keys.append(QString::fromUtf16(field.key));
    return keys.join(u", ");
}

} // namespace

std::optional<qint64> nonNegative(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

void ListQuery::addExactFilter(const QString &key, const QString &column, const QString &value)
{
    filters.append({key, column, Match::Exact, {value}});
}

std::optional<ListQuery> ListQuery::parse(ListKind kind, const QueryItems &items, QString *error)
{
    const KindSpec &spec = specOf(kind);
    ListQuery query;
    if (spec.defaultSort) {
        query.sortBy = QString::fromUtf16(spec.defaultSort);
        query.sortColumn = QString::fromUtf16(findField(spec.sortFields, query.sortBy)->column);
    }
    bool seenLimit = false, seenOffset = false, seenSort = false, seenOrder = false;

    for (const auto &item : items) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        const QString &key = item.first;
        const QString &value = item.second;
        const QString lower = key.toLower();
        if (lower == u"limit" || lower == u"offset") {
            bool &seen = lower == u"limit" ? seenLimit : seenOffset;
            if (seen)
                continue; // the first value counts, as upstream
            seen = true;
            const std::optional<qint64> number = nonNegative(value);
            if (!number) {
                *error = QStringLiteral("%1 must be a non-negative integer, not \"%2\"").arg(lower, value);
                return std::nullopt;
            }
            (lower == u"limit" ? query.limit : query.offset) = *number;
        } else if (lower == u"sort_by" && !spec.sortFields.empty()) {
            if (std::exchange(seenSort, true))
                continue;
            const FieldSpec *field = findField(spec.sortFields, value);
            if (!field) {
                *error = QStringLiteral("sort_by \"%1\" is not supported; use one of %2")
                             .arg(value, joinedKeys(spec.sortFields));
                return std::nullopt;
            }
            query.sortBy = QString::fromUtf16(field->key);
            query.sortColumn = QString::fromUtf16(field->column);
        } else if (lower == u"order" && !spec.sortFields.empty()) {
            if (std::exchange(seenOrder, true))
                continue;
            const QString order = value.toLower();
            if (order != u"asc" && order != u"desc") {
                *error = QStringLiteral("order \"%1\" is not supported; use asc or desc").arg(value);
                return std::nullopt;
            }
            query.descending = order == u"desc";
        } else if (lower == u"env" && spec.hasEnv) {
            const qsizetype bar = value.indexOf(u'|');
            if (bar <= 0) {
                *error = QStringLiteral("env filter \"%1\" must be NAME|VALUE").arg(value);
                return std::nullopt;
            }
            const QString name = value.left(bar);
            const QString envValue = value.mid(bar + 1);
            auto existing = std::find_if(query.envFilters.begin(), query.envFilters.end(),
                                         [&](const auto &pair) { return pair.first == name; });
            if (existing != query.envFilters.end())
                existing->second = envValue; // the last value counts, as upstream
            else
                query.envFilters.append({name, envValue});
        } else if (const FieldSpec *field = findField(spec.filters, lower)) {
            if (lower == u"status" && !runStatusFromName(value)) {
                *error = QStringLiteral("invalid status [%1]; use one of %2").arg(value, runStatusNames().join(u", "));
                return std::nullopt;
            }
            auto existing = std::find_if(query.filters.begin(), query.filters.end(),
                                         [&](const Filter &f) { return f.key.compare(key, Qt::CaseInsensitive) == 0; });
            if (existing != query.filters.end())
                existing->values.append(value);
            else
                query.filters.append({key, QString::fromUtf16(field->column), field->match, {value}});
        } else if ((lower.endsWith(u"_since") || lower.endsWith(u"_until"))
                   && findField(spec.timeFields, lower.chopped(6))) {
            const FieldSpec *field = findField(spec.timeFields, lower.chopped(6));
            const std::optional<QDateTime> time = Timestamp::parse(value);
            if (!time) {
                *error = QStringLiteral("%1 \"%2\" is not an RFC 3339 time such as 2026-11-27T07:01:26Z "
                                        "(send + as %3)")
                             .arg(key, value, QStringLiteral("%2B"));
                return std::nullopt;
            }
            query.timeBounds.append(
                {key, QString::fromUtf16(field->column), lower.endsWith(u"_since"), time->toMSecsSinceEpoch(), value});
        } else {
            *error = QStringLiteral("unknown filter [%1]").arg(key);
            return std::nullopt;
        }
    }
    return query;
}

static QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

QString sqlPlaceholders(qsizetype count)
{
    QStringList marks(count, QStringLiteral("?"));
    return marks.join(u',');
}

void SqlWhere::addFilter(const ListQuery::Filter &filter, const QString &idColumn, const QString &tagTable)
{
    if (filter.column == u"tag") {
        clauses.append(QStringLiteral("%1 IN (SELECT %1 FROM %2 WHERE tag IN (%3))")
                           .arg(idColumn, tagTable, sqlPlaceholders(filter.values.size())));
        for (const QString &value : filter.values)
            values.append(value);
        return;
    }
    QStringList alternatives;
    for (const QString &value : filter.values) {
        if (filter.match == ListQuery::Match::Substring) {
            alternatives.append(QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(filter.column));
            values.append(likePattern(value));
        } else if (value.isEmpty() && filter.column == u"group_name") {
            alternatives.append(QStringLiteral("group_name IS NULL"));
        } else {
            alternatives.append(QStringLiteral("%1 = ?").arg(filter.column));
            values.append(value);
        }
    }
    clauses.append(u'(' + alternatives.join(QStringLiteral(" OR ")) + u')');
}

QString SqlWhere::sql() const
{
    return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
}

} // namespace Flotilla
