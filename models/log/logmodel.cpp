#include "logmodel.h"

#include <algorithm>

namespace Flotilla {

namespace {

// Small enough to drop in one piece, large enough to keep the page list short.
constexpr qsizetype linesPerPage = 8192;

int utf16Length(QByteArrayView utf8)
{
    int length = 0;
    for (const char c : utf8) {
        const auto byte = uchar(c);
        length += (byte & 0xc0) != 0x80; // not a continuation byte
        length += byte >= 0xf0;          // a surrogate pair
    }
    return length;
}

} // namespace

qint64 LogModel::Page::memory() const
{
    return qint64(sizeof(Page)) + lines.text.capacity()
           + qint64(lines.lineEnds.capacity() + lines.spanEnds.capacity()) * 4
           + qint64(lines.spans.capacity() * sizeof(ColourSpan));
}

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_endId - m_firstId);
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
    case LineIdRole: return m_firstId + row;
    case LineNumberRole: return m_firstId + row + 1;
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

void LogModel::append(const ParsedLines &lines)
{
    if (lines.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(lines.lineCount()) - 1);
    qsizetype done = 0;
    while (done < lines.lineCount()) {
        if (m_pages.empty() || m_pages.back().lines.lineCount() >= linesPerPage) {
            if (!m_pages.empty()) {
                Page &full = m_pages.back();
                full.lines.text.squeeze();
                full.lines.lineEnds.shrink_to_fit();
                full.lines.spans.shrink_to_fit();
                full.lines.spanEnds.shrink_to_fit();
                m_fullPagesMemory += full.memory();
            }
            m_pages.push_back({m_endId + done, {}});
        }
        ParsedLines &page = m_pages.back().lines;
        const qsizetype count = std::min(lines.lineCount() - done, linesPerPage - page.lineCount());
        page.appendLines(lines, done, count);
        done += count;
    }
    quint32 previousEnd = 0;
    for (const quint32 end : lines.lineEnds) {
        m_longestLineBytes = std::max(m_longestLineBytes, int(end - previousEnd));
        previousEnd = end + 1;
    }
    m_endId += lines.lineCount();
    endInsertRows();
    dropOverBudget();
}

void LogModel::clear()
{
    beginResetModel();
    m_pages.clear();
    m_firstId = m_endId = 0;
    m_longestLineBytes = 0;
    m_fullPagesMemory = 0;
    endResetModel();
}

void LogModel::setMemoryBudget(qint64 bytes)
{
    m_budget = bytes;
    dropOverBudget();
}

qint64 LogModel::memoryUsed() const
{
    return m_fullPagesMemory + (m_pages.empty() ? 0 : m_pages.back().memory());
}

void LogModel::dropOverBudget()
{
    qsizetype pages = 0;
    qint64 lines = 0;
    qint64 freed = 0;
    // The last page stays: it is where lines are appended.
    while (pages + 1 < qsizetype(m_pages.size()) && memoryUsed() - freed > m_budget) {
        const Page &page = m_pages[size_t(pages)];
        freed += page.memory();
        lines += page.lines.lineCount();
        ++pages;
    }
    if (!pages)
        return;
    beginRemoveRows({}, 0, int(lines) - 1);
    m_pages.erase(m_pages.begin(), m_pages.begin() + pages);
    m_fullPagesMemory -= freed;
    m_firstId += lines;
    endRemoveRows();
    Q_EMIT linesDropped(m_firstId);
}

int LogModel::rowOfLineId(qint64 id) const
{
    return id >= m_firstId && id < m_endId ? int(id - m_firstId) : -1;
}

std::pair<const LogModel::Page *, qsizetype> LogModel::locate(int row) const
{
    const qint64 id = m_firstId + row;
    const auto after = std::upper_bound(m_pages.begin(), m_pages.end(), id,
                                        [](qint64 value, const Page &page) { return value < page.firstId; });
    const Page &page = *std::prev(after);
    return {&page, qsizetype(id - page.firstId)};
}

QByteArrayView LogModel::lineUtf8(int row) const
{
    const auto [page, line] = locate(row);
    return page->lines.lineUtf8(line);
}

QString LogModel::lineText(int row) const
{
    return QString::fromUtf8(lineUtf8(row));
}

QList<ColourSpan> LogModel::lineSpans(int row) const
{
    const auto [page, line] = locate(row);
    return page->lines.lineSpans(line);
}

int LogModel::lineLength(int row) const
{
    return utf16Length(lineUtf8(row));
}

void LogModel::visitText(int firstRow, int endRow, const TextVisitor &visit) const
{
    firstRow = std::max(firstRow, 0);
    endRow = std::min(endRow, rowCount());
    int row = firstRow;
    while (row < endRow) {
        const auto [page, line] = locate(row);
        const ParsedLines &lines = page->lines;
        const qsizetype count = std::min<qsizetype>(lines.lineCount() - line, endRow - row);
        const quint32 start = line ? lines.lineEnds[size_t(line - 1)] + 1 : 0;
        const quint32 end = lines.lineEnds[size_t(line + count - 1)] + 1;
        visit(row, QByteArrayView(lines.text.constData() + start, end - start), int(count));
        row += int(count);
    }
}

} // namespace Flotilla
