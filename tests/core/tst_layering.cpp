// The layering of the source tree, checked on the real files: no include cycle between core's folders, no
// Qt and no widgets/app include in core, no app include in widgets (docs/architecture.md).
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Graph = std::map<std::string, std::set<std::string>>;

/// A cycle of `graph` as "a -> b -> a", or "" when it has none (depth-first search with colours).
std::string findCycle(const Graph& graph)
{
    std::map<std::string, int> colour; // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    std::string found;
    std::function<bool(const std::string&)> visit = [&](const std::string& n) {
        colour[n] = 1;
        stack.push_back(n);
        const auto it = graph.find(n);
        if (it != graph.end())
            for (const std::string& m : it->second) {
                if (colour[m] == 1) {
                    const auto from = std::find(stack.begin(), stack.end(), m);
                    for (auto s = from; s != stack.end(); ++s)
                        found += *s + " -> ";
                    found += m;
                    return true;
                }
                if (colour[m] == 0 && visit(m))
                    return true;
            }
        stack.pop_back();
        colour[n] = 2;
        return false;
    };
    for (const auto& [n, edges] : graph)
        if (colour[n] == 0 && visit(n))
            return found;
    return {};
}

struct Include
{
    std::string file; ///< relative to the source root
    int line = 0;
    std::string target; ///< the quoted or bracketed name
};

/// The target of an `#include <x>` or `#include "x"` line, or "" for any other line. (A hand-written scan:
/// a regular expression in a raw string literal hides the test class from moc.)
std::string includeTarget(const std::string& line)
{
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] != '#')
        return {};
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || line.compare(i, 7, "include") != 0)
        return {};
    i = line.find_first_not_of(" \t", i + 7);
    if (i == std::string::npos || (line[i] != '<' && line[i] != '\x22'))
        return {};
    const char close = line[i] == '<' ? '>' : '\x22';
    const std::size_t end = line.find(close, i + 1);
    return end == std::string::npos ? std::string() : line.substr(i + 1, end - i - 1);
}

std::vector<Include> includesUnder(const fs::path& root, const std::string& sub)
{
    std::vector<Include> out;
    if (!fs::exists(root / sub))
        return out;
    for (const auto& entry : fs::recursive_directory_iterator(root / sub)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp"))
            continue;
        std::ifstream in(entry.path());
        std::string text;
        int line = 0;
        while (std::getline(in, text)) {
            ++line;
            if (std::string target = includeTarget(text); !target.empty())
                out.push_back({fs::relative(entry.path(), root).generic_string(), line, std::move(target)});
        }
    }
    return out;
}

/// core's folder graph: folder -> folders its files include.
Graph coreFolderGraph(const fs::path& root, std::vector<std::string>* edgesWithFiles = nullptr)
{
    Graph g;
    for (const Include& inc : includesUnder(root, "core")) {
        const std::string from = inc.file.substr(5, inc.file.find('/', 5) - 5); // core/<folder>/...
        if (inc.file.find('/', 5) == std::string::npos)
            continue; // core/version.cpp and friends: not a folder
        g[from];
        if (inc.target.rfind("core/", 0) != 0)
            continue;
        const auto slash = inc.target.find('/', 5);
        if (slash == std::string::npos)
            continue;
        const std::string to = inc.target.substr(5, slash - 5);
        if (to != from) {
            g[from].insert(to);
            if (edgesWithFiles)
                edgesWithFiles->push_back(from + " -> " + to + " (" + inc.file + ":" +
                                          std::to_string(inc.line) + ")");
        }
    }
    return g;
}

} // namespace

class TestLayering : public QObject
{
    Q_OBJECT
private slots:
    void findCycleDetects_data();
    void findCycleDetects();
    void coreFoldersHaveNoCycle();
    void coreHasNoQtNorUpperLayers();
    void widgetsDoNotIncludeApp();
};

void TestLayering::findCycleDetects_data()
{
    QTest::addColumn<QString>("edges"); // "a>b,b>c"
    QTest::addColumn<bool>("cycle");
    QTest::newRow("chain") << "a>b,b>c" << false;
    QTest::newRow("diamond") << "a>b,a>c,b>d,c>d" << false;
    QTest::newRow("two-cycle") << "laws>fit,fit>laws" << true;
    QTest::newRow("three-cycle") << "io>fit,fit>laws,laws>io,util>io" << true;
}

void TestLayering::findCycleDetects()
{
    QFETCH(QString, edges);
    QFETCH(bool, cycle);
    Graph g;
    for (const QString& e : edges.split(',')) {
        const QStringList ab = e.split('>');
        g[ab[0].toStdString()].insert(ab[1].toStdString());
    }
    QCOMPARE(!findCycle(g).empty(), cycle);
}

void TestLayering::coreFoldersHaveNoCycle()
{
    const fs::path root(LOSSCAST_SOURCE_DIR);
    QVERIFY2(fs::exists(root / "core"), "the source tree is not where CMake said");
    std::vector<std::string> edges;
    const Graph g = coreFolderGraph(root, &edges);
    QVERIFY2(g.size() >= 8, "core's folders were not found");
    const std::string cycle = findCycle(g);
    if (!cycle.empty()) {
        std::string where;
        for (const std::string& e : edges)
            where += "\n  " + e;
        QFAIL(
            ("include cycle between core folders: " + cycle + "\nincludes between folders:" + where).c_str());
    }
}

void TestLayering::coreHasNoQtNorUpperLayers()
{
    const fs::path root(LOSSCAST_SOURCE_DIR);
    std::string bad;
    for (const Include& inc : includesUnder(root, "core"))
        if (inc.target.rfind("Q", 0) == 0 || inc.target.rfind("qt", 0) == 0 ||
            inc.target.rfind("widgets/", 0) == 0 || inc.target.rfind("app/", 0) == 0)
            bad += "\n  " + inc.file + ":" + std::to_string(inc.line) + " includes " + inc.target;
    QVERIFY2(bad.empty(), ("core must not include Qt, widgets or app:" + bad).c_str());
}

void TestLayering::widgetsDoNotIncludeApp()
{
    const fs::path root(LOSSCAST_SOURCE_DIR);
    std::string bad;
    for (const Include& inc : includesUnder(root, "widgets"))
        if (inc.target.rfind("app/", 0) == 0)
            bad += "\n  " + inc.file + ":" + std::to_string(inc.line) + " includes " + inc.target;
    QVERIFY2(bad.empty(), ("widgets must not include app:" + bad).c_str());
}

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
