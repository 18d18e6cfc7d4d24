#include "pagecache.h"

namespace Flotilla {

PageCache::PageCache(qsizetype maxCounts, qsizetype maxPageBytes)
    : m_maxCounts(maxCounts)
    , m_maxPageBytes(maxPageBytes)
{}

QString PageCache::key(const QString &sql, const QVariantList &values)
{
    QString key = sql;
    for (const QVariant &value : values)
        key += QChar(0) + value.toString();
    return key;
}

std::optional<qint64> PageCache::count(const QString &key) const
{
    const auto it = m_counts.constFind(key);
    return it == m_counts.constEnd() ? std::nullopt : std::optional<qint64>(*it);
}

void PageCache::putCount(const QString &key, qint64 count)
{
    if (m_counts.size() >= m_maxCounts && !m_counts.contains(key))
        m_counts.clear();
    m_counts.insert(key, count);
}

std::optional<QByteArray> PageCache::page(const QString &key) const
{
    const auto it = m_pages.constFind(key);
    return it == m_pages.constEnd() ? std::nullopt : std::optional<QByteArray>(*it);
}

void PageCache::putPage(const QString &key, const QByteArray &items)
{
    if (m_pageBytes + items.size() > m_maxPageBytes) {
        m_pages.clear();
        m_pageBytes = 0;
    }
    if (items.size() > m_maxPageBytes)
        return;
    if (const auto it = m_pages.constFind(key); it != m_pages.constEnd())
        m_pageBytes -= it->size();
    m_pages.insert(key, items);
    m_pageBytes += items.size();
}

void PageCache::clear()
{
    m_counts.clear();
    m_pages.clear();
    m_pageBytes = 0;
}

} // namespace Flotilla
