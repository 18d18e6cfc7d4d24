// The list answers the store keeps between writes: bounded, and emptied by clear().
#include <store/pagecache.h>

#include <QTest>

using namespace Flotilla;

class Tst_PageCache final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsCountsAndPages();
    void keyHoldsSqlAndValues();
    void countsAreBounded();
    void pagesAreBoundedByBytes();
    void replacingAPageCountsItOnce();
    void clearEmptiesBoth();
};

void Tst_PageCache::keepsCountsAndPages()
{
    PageCache cache;
    QCOMPARE(cache.count(QStringLiteral("a")), std::nullopt);
    QCOMPARE(cache.page(QStringLiteral("a")), std::nullopt);
    cache.putCount(QStringLiteral("a"), 7);
    cache.putPage(QStringLiteral("a"), "{\"x\":1}");
    QCOMPARE(cache.count(QStringLiteral("a")), std::optional<qint64>(7));
    QCOMPARE(cache.page(QStringLiteral("a")), std::optional<QByteArray>("{\"x\":1}"));
    // An empty page (past the end) is an answer too.
    cache.putPage(QStringLiteral("b"), QByteArray());
    QCOMPARE(cache.page(QStringLiteral("b")), std::optional<QByteArray>(QByteArray()));
}

void Tst_PageCache::keyHoldsSqlAndValues()
{
    const QString sql = QStringLiteral("SELECT ? ?");
    QCOMPARE(PageCache::key(sql, {1, 2}), PageCache::key(sql, {1, 2}));
    QVERIFY(PageCache::key(sql, {1, 2}) != PageCache::key(sql, {2, 1}));
    QVERIFY(PageCache::key(sql, {QStringLiteral("a,b")})
            != PageCache::key(sql, {QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(PageCache::key(sql, {}) != PageCache::key(QStringLiteral("SELECT 1"), {}));
}

void Tst_PageCache::countsAreBounded()
{
    PageCache cache(3, 1024);
    for (int i = 0; i < 3; ++i)
        cache.putCount(QString::number(i), i);
    QCOMPARE(cache.countsHeld(), 3);
    cache.putCount(QStringLiteral("1"), 10); // a key already held replaces its value
    QCOMPARE(cache.countsHeld(), 3);
    QCOMPARE(cache.count(QStringLiteral("1")), std::optional<qint64>(10));
    cache.putCount(QStringLiteral("new"), 4);
    QCOMPARE(cache.countsHeld(), 1);
    QCOMPARE(cache.count(QStringLiteral("new")), std::optional<qint64>(4));
    QCOMPARE(cache.count(QStringLiteral("0")), std::nullopt);
}

void Tst_PageCache::pagesAreBoundedByBytes()
{
    PageCache cache(16, 10);
    cache.putPage(QStringLiteral("a"), "12345");
    cache.putPage(QStringLiteral("b"), "1234");
    QCOMPARE(cache.pageBytes(), 9);
    cache.putPage(QStringLiteral("c"), "12"); // 11 bytes would pass the limit
    QCOMPARE(cache.page(QStringLiteral("a")), std::nullopt);
    QCOMPARE(cache.page(QStringLiteral("c")), std::optional<QByteArray>("12"));
    QCOMPARE(cache.pageBytes(), 2);
    cache.putPage(QStringLiteral("huge"), QByteArray(11, 'x')); // never held
    QCOMPARE(cache.page(QStringLiteral("huge")), std::nullopt);
    QCOMPARE(cache.pageBytes(), 0);
}

void Tst_PageCache::replacingAPageCountsItOnce()
{
    PageCache cache(16, 10);
    cache.putPage(QStringLiteral("a"), "1234");
    cache.putPage(QStringLiteral("a"), "123");
    QCOMPARE(cache.pageBytes(), 3);
    QCOMPARE(cache.page(QStringLiteral("a")), std::optional<QByteArray>("123"));
}

void Tst_PageCache::clearEmptiesBoth()
{
    PageCache cache;
    cache.putCount(QStringLiteral("a"), 1);
    cache.putPage(QStringLiteral("a"), "x");
    cache.clear();
    QCOMPARE(cache.count(QStringLiteral("a")), std::nullopt);
    QCOMPARE(cache.page(QStringLiteral("a")), std::nullopt);
    QCOMPARE(cache.countsHeld(), 0);
    QCOMPARE(cache.pageBytes(), 0);
}

QTEST_GUILESS_MAIN(Tst_PageCache)
#include "tst_pagecache.moc"
