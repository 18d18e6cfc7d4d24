#include "schemaform.h"
#include "formproblems.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

#include <climits>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

namespace Flotilla {

namespace {

enum class Kind { Text, Choice, Integer, Number, Boolean, List, Object, Raw };

} // namespace

struct SchemaForm::Field
{
    Kind kind = Kind::Raw;
    std::string key;
    QString path; // JSON Pointer
    QString title;
    Json schema;
    bool required = false;
    bool set = false;          // in the payload given, or changed by the user
    QWidget *editor = nullptr; // the group box for objects
    QLabel *problem = nullptr;
    QToolButton *clear = nullptr;                 // optional fields whose editor always shows a value
    QPushButton *removeButton = nullptr;          // lists
    std::vector<std::unique_ptr<Field>> children; // objects
    Json extra = Json::object();                  // objects: payload members without a property, returned as they came
};

namespace {

// Deeper objects are edited as JSON: the form stays usable and the recursion bounded.
constexpr int maxDepth = 16;
constexpr int numberDecimals = 6;

// 2.5, not 2.500000: the decimals are there for precision, not for show.
class NumberSpinBox final : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QString textFromValue(double value) const override
    {
        QLocale shown = locale();
        shown.setNumberOptions(shown.numberOptions() | QLocale::OmitGroupSeparator);
        return shown.toString(value, 'f', QLocale::FloatingPointShortest);
    }
};

// Room for ten digits whatever the range, so 0..1 still shows 0.25 and the boxes line up.
void widenForNumbers(QAbstractSpinBox *spin)
{
    const int digits = spin->fontMetrics().horizontalAdvance(QString(10, u'0'));
    spin->setMinimumWidth(std::max(spin->sizeHint().width(), digits + spin->sizeHint().height()));
}

const Json *member(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::optional<double> numberMember(const Json &schema, const char *key)
{
    const Json *value = member(schema, key);
    return value && value->is_number() ? std::optional(value->get<double>()) : std::nullopt;
}

QString stringMember(const Json &schema, const char *key)
{
    const Json *value = member(schema, key);
    return value && value->is_string() ? toQString(value->get_ref<const std::string &>()) : QString();
}

// "type": "string" or ["string", "null"]: one type to build an editor for, else empty.
std::string singleType(const Json &schema)
{
    const Json *type = member(schema, "type");
    if (type && type->is_string())
        return type->get<std::string>();
    if (type && type->is_array()) {
        std::string only;
        for (const Json &entry : *type) {
            if (!entry.is_string() || entry == "null")
                continue;
            if (!only.empty())
                return {};
            only = entry.get<std::string>();
        }
        return only;
    }
    return !type && member(schema, "properties") ? "object" : std::string();
}

bool isScalar(const Json &value)
{
    return value.is_string() || value.is_number() || value.is_boolean();
}

bool hasScalarEnum(const Json &schema)
{
    const Json *values = member(schema, "enum");
    return values && values->is_array() && !values->empty() && std::all_of(values->begin(), values->end(), isScalar);
}

bool isObjectSchema(const Json &schema)
{
    const Json *properties = member(schema, "properties");
    return singleType(schema) == "object" && (!properties || properties->is_object());
}

bool isScalarItemSchema(const Json &items)
{
    const std::string type = singleType(items);
    return hasScalarEnum(items) || type == "string" || type == "integer" || type == "number" || type == "boolean";
}

struct Range
{
    double low;
    double high;
};

// minimum/maximum, with the exclusive bounds one step inside.
Range range(const Json &schema, double step, double low, double high)
{
    if (const auto minimum = numberMember(schema, "minimum"))
        low = std::max(low, step == 1 ? std::ceil(*minimum) : *minimum);
    if (const auto exclusive = numberMember(schema, "exclusiveMinimum"))
        low = std::max(low, step == 1 ? std::floor(*exclusive) + 1 : *exclusive + step);
    if (const auto maximum = numberMember(schema, "maximum"))
        high = std::min(high, step == 1 ? std::floor(*maximum) : *maximum);
    if (const auto exclusive = numberMember(schema, "exclusiveMaximum"))
        high = std::min(high, step == 1 ? std::ceil(*exclusive) - 1 : *exclusive - step);
    return {low, high};
}

Range integerRange(const Json &schema)
{
    return range(schema, 1, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity());
}

bool fitsInt(const Range &bounds)
{
    return (bounds.low >= INT_MIN || std::isinf(bounds.low)) && (bounds.high <= INT_MAX || std::isinf(bounds.high));
}

Kind kindOf(const Json &schema, int depth)
{
    if (hasScalarEnum(schema))
        return Kind::Choice;
    const std::string type = singleType(schema);
    if (type == "string")
        return Kind::Text;
    if (type == "integer")
        return fitsInt(integerRange(schema)) ? Kind::Integer : Kind::Raw; // a spin box holds an int
    if (type == "number")
        return Kind::Number;
    if (type == "boolean")
        return Kind::Boolean;
    if (type == "array") {
        const Json *items = member(schema, "items");
        return items && isScalarItemSchema(*items) ? Kind::List : Kind::Raw;
    }
    if (type == "object" && member(schema, "properties") && isObjectSchema(schema) && depth <= maxDepth)
        return Kind::Object;
    return Kind::Raw;
}

QString escapePointer(const std::string &key)
{
    return toQString(key).replace(u'~', QStringLiteral("~0")).replace(u'/', QStringLiteral("~1"));
}

QString unescapePointer(QString pointer)
{
    return pointer.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
}

// How a scalar reads in a list item or combo entry: strings bare, the rest as JSON.
QString displayText(const Json &value)
{
    return value.is_string() ? toQString(value.get_ref<const std::string &>()) : toQString(value.dump());
}

// An item's text as the items' type; text that does not convert stays text, so validation names it.
Json itemValue(const QString &text, const Json &items)
{
    if (const Json *values = member(items, "enum"); values && hasScalarEnum(items)) {
        for (const Json &value : *values) {
            if (displayText(value) == text)
                return value;
        }
        return toUtf8(text);
    }
    const std::string type = singleType(items);
    bool ok = false;
    if (type == "integer" || type == "number") {
        if (const qlonglong whole = text.trimmed().toLongLong(&ok); ok)
            return whole;
        if (const double number = text.trimmed().toDouble(&ok); ok && type == "number")
            return number;
    } else if (type == "boolean" && (text == u"true" || text == u"false")) {
        return text == u"true";
    }
    return toUtf8(text);
}

// What a new item starts as: the items' default, else an empty value of their type.
QString newItemText(const Json &items)
{
    if (const Json *fallback = member(items, "default"); fallback && isScalar(*fallback))
        return displayText(*fallback);
    if (hasScalarEnum(items))
        return displayText(items["enum"].front());
    const std::string type = singleType(items);
    if (type == "integer" || type == "number")
        return QStringLiteral("0");
    return type == "boolean" ? QStringLiteral("false") : QString();
}

QString labelText(const QString &title, bool required)
{
    QString text = title;
    text.replace(u'&', QStringLiteral("&&")); // a buddy label would take & for a mnemonic
    return required ? text + QStringLiteral(" *") : text;
}

void describe(QWidget *widget, const QString &description)
{
    widget->setToolTip(description);
    widget->setWhatsThis(description);
}

QLabel *makeProblemLabel(const QString &path, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("problem") + path);
    label->setWordWrap(true);
    styleAsProblem(label);
    label->hide();
    return label;
}

} // namespace

SchemaForm::SchemaForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_problems(makeProblemLabel(QString(), this))
    , m_note(new QLabel(this))
{
    m_problems->setObjectName(QStringLiteral("problems"));
    m_note->setObjectName(QStringLiteral("note"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_layout->setContentsMargins({});
    m_layout->addWidget(m_problems);
    m_layout->addWidget(m_note);
    m_layout->addStretch(); // spare height goes below the form, not between its rows
    setSchema(Json::object({{"type", "object"}}));
}

SchemaForm::~SchemaForm()
{
    // The editors' connections refer to m_root's fields, which go before QWidget deletes its children.
    m_filling = true;
    delete m_body;
}

void SchemaForm::setSchema(const Json &schema)
{
    m_schema = schema;
    setPayload(Json::object());
}

void SchemaForm::setPayload(const Json &payload)
{
    m_payload = payload.is_object() ? payload : Json::object();
    m_rawPaths.clear();
    m_filling = true;
    // A value that does not fit its editor gets a JSON line edit, which holds anything; then all is filled again.
    for (;;) {
        rebuild();
        QStringList misfits;
        fill(*m_root, &m_payload, true, misfits);
        if (misfits.isEmpty())
            break;
        for (const QString &path : std::as_const(misfits))
            m_rawPaths.insert(path);
    }
    m_filling = false;
}

Json SchemaForm::payload() const
{
    return value(*m_root).value_or(Json::object());
}

void SchemaForm::rebuild()
{
    delete m_body;
    m_focusOrder.clear();
    m_body = new QWidget(this);
    m_layout->insertWidget(m_layout->indexOf(m_note) + 1, m_body);
    m_problems->hide();

    m_root = std::make_unique<Field>();
    m_root->kind = Kind::Object;
    m_root->required = true;
    m_root->schema = m_schema;
    if (isObjectSchema(m_schema)) {
        auto *form = new QFormLayout(m_body);
        form->setContentsMargins({});
        addProperties(*m_root, form, m_body, 0);
        showProblem(m_note, m_root->children.empty() ? tr("This template declares no parameters.") : QString());
    } else {
        showProblem(m_note, tr("The parameters cannot be shown as a form: their schema does not describe an object. "
                               "The template's defaults are used."));
    }
    for (qsizetype i = 1; i < m_focusOrder.size(); ++i)
        setTabOrder(m_focusOrder.at(i - 1), m_focusOrder.at(i));
}

void SchemaForm::addProperties(Field &object, QFormLayout *form, QWidget *parent, int depth)
{
    std::set<std::string> required;
    if (const Json *names = member(object.schema, "required"); names && names->is_array()) {
        for (const Json &name : *names) {
            if (name.is_string())
                required.insert(name.get<std::string>());
        }
    }
    const Json *properties = member(object.schema, "properties");
    if (!properties)
        return;
    for (const auto &[key, schema] : properties->items()) {
        auto field = std::make_unique<Field>();
        field->key = key;
        field->path = object.path + u'/' + escapePointer(key);
        field->schema = schema;
        field->required = required.count(key) > 0;
        field->title = stringMember(schema, "title");
        if (field->title.isEmpty())
            field->title = toQString(key);
        field->kind = m_rawPaths.contains(field->path) ? Kind::Raw : kindOf(schema, depth + 1);
        if (field->kind == Kind::Object)
            addGroup(*field, form, parent, depth + 1);
        else
            addRow(*field, form, parent);
        object.children.push_back(std::move(field));
    }
}

void SchemaForm::addGroup(Field &field, QFormLayout *form, QWidget *parent, int depth)
{
    auto *group = new QGroupBox(labelText(field.title, field.required), parent);
    group->setObjectName(QStringLiteral("field") + field.path);
    group->setAccessibleName(field.title);
    group->setAccessibleDescription(field.required ? tr("required") : QString());
    describe(group, stringMember(field.schema, "description"));
    field.editor = group;
    auto *groupForm = new QFormLayout(group);
    field.problem = makeProblemLabel(field.path, group);
    groupForm->addRow(field.problem);
    addProperties(field, groupForm, group, depth);
    form->addRow(group);
}

void SchemaForm::addRow(Field &field, QFormLayout *form, QWidget *parent)
{
    const QString description = stringMember(field.schema, "description");
    auto *label = new QLabel(labelText(field.title, field.required), parent);
    label->setObjectName(QStringLiteral("label") + field.path);
    label->setAccessibleDescription(field.required ? tr("required") : QString());
    describe(label, description);

    auto *cell = new QWidget(parent);
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins({});
    cellLayout->setSpacing(2);
    auto *line = new QHBoxLayout;
    cellLayout->addLayout(line);
    field.editor = makeEditor(field, cell);
    field.editor->setObjectName(QStringLiteral("field") + field.path);
    field.editor->setAccessibleName(field.title);
    describe(field.editor, description);
    label->setBuddy(field.editor);
    m_focusOrder.append(field.editor);

    const bool compact = field.kind == Kind::Integer || field.kind == Kind::Number || field.kind == Kind::Boolean;
    line->addWidget(field.editor, compact ? 0 : 1);
    // Line edits and combos unset with empty text or the empty entry; these always show a value.
    if (!field.required && (compact || field.kind == Kind::List)) {
        field.clear = new QToolButton(cell);
        field.clear->setObjectName(QStringLiteral("clear") + field.path);
        field.clear->setText(tr("Clear"));
        field.clear->setAccessibleName(tr("Clear %1").arg(field.title));
        field.clear->setToolTip(tr("Leave %1 unset, so the template's default applies").arg(field.title));
        field.clear->setAutoRaise(true);
        field.clear->setEnabled(false);
        connect(field.clear, &QToolButton::clicked, this, [this, &field] { clearField(field); });
        line->addWidget(field.clear, 0, Qt::AlignTop);
        m_focusOrder.append(field.clear);
    }
    if (compact)
        line->addStretch();

    if (field.kind == Kind::List) {
        auto *buttons = new QHBoxLayout;
        auto *add = new QPushButton(tr("Add"), cell);
        add->setObjectName(QStringLiteral("add") + field.path);
        add->setAccessibleName(tr("Add item to %1").arg(field.title));
        add->setAutoDefault(false);
        field.removeButton = new QPushButton(tr("Remove"), cell);
        field.removeButton->setObjectName(QStringLiteral("remove") + field.path);
        field.removeButton->setAccessibleName(tr("Remove item from %1").arg(field.title));
        field.removeButton->setAutoDefault(false);
        field.removeButton->setEnabled(false);
        buttons->addWidget(add);
        buttons->addWidget(field.removeButton);
        buttons->addStretch();
        cellLayout->addLayout(buttons);
        m_focusOrder.append(add);
        m_focusOrder.append(field.removeButton);
        connect(add, &QPushButton::clicked, this, [this, &field] { addItem(field); });
        connect(field.removeButton, &QPushButton::clicked, this, [this, &field] { removeItem(field); });
    }
    field.problem = makeProblemLabel(field.path, cell);
    cellLayout->addWidget(field.problem);
    form->addRow(label, cell);
}

QWidget *SchemaForm::makeEditor(Field &field, QWidget *parent)
{
    const auto changedBy = [this, &field] { userChanged(field); };
    switch (field.kind) {
    case Kind::Text: {
        auto *edit = new QLineEdit(parent);
        if (const auto maxLength = numberMember(field.schema, "maxLength"); maxLength && *maxLength >= 0)
            edit->setMaxLength(int(std::min<double>(*maxLength, std::numeric_limits<int>::max())));
        edit->setClearButtonEnabled(!field.required);
        connect(edit, &QLineEdit::textChanged, this, changedBy);
        return edit;
    }
    case Kind::Choice: {
        auto *combo = new QComboBox(parent);
        if (!field.required)
            combo->addItem(QString()); // unset
        int index = 0;
        for (const Json &value : field.schema["enum"])
            combo->addItem(displayText(value), index++);
        connect(combo, &QComboBox::currentIndexChanged, this, changedBy);
        return combo;
    }
    case Kind::Integer: {
        auto *spin = new QSpinBox(parent);
        const Range bounds = integerRange(field.schema);
        spin->setRange(std::isinf(bounds.low) ? INT_MIN : int(bounds.low),
                       std::isinf(bounds.high) ? INT_MAX : int(bounds.high));
        widenForNumbers(spin);
        connect(spin, &QSpinBox::valueChanged, this, changedBy);
        return spin;
    }
    case Kind::Number: {
        auto *spin = new NumberSpinBox(parent);
        spin->setDecimals(numberDecimals);
        const Range bounds = range(field.schema, std::pow(10.0, -numberDecimals), std::numeric_limits<double>::lowest(),
                                   std::numeric_limits<double>::max());
        spin->setRange(bounds.low, bounds.high);
        widenForNumbers(spin);
        connect(spin, &QDoubleSpinBox::valueChanged, this, changedBy);
        return spin;
    }
    case Kind::Boolean: {
        auto *check = new QCheckBox(parent);
        connect(check, &QCheckBox::toggled, this, changedBy);
        return check;
    }
    case Kind::List: {
        auto *list = new QListWidget(parent);
        list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                              | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
        list->setTabKeyNavigation(false); // Tab leaves the list, as in every other field
        const int row = list->fontMetrics().height() + 6;
        list->setMinimumHeight(row * 3);
        list->setMaximumHeight(row * 5);
        connect(list, &QListWidget::itemChanged, this, changedBy);
        connect(list, &QListWidget::currentRowChanged, this,
                [&field](int row) { field.removeButton->setEnabled(row >= 0); });
        return list;
    }
    case Kind::Object:
    case Kind::Raw: break;
    }
    auto *edit = new QLineEdit(parent);
    edit->setPlaceholderText(singleType(field.schema) == "integer" ? tr("A whole number") : tr("A JSON value"));
    edit->setClearButtonEnabled(!field.required);
    connect(edit, &QLineEdit::textChanged, this, changedBy);
    return edit;
}

void SchemaForm::fill(Field &field, const Json *value, bool fromPayload, QStringList &misfits)
{
    field.set = fromPayload && value;
    if (field.kind == Kind::Object) {
        field.extra = Json::object();
        if (value && !value->is_object()) {
            misfits.append(field.path);
            return;
        }
        const Json *shown = value ? value : member(field.schema, "default");
        for (const auto &child : field.children) {
            const Json *childValue = shown && shown->is_object() ? member(*shown, child->key.c_str()) : nullptr;
            fill(*child, childValue, fromPayload && value, misfits);
        }
        if (fromPayload && value) {
            for (const auto &[key, member] : value->items()) {
                if (std::none_of(field.children.begin(), field.children.end(),
                                 [&key](const auto &child) { return child->key == key; }))
                    field.extra[key] = member;
            }
        }
        return;
    }
    if (const Json *fallback = member(field.schema, "default"); !value && fallback) {
        fill(field, fallback, false, misfits);
        return;
    }
    if (!value || !showValue(field, *value)) {
        if (value && fromPayload)
            misfits.append(field.path);
        showNeutral(field);
    }
    if (field.clear)
        field.clear->setEnabled(field.set);
}

// Whether the editor holds `value` exactly.
bool SchemaForm::showValue(Field &field, const Json &value)
{
    switch (field.kind) {
    case Kind::Text:
        if (!value.is_string())
            return false;
        static_cast<QLineEdit *>(field.editor)->setText(displayText(value));
        return true;
    case Kind::Choice: {
        const Json &values = field.schema["enum"];
        const auto it = std::find(values.begin(), values.end(), value);
        if (it == values.end())
            return false;
        static_cast<QComboBox *>(field.editor)->setCurrentIndex(int(it - values.begin()) + (field.required ? 0 : 1));
        return true;
    }
    case Kind::Integer: {
        auto *spin = static_cast<QSpinBox *>(field.editor);
        if (!value.is_number() || value.get<double>() < spin->minimum() || value.get<double>() > spin->maximum())
            return false;
        spin->setValue(value.get<int>());
        return spin->value() == value.get<double>();
    }
    case Kind::Number: {
        auto *spin = static_cast<QDoubleSpinBox *>(field.editor);
        if (!value.is_number())
            return false;
        spin->setValue(value.get<double>());
        return spin->value() == value.get<double>();
    }
    case Kind::Boolean:
        if (!value.is_boolean())
            return false;
        static_cast<QCheckBox *>(field.editor)->setChecked(value.get<bool>());
        return true;
    case Kind::List: {
        if (!value.is_array())
            return false;
        const Json &items = field.schema["items"];
        auto *list = static_cast<QListWidget *>(field.editor);
        list->clear();
        for (const Json &item : value) {
            // "12" in a list of integers would come back as 12: such a list is edited as JSON
            if (!isScalar(item) || itemValue(displayText(item), items) != item)
                return false;
            auto *entry = new QListWidgetItem(displayText(item));
            entry->setFlags(entry->flags() | Qt::ItemIsEditable);
            list->addItem(entry);
        }
        return true;
    }
    case Kind::Object: return false;
    case Kind::Raw: static_cast<QLineEdit *>(field.editor)->setText(toQString(value.dump())); return true;
    }
    return false;
}

void SchemaForm::showNeutral(Field &field)
{
    switch (field.kind) {
    case Kind::Text:
    case Kind::Raw: static_cast<QLineEdit *>(field.editor)->clear(); break;
    case Kind::Choice: static_cast<QComboBox *>(field.editor)->setCurrentIndex(0); break;
    case Kind::Integer: static_cast<QSpinBox *>(field.editor)->setValue(0); break;
    case Kind::Number: static_cast<QDoubleSpinBox *>(field.editor)->setValue(0); break;
    case Kind::Boolean: static_cast<QCheckBox *>(field.editor)->setChecked(false); break;
    case Kind::List: static_cast<QListWidget *>(field.editor)->clear(); break;
    case Kind::Object: break;
    }
}

std::optional<Json> SchemaForm::value(const Field &field) const
{
    if (field.kind == Kind::Object) {
        Json object = Json::object();
        for (const auto &child : field.children) {
            if (std::optional<Json> childValue = value(*child))
                object[child->key] = std::move(*childValue);
        }
        for (const auto &[key, member] : field.extra.items()) {
            if (!object.contains(key))
                object[key] = member;
        }
        return field.required || anySet(field) ? std::optional(object) : std::nullopt;
    }
    if (!field.required && !field.set)
        return std::nullopt;
    switch (field.kind) {
    case Kind::Text: {
        // Empty text is unset, so a required field left empty is reported missing.
        const QString text = static_cast<QLineEdit *>(field.editor)->text();
        return text.isEmpty() ? std::nullopt : std::optional<Json>(toUtf8(text));
    }
    case Kind::Choice: {
        const QVariant index = static_cast<QComboBox *>(field.editor)->currentData();
        return index.isValid() ? std::optional(field.schema["enum"].at(index.toInt())) : std::nullopt;
    }
    case Kind::Integer: return Json(static_cast<QSpinBox *>(field.editor)->value());
    case Kind::Number: return Json(static_cast<QDoubleSpinBox *>(field.editor)->value());
    case Kind::Boolean: return Json(static_cast<QCheckBox *>(field.editor)->isChecked());
    case Kind::List: {
        auto *list = static_cast<QListWidget *>(field.editor);
        Json items = Json::array();
        for (int row = 0; row < list->count(); ++row)
            items.push_back(itemValue(list->item(row)->text(), field.schema["items"]));
        return items;
    }
    case Kind::Object: break;
    case Kind::Raw: {
        const QString text = static_cast<QLineEdit *>(field.editor)->text();
        if (text.isEmpty())
            return std::nullopt;
        const QByteArray utf8 = text.toUtf8();
        Json parsed = parseNetworkJson(utf8);
        return parsed.is_discarded() ? Json(utf8.toStdString()) : parsed;
    }
    }
    return std::nullopt;
}

// An optional object is sent once something in it was given or changed, even when a required member always has a
// value to show.
bool SchemaForm::anySet(const Field &field)
{
    return field.set || std::any_of(field.children.begin(), field.children.end(), [](const auto &child) {
               return anySet(*child);
           });
}

void SchemaForm::userChanged(Field &field)
{
    if (m_filling)
        return;
    field.set = true;
    if (field.clear)
        field.clear->setEnabled(true);
    Q_EMIT changed();
}

void SchemaForm::clearField(Field &field)
{
    QStringList misfits;
    m_filling = true;
    fill(field, nullptr, false, misfits);
    m_filling = false;
    field.editor->setFocus(); // the clear button is now disabled
    Q_EMIT changed();
}

void SchemaForm::addItem(Field &field)
{
    auto *list = static_cast<QListWidget *>(field.editor);
    auto *item = new QListWidgetItem(newItemText(field.schema["items"]));
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    list->addItem(item);
    list->setCurrentItem(item);
    list->setFocus();
    list->editItem(item);
    userChanged(field);
}

void SchemaForm::removeItem(Field &field)
{
    auto *list = static_cast<QListWidget *>(field.editor);
    const int row = list->currentRow();
    if (row < 0)
        return;
    delete list->takeItem(row);
    userChanged(field);
}

QWidget *SchemaForm::fieldWidget(const QString &path) const
{
    const Field *field = find(*m_root, path);
    return field && field != m_root.get() ? field->editor : nullptr;
}

SchemaForm::Field *SchemaForm::find(Field &field, const QString &path) const
{
    if (field.path == path)
        return &field;
    for (const auto &child : field.children) {
        if (Field *found = find(*child, path))
            return found;
    }
    return nullptr;
}

// The deepest field at `path` or above it.
SchemaForm::Field *SchemaForm::nearest(Field &field, const QString &path) const
{
    for (const auto &child : field.children) {
        if (path == child->path || path.startsWith(child->path + u'/'))
            return nearest(*child, path);
    }
    return &field;
}

void SchemaForm::clearProblems(Field &field)
{
    if (field.problem)
        showProblem(field.problem, QString());
    for (const auto &child : field.children)
        clearProblems(*child);
}

void SchemaForm::showProblems(const QList<std::pair<QString, QString>> &pathAndMessage)
{
    clearProblems(*m_root);
    showProblem(m_problems, QString());
    QHash<QLabel *, QStringList> lines;
    QList<QLabel *> labels; // in the order given
    for (const auto &[path, message] : pathAndMessage) {
        Field *field = nearest(*m_root, path);
        QLabel *label = field == m_root.get() ? m_problems : field->problem;
        QString line = message;
        if (const QString rest = path.mid(field->path.size()); !rest.isEmpty()) {
            bool isIndex = false;
            const int index = rest.mid(1).toInt(&isIndex);
            line = field->kind == Kind::List && isIndex ? tr("Item %1: %2").arg(index + 1).arg(message)
                                                        : tr("%1: %2").arg(unescapePointer(rest.mid(1)), message);
        }
        if (!lines.contains(label))
            labels.append(label);
        lines[label].append(line);
    }
    for (QLabel *label : std::as_const(labels))
        showProblem(label, lines.value(label).join(u'\n'));
}

} // namespace Flotilla
