#include <widgets/schemaform.h>
#include <widgettesting.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace Flotilla;

namespace {

const char *const sampleSchema = R"({
  "type": "object",
  "required": ["name", "size", "level"],
  "properties": {
    "name": {"type": "string", "title": "Job name", "description": "Shown in the run list", "maxLength": 40},
    "mode": {"type": "string", "enum": ["fast", "slow"]},
    "level": {"type": "string", "enum": ["low", "high"]},
    "size": {"type": "integer", "minimum": 1, "maximum": 10, "default": 3},
    "count": {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 100},
    "anyCount": {"type": "integer"},
    "big": {"type": "integer", "maximum": 10000000000},
    "ratio": {"type": "number", "minimum": 0, "maximum": 1},
    "verbose": {"type": "boolean", "default": true},
    "tags": {"type": "array", "items": {"type": "string"}},
    "ports": {"type": "array", "items": {"type": "integer"}},
    "limits": {"type": "object", "title": "Limits", "required": ["cpu"], "properties": {
      "cpu": {"type": "integer", "minimum": 1},
      "memory": {"type": "string", "default": "1Gi"}
    }},
    "mounts": {"type": "array", "items": {"type": "object"}}
  }
})";

// Compares as JSON values: payload() puts the schema's keys first, a payload may not.
bool sameJson(const Json &a, const Json &b)
{
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

} // namespace

class tst_SchemaForm final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_form.reset(); }
    void stringField();
    void enumCombo();
    void integerBounds();
    void integerBeyondIntIsALineEdit();
    void numberField();
    void booleanField();
    void arrayOfStrings();
    void arrayItemsConvertToTheirType();
    void nestedObject();
    void requiredMarkersAndLabels();
    void defaultsFillButStayUnset();
    void unsetOptionalFieldsAreLeftOut();
    void setPayloadRoundTrip();
    void valueTheEditorCannotHoldIsEditedAsJson();
    void otherSchemasAreJsonLineEdits();
    void problemsUnderTheirFields();
    void notAnObjectSchemaShowsANote();
    void tabOrderFollowsTheForm();
    void everyControlHasAnAccessibleName();

private:
    template <typename T>
    T *field(const char *path) const
    {
        auto *widget = qobject_cast<T *>(m_form->fieldWidget(QLatin1String(path)));
        if (!widget)
            qFatal("no %s at %s", T::staticMetaObject.className(), path);
        return widget;
    }
    QLabel *labelOf(const char *path) const
    {
        for (QLabel *label : m_form->findChildren<QLabel *>()) {
            if (label->buddy() && label->buddy() == m_form->fieldWidget(QLatin1String(path)))
                return label;
        }
        qFatal("no label for %s", path);
    }
    template <typename T>
    T *child(const QString &name) const
    {
        return Testing::namedChild<T>(m_form.get(), qPrintable(name));
    }
    Json payload() const { return m_form->payload(); }
    // The open item editor of a list (a closed one lingers until deleted later).
    static QWidget *editingItem(QListWidget *list)
    {
        QWidget *focus = QApplication::focusWidget();
        return focus && focus->isVisible() && focus->parentWidget() == list->viewport() ? focus : nullptr;
    }
    // A member of payload() as JSON text, empty when left out: QCOMPARE prints it.
    QString at(const char *key) const
    {
        const Json payload = m_form->payload();
        return payload.contains(key) ? toQString(payload.at(key).dump()) : QString();
    }

    std::unique_ptr<SchemaForm> m_form;
};

void tst_SchemaForm::init()
{
    m_form = std::make_unique<SchemaForm>();
    m_form->setSchema(Json::parse(sampleSchema));
    m_form->resize(600, 900);
    m_form->show();
    m_form->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_form.get()));
}

void tst_SchemaForm::stringField()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *name = field<QLineEdit>("/name");
    QCOMPARE(name->maxLength(), 40);
    QVERIFY(!payload().contains("name")); // required, but empty text is no value: validation says it is missing
    QTest::keyClicks(name, QStringLiteral("nightly"));
    QCOMPARE(at("name"), QStringLiteral(R"("nightly")"));
    QCOMPARE(changed.size(), 7);
}

void tst_SchemaForm::enumCombo()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *mode = field<QComboBox>("/mode");
    QCOMPARE(mode->count(), 3); // optional: a leading empty entry for unset
    QCOMPARE(mode->itemText(0), QString());
    QCOMPARE(mode->itemText(2), QStringLiteral("slow"));
    QVERIFY(!payload().contains("mode"));
    mode->setCurrentIndex(2);
    QCOMPARE(at("mode"), QStringLiteral(R"("slow")"));
    QCOMPARE(changed.size(), 1);
    mode->setCurrentIndex(0);
    QVERIFY(!payload().contains("mode"));

    auto *level = field<QComboBox>("/level");
    QCOMPARE(level->count(), 2); // required: a value it always has
    QCOMPARE(at("level"), QStringLiteral(R"("low")"));
    level->setCurrentIndex(1);
    QCOMPARE(at("level"), QStringLiteral(R"("high")"));
}

void tst_SchemaForm::integerBounds()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *size = field<QSpinBox>("/size");
    QCOMPARE(size->minimum(), 1);
    QCOMPARE(size->maximum(), 10);
    size->setValue(7);
    QCOMPARE(at("size"), QStringLiteral(R"(7)"));
    QCOMPARE(changed.size(), 1);

    auto *count = field<QSpinBox>("/count");
    QCOMPARE(count->minimum(), 1);
    QCOMPARE(count->maximum(), 99);
    auto *anyCount = field<QSpinBox>("/anyCount");
    QCOMPARE(anyCount->minimum(), std::numeric_limits<int>::min());
    QCOMPARE(anyCount->maximum(), std::numeric_limits<int>::max());
    QTest::keyClick(anyCount, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(anyCount, QStringLiteral("42"));
    QCOMPARE(at("anyCount"), QStringLiteral(R"(42)"));
}

void tst_SchemaForm::integerBeyondIntIsALineEdit()
{
    auto *big = field<QLineEdit>("/big");
    QTest::keyClicks(big, QStringLiteral("9876543210"));
    QCOMPARE(at("big"), QStringLiteral(R"(9876543210)"));
    big->clear();
    QTest::keyClicks(big, QStringLiteral("lots"));
    QCOMPARE(at("big"), QStringLiteral(R"("lots")")); // kept, so validation names it
}

void tst_SchemaForm::numberField()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *ratio = field<QDoubleSpinBox>("/ratio");
    QCOMPARE(ratio->minimum(), 0.0);
    QCOMPARE(ratio->maximum(), 1.0);
    QVERIFY(ratio->decimals() >= 6);
    ratio->setValue(0.25);
    QCOMPARE(at("ratio"), QStringLiteral(R"(0.25)"));
    QCOMPARE(ratio->text(), QStringLiteral("0.25"));
    QCOMPARE(changed.size(), 1);
    ratio->setValue(0.000125);
    QCOMPARE(at("ratio"), QStringLiteral(R"(0.000125)"));
}

void tst_SchemaForm::booleanField()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *verbose = field<QCheckBox>("/verbose");
    QVERIFY(verbose->isChecked()); // the default
    QVERIFY(!payload().contains("verbose"));
    verbose->setChecked(false);
    QCOMPARE(at("verbose"), QStringLiteral(R"(false)"));
    QCOMPARE(changed.size(), 1);
}

void tst_SchemaForm::arrayOfStrings()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    auto *tags = field<QListWidget>("/tags");
    auto *add = child<QPushButton>(QStringLiteral("add/tags"));
    auto *remove = child<QPushButton>(QStringLiteral("remove/tags"));
    QVERIFY(!payload().contains("tags"));
    QVERIFY(!remove->isEnabled());

    for (const QString &text : {QStringLiteral("gpu"), QStringLiteral("eu")}) {
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_VERIFY(editingItem(tags));
        QTest::keyClicks(editingItem(tags), text);
        QTest::keyClick(editingItem(tags), Qt::Key_Return);
    }
    QTRY_COMPARE(at("tags"), QStringLiteral(R"(["gpu","eu"])"));
    QVERIFY(!changed.isEmpty());

    tags->setCurrentRow(0);
    QTest::keyClick(tags, Qt::Key_F2);
    QTRY_VERIFY(editingItem(tags));
    QTest::keyClick(editingItem(tags), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editingItem(tags), QStringLiteral("cpu"));
    QTest::keyClick(editingItem(tags), Qt::Key_Return);
    QTRY_COMPARE(at("tags"), QStringLiteral(R"(["cpu","eu"])"));
    tags->setCurrentRow(1);
    QVERIFY(remove->isEnabled());
    changed.clear();
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(at("tags"), QStringLiteral(R"(["cpu"])"));
    QCOMPARE(changed.size(), 1);
}

void tst_SchemaForm::arrayItemsConvertToTheirType()
{
    m_form->setPayload(Json::parse(R"({"ports": [80, 443]})"));
    auto *ports = field<QListWidget>("/ports");
    QCOMPARE(ports->count(), 2);
    QCOMPARE(ports->item(1)->text(), QStringLiteral("443"));
    ports->item(1)->setText(QStringLiteral("https")); // as the item editor commits
    QCOMPARE(at("ports"), QStringLiteral(R"([80,"https"])"));
}

void tst_SchemaForm::nestedObject()
{
    auto *limits = field<QGroupBox>("/limits");
    QCOMPARE(limits->title(), QStringLiteral("Limits"));
    QVERIFY(!payload().contains("limits")); // optional, and nothing in it set yet
    auto *cpu = field<QSpinBox>("/limits/cpu");
    QCOMPARE(cpu->parentWidget()->parentWidget(), limits);
    QCOMPARE(labelOf("/limits/cpu")->text(), QStringLiteral("cpu *"));
    cpu->setValue(4);
    QVERIFY(sameJson(payload()["limits"], Json::parse(R"({"cpu": 4})")));
    QTest::keyClicks(field<QLineEdit>("/limits/memory"), QStringLiteral("2Gi"));
    QVERIFY(sameJson(payload()["limits"], Json::parse(R"({"cpu": 4, "memory": "1Gi2Gi"})")));
}

void tst_SchemaForm::requiredMarkersAndLabels()
{
    QLabel *name = labelOf("/name");
    QCOMPARE(name->text(), QStringLiteral("Job name *")); // the title, not the key
    QCOMPARE(name->accessibleDescription(), QStringLiteral("required"));
    QCOMPARE(name->toolTip(), QStringLiteral("Shown in the run list"));
    QCOMPARE(name->whatsThis(), QStringLiteral("Shown in the run list"));
    QCOMPARE(field<QLineEdit>("/name")->toolTip(), QStringLiteral("Shown in the run list"));
    QCOMPARE(field<QLineEdit>("/name")->accessibleName(), QStringLiteral("Job name"));

    QLabel *mode = labelOf("/mode");
    QCOMPARE(mode->text(), QStringLiteral("mode"));
    QVERIFY(mode->accessibleDescription().isEmpty());
    QCOMPARE(field<QComboBox>("/mode")->accessibleName(), QStringLiteral("mode"));
}

void tst_SchemaForm::defaultsFillButStayUnset()
{
    QCOMPARE(field<QSpinBox>("/size")->value(), 3);
    QCOMPARE(field<QLineEdit>("/limits/memory")->text(), QStringLiteral("1Gi"));
    // Required defaults are sent; optional ones are the server's to apply.
    QCOMPARE(at("size"), QStringLiteral(R"(3)"));
    QVERIFY(!payload().contains("verbose"));
    QVERIFY(!payload().contains("limits"));
}

void tst_SchemaForm::unsetOptionalFieldsAreLeftOut()
{
    QVERIFY(sameJson(payload(), Json::parse(R"({"size": 3, "level": "low"})")));

    auto *ratio = field<QDoubleSpinBox>("/ratio");
    auto *clear = child<QToolButton>(QStringLiteral("clear/ratio"));
    QVERIFY(!clear->isEnabled());
    ratio->setValue(0.5);
    QVERIFY(clear->isEnabled());
    QCOMPARE(at("ratio"), QStringLiteral(R"(0.5)"));
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(!payload().contains("ratio"));
    QCOMPARE(ratio->value(), 0.0);
    QVERIFY(!clear->isEnabled());
    QCOMPARE(changed.size(), 1);

    auto *verbose = field<QCheckBox>("/verbose");
    verbose->setChecked(false);
    QTest::mouseClick(child<QToolButton>(QStringLiteral("clear/verbose")), Qt::LeftButton);
    QVERIFY(verbose->isChecked()); // back to the default
    QVERIFY(!payload().contains("verbose"));

    QTest::keyClicks(field<QLineEdit>("/limits/memory"), QStringLiteral("x"));
    QVERIFY(payload().contains("limits"));
    field<QLineEdit>("/limits/memory")->clear(); // empty text is unset
    QVERIFY(!payload()["limits"].contains("memory"));
}

void tst_SchemaForm::setPayloadRoundTrip()
{
    QSignalSpy changed(m_form.get(), &SchemaForm::changed);
    const Json given = Json::parse(R"({
        "name": "nightly", "mode": "fast", "level": "high", "size": 9, "count": 5, "ratio": 0.75, "verbose": false,
        "tags": ["a", "b"], "ports": [8080], "limits": {"cpu": 2, "memory": "4Gi", "gpu": 1},
        "mounts": [{"src": "/data"}], "future": {"x": [1, 2]}})");
    m_form->setPayload(given);
    QVERIFY(changed.isEmpty());
    QVERIFY2(sameJson(payload(), given), payload().dump().c_str());
    QCOMPARE(field<QLineEdit>("/name")->text(), QStringLiteral("nightly"));
    QCOMPARE(field<QComboBox>("/mode")->currentText(), QStringLiteral("fast"));
    QCOMPARE(field<QSpinBox>("/size")->value(), 9);
    QCOMPARE(field<QListWidget>("/tags")->count(), 2);
    QVERIFY(!field<QCheckBox>("/verbose")->isChecked());

    field<QSpinBox>("/limits/cpu")->setValue(3);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(at("limits"), QStringLiteral(R"({"cpu":3,"memory":"4Gi","gpu":1})")); // unknown keys stay, nested too
    QCOMPARE(at("future"), QStringLiteral(R"({"x":[1,2]})"));
}

void tst_SchemaForm::valueTheEditorCannotHoldIsEditedAsJson()
{
    const Json given = Json::parse(R"({"size": "many", "ratio": 1e-9, "tags": [1, "x"], "limits": 5})");
    m_form->setPayload(given);
    QCOMPARE(field<QLineEdit>("/size")->text(), QStringLiteral("\"many\""));
    QVERIFY(field<QLineEdit>("/ratio"));
    QVERIFY(field<QLineEdit>("/tags"));
    QCOMPARE(field<QLineEdit>("/limits")->text(), QStringLiteral("5"));
    QVERIFY2(sameJson(payload(), Json::parse(R"({"size": "many", "ratio": 1e-9, "tags": [1, "x"], "limits": 5,
                                                 "level": "low"})")),
             payload().dump().c_str());

    m_form->setPayload(Json::object()); // the usual editors again once the values fit
    QVERIFY(field<QSpinBox>("/size"));
}

void tst_SchemaForm::otherSchemasAreJsonLineEdits()
{
    auto *mounts = field<QLineEdit>("/mounts");
    QTest::keyClicks(mounts, QStringLiteral(R"([{"src": "/a"}])"));
    QCOMPARE(at("mounts"), QStringLiteral(R"([{"src":"/a"}])"));
    mounts->clear();
    QTest::keyClicks(mounts, QStringLiteral("not json"));
    QCOMPARE(at("mounts"), QStringLiteral(R"("not json")"));
}

void tst_SchemaForm::problemsUnderTheirFields()
{
    m_form->showProblems({{QStringLiteral("/name"), QStringLiteral("name is required")},
                          {QStringLiteral("/limits/cpu"), QStringLiteral("must be at least 1")},
                          {QStringLiteral("/tags/2"), QStringLiteral("must be a string")},
                          {QStringLiteral("/limits/gpu"), QStringLiteral("is not allowed")},
                          {QString(), QStringLiteral("too many parameters")},
                          {QStringLiteral("/nosuch"), QStringLiteral("is not allowed")}});
    auto *name = child<QLabel>(QStringLiteral("problem/name"));
    QVERIFY(name->isVisible());
    QCOMPARE(name->text(), QStringLiteral("name is required"));
    QVERIFY(name->geometry().top() >= field<QLineEdit>("/name")->geometry().bottom()); // under it
    QCOMPARE(child<QLabel>(QStringLiteral("problem/limits/cpu"))->text(), QStringLiteral("must be at least 1"));
    QCOMPARE(child<QLabel>(QStringLiteral("problem/tags"))->text(), QStringLiteral("Item 3: must be a string"));
    QCOMPARE(child<QLabel>(QStringLiteral("problem/limits"))->text(), QStringLiteral("gpu: is not allowed"));
    auto *top = child<QLabel>(QStringLiteral("problems"));
    QVERIFY(top->isVisible());
    QCOMPARE(top->text(), QStringLiteral("too many parameters\nnosuch: is not allowed"));
    QVERIFY(child<QLabel>(QStringLiteral("problem/mode"))->isHidden());
    QVERIFY(!Testing::screenshot(m_form.get(), QStringLiteral("schemaform")).isNull());

    m_form->showProblems({});
    QVERIFY(name->isHidden());
    QVERIFY(top->isHidden());
    QVERIFY(child<QLabel>(QStringLiteral("problem/tags"))->isHidden());
}

void tst_SchemaForm::notAnObjectSchemaShowsANote()
{
    auto *note = child<QLabel>(QStringLiteral("note"));
    QVERIFY(note->isHidden());
    m_form->setSchema(Json::parse(R"({"type": "array"})"));
    QVERIFY(note->isVisible());
    QVERIFY(!m_form->fieldWidget(QStringLiteral("/name")));
    m_form->setPayload(Json::parse(R"({"a": 1})"));
    QCOMPARE(toQString(payload().dump()), QStringLiteral(R"({"a":1})")); // passed through untouched
}

void tst_SchemaForm::tabOrderFollowsTheForm()
{
    field<QLineEdit>("/name")->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), field<QLineEdit>("/name"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), field<QComboBox>("/mode"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), field<QComboBox>("/level"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), field<QSpinBox>("/size"));
}

void tst_SchemaForm::everyControlHasAnAccessibleName()
{
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_form.get()), QStringList());
}

QTEST_MAIN(tst_SchemaForm)
#include "tst_schemaform.moc"
