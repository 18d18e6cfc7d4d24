#pragma once

#include <wire/envvar.h>

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Flotilla {

class EnvVarModel;

// The env list of a form: a table of NAME and VALUE (edited in place) over an
// EnvVarModel, with Add, Remove, Move up, Move down and paste of NAME=VALUE
// lines (the button, or Ctrl+V on the table). Names with a problem and
// empty values are marked in the table and summed up below it.
class EnvVarEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvVarEditor)

public:
    explicit EnvVarEditor(QWidget *parent = nullptr);
    ~EnvVarEditor() override;

    EnvList envVars() const;
    void setEnvVars(const EnvList &vars);
    // What keeps the list from being saved, one sentence each (names only).
    QStringList problems() const;
    // The names whose value is empty: allowed, but usually a forgotten value.
    QStringList emptyValueNames() const;

    EnvVarModel *model() const { return m_model; }

Q_SIGNALS:
    void changed();

private:
    void add();
    void remove();
    void move(bool up);
    void pasteClipboard();
    int currentRow() const;
    void selectRow(int row);
    void showProblems();
    void updateButtons();

    EnvVarModel *m_model;
    QTableView *m_table;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QPushButton *m_upButton;
    QPushButton *m_downButton;
    QPushButton *m_pasteButton;
    QLabel *m_problemLabel;
    QStringList m_pasteProblems; // of the latest paste, until the next paste or setEnvVars()
};

} // namespace Flotilla
