#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariantList>

#include <optional>

namespace Flotilla {

// The answers of one table's list queries (counts and pages of documents),
// kept until the table changes: clients poll the same lists while nothing
// happens. Bounded: when a limit would be passed, that half is emptied.
class PageCache final
{
public:
    explicit PageCache(qsizetype maxCounts = 1024, qsizetype maxPageBytes = 16 * 1024 * 1024);

    // The key of a query: its SQL and bound values.
    static QString key(const QString &sql, const QVariantList &values);

    std::optional<qint64> count(const QString &key) const;
    void putCount(const QString &key, qint64 count);
    std::optional<QByteArray> page(const QString &key) const;
    void putPage(const QString &key, const QByteArray &items);
    // The table changed.
    void clear();

    qsizetype countsHeld() const { return m_counts.size(); }
    qsizetype pageBytes() const { return m_pageBytes; }

private:
    qsizetype m_maxCounts;
    qsizetype m_maxPageBytes;
    QHash<QString, qint64> m_counts;
    QHash<QString, QByteArray> m_pages;
    qsizetype m_pageBytes = 0;
};

} // namespace Flotilla
