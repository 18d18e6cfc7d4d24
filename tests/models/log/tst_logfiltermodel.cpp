// LogFilterModel: plain/regex, case, invert, context lines, lines that arrive
// later and lines that are dropped, under QAbstractItemModelTester.
#include <parsedlines.h>

#include <log/logfiltermodel.h>
#include <log/logmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QStringList shown(const LogFilterModel &filter)
{
    QStringList lines;
    for (int row = 0; row < filter.rowCount(); ++row)
        lines.append(filter.index(row, 0).data().toString());
    return lines;
}

} // namespace

class Tst_LogFilterModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void withoutPatternEveryLinePasses();
    void plainAndRegexWithCase();
    void invertAndContext();
    void filtersLinesThatArriveLater();
    void followsPrependedLines();

private:
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<LogFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void Tst_LogFilterModel::init()
{
    m_log = std::make_unique<LogModel>();
    m_filter = std::make_unique<LogFilterModel>();
    m_filter->setLogModel(m_log.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_filter.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void Tst_LogFilterModel::cleanup()
{
    m_tester.reset();
    m_filter.reset();
    m_log.reset();
}

void Tst_LogFilterModel::withoutPatternEveryLinePasses()
{
    QSignalSpy inserted(m_filter.get(), &LogFilterModel::rowsInserted);
    m_log->append("a\nb\n");
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(shown(*m_filter), (QStringList{u"a"_qs, u"b"_qs}));
    QCOMPARE(m_filter->lineIdAt(1), 1);
    QCOMPARE(m_filter->mapToSource(m_filter->index(1, 0)), m_log->index(1, 0));
    QVERIFY(!m_filter->isFiltering());
}

void Tst_LogFilterModel::plainAndRegexWithCase()
{
    m_log->append("INFO start\nerror one\nERROR two\ninfo end\n");
    m_filter->setPattern({QStringLiteral("error"), false, Qt::CaseInsensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"error one"_qs, u"ERROR two"_qs}));
    m_filter->setPattern({QStringLiteral("error"), false, Qt::CaseSensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"error one"_qs}));
    m_filter->setPattern({QStringLiteral("^(INFO|info) "), true, Qt::CaseSensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"INFO start"_qs, u"info end"_qs}));
    QCOMPARE(m_filter->rowOfLineId(3), 1);
    QCOMPARE(m_filter->rowOfLineId(1), -1);
    QCOMPARE(m_filter->mapFromSource(m_log->index(3, 0)).row(), 1);
}

void Tst_LogFilterModel::invertAndContext()
{
    m_log->append(numberedLines(1, 20));
    m_filter->setPattern({QStringLiteral("line 1"), false, Qt::CaseSensitive}); // 1, 10..19
    m_filter->setInverted(true);
    QCOMPARE(m_filter->rowCount(), 9); // 2..9, 20
    m_filter->setInverted(false);
    m_filter->setPattern({QStringLiteral("^line (5|15)$"), true, Qt::CaseSensitive});
    m_filter->setContextLines(2);
    QCOMPARE(shown(*m_filter), (QStringList{u"line 3"_qs, u"line 4"_qs, u"line 5"_qs, u"line 6"_qs, u"line 7"_qs,
                                            u"line 13"_qs, u"line 14"_qs, u"line 15"_qs, u"line 16"_qs, u"line 17"_qs}));
}

void Tst_LogFilterModel::filtersLinesThatArriveLater()
{
    m_filter->setPattern({QStringLiteral("hit"), false, Qt::CaseSensitive});
    m_filter->setContextLines(1);
    QSignalSpy reset(m_filter.get(), &LogFilterModel::modelReset);
    QSignalSpy inserted(m_filter.get(), &LogFilterModel::rowsInserted);
    m_log->append("a\nb\n");
    QCOMPARE(m_filter->rowCount(), 0);
    m_log->append("hit 1\n");              // with b before it
    m_log->append("c\nd\nhit 2\nhit 3\n"); // c after hit 1, d before hit 2
    m_log->append("e\nf\n");               // e after hit 3
    QCOMPARE(shown(*m_filter), (QStringList{u"b"_qs, u"hit 1"_qs, u"c"_qs, u"d"_qs, u"hit 2"_qs, u"hit 3"_qs, u"e"_qs}));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 3);
}

void Tst_LogFilterModel::followsPrependedLines()
{
    m_filter->setPattern({QStringLiteral("0$"), true, Qt::CaseSensitive});
    m_log->append(numberedLines(70001, 80000));
    for (int batch = 6; batch >= 0; --batch)
        m_log->prepend(numberedLines(batch * 10000 + 1, batch * 10000 + 10000));
    QCOMPARE(m_filter->rowCount(), 8000); // the lines whose number ends in 0
    QCOMPARE(m_filter->index(0, 0).data().toString(), u"line 10");
    QCOMPARE(m_filter->index(7999, 0).data().toString(), u"line 80000");

    m_filter->setPattern({});
    m_log->prepend("line 0\n");
    QCOMPARE(m_filter->rowCount(), 80001);
    QCOMPARE(m_filter->index(0, 0).data().toString(), u"line 0");
}

QTEST_GUILESS_MAIN(Tst_LogFilterModel)
#include "tst_logfiltermodel.moc"
