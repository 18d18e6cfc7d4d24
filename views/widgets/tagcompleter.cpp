#include "tagcompleter.h"

#include <QLineEdit>

namespace Flotilla {

TagCompleter::TagCompleter(QAbstractItemModel *model, QObject *parent)
    : QCompleter(model, parent)
{
    setCaseSensitivity(Qt::CaseInsensitive);
    setFilterMode(Qt::MatchContains);
    setCompletionRole(Qt::DisplayRole); // the name models have no EditRole
}

QStringList TagCompleter::splitPath(const QString &path) const
{
    return {path.section(u',', -1).trimmed()};
}

QString TagCompleter::pathFromIndex(const QModelIndex &index) const
{
    const QString completed = QCompleter::pathFromIndex(index);
    const auto *edit = qobject_cast<const QLineEdit *>(widget());
    const QString text = edit ? edit->text() : QString();
    const qsizetype comma = text.lastIndexOf(u',');
    return comma < 0 ? completed : text.left(comma + 1) + u' ' + completed;
}

QStringList TagCompleter::entries(const QString &text)
{
    QStringList tags;
    for (const QString &entry : text.split(u',')) {
        if (const QString tag = entry.trimmed(); !tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

} // namespace Flotilla
