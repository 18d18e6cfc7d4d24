#include "output.h"

#include <sys/ioctl.h>
#include <unistd.h>

namespace Flotilla {

namespace {

void write(FILE *file, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), file);
    std::fflush(file);
}

} // namespace

Output::Output(FILE *out, FILE *err)
    : m_out(out)
    , m_err(err)
{}

int Output::terminalWidth() const
{
    if (m_terminalWidth)
        return *m_terminalWidth;
    if (const int columns = qEnvironmentVariableIntValue("COLUMNS"); columns > 0)
        return columns;
    const int descriptor = ::fileno(m_out);
    winsize size{};
    if (::isatty(descriptor) && ::ioctl(descriptor, TIOCGWINSZ, &size) == 0)
        return size.ws_col;
    return 0;
}

void Output::out(const QString &text)
{
    write(m_out, text);
    if (!text.isEmpty())
        m_lineOpen = !text.endsWith(u'\n');
}

void Output::endLine()
{
    if (m_lineOpen && m_terminal.value_or(::isatty(::fileno(m_out)) != 0))
        write(m_out, QStringLiteral("\n"));
    m_lineOpen = false;
}

void Output::err(const QString &text)
{
    endLine();
    write(m_err, text);
}

void Output::printJson(const Json &json)
{
    out(toQString(json.dump(2)) + u'\n');
}

// Narrows the widest columns until a row fits the terminal, keeping every
// column at least as wide as its header (or 8).
void Output::fitToTerminal(QList<qsizetype> *widths, const QStringList &headers) const
{
    const int available = terminalWidth();
    if (available <= 0 || widths->isEmpty())
        return;
    qsizetype total = 2 * (widths->size() - 1);
    for (qsizetype width : std::as_const(*widths))
        total += width;
    while (total > available) {
        qsizetype widest = -1;
        for (qsizetype i = 0; i < widths->size(); ++i) {
            const qsizetype floor = std::max<qsizetype>(headers.at(i).size(), 8);
            if (widths->at(i) > floor && (widest < 0 || widths->at(i) > widths->at(widest)))
                widest = i;
        }
        if (widest < 0)
            return; // as narrow as it gets; the terminal wraps the rest
        --(*widths)[widest];
        --total;
    }
}

void Output::printTable(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].simplified().size());
    }
    fitToTerminal(&widths, headers);
    const auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i].simplified();
            if (cell.size() > widths[i])
                cell = cell.left(widths[i] - 1) + u'\u2026';
            text += i + 1 < cells.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        return text + u'\n';
    };
    QString text = line(headers);
    for (const QStringList &row : rows)
        text += line(row);
    out(text);
}

void Output::printFields(const QList<std::pair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size());
    QString text;
    for (const auto &field : fields)
        text += (field.first + u':').leftJustified(width + 2) + field.second + u'\n';
    out(text);
}

QString Output::text(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

QString Output::text(const std::optional<QDateTime> &time)
{
    return time ? time->toUTC().toString(Qt::ISODate) : QString();
}

QString Output::text(const EnvList &env)
{
    QStringList parts;
    for (const EnvVar &var : env)
        parts << var.name + u'=' + var.value;
    return parts.join(u' ');
}

} // namespace Flotilla
