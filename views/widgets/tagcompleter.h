#pragma once

#include <QCompleter>

namespace Flotilla {

// Completes the last entry of a comma-separated list in a QLineEdit
// ("nightly, rep" → "nightly, reports"), from a one-column model of names.
class TagCompleter final : public QCompleter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagCompleter)

public:
    explicit TagCompleter(QAbstractItemModel *model, QObject *parent = nullptr);

    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;

    // The entries of a comma-separated list: trimmed, without empty ones and repeats.
    static QStringList entries(const QString &text);
};

} // namespace Flotilla
