// Tests of the one CSV line and field reader of core (core/util/csvtext.h): quoting, line ends, byte-order
// mark, blank and comment lines, line numbers, a missing final newline, NUL bytes, the tokenizer fed in
// chunks, and the small readers (curve, CPT, mixing tables) reading through it.
#include "core/cpt/cptcsv.h"
#include "core/io/curvecsv.h"
#include "core/mixing/table.h"
#include "core/util/csvtext.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace losscast::core;

namespace {

struct Record
{
    std::int64_t line;
    std::vector<std::string> fields;
    bool unterminated;
};

std::vector<Record> records(std::string_view text)
{
    std::vector<Record> out;
    CsvText csv(text);
    while (csv.next())
        out.push_back({csv.line(), std::vector<std::string>(csv.fields().begin(), csv.fields().end()),
                       csv.unterminatedQuote()});
    return out;
}

using Fields = std::vector<std::string>;

} // namespace

class TestCsvText : public QObject
{
    Q_OBJECT
private slots:
    void quotesGroupDelimitersAndDoubleQuotes();
    void quotedFieldSpansLines();
    void crlfAndLoneCr();
    void byteOrderMarkBlankAndCommentLines();
    void trimsUnquotedFieldsOnly();
    void tabWhenTheHeaderHasNoComma();
    void missingFinalNewline();
    void nulByteIsData();
    void unterminatedQuote();
    void emptyInput();
    void tokenizerInChunksMatchesWhole();
    void curveCsvReadsQuotedCommas();
    void curveCsvLineNumbersCountSkippedLines();
    void curveCsvNulByteNamedInMessage();
    void cptCsvReadsQuotedHeader();
    void mixingTableQuotesAndLines();
};

void TestCsvText::quotesGroupDelimitersAndDoubleQuotes()
{
    const auto r = records("name,note,value\n\"a, b\",\"say \"\"hi\"\"\",3\n\"\",x,\"\"\"\"\n");
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[1].fields, (Fields{"a, b", "say \"hi\"", "3"}));
    QCOMPARE(r[2].fields, (Fields{"", "x", "\""}));
    QCOMPARE(r[1].line, std::int64_t(2));
    QCOMPARE(r[2].line, std::int64_t(3));
    QVERIFY(!r[1].unterminated);
}

void TestCsvText::quotedFieldSpansLines()
{
    const auto r = records("a,b\n\"two\nlines\",1\nnext,2\n");
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[1].fields, (Fields{"two\nlines", "1"}));
    QCOMPARE(r[1].line, std::int64_t(2));
    QCOMPARE(r[2].line, std::int64_t(4)); // the continuation line counts
    QCOMPARE(r[2].fields, (Fields{"next", "2"}));
}

void TestCsvText::crlfAndLoneCr()
{
    const auto r = records("a,b\r\n1,2\r\n\r\n3,4\r5,6\r\n");
    QCOMPARE(r.size(), std::size_t(4));
    QCOMPARE(r[0].fields, (Fields{"a", "b"}));
    QCOMPARE(r[1].fields, (Fields{"1", "2"}));
    QCOMPARE(r[2].fields, (Fields{"3", "4"}));
    QCOMPARE(r[3].fields, (Fields{"5", "6"}));
    QCOMPARE(r[1].line, std::int64_t(2));
    QCOMPARE(r[2].line, std::int64_t(4));
    QCOMPARE(r[3].line, std::int64_t(5));
}

void TestCsvText::byteOrderMarkBlankAndCommentLines()
{
    const auto r = records(
        "\xEF\xBB\xBF# exported by a tool\n\n   \n  # indented comment\nstep,loss\n\t\n1,2\n#x,y\n3,4");
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[0].fields, (Fields{"step", "loss"})); // no byte-order mark left in the first name
    QCOMPARE(r[0].line, std::int64_t(5));
    QCOMPARE(r[1].line, std::int64_t(7));
    QCOMPARE(r[2].line, std::int64_t(9));
    QCOMPARE(r[2].fields, (Fields{"3", "4"}));
}

void TestCsvText::trimsUnquotedFieldsOnly()
{
    const auto r = records("\"step\" , \"lr\" ,  loss \n 10 ,\" 1e-3 \",  \"3.5\"\t\n");
    QCOMPARE(r.size(), std::size_t(2));
    QCOMPARE(r[0].fields, (Fields{"step", "lr", "loss"}));
    QCOMPARE(r[1].fields, (Fields{"10", " 1e-3 ", "3.5"}));
}

void TestCsvText::tabWhenTheHeaderHasNoComma()
{
    CsvText tabs("# note, with a comma\nstep\tlr\tloss\n1\t2,5\t3\n");
    QVERIFY(tabs.next());
    QCOMPARE(tabs.delimiter(), '\t');
    QVERIFY(tabs.next());
    QCOMPARE(tabs.fields().size(), std::size_t(3));
    QCOMPARE(std::string(tabs.fields()[1]), std::string("2,5"));
    CsvText both("step,lr\tx\n1,2\n");
    QVERIFY(both.next());
    QCOMPARE(both.delimiter(), ',');
    QCOMPARE(both.fields().size(), std::size_t(2));
}

void TestCsvText::missingFinalNewline()
{
    const auto r = records("a,b\n1,2");
    QCOMPARE(r.size(), std::size_t(2));
    QCOMPARE(r[1].fields, (Fields{"1", "2"}));
    const auto trailing = records("a,b\n1,");
    QCOMPARE(trailing[1].fields, (Fields{"1", ""}));
    const auto quoted = records("a,b\n1,\"x\"");
    QCOMPARE(quoted[1].fields, (Fields{"1", "x"}));
}

void TestCsvText::nulByteIsData()
{
    const std::string text("a,b\n1,\0x\n2,3\n", 13);
    const auto r = records(text);
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[1].fields[1], std::string("\0x", 2));
    QCOMPARE(r[2].line, std::int64_t(3));
}

void TestCsvText::unterminatedQuote()
{
    const auto r = records("a,b\n1,\"open\n2,3\n");
    QCOMPARE(r.size(), std::size_t(2));
    QVERIFY(r[1].unterminated);
    QCOMPARE(r[1].line, std::int64_t(2));
    QCOMPARE(r[1].fields, (Fields{"1", "open\n2,3\n"}));
    QVERIFY(!r[0].unterminated);
}

void TestCsvText::emptyInput()
{
    QVERIFY(records("").empty());
    QVERIFY(records("\xEF\xBB\xBF").empty());
    QVERIFY(records("\n\n# only comments\n  \n").empty());
}

void TestCsvText::tokenizerInChunksMatchesWhole()
{
    // The streaming importer feeds the tokenizer whatever the read returned: a record cut anywhere (inside a
    // quote, between a quote and its escape, between CR and LF) must come out as from the whole text.
    const std::string text = "a,\"b\"\"c\",d\r\n\"x\ny\",2,3\r\n#c\n\n4,\"\",6";
    auto collect = [&](std::size_t chunk) {
        std::vector<std::pair<std::int64_t, Fields>> out;
        CsvTokenizer tok(',');
        std::string buffer;
        std::size_t fed = 0;
        std::vector<std::string_view> f;
        std::int64_t line = 0;
        for (;;) {
            if (fed < text.size()) {
                buffer += text.substr(fed, chunk);
                fed += chunk;
            }
            const bool final = fed >= text.size();
            const char* p = buffer.data();
            const char* end = p + buffer.size();
            while (p < end) {
                const char* next = tok.next(p, end, final, f, line);
                if (!next)
                    break; // an incomplete record: wait for more bytes
                if (!f.empty())
                    out.push_back({line, Fields(f.begin(), f.end())});
                p = next;
            }
            buffer.erase(0, static_cast<std::size_t>(p - buffer.data()));
            if (final)
                break;
        }
        return out;
    };
    const auto whole = collect(text.size());
    QCOMPARE(whole.size(), std::size_t(3));
    QCOMPARE(whole[0].second, (Fields{"a", "b\"c", "d"}));
    QCOMPARE(whole[1].second, (Fields{"x\ny", "2", "3"}));
    QCOMPARE(whole[1].first, std::int64_t(2));
    QCOMPARE(whole[2].first, std::int64_t(6));
    QCOMPARE(whole[2].second, (Fields{"4", "", "6"}));
    for (std::size_t chunk = 1; chunk < text.size(); ++chunk)
        QCOMPARE(collect(chunk), whole);
}

void TestCsvText::curveCsvReadsQuotedCommas()
{
    // A quoted note holding a comma, before the columns the curve needs: one field, not two.
    const auto r =
        parseCurveCsv("note,step,lr,loss\n\"warm, up\",10,1e-3,3.5\n\"end\",20,5e-4,3.0\n", "q.csv", 0);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->steps, (std::vector<std::int64_t>{10, 20}));
    QCOMPARE(r->loss, (std::vector<double>{3.5, 3.0}));
}

void TestCsvText::curveCsvLineNumbersCountSkippedLines()
{
    const auto r = parseCurveCsv(
        "# a comment\n\nstep,lr,loss,note\n10,1e-3,3.5,\"two\nlines\"\n20,5e-4,oops,x\n", "lines.csv", 0);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.front().line, std::int64_t(6));
    QCOMPARE(r.diagnostics.front().file, std::string("lines.csv"));
    QCOMPARE(r.diagnostics.front().message, std::string("expected a number, got 'oops'"));
}

void TestCsvText::curveCsvNulByteNamedInMessage()
{
    const std::string text("step,lr,loss\n10,1e-3,3.5\n20,5e-4,\0\n", 35);
    const auto r = parseCurveCsv(text, "nul.csv", 0);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.front().line, std::int64_t(3));
    QCOMPARE(r.diagnostics.front().message, std::string("expected a number, got '\\x00'"));
}

void TestCsvText::cptCsvReadsQuotedHeader()
{
    cpt::CptCsvOptions o;
    o.switchStep = 10;
    o.generalColumn = "general, loss";
    o.domainColumn = "domain";
    const auto r = cpt::parseCptCsv(
        "\xEF\xBB\xBF"
        "step,lr,\"general, loss\",domain\r\n5,1e-3,3.5,4.0\r\n10,1e-3,3.2,3.9\r\n# cpt\r\n20,5e-4,3.4,3.0",
        "cpt.csv", o);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->steps, (std::vector<std::int64_t>{5, 10, 20}));
    QCOMPARE(r->general, (std::vector<double>{3.5, 3.2, 3.4}));
    QCOMPARE(r->domain, (std::vector<double>{4.0, 3.9, 3.0}));
}

void TestCsvText::mixingTableQuotesAndLines()
{
    const auto t = mixing::parseTable(
        "# runs\nid,\"train, web\",loss\n\"r 1\",0.5,3.1\n\n\"r \"\"2\"\"\",0.25,3.3\n", "m.csv");
    QVERIFY2(t.ok(), t.errorText().c_str());
    QCOMPARE(t->header, (Fields{"id", "train, web", "loss"}));
    QCOMPARE(t->rows.size(), std::size_t(2));
    QCOMPARE(t->rows[1], (Fields{"r \"2\"", "0.25", "3.3"}));
    QCOMPARE(t->lines, (std::vector<std::int64_t>{3, 5}));
    const auto ragged = mixing::parseTable("a,b\n1,2\n3\n", "r.csv");
    QVERIFY(!ragged.ok());
    QCOMPARE(ragged.diagnostics.front().line, std::int64_t(3));
    QCOMPARE(ragged.diagnostics.front().message,
             std::string("expected 2 fields (as in the header), found 1"));
    const auto open = mixing::parseTable("a,b\n1,\"2\n", "u.csv");
    QVERIFY(!open.ok());
    QCOMPARE(open.diagnostics.front().line, std::int64_t(2));
    QCOMPARE(open.diagnostics.front().message, std::string("unterminated quote"));
}

QTEST_APPLESS_MAIN(TestCsvText)
#include "tst_csvtext.moc"
