#pragma once

#include <wire/definition.h>

#include <QDialog>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

#include <memory>

class QLabel;

namespace Flotilla {

namespace Ui {
class DefinitionEditor;
}

class ApiError;
class ApiJob;
class FlotillaClient;

// Creates, edits or copies a task definition. Save sends it (POST for Create
// and Copy, PUT for Edit) and stays disabled while the form is invalid or a
// request runs; problems show under their field, the server's as well.
// Fields the form does not show (and those of other servers) are sent back
// as `initial` had them. Closing with unsaved edits asks first.
class DefinitionEditor final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionEditor)

public:
    enum class Mode { Create, Edit, Copy };

    DefinitionEditor(FlotillaClient *client, Mode mode, const Definition &initial = {}, QWidget *parent = nullptr);
    ~DefinitionEditor() override;

    Mode mode() const { return m_mode; }
    // The definition as the form stands.
    Definition definition() const;
    bool hasUnsavedChanges() const;

    void reject() override; // asks before dropping edits

Q_SIGNALS:
    void saved(const Flotilla::Definition &definition);

private:
    void load(const Definition &definition);
    void validate();
    void save();
    void saveFinished(ApiJob *job, const Definition &result);
    void showServerError(const ApiError &error);
    struct Field
    {
        QWidget *editor;
        QLabel *problem;            // under the editor
        QRegularExpression mention; // how a problem sentence names the field
    };
    // The field a problem sentence names, or nullptr.
    const Field *fieldNamedIn(const QString &sentence) const;
    void updateSaveButton();

    std::unique_ptr<Ui::DefinitionEditor> m_ui;
    FlotillaClient *m_client;
    Mode m_mode;
    Definition m_initial;
    Json m_baseline; // the form's definition as loaded, to spot edits
    QList<Field> m_fields;
    QSet<const QObject *> m_touched; // fields the user edited: only they show problems before a save
    bool m_valid = false;
    QPointer<ApiJob> m_saveJob;
};

} // namespace Flotilla
