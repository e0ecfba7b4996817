// Tests of core/util/json: parser, writer, accessors, JSON Lines.
#include "core/util/json.h"
#include "core/util/numtext.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace losscast::core;

class TestJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void errors_data();
    void errors();
    void errorCarriesName();
    void nanTokens();
    void nanWrittenAsNullByDefault();
    void deepNestingRejected();
    void nestingAtLimitAccepted();
    void pretty();
    void doublesRoundTrip();
    void unicodeEscapes();
    void accessors();
    void duplicateKeysLastWins();
    void jsonLines();
    void bomSkipped();
    void mutatedInputsGiveOneError();
    void numberText_data();
    void numberText();
};

void TestJson::roundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("compact");

    QTest::newRow("null") << "null"
                          << "null";
    QTest::newRow("true") << " true "
                          << "true";
    QTest::newRow("false") << "false"
                           << "false";
    QTest::newRow("zero") << "0"
                          << "0";
    QTest::newRow("negative-zero") << "-0"
                                   << "0";
    QTest::newRow("integer") << "24000"
                             << "24000";
    QTest::newRow("negative") << "-17"
                              << "-17";
    QTest::newRow("fraction") << "0.5"
                              << "0.5";
    QTest::newRow("exponent") << "3e-4"
                              << "3e-4";
    QTest::newRow("exponent-upper") << "3E+2"
                                    << "300";
    QTest::newRow("big") << "1e300"
                         << "1e300";
    QTest::newRow("underflow") << "1e-400"
                               << "0";
    QTest::newRow("tiny") << "5e-324"
                          << "5e-324";
    QTest::newRow("string") << R"("abc")"
                            << R"("abc")";
    QTest::newRow("escapes") << R"("a\"b\\c\/d\b\f\n\r\t")"
                             << R"("a\"b\\c/d\b\f\n\r\t")";
    QTest::newRow("control-u") << R"("\u0001")"
                               << R"("\u0001")";
    QTest::newRow("utf8-kept") << "\"\xce\xb7_max\""
                               << "\"\xce\xb7_max\"";
    QTest::newRow("empty-array") << "[ ]"
                                 << "[]";
    QTest::newRow("empty-object") << "{ }"
                                  << "{}";
    QTest::newRow("array") << "[1, 2.5, \"x\", null, true]"
                           << "[1,2.5,\"x\",null,true]";
    QTest::newRow("object-order-kept") << R"({"z": 1, "a": 2, "m": 3})"
                                       << R"({"z":1,"a":2,"m":3})";
    QTest::newRow("nested") << "{\n \"a\": [ {\"b\": []}, [[]] ],\r\n\t\"c\": {}\n}"
                            << R"({"a":[{"b":[]},[[]]],"c":{}})";
}

void TestJson::roundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, compact);
    const std::string in = input.toStdString();
    const Result<JsonValue> r = parseJson(in);
    QVERIFY2(r.ok(), r.errorText().c_str());
    const std::string out = writeJson(*r);
    QCOMPARE(QString::fromStdString(out), compact);
    // The written form parses back to an equal value, in both layouts.
    const Result<JsonValue> again = parseJson(out);
    QVERIFY(again.ok());
    QVERIFY(*again == *r);
    const Result<JsonValue> fromPretty = parseJson(writeJson(*r, {.pretty = true}));
    QVERIFY(fromPretty.ok());
    QVERIFY(*fromPretty == *r);
}

void TestJson::errors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << "" << 1 << 1 << "unexpected end of input, expected a value";
    QTest::newRow("whitespace-only") << "  \n " << 2 << 2 << "unexpected end of input, expected a value";
    QTest::newRow("bad-literal") << "nul" << 1 << 1 << "unexpected 'n', expected a value";
    QTest::newRow("bare-word") << "[1, x]" << 1 << 5 << "unexpected 'x', expected a value";
    QTest::newRow("trailing") << "{} x" << 1 << 4 << "unexpected 'x' after the JSON value";
    QTest::newRow("two-values") << "1\n2" << 2 << 1 << "unexpected '2' after the JSON value";
    QTest::newRow("leading-zero") << "012" << 1 << 2 << "invalid number: leading zeros are not allowed";
    QTest::newRow("minus-alone") << "-" << 1 << 2
                                 << "invalid number: expected a digit after '-', got end of input";
    QTest::newRow("dot-no-digit") << "1.x" << 1 << 3 << "invalid number: expected a digit after '.', got 'x'";
    QTest::newRow("exp-no-digit") << "[1e+]" << 1 << 5
                                  << "invalid number: expected a digit in the exponent, got ']'";
    QTest::newRow("plus-sign") << "+1" << 1 << 1 << "unexpected '+', expected a value";
    QTest::newRow("leading-dot") << ".5" << 1 << 1 << "unexpected '.', expected a value";
    QTest::newRow("overflow") << "[1e999]" << 1 << 2 << "number out of range: 1e999";
    QTest::newRow("unterminated-string") << "{\"a\": \"abc" << 1 << 7 << "unterminated string";
    QTest::newRow("unterminated-escape") << "\"ab\\" << 1 << 1 << "unterminated string";
    QTest::newRow("raw-newline") << "\"a\nb\"" << 1 << 3
                                 << "control character byte 0x0A in string (escape it)";
    QTest::newRow("bad-escape") << R"(["\q"])" << 1 << 3 << "invalid escape '\\q' in string";
    QTest::newRow("short-u") << R"("\u12")" << 1 << 6
                             << "invalid \\u escape: expected 4 hex digits, got '\"'";
    QTest::newRow("bad-hex") << R"("\u12G4")" << 1 << 6
                             << "invalid \\u escape: expected 4 hex digits, got 'G'";
    QTest::newRow("lone-low") << R"("\uDC00")" << 1 << 2 << "invalid \\u escape: lone low surrogate";
    QTest::newRow("lone-high") << R"("\uD800x")" << 1 << 2
                               << "invalid \\u escape: high surrogate not followed by a low one";
    QTest::newRow("high-high") << R"("\uD800\uD800")" << 1 << 8
                               << "invalid \\u escape: high surrogate not followed by a low one";
    QTest::newRow("array-missing-comma")
        << "[1 2]" << 1 << 4 << "expected ',' or ']' after array element, got '2'";
    QTest::newRow("array-unclosed") << "[1,\n 2" << 2 << 3
                                    << "expected ',' or ']' after array element, got end of input";
    QTest::newRow("array-trailing-comma") << "[1,]" << 1 << 4 << "trailing comma before ']'";
    QTest::newRow("object-key-not-string")
        << "{a: 1}" << 1 << 2 << "expected a string key in object, got 'a'";
    QTest::newRow("object-missing-colon")
        << "{\"a\" 1}" << 1 << 6 << "expected ':' after object key \"a\", got '1'";
    QTest::newRow("object-missing-comma")
        << "{\"a\": 1 \"b\": 2}" << 1 << 9 << "expected ',' or '}' after object member, got '\"'";
    QTest::newRow("object-trailing-comma") << "{\"a\": 1,\n}" << 2 << 1 << "trailing comma before '}'";
    QTest::newRow("object-unclosed") << "{\"a\": 1" << 1 << 8
                                     << "expected ',' or '}' after object member, got end of input";
    QTest::newRow("value-missing") << "{\"a\": }" << 1 << 7 << "unexpected '}', expected a value";
    QTest::newRow("nan-not-allowed")
        << "[NaN]" << 1 << 2 << "'NaN' is not valid JSON (enable NaN tokens to accept Python's NaN/Infinity)";
    QTest::newRow("inf-not-allowed") << "{\"x\":\n  Infinity}" << 2 << 3
                                     << "'Infinity' is not valid JSON (enable NaN tokens to accept Python's "
                                        "NaN/Infinity)";
    QTest::newRow("minus-inf-not-allowed") << "-Infinity" << 1 << 1
                                           << "'-Infinity' is not valid JSON (enable NaN tokens to accept "
                                              "Python's NaN/Infinity)";
    QTest::newRow("nan-lowercase") << "nan" << 1 << 1 << "unexpected 'n', expected a value";
    QTest::newRow("binary") << "\x01" << 1 << 1 << "unexpected byte 0x01, expected a value";
}

void TestJson::errors()
{
    QFETCH(QString, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const Result<JsonValue> r = parseJson(input.toStdString());
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    const Diagnostic& d = r.diagnostics.front();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QCOMPARE(QString::fromStdString(d.message), message);
    QCOMPARE(d.line, std::int64_t(line));
    QCOMPARE(QString::fromStdString(d.where), QStringLiteral("column %1").arg(column));
}

void TestJson::errorCarriesName()
{
    const Result<JsonValue> r = parseJson("{\n\"a\" 1}", {.name = "trainer_state.json"});
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.errorText()),
             QStringLiteral(
                 "trainer_state.json:2: column 5: error: expected ':' after object key \"a\", got '1'"));
}

void TestJson::nanTokens()
{
    const Result<JsonValue> r =
        parseJson(R"({"a": NaN, "b": Infinity, "c": -Infinity, "d": [NaN]})", {.allowNanTokens = true});
    QVERIFY2(r.ok(), r.errorText().c_str());
    QVERIFY(std::isnan(r->number("a")));
    QCOMPARE(r->number("b"), std::numeric_limits<double>::infinity());
    QCOMPARE(r->number("c"), -std::numeric_limits<double>::infinity());
    QVERIFY(std::isnan(r->find("d")->toArray().at(0).toNumber()));
    QCOMPARE(QString::fromStdString(writeJson(*r, {.nanTokens = true})),
             QStringLiteral(R"({"a":NaN,"b":Infinity,"c":-Infinity,"d":[NaN]})"));
    // Truncated tokens are still errors.
    QVERIFY(!parseJson("Infin", {.allowNanTokens = true}).ok());
    QVERIFY(!parseJson("-Inf", {.allowNanTokens = true}).ok());
}

void TestJson::nanWrittenAsNullByDefault()
{
    JsonValue v = JsonValue::array();
    v.push(std::numeric_limits<double>::quiet_NaN());
    v.push(std::numeric_limits<double>::infinity());
    v.push(1.5);
    QCOMPARE(QString::fromStdString(writeJson(v)), QStringLiteral("[null,null,1.5]"));
}

void TestJson::deepNestingRejected()
{
    // 100000 '[' would overflow a recursive parser without a depth limit.
    const std::string deep(100000, '[');
    const Result<JsonValue> r = parseJson(deep);
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.diagnostics.front().message),
             QStringLiteral("nesting deeper than 256 levels"));
    QCOMPARE(QString::fromStdString(r.diagnostics.front().where), QStringLiteral("column 257"));

    const std::string objects = [] {
        std::string s;
        for (int i = 0; i < 300; ++i)
            s += "{\"k\":";
        return s;
    }();
    QVERIFY(!parseJson(objects).ok());
    QVERIFY(!parseJson("[[[1]]]", {.maxDepth = 2}).ok());
}

void TestJson::nestingAtLimitAccepted()
{
    const std::string ok = std::string(256, '[') + std::string(256, ']');
    QVERIFY(parseJson(ok).ok());
    const std::string tooDeep = std::string(257, '[') + std::string(257, ']');
    QVERIFY(!parseJson(tooDeep).ok());
}

void TestJson::pretty()
{
    const Result<JsonValue> r =
        parseJson(R"({"kind":"wsd","points":[[0,0],[2000,0.0003]],"empty":[],"o":{}})");
    QVERIFY(r.ok());
    const std::string expected = "{\n"
                                 "  \"kind\": \"wsd\",\n"
                                 "  \"points\": [\n"
                                 "    [\n"
                                 "      0,\n"
                                 "      0\n"
                                 "    ],\n"
                                 "    [\n"
                                 "      2000,\n"
                                 "      3e-4\n"
                                 "    ]\n"
                                 "  ],\n"
                                 "  \"empty\": [],\n"
                                 "  \"o\": {}\n"
                                 "}";
    QCOMPARE(QString::fromStdString(writeJson(*r, {.pretty = true})), QString::fromStdString(expected));
}

void TestJson::doublesRoundTrip()
{
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::uint64_t> bits;
    int tested = 0;
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t b = bits(rng);
        double d;
        std::memcpy(&d, &b, sizeof d);
        if (!std::isfinite(d))
            continue;
        const std::string text = writeJson(JsonValue(d));
        const Result<JsonValue> back = parseJson(text);
        QVERIFY2(back.ok(), text.c_str());
        QVERIFY2(back->toNumber() == d, text.c_str());
        ++tested;
    }
    QVERIFY(tested > 19000);
    // Shortest form: 0.1 is written as 0.1, not 0.1000000000000000055511151231257827.
    QCOMPARE(QString::fromStdString(writeJson(JsonValue(0.1))), QStringLiteral("0.1"));
    QCOMPARE(QString::fromStdString(writeJson(JsonValue(3e-5))), QStringLiteral("3e-5"));
    QCOMPARE(QString::fromStdString(writeJson(JsonValue(1e16))), QStringLiteral("1e16"));
}

void TestJson::unicodeEscapes()
{
    const Result<JsonValue> r = parseJson(R"(["\u0041", "\u00e9", "\u03b7", "\ud83d\ude00", "\u0000"])");
    QVERIFY2(r.ok(), r.errorText().c_str());
    const JsonArray& a = r->toArray();
    QCOMPARE(a.size(), std::size_t(5));
    QCOMPARE(a[0].toString(), std::string("A"));
    QCOMPARE(a[1].toString(), std::string("\xc3\xa9"));
    QCOMPARE(a[2].toString(), std::string("\xce\xb7"));
    QCOMPARE(a[3].toString(), std::string("\xf0\x9f\x98\x80"));
    QCOMPARE(a[4].toString(), std::string(1, '\0'));
    QCOMPARE(QString::fromStdString(writeJson(a[4])), QStringLiteral(R"("\u0000")"));
}

void TestJson::accessors()
{
    const Result<JsonValue> r = parseJson(
        R"({"steps": 24000, "peak": 3e-4, "name": "cosine", "flag": true, "list": [1,2], "n": null})");
    QVERIFY(r.ok());
    const JsonValue& v = *r;
    QVERIFY(v.isObject());
    QCOMPARE(v.size(), std::size_t(6));
    QCOMPARE(v.integer("steps"), std::int64_t(24000));
    QCOMPARE(v.number("peak"), 3e-4);
    QCOMPARE(v.number("missing", -1.0), -1.0);
    QCOMPARE(v.number("name", -2.0), -2.0); // wrong type → fallback
    QCOMPARE(v.string("name"), std::string("cosine"));
    QCOMPARE(v.string("steps", "fallback"), std::string("fallback"));
    QCOMPARE(v.boolean("flag"), true);
    QCOMPARE(v.boolean("steps", false), false);
    QVERIFY(v.contains("n"));
    QVERIFY(v.find("n")->isNull());
    QVERIFY(!v.contains("nope"));
    QCOMPARE(v.find("list")->size(), std::size_t(2));
    QVERIFY(v.find("list")->find("x") == nullptr);           // find on an array
    QCOMPARE(JsonValue(5).integer("x", 7), std::int64_t(7)); // find on a number

    JsonValue built;
    built.set("kind", "wsd");
    built.set("peak", 3e-4);
    built.set("kind", "cosine"); // replaced in place, order kept
    built.set("points", JsonValue::array()).push(1);
    QCOMPARE(QString::fromStdString(writeJson(built)),
             QStringLiteral(R"({"kind":"cosine","peak":3e-4,"points":[1]})"));
    JsonValue number(1.0);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, number.asArray());
}

void TestJson::duplicateKeysLastWins()
{
    const Result<JsonValue> r = parseJson(R"({"a": 1, "a": 2})");
    QVERIFY(r.ok());
    QCOMPARE(r->number("a"), 2.0);
    QCOMPARE(r->size(), std::size_t(2));
}

void TestJson::jsonLines()
{
    const std::string text = "{\"step\": 1, \"loss\": 4.5}\n"
                             "\n"
                             "{\"step\": 2, \"loss\": NaN}\r\n"
                             "{\"step\": 3, \"loss\" 4.1}\n"
                             "  [1, 2]  \n"
                             "{\"step\": 5,";
    const JsonLinesResult r = parseJsonLines(text, {.allowNanTokens = true, .name = "log.jsonl"});
    QCOMPARE(r.values.size(), std::size_t(3));
    QCOMPARE(r.values[0].line, std::int64_t(1));
    QCOMPARE(r.values[0].value.number("loss"), 4.5);
    QCOMPARE(r.values[1].line, std::int64_t(3));
    QVERIFY(std::isnan(r.values[1].value.number("loss")));
    QCOMPARE(r.values[2].line, std::int64_t(5));
    QCOMPARE(r.diagnostics.size(), std::size_t(2));
    QCOMPARE(
        QString::fromStdString(r.diagnostics[0].toString()),
        QStringLiteral("log.jsonl:4: column 20: error: expected ':' after object key \"loss\", got '4'"));
    QCOMPARE(
        QString::fromStdString(r.diagnostics[1].toString()),
        QStringLiteral("log.jsonl:6: column 12: error: expected a string key in object, got end of input"));
}

void TestJson::bomSkipped()
{
    const Result<JsonValue> r = parseJson("\xEF\xBB\xBF{\"a\":1}");
    QVERIFY(r.ok());
    QCOMPARE(r->number("a"), 1.0);
}

void TestJson::mutatedInputsGiveOneError()
{
    // Random byte edits of a valid document: every outcome is a value or exactly one located error.
    const std::string base =
        R"({"log_history": [{"step": 1, "loss": 4.25, "lr": 3e-4}, {"s": "a\u00e9\"b"}], )"
        R"("best": null, "ok": true, "x": [-0.5e-3, 12]})";
    std::mt19937 rng(7);
    const std::string alphabet = "{}[]\",:.-+eE0123456789 \\untfalsNI\n\x01\xff";
    int errors = 0;
    for (int i = 0; i < 5000; ++i) {
        std::string s = base;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = rng() % s.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
            case 0:
                s[at] = c;
                break;
            case 1:
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
                break;
            default:
                s.erase(at, 1 + rng() % 5);
                break;
            }
            if (s.empty())
                s = "x";
        }
        const Result<JsonValue> r = parseJson(s, {.allowNanTokens = (i % 2) == 1});
        if (r.ok()) {
            QVERIFY(r.diagnostics.empty());
            continue;
        }
        ++errors;
        QCOMPARE(r.diagnostics.size(), std::size_t(1));
        QVERIFY(r.diagnostics[0].line >= 1);
        QVERIFY(!r.diagnostics[0].message.empty());
    }
    QVERIFY(errors > 1000);
}

void TestJson::numberText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("outcome"); // NumberParse
    QTest::addColumn<double>("value");
    QTest::newRow("plain") << "3.5" << int(NumberParse::Ok) << 3.5;
    QTest::newRow("exponent") << "-2.5E-3" << int(NumberParse::Ok) << -2.5e-3;
    QTest::newRow("exp-plus") << "1e+2" << int(NumberParse::Ok) << 100.0;
    QTest::newRow("inf") << "-Infinity" << int(NumberParse::Ok) << -std::numeric_limits<double>::infinity();
    QTest::newRow("comma-decimal") << "3,5" << int(NumberParse::Invalid) << 0.0;
    QTest::newRow("leading-plus") << "+1" << int(NumberParse::Invalid) << 0.0;
    QTest::newRow("space") << " 1" << int(NumberParse::Invalid) << 0.0;
    QTest::newRow("trailing") << "1x" << int(NumberParse::Invalid) << 0.0;
    QTest::newRow("empty") << "" << int(NumberParse::Invalid) << 0.0;
    QTest::newRow("overflow") << "1e400" << int(NumberParse::OutOfRange) << 0.0;
}

void TestJson::numberText()
{
    QFETCH(QString, text);
    QFETCH(int, outcome);
    QFETCH(double, value);
    double v = 0.0;
    QCOMPARE(int(parseDouble(text.toStdString(), v)), outcome);
    if (outcome == int(NumberParse::Ok))
        QCOMPARE(v, value);
    // Shortest forms, in both notations.
    QCOMPARE(QString::fromStdString(shortestDouble(0.1)), QStringLiteral("0.1"));
    QCOMPARE(QString::fromStdString(shortestDouble(3e-4, true)), QStringLiteral("3e-04"));
    QCOMPARE(QString::fromStdString(shortestDouble(std::nan(""))), QStringLiteral("nan"));
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
