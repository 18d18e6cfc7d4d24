// CommandTemplate: Go text/template with sprig, as upstream renders a
// template's command_template. Expected outputs follow the Go and sprig
// documentation for data decoded by encoding/json (every number a float64).
#include <wire/commandtemplate.h>

#include <QTest>

using namespace Flotilla;

namespace {

QString render(const QString &text, const char *data, QString *error)
{
    const auto parsed = CommandTemplate::parse(text, error);
    if (!parsed)
        return QStringLiteral("parse error: ") + *error;
    const auto rendered = parsed->render(Json::parse(data), error);
    return rendered ? *rendered : QStringLiteral("render error: ") + *error;
}

} // namespace

class Tst_CommandTemplate final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renders_data();
    void renders();
    void parseErrors_data();
    void parseErrors();
    void renderErrors_data();
    void renderErrors();
    void keepsText();
    void copiesShareTheParse();
    void outputIsLimited();
    void loopsAreLimited();
    void nestingIsLimited();
    void workOnLargeValuesIsLimited();
};

void Tst_CommandTemplate::renders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    const QByteArray payload = R"({"name":"world","n":3,"half":0.5,"big":1000000,"mid":123456,"tiny":0.00001,
        "neg":-2.5,"yes":true,"no":false,"nothing":null,"empty":"","zero":0,"list":[1,"two",3.5],
        "none":[],"map":{"b":2,"a":1},"nested":{"a":{"b":{"c":"deep"}}},"words":["x","y","z"],
        "html":"<a&b>","spaced":"  pad  ","unicode":"héllo"})";
    auto row = [&](const char *name, const char *text, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(text) << payload << QString::fromUtf8(expected);
    };

    // Text, fields and variables.
    row("plain text", "echo hello", "echo hello");
    row("field", "echo {{.name}}", "echo world");
    row("nested fields", "{{.nested.a.b.c}}", "deep");
    row("dot is the payload map", "{{.map}}", "map[a:1 b:2]");
    row("missing key", "{{.missing}}", "<no value>");
    row("field of missing key", "{{.missing.deeper}}", "<no value>");
    row("null", "{{.nothing}}", "<nil>");
    row("dollar", "{{$.name}}", "world");
    row("declare", "{{$x := .name}}[{{$x}}]", "[world]");
    row("assign", "{{$x := 1}}{{$x = 2}}{{$x}}", "2");
    row("assign inside if reaches outside", "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2");
    row("variable fields", "{{$n := .nested}}{{$n.a.b.c}}", "deep");
    row("comment", "a{{/* note */}}b", "ab");
    row("comment with trim", "a  {{- /* note */ -}}  b", "ab");

    // Numbers are float64: %v is %g with the shortest digits, exponent from 1e+06.
    row("integer-valued float", "{{.n}}", "3");
    row("fraction", "{{.half}}", "0.5");
    row("million", "{{.big}}", "1e+06");
    row("below a million", "{{.mid}}", "123456");
    row("small", "{{.tiny}}", "1e-05");
    row("negative", "{{.neg}}", "-2.5");
    row("booleans", "{{.yes}} {{.no}}", "true false");
    row("array", "{{.list}}", "[1 two 3.5]");
    row("int literal", "{{3}}", "3");
    row("float literal", "{{3.0}}", "3");
    row("hex literal", "{{0x1F}}", "31");
    row("char literal", "{{'a'}}", "97");
    row("string escapes", R"({{"a\tb\u00e9\x41"}})", "a\tbéA");
    row("raw string", "{{`a\\n`}}", "a\\n");

    // Trimming.
    row("trim left", "a   {{- .name}}", "aworld");
    row("trim right", "{{.name -}}   \n b", "worldb");
    row("trim both", "x \n {{- .name -}} \n y", "xworldy");
    row("minus without space is a number", "{{-3}}", "-3");

    // if / else if / else.
    row("if true", "{{if .yes}}y{{end}}", "y");
    row("if false", "{{if .no}}y{{else}}n{{end}}", "n");
    row("if else if", "{{if .no}}1{{else if .n}}2{{else}}3{{end}}", "2");
    row("if empty string", "{{if .empty}}y{{else}}n{{end}}", "n");
    row("if zero", "{{if .zero}}y{{else}}n{{end}}", "n");
    row("if nil", "{{if .nothing}}y{{else}}n{{end}}", "n");
    row("if missing", "{{if .missing}}y{{else}}n{{end}}", "n");
    row("if empty list", "{{if .none}}y{{else}}n{{end}}", "n");
    row("if declares", "{{if $x := .name}}{{$x}}{{end}}", "world");

    // range.
    row("range list", "{{range .list}}<{{.}}>{{end}}", "<1><two><3.5>");
    row("range index and element", "{{range $i, $e := .words}}{{$i}}={{$e}} {{end}}", "0=x 1=y 2=z ");
    row("range element", "{{range $e := .words}}{{$e}}{{end}}", "xyz");
    row("range map sorted", "{{range $k, $v := .map}}{{$k}}:{{$v}},{{end}}", "a:1,b:2,");
    row("range map values", "{{range .map}}{{.}}{{end}}", "12");
    row("range else", "{{range .none}}x{{else}}empty{{end}}", "empty");
    row("range missing", "{{range .missing}}x{{else}}none{{end}}", "none");
    row("range int literal", "{{range 3}}{{.}}{{end}}", "012");
    row("range dollar inside", "{{range .words}}{{$.name}}{{end}}", "worldworldworld");

    // with.
    row("with", "{{with .nested.a}}{{.b.c}}{{end}}", "deep");
    row("with else", "{{with .missing}}x{{else}}no{{end}}", "no");
    row("with declares", "{{with $v := .name}}{{$v}}{{.}}{{end}}", "worldworld");
    row("else with", "{{with .missing}}x{{else with .name}}{{.}}{{end}}", "world");
    row("else with in if needs its own end", "{{if .no}}x{{else with .name}}{{.}}{{end}}{{end}}", "world");
    row("else if in range needs its own end", "{{range .none}}x{{else if .yes}}y{{end}}{{end}}", "y");

    // Pipelines and parentheses.
    row("pipeline", "{{.name | upper}}", "WORLD");
    row("pipeline chain", "{{.spaced | trim | upper | quote}}", "\"PAD\"");
    row("piped value is the last argument", "{{.name | printf \"%s-%s\" \"a\"}}", "a-world");
    row("parentheses", "{{len (index .list 1)}}", "3");
    row("field of parentheses", "{{(index .nested \"a\").b.c}}", "deep");

    // Comparisons: float64 with float64, int with int, strings.
    row("eq strings", "{{eq .name \"world\"}}", "true");
    row("eq several", "{{eq .name \"a\" \"world\"}}", "true");
    row("eq float literal", "{{eq .n 3.0}}", "true");
    row("eq ints", "{{eq (len .list) 3}}", "true");
    row("eq nil and missing", "{{eq .missing .nothing}}", "true");
    row("eq value and missing", "{{eq .name .missing}}", "false");
    row("ne", "{{ne .name \"x\"}}", "true");
    row("lt floats", "{{lt .half .n}}", "true");
    row("le", "{{le 2 2}}", "true");
    row("gt strings", "{{gt \"b\" \"a\"}}", "true");
    row("ge", "{{ge 1 2}}", "false");

    // Logic.
    row("and returns the first falsy", "{{and .n .empty .name}}", "");
    row("and returns the last", "{{and .n .name}}", "world");
    row("or returns the first truthy", "{{or .empty .zero .name}}", "world");
    row("or all falsy returns the last", "{{or .empty .zero}}", "0");
    row("or short-circuits", "{{or .name (index .list 9)}}", "world");
    row("not", "{{not .empty}} {{not .name}}", "true false");
    row("not missing", "{{not .missing}}", "true");

    // len and index.
    row("len string counts bytes", "{{len .unicode}}", "6");
    row("len list", "{{len .list}}", "3");
    row("len map", "{{len .map}}", "2");
    row("index list", "{{index .list 1}}", "two");
    row("index map", "{{index .map \"b\"}}", "2");
    row("index nested", "{{index .nested \"a\" \"b\" \"c\"}}", "deep");
    row("index missing key", "{{index .map \"z\"}}", "<nil>");
    row("index string is a byte", "{{index .name 0}}", "119");

    // fmt.
    row("printf d of float64", "{{printf \"%d\" .n}}", "%!d(float64=3)");
    row("printf d of int", "{{printf \"%d\" 3}}", "3");
    row("printf v", "{{printf \"%v %v\" .n .list}}", "3 [1 two 3.5]");
    row("printf s", "{{printf \"%s!\" .name}}", "world!");
    row("printf s of float64", "{{printf \"%s\" .n}}", "%!s(float64=3)");
    row("printf s of a list", "{{printf \"%s\" .list}}", "[%!s(float64=1) two %!s(float64=3.5)]");
    row("printf q", "{{printf \"%q\" .html}}", "\"<a&b>\"");
    row("printf t", "{{printf \"%t\" .yes}}", "true");
    row("printf f", "{{printf \"%f\" .half}}", "0.500000");
    row("printf .2f", "{{printf \"%.2f\" .neg}}", "-2.50");
    row("printf rounds half to even", "{{printf \"%.1f\" 0.25}}", "0.2");
    row("printf x", "{{printf \"%x %X\" 255 \"hi\"}}", "ff 6869");
    row("printf x of float64", "{{printf \"%x\" .n}}", "0x1.8p+01");
    row("printf width", "[{{printf \"%5d\" 42}}]", "[   42]");
    row("printf left", "[{{printf \"%-5s\" \"ab\"}}]", "[ab   ]");
    row("printf zero pad", "{{printf \"%05d\" -42}}", "-0042");
    row("printf e", "{{printf \"%e\" .big}}", "1.000000e+06");
    row("printf g", "{{printf \"%g\" .mid}}", "123456");
    row("printf v uses the exponent from 1e+06", "{{printf \"%v\" 1234567.0}}", "1.234567e+06");
    row("printf g precision", "{{printf \"%.3g\" 1234.5678}}", "1.23e+03");
    row("printf g small", "{{printf \"%g\" 0.000012}}", "1.2e-05");
    row("printf width and precision", "[{{printf \"%5.1f|%-8.2e|\" 3.14159 1234.5}}]", "[  3.1|1.23e+03|]");
    row("printf rounds the binary value", "{{printf \"%6.2f%%\" 2.675}}", "  2.67%");
    row("printf zero pads floats after the sign", "{{printf \"%08.3f\" -3.14159}}", "-003.142");
    row("printf plus", "{{printf \"%+d\" 5}}", "+5");
    row("printf negative hex", "{{printf \"%x\" -255}}", "-ff");
    row("printf c and U", "{{printf \"%c %U\" 233 233}}", "é U+00E9");
    row("printf q escapes", R"({{printf "%q" "é\x01"}})", R"("é\x01")");
    row("printf d of a list", "{{printf \"%d\" .list}}", "[%!d(float64=1) %!d(string=two) %!d(float64=3.5)]");
    row("printf s precision", "{{printf \"%.2s\" .unicode}}", "hé");
    row("printf argument indexes", "{{printf \"%[2]s %[1]s\" \"a\" \"b\"}}", "b a");
    row("printf reordered has no extra", "{{printf \"%s %[1]q\" \"a\"}}", "a \"a\"");
    row("printf bad index", "{{printf \"%[3]d\" 1}}", "%!d(BADINDEX)");
    row("printf star width", "[{{printf \"%*d|%-*d\" 5 42 3 7}}]", "[   42|7  ]");
    row("printf star needs an int", "{{printf \"%*d\" .n 42}}", "%!(BADWIDTH)42");
    row("printf percent", "{{printf \"100%%\"}}", "100%");
    row("printf missing", "{{printf \"%s %s\" \"a\"}}", "a %!s(MISSING)");
    row("printf extra", "{{printf \"%s\" \"a\" 1 .n}}", "a%!(EXTRA int=1, float64=3)");
    row("printf nil", "{{printf \"%v %s\" .nothing .missing}}", "<nil> %!s(<nil>)");
    row("printf bad verb", "{{printf \"%z\" 1}}", "%!z(int=1)");
    row("printf no verb", "{{printf \"a%\"}}", "a%!(NOVERB)");
    row("print spaces non-strings", "{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3");
    row("print missing is nil", "{{print .missing}}", "<nil>");
    row("println", "{{println \"a\" 1}}", "a 1\n");

    // sprig.
    row("default used", "{{default \"x\" .missing}}", "x");
    row("default for empty string", "{{default \"x\" .empty}}", "x");
    row("default for zero", "{{default 5 .zero}}", "5");
    row("default for empty list", "{{default \"x\" .none}}", "x");
    row("default not used", "{{default \"x\" .name}}", "world");
    row("default piped", "{{.missing | default \"y\"}}", "y");
    row("quote", "{{quote .name .n .missing}}", "\"world\" \"3\"");
    row("quote escapes", R"({{quote "a\"b\n"}})", R"("a\"b\n")");
    row("squote", "{{squote .name .n}}", "'world' '3'");
    row("upper", "{{upper .unicode}}", "HÉLLO");
    row("lower", "{{lower \"ÀB\"}}", "àb");
    row("trim", "[{{trim .spaced}}]", "[pad]");
    row("join", "{{join \",\" .words}}", "x,y,z");
    row("join formats numbers", "{{join \"-\" .list}}", "1-two-3.5");
    row("join a string", "{{join \",\" .name}}", "world");
    row("toJson", "{{toJson .map}}", R"({"a":1,"b":2})");
    row("toJson escapes html", "{{toJson .html}}", R"("\u003ca\u0026b\u003e")");
    row("toJson numbers", "{{toJson .big}} {{toJson .tiny}} {{toJson 0.0000001}}", "1000000 0.00001 1e-7");
    row("toJson list and null", "{{toJson .list}} {{toJson .nothing}} {{toJson .missing}}",
        R"([1,"two",3.5] null null)");
    row("toJson large and negative", "{{toJson 1e21}} {{toJson .neg}} {{toJson .unicode}}", "1e+21 -2.5 \"héllo\"");
    row("b64enc", "{{b64enc .name}}", "d29ybGQ=");
    row("b64enc unicode", "{{b64enc .unicode}}", "aMOpbGxv");

    row("actions across lines", "{{if\n.yes}}y{{end}}", "y");
    row("realistic", "python run.py --name {{.name | quote}}{{range .words}} --w {{.}}{{end}}{{if .yes}} --yes{{end}}",
        "python run.py --name \"world\" --w x --w y --w z --yes");
}

void Tst_CommandTemplate::renders()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    QCOMPARE(render(text, data.constData(), &error), expected);
}

void Tst_CommandTemplate::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    auto row = [](const char *name, const char *text, const char *error) {
        QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(error);
    };
    row("unsupported function", "echo\n{{ .a | html }}", "line 2, column 9: function \"html\" is not supported");
    row("unknown function", "{{nosuch 1}}", "line 1, column 3: function \"nosuch\" is not supported");
    row("define", "{{define \"x\"}}{{end}}", "line 1, column 3: \"define\" is not supported in command templates");
    row("template", "{{template \"x\"}}", "line 1, column 3: \"template\" is not supported in command templates");
    row("break", "{{range .a}}{{break}}{{end}}", "line 1, column 15: \"break\" is not supported in command templates");
    row("unclosed action", "a {{.b", "line 1, column 3: the action is not closed; end it with }}");
    row("unclosed if", "{{if .a}}x", "line 1, column 3: {{if}} has no matching {{end}}; add one");
    row("unmatched end", "x{{end}}",
        "line 1, column 4: {{end}} has no {{if}}, {{range}} or {{with}} to close; remove it");
    row("stray else", "{{else}}", "line 1, column 3: {{else}} is outside any {{if}}, {{range}} or {{with}}; remove it");
    row("two elses", "{{if 1}}{{else}}{{else}}{{end}}", "line 1, column 19: a second {{else}} in one {{if}}; remove it");
    row("undefined variable", "{{$x}}", "line 1, column 3: undefined variable \"$x\"; declare it with :=");
    row("variable out of scope", "{{if 1}}{{$x := 1}}{{end}}{{$x}}",
        "line 1, column 29: undefined variable \"$x\"; declare it with :=");
    row("empty action", "{{ }}", "line 1, column 4: missing value for command");
    row("empty if", "{{if}}{{end}}", "line 1, column 5: missing value for if");
    row("unclosed string", "{{\"abc}}", "line 1, column 3: the string is not closed; end it with \" on the same line");
    row("bad escape", R"({{"\q"}})", "line 1, column 4: unknown escape sequence \"\\q\"");
    row("unclosed comment", "{{/* x", "line 1, column 1: the comment is not closed; end it with */}}");
    row("unclosed paren", "{{(len .a}}", "line 1, column 10: a \"(\" is not closed; add \")\"");
    row("stray paren", "{{len .a)}}", "line 1, column 9: unexpected \")\"; no \"(\" is open");
    row("key with dash", "{{.a-b}}",
        "line 1, column 5: unexpected character \"-\" after a name; use index to reach keys that are not plain names");
    row("literal in later stage", "{{.a | 3}}",
        "line 1, column 8: non executable command in pipeline stage 2; only a function can take the piped value");
    row("empty stage", "{{.a | }}", "line 1, column 8: empty command in command; a \"|\" needs a function after it");
    row("two declarations", "{{$a, $b := 1}}", "line 1, column 5: only {{range}} declares two variables; declare one");
    row("bad number", "{{3x}}", "line 1, column 5: bad number syntax: \"3x\"");
    row("huge number", "{{99999999999999999999}}",
        "line 1, column 3: the number 99999999999999999999 does not fit in 64 bits");
    row("bad character", "{{.a ; .b}}", "line 1, column 6: unexpected character \";\" in the action");
    row("columns count characters", "é{{nosuch}}", "line 1, column 4: function \"nosuch\" is not supported");
    row("field after literal", "{{\"a\".b}}",
        "line 1, column 6: unexpected \"b\" after \"a\"; only data, variables and (pipelines) have fields");
}

void Tst_CommandTemplate::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!CommandTemplate::parse(text, &actual));
    QCOMPARE(actual, error);
}

void Tst_CommandTemplate::renderErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    auto row = [](const char *name, const char *text, const char *error) {
        QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(error);
    };
    row("float64 against int literal", "{{if eq .n 3}}x{{end}}",
        "line 1, column 6: error calling eq: incompatible types for comparison");
    row("lt float64 against int", "{{lt .n 5}}",
        "line 1, column 3: error calling lt: incompatible types for comparison");
    row("lt of a list", "{{lt .list .list}}", "line 1, column 3: error calling lt: invalid type for comparison");
    row("eq nil literal", "{{eq .n nil}}", "line 1, column 9: cannot assign nil to reflect.Value");
    row("eq one argument", "{{eq .n}}", "line 1, column 3: error calling eq: missing argument for comparison");
    row("index out of range", "{{index .list 5}}", "line 1, column 3: error calling index: index out of range: 5");
    row("index with float64", "{{index .list .n}}",
        "line 1, column 3: error calling index: cannot index slice/array with type float64");
    row("index of a number", "{{index .n 0}}",
        "line 1, column 3: error calling index: can't index item of type float64");
    row("index of missing", "{{index .missing 0}}", "line 1, column 3: error calling index: index of untyped nil");
    row("map index with number", "{{index .map 1}}",
        "line 1, column 3: error calling index: value has type int; should be string");
    row("len of a number", "{{len .n}}", "line 1, column 3: error calling len: len of type float64");
    row("len of null", "{{len .nothing}}", "line 1, column 3: error calling len: len of nil pointer");
    row("upper of a number", "{{upper .n}}", "line 1, column 9: wrong type for value; expected string; got float64");
    row("upper of a literal", "{{upper 3}}", "line 1, column 9: expected string; found 3");
    row("upper of missing", "{{upper .missing}}", "line 1, column 9: invalid value; expected string");
    row("upper of null", "{{upper .nothing}}",
        "line 1, column 9: wrong type for value; expected string; got interface {}");
    row("piped wrong type", "{{.n | upper}}", "line 1, column 8: wrong type for value; expected string; got float64");
    row("printf format not a string", "{{printf .n}}",
        "line 1, column 10: wrong type for value; expected string; got float64");
    row("wrong number of args", "{{lt 1 2 3}}", "line 1, column 3: wrong number of args for lt: want 2 got 3");
    row("too few args", "{{index}}", "line 1, column 3: wrong number of args for index: want at least 1 got 0");
    row("field of a string", "{{.name.x}}", "line 1, column 3: can't evaluate field x in type string");
    row("field of null", "{{.nothing.x}}", "line 1, column 3: nil pointer evaluating interface {}.x");
    row("field with arguments", "{{.name 1}}", "line 1, column 3: name is not a method but has arguments");
    row("argument to a literal", "{{\"a\" 1}}", "line 1, column 3: can't give argument to non-function \"a\"");
    row("nil command", "{{nil}}", "line 1, column 3: nil is not a command");
    row("range over a number", "{{range .n}}{{end}}", "line 1, column 3: range can't iterate over 3");
    row("range over null", "{{range .nothing}}{{end}}", "line 1, column 3: range can't iterate over <nil>");
    row("error on line 3", "a\nb\n  {{index .list 9}}", "line 3, column 5: error calling index: index out of range: 9");
}

void Tst_CommandTemplate::renderErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString parseError;
    const auto parsed = CommandTemplate::parse(text, &parseError);
    QVERIFY2(parsed, qPrintable(parseError));
    QString actual;
    const Json data = Json::parse(R"({"n":3,"name":"world","list":[1,2],"map":{"a":1},"nothing":null})");
    QVERIFY(!parsed->render(data, &actual));
    QCOMPARE(actual, error);
}

void Tst_CommandTemplate::keepsText()
{
    QString error;
    const auto parsed = CommandTemplate::parse(QStringLiteral("echo {{.a}}"), &error);
    QVERIFY(parsed);
    QCOMPARE(parsed->text(), QStringLiteral("echo {{.a}}"));
}

void Tst_CommandTemplate::copiesShareTheParse()
{
    QString error;
    std::optional<CommandTemplate> copy;
    {
        const auto parsed = CommandTemplate::parse(QStringLiteral("{{range .a}}{{.}},{{end}}"), &error);
        QVERIFY(parsed);
        copy = *parsed;
    }
    QCOMPARE(copy->render(Json::parse(R"({"a":["x","y"]})"), &error), QStringLiteral("x,y,"));
}

void Tst_CommandTemplate::outputIsLimited()
{
    QString error;
    const auto parsed = CommandTemplate::parse(QStringLiteral("{{range .a}}{{range $.a}}{{range $.a}}"
                                                              "0123456789{{end}}{{end}}{{end}}"),
                                               &error);
    QVERIFY(parsed);
    Json data;
    data["a"] = Json::array();
    for (int i = 0; i < 100; ++i)
        data["a"].push_back(i);
    QVERIFY(!parsed->render(data, &error));
    QVERIFY2(error.contains(QStringLiteral("the rendered command is longer than 1048576 bytes")), qPrintable(error));

    // Strings doubled in a variable grow without output; they stop too.
    const auto doubling = CommandTemplate::parse(QStringLiteral("{{$s := \"ab\"}}{{range 64}}"
                                                                "{{$s = printf \"%s%s\" $s $s}}{{end}}"),
                                                 &error);
    QVERIFY(doubling);
    QVERIFY(!doubling->render(Json::object(), &error));
    QVERIFY2(error.contains(QStringLiteral("builds a string longer than 1048576 bytes")), qPrintable(error));
}

void Tst_CommandTemplate::loopsAreLimited()
{
    QString error;
    const auto parsed = CommandTemplate::parse(QStringLiteral("{{range 1000000000000}}{{end}}"), &error);
    QVERIFY(parsed);
    QVERIFY(!parsed->render(Json::object(), &error));
    QVERIFY2(error.startsWith(QStringLiteral("line 1, column 3: rendering takes more than")), qPrintable(error));
}

void Tst_CommandTemplate::nestingIsLimited()
{
    QString error;
    QVERIFY(!CommandTemplate::parse(QStringLiteral("{{if 1}}").repeated(101) + QStringLiteral("{{end}}").repeated(101),
                                    &error));
    QVERIFY2(error.contains(QStringLiteral("nests deeper than 100 levels")), qPrintable(error));
    QVERIFY(!CommandTemplate::parse(QStringLiteral("{{") + QStringLiteral("(").repeated(200) + QStringLiteral("1")
                                        + QStringLiteral(")").repeated(200) + QStringLiteral("}}"),
                                    &error));
    QVERIFY2(error.contains(QStringLiteral("nests deeper than 100 levels")), qPrintable(error));
    QVERIFY(CommandTemplate::parse(QStringLiteral("{{if 1}}").repeated(100) + QStringLiteral("{{end}}").repeated(100),
                                   &error));
}

void Tst_CommandTemplate::workOnLargeValuesIsLimited()
{
    // Comparing a 512 KiB payload string a million times must stop, not
    // take minutes.
    QString error;
    const auto parsed = CommandTemplate::parse(QStringLiteral("{{range 1000000}}{{if eq $.s $.s}}{{end}}{{end}}"),
                                               &error);
    QVERIFY(parsed);
    Json data;
    data["s"] = std::string(512 * 1024, 'x');
    QVERIFY(!parsed->render(data, &error));
    QVERIFY2(error.contains(QStringLiteral("the template loops too often over large values")), qPrintable(error));
}

QTEST_GUILESS_MAIN(Tst_CommandTemplate)
#include "tst_commandtemplate.moc"
