#pragma once

#include "ansiparser.h"

#include <QAbstractTableModel>

#include <deque>
#include <functional>

namespace Flotilla {

// The lines of one log, append-only, with their colour spans. Lines are kept
// in UTF-8 pages of a few thousand lines; every line has an id that counts
// the lines of the log from 0 and never changes, so search hits and
// selections survive the dropping of old lines. When the pages outgrow the
// memory budget, whole pages are dropped from the front (one row removal)
// and droppedLineCount() grows: the view then says that the log is only
// partly in memory and offers to save all of it from the server.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { TextColumn, ColumnCount };
    enum Role {
        LineIdRole = Qt::UserRole + 1, // qint64
        LineNumberRole,                // qint64, 1-based
        SpansRole,                     // QList<ColourSpan>
        LineLengthRole,                // the text's length in UTF-16 code units
    };

    static constexpr qint64 defaultMemoryBudget = 256LL * 1024 * 1024;

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Appends `lines` with one row insertion, then drops old pages while
    // the model is over its budget.
    void append(const ParsedLines &lines);
    // Forgets every line (a model reset); ids start at 0 again.
    void clear();

    void setMemoryBudget(qint64 bytes);
    qint64 memoryBudget() const { return m_budget; }
    qint64 memoryUsed() const;

    qint64 firstLineId() const { return m_firstId; } // the id of row 0
    qint64 endLineId() const { return m_endId; }     // the id the next line gets
    qint64 droppedLineCount() const { return m_firstId; }
    int rowOfLineId(qint64 id) const; // -1 when dropped or not there yet

    QByteArrayView lineUtf8(int row) const;
    QString lineText(int row) const;
    QList<ColourSpan> lineSpans(int row) const;
    int lineLength(int row) const;
    // The longest line's length in bytes so far (an upper bound of its width).
    int longestLineBytes() const { return m_longestLineBytes; }

    // Calls `visit` for each page part holding rows of [firstRow, endRow):
    // the row of its first line, its lines' text (each line followed by
    // '\n') and how many lines that is. Searching walks these.
    using TextVisitor = std::function<void(int firstRow, QByteArrayView text, int lineCount)>;
    void visitText(int firstRow, int endRow, const TextVisitor &visit) const;

Q_SIGNALS:
    void linesDropped(qint64 droppedLineCount);

private:
    struct Page
    {
        qint64 firstId = 0;
        ParsedLines lines;
        qint64 memory() const;
    };
    // The page and line in it of `row` (which must exist).
    std::pair<const Page *, qsizetype> locate(int row) const;
    void dropOverBudget();

    std::deque<Page> m_pages;
    qint64 m_firstId = 0;
    qint64 m_endId = 0;
    qint64 m_budget = defaultMemoryBudget;
    int m_longestLineBytes = 0;
    qint64 m_fullPagesMemory = 0; // all pages but the last, which grows
};

} // namespace Flotilla
