#include "logmodel.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace Flotilla {

LogModel::LogModel(QObject *parent, const QString &spillDirectory)
    : QAbstractTableModel(parent)
    , m_spillDirectory(spillDirectory)
{
    openSpill();
}

LogModel::~LogModel() = default;

void LogModel::openSpill()
{
    m_pages.reset();
    m_spill = std::make_unique<LogSpill>(m_spillDirectory);
    m_pages = std::make_unique<LogSpillPages>(m_spill.get());
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_endLine - m_firstLine);
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole: return lineText(row);
    case LineIdRole: return firstLineId() + row;
    case LineNumberRole: return lineNumber(firstLineId() + row);
    case LineNumberApproximateRole: return !m_spill->startReached();
    case SpansRole: return QVariant::fromValue(lineSpans(row));
    case LineLengthRole: return lineLength(row);
    default: return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == TextColumn && role == Qt::DisplayRole)
        return tr("Line");
    return QAbstractTableModel::headerData(section, orientation, role);
}

void LogModel::noteLongestLine(QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    while (p < end) {
        const char *const newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const qint64 length = (newline ? newline : end) - p;
        m_longestLineBytes = int(
            std::min<qint64>(std::max<qint64>(m_longestLineBytes, length), std::numeric_limits<int>::max()));
        if (!newline)
            break;
        p = newline + 1;
    }
}

bool LogModel::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    if (!m_spill->append(bytes))
        return false;
    // The unterminated line so far continues in these bytes.
    const char *const newline = static_cast<const char *>(std::memchr(bytes.data(), '\n', size_t(bytes.size())));
    const qint64 head = newline ? newline - bytes.data() : bytes.size();
    m_longestLineBytes = int(std::min<qint64>(std::max<qint64>(m_longestLineBytes, m_openLineBytes + head),
                                              std::numeric_limits<int>::max()));
    if (newline) {
        noteLongestLine(bytes.sliced(head + 1));
        const char *const last = static_cast<const char *>(::memrchr(bytes.data(), '\n', size_t(bytes.size())));
        m_openLineBytes = bytes.data() + bytes.size() - last - 1;
    } else {
        m_openLineBytes += bytes.size();
    }
    insertAppended();
    return true;
}

void LogModel::insertAppended()
{
    const qint64 added = m_spill->endLine() - m_endLine;
    if (added <= 0)
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(added) - 1);
    m_endLine += added;
    endInsertRows();
}

bool LogModel::prepend(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    const bool hadRows = rowCount() > 0;
    if (!m_spill->prepend(bytes))
        return false;
    noteLongestLine(bytes);
    const qint64 added = m_firstLine - m_spill->firstLine();
    if (added > 0) {
        beginInsertRows({}, 0, int(added) - 1);
        m_firstLine -= added;
        endInsertRows();
    }
    // The old first line may have been the end of a line this chunk began.
    if (hadRows) {
        const QModelIndex completed = index(int(added), TextColumn);
        Q_EMIT dataChanged(completed, completed);
    }
    return true;
}

void LogModel::setStartReached()
{
    if (m_spill->startReached())
        return;
    m_spill->setStartReached();
    m_bytesAbove = 0;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TextColumn), index(rowCount() - 1, TextColumn),
                           {LineNumberRole, LineNumberApproximateRole});
    Q_EMIT startReachedChanged();
}

void LogModel::setBytesAbove(qint64 bytes)
{
    if (bytes == m_bytesAbove || m_spill->startReached())
        return;
    m_bytesAbove = std::max<qint64>(bytes, 0);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TextColumn), index(rowCount() - 1, TextColumn), {LineNumberRole});
}

void LogModel::finish()
{
    if (m_spill->isFinished())
        return;
    m_spill->finish();
    insertAppended();
}

void LogModel::clear()
{
    beginResetModel();
    openSpill();
    m_firstLine = m_endLine = 0;
    m_bytesAbove = 0;
    m_longestLineBytes = 0;
    m_openLineBytes = 0;
    endResetModel();
}

int LogModel::rowOfLineId(qint64 id) const
{
    return id >= firstLineId() && id < endLineId() ? int(id - firstLineId()) : -1;
}

qint64 LogModel::lineNumber(qint64 id) const
{
    if (const std::optional<qint64> absolute = m_spill->absoluteLine(id))
        return *absolute + 1;
    // The lines above, at the spill's mean line length.
    const qint64 lines = std::max<qint64>(m_spill->lineCount(), 1);
    const qint64 above = m_spill->byteSize() > 0
                             ? qint64(double(m_bytesAbove) * double(lines) / double(m_spill->byteSize()))
                             : 0;
    return above + (id - firstLineId()) + 1;
}

QByteArray LogModel::lineUtf8(int row) const
{
    return m_pages->lineUtf8(firstLineId() + row).toByteArray();
}

QString LogModel::lineText(int row) const
{
    return m_pages->lineText(firstLineId() + row);
}

QList<ColourSpan> LogModel::lineSpans(int row) const
{
    return m_pages->lineSpans(firstLineId() + row);
}

int LogModel::lineLength(int row) const
{
    return m_pages->lineLength(firstLineId() + row);
}

void LogModel::visitText(int firstRow, int endRow, const TextVisitor &visit) const
{
    firstRow = std::max(firstRow, 0);
    endRow = std::min(endRow, rowCount());
    int row = firstRow;
    while (row < endRow) {
        const qint64 line = firstLineId() + row;
        const auto [pageFirst, lines] = m_pages->parsedPage(line);
        const qsizetype inPage = qsizetype(line - pageFirst);
        const qsizetype count = std::min<qsizetype>(lines->lineCount() - inPage, endRow - row);
        const quint32 start = inPage ? lines->lineEnds[size_t(inPage - 1)] + 1 : 0;
        const quint32 end = lines->lineEnds[size_t(inPage + count - 1)] + 1;
        visit(row, QByteArrayView(lines->text.constData() + start, end - start), int(count));
        row += int(count);
    }
}

} // namespace Flotilla
