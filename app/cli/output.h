#pragma once

#include <wire/envvar.h>
#include <wire/jsonreader.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <optional>
#include <utility>

namespace Flotilla {

// Where the `flotilla` program writes: results to `out` (tables, fields, or
// JSON with --output json), messages to `err`, each flushed at once. Tables
// fit the terminal: $COLUMNS when set, else the width of the tty `out` is;
// a pipe gets whole cells.
class Output final
{
public:
    explicit Output(FILE *out = stdout, FILE *err = stderr);

    bool isJson() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    // The width tables fit; 0: whole cells. Unset: asked of the terminal.
    void setTerminalWidth(int columns) { m_terminalWidth = columns; }
    int terminalWidth() const;

    void out(const QString &text);
    void err(const QString &text);
    // Ends a line `out` left open (a log without a final newline), on a
    // terminal only: the shell's prompt or our next message starts a line of
    // its own, and a pipe gets the log's bytes as they are.
    void endLine();
    // Whether `out` is a terminal. Unset: asked of `out`'s file.
    void setTerminal(bool terminal) { m_terminal = terminal; }

    void printJson(const Json &json);
    template <typename Item>
    void printJsonArray(const QList<Item> &items)
    {
        Json array = Json::array();
        for (const Item &item : items)
            array.push_back(item.toJson());
        printJson(array);
    }
    // Aligned columns under the headers; cells on one line each.
    void printTable(const QStringList &headers, const QList<QStringList> &rows);
    // "Name:  value" lines, the values aligned.
    void printFields(const QList<std::pair<QString, QString>> &fields);

    // Cell texts: empty for a missing value.
    static QString text(const std::optional<qint64> &value);
    static QString text(const std::optional<QDateTime> &time); // UTC, ISO 8601
    static QString text(const EnvList &env);                   // NAME=VALUE NAME=VALUE

private:
    void fitToTerminal(QList<qsizetype> *widths, const QStringList &headers) const;

    FILE *m_out;
    FILE *m_err;
    bool m_json = false;
    std::optional<int> m_terminalWidth;
    std::optional<bool> m_terminal;
    bool m_lineOpen = false;
};

} // namespace Flotilla
