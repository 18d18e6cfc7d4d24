#pragma once

#include "ansiparser.h"
#include "logspill.h"
#include "logspillpages.h"

#include <QAbstractTableModel>

#include <functional>
#include <limits>
#include <memory>

namespace Flotilla {

// The lines of one log as a window onto a LogSpill the model owns: the raw
// bytes live in the spill file (the user's cache dir, removed with the
// model), and only the pages in view are parsed (LogSpillPages), so memory
// stays flat however long the log. Bytes read forwards are appended (rows
// inserted at the end, one insertion per batch); chunks read backwards from
// the end are prepended (rows inserted at row 0). Every line keeps its id
// (the spill's line number) across both, so search hits and selections
// survive; ids above the first forward byte are negative.
//
// Line numbers are exact once the log's start is in the spill
// (setStartReached()); before that they are estimated from the bytes above
// the spill (setBytesAbove()) and LineNumberApproximateRole is true.
//
// When the spill file cannot be created, isSpillOpen() is false and
// spillError() says where and why; the model then stays empty.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { TextColumn, ColumnCount };
    // No line: ids above the spill's first forward byte are negative.
    static constexpr qint64 noLineId = std::numeric_limits<qint64>::min();
    enum Role {
        LineIdRole = Qt::UserRole + 1, // qint64
        LineNumberRole,                // qint64, 1-based, an estimate while approximate
        SpansRole,                     // QList<ColourSpan>
        LineLengthRole,                // the text's length in UTF-16 code units
        LineNumberApproximateRole,     // bool: the start of the log is not read yet
    };

    // The spill goes to `spillDirectory`, LogSpill::defaultDirectory() when empty.
    explicit LogModel(QObject *parent = nullptr, const QString &spillDirectory = {});
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Raw log bytes after the end (reading forwards); the lines they complete
    // are inserted with one row insertion. False (see spillError()) when the
    // spill cannot take them.
    bool append(QByteArrayView bytes);
    // The chunk that ends where the spill begins (reading backwards); its
    // lines are inserted at row 0.
    bool prepend(QByteArrayView bytes);
    // The spill begins at the log's first byte: line numbers become exact.
    void setStartReached();
    bool startReached() const { return m_spill->startReached(); }
    // How many bytes of the log lie above the spill, for estimated line numbers.
    void setBytesAbove(qint64 bytes);
    // The log ended: an unterminated last line becomes a row.
    void finish();
    // Forgets every line with a new, empty spill (a model reset).
    void clear();

    bool isSpillOpen() const { return m_spill->isOpen(); }
    QString spillError() const { return m_spill->errorString(); }
    QString spillPath() const { return m_spill->path(); }
    const LogSpill &spill() const { return *m_spill; }

    qint64 firstLineId() const { return m_firstLine; } // the id of row 0
    // The first line that is known to be whole: until the log's start is
    // read, the first line may be the tail of one longer than the chunk read
    // backwards, so searches and filters leave it for later.
    qint64 firstWholeLineId() const { return m_firstLine + (startReached() || rowCount() == 0 ? 0 : 1); }
    qint64 endLineId() const { return m_endLine; } // the id the next line gets
    int rowOfLineId(qint64 id) const;              // -1 when not there (yet)
    // The 1-based number of the line `id` in the whole log, estimated until
    // the start is reached.
    qint64 lineNumber(qint64 id) const;

    QByteArray lineUtf8(int row) const;
    QString lineText(int row) const;
    QList<ColourSpan> lineSpans(int row) const;
    int lineLength(int row) const;
    // The longest line's length in bytes so far (an upper bound of its width).
    int longestLineBytes() const { return m_longestLineBytes; }

    // Calls `visit` for each page part holding rows of [firstRow, endRow):
    // the row of its first line, its lines' text (each line followed by
    // '\n', escapes removed) and how many lines that is. Searching walks these.
    using TextVisitor = std::function<void(int firstRow, QByteArrayView text, int lineCount)>;
    void visitText(int firstRow, int endRow, const TextVisitor &visit) const;

Q_SIGNALS:
    // setStartReached(): the first line is whole now (firstWholeLineId()).
    void startReachedChanged();

private:
    void openSpill();
    // Shows the lines the spill gained at its end as rows.
    void insertAppended();
    void noteLongestLine(QByteArrayView bytes);

    QString m_spillDirectory;
    std::unique_ptr<LogSpill> m_spill;
    std::unique_ptr<LogSpillPages> m_pages; // mutable cache: reading parses pages on sight
    // The spill's lines shown as rows: [m_firstLine, m_endLine). The spill
    // takes bytes first; the rows follow within the insertion, so views see
    // the old rows unchanged until then.
    qint64 m_firstLine = 0;
    qint64 m_endLine = 0;
    qint64 m_bytesAbove = 0;
    int m_longestLineBytes = 0;
    qint64 m_openLineBytes = 0; // of the unterminated last line so far
};

} // namespace Flotilla
