#pragma once

#include <wire/jsonreader.h>

#include <QList>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace Flotilla {

// A form generated from a JSON Schema object: one field per property, nested
// objects as group boxes. It edits a payload; validation is the caller's
// (it shows the problems it is given next to their fields).
class SchemaForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaForm)

public:
    explicit SchemaForm(QWidget *parent = nullptr);
    ~SchemaForm() override;

    // Rebuilds the fields; a schema it cannot show as fields (not an object schema) shows a note.
    void setSchema(const Json &schema);
    // Fills the fields from a payload object (unknown keys kept and returned by payload()); does not emit changed().
    void setPayload(const Json &payload);
    // The fields' values; optional fields never set are left out.
    Json payload() const;
    // Problems by JSON Pointer path ("/name", "/limits/cpu", "/tags/2", "" for the whole payload): each shown in a
    // red label under its field (the nearest field for deeper paths), the rest in a label at the top. An empty list
    // clears them.
    void showProblems(const QList<std::pair<QString, QString>> &pathAndMessage);
    // The editor of a property path, for tests and focus; nullptr if none.
    QWidget *fieldWidget(const QString &path) const;

Q_SIGNALS:
    // The user changed a value.
    void changed();

private:
    struct Field;

    void rebuild();
    void addProperties(Field &object, QFormLayout *form, QWidget *parent, int depth);
    void addGroup(Field &field, QFormLayout *form, QWidget *parent, int depth);
    void addRow(Field &field, QFormLayout *form, QWidget *parent);
    QWidget *makeEditor(Field &field, QWidget *parent);
    void fill(Field &field, const Json *value, bool fromPayload, QStringList &misfits);
    bool showValue(Field &field, const Json &value);
    void showNeutral(Field &field);
    std::optional<Json> value(const Field &field) const;
    static bool anySet(const Field &field);
    void userChanged(Field &field);
    void clearField(Field &field);
    void addItem(Field &field);
    void removeItem(Field &field);
    Field *find(Field &field, const QString &path) const;
    Field *nearest(Field &field, const QString &path) const;
    void clearProblems(Field &field);

    Json m_schema;
    Json m_payload = Json::object();
    // Properties whose payload value their usual editor cannot hold: they get a JSON line edit instead.
    QSet<QString> m_rawPaths;
    std::unique_ptr<Field> m_root;
    QVBoxLayout *m_layout;
    QLabel *m_problems;
    QLabel *m_note;
    QWidget *m_body = nullptr;
    QList<QWidget *> m_focusOrder; // of the current fields, for setTabOrder
    bool m_filling = false;        // values set by the form itself are not the user's changes
};

} // namespace Flotilla
