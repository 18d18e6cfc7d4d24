#pragma once

#include <QComboBox>

namespace Flotilla {

class NameListModel;

// A filter choice over the names of a NameListModel (groups, tags, clusters):
// "All ..." first, then every name on the server (all pages are loaded; the
// lists are short). The choice survives refreshes of the names.
class NameFilterCombo final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameFilterCombo)

public:
    NameFilterCombo(NameListModel *names, QString allText, QWidget *parent = nullptr);

    QString chosenName() const; // empty: all
    void choose(const QString &name);

Q_SIGNALS:
    void chosenNameChanged(const QString &name);

private:
    void rebuild();

    NameListModel *m_names;
    QString m_allText;
    bool m_rebuilding = false;
};

} // namespace Flotilla
