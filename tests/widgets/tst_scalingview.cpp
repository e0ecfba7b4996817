// Tests of the Scaling view (widgets/scalingview.h): a synthetic runs table with known Chinchilla parameters
// fitted through the view (in the background), the plot it draws (contours on the true law's iso-loss lines,
// the runs, the frontier), the compute slider against core's optimal allocation, bad tables explained inline,
// and the exports.
#include "widgets/scalingview.h"

#include "core/scaling/chinchilla.h"
#include "core/util/json.h"
#include "core/util/textfile.h"

#include <QtTest>

#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace losscast;
using namespace losscast::widgets;
namespace sc = losscast::core::scaling;

namespace {

/// The law the synthetic tables follow (the scale of Besiroglu et al.'s fit, exponents made unequal).
const sc::ChinchillaParams kTrue{1.8, 480.0, 2100.0, 0.34, 0.29};

/// 5 sizes × 4 token counts with a deterministic ±0.1 % wiggle (no two runs on the exact law).
QString syntheticCsv()
{
    QString csv = QStringLiteral("name,params,tokens,loss\n");
    const double ns[] = {2e7, 6e7, 1.5e8, 4e8, 1e9};
    const double ds[] = {1e9, 4e9, 1.6e10, 6e10};
    int k = 0;
    for (double n : ns)
        for (double d : ds) {
            const double wiggle = 1.0 + 0.001 * std::sin(1.7 * k++);
            csv += QStringLiteral("r%1,%2,%3,%4\n")
                       .arg(k)
                       .arg(n, 0, 'g', 17)
                       .arg(d, 0, 'g', 17)
                       .arg(kTrue.predict(n, d) * wiggle, 0, 'g', 17);
        }
    return csv;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QString& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text.toUtf8());
    return path;
}

bool fitted(ScalingView& v)
{
    // The result arrives through the runner's queued signal: wait for the job, then for the signal.
    QSignalSpy spy(&v, &ScalingView::fitFinished);
    v.waitForFit();
    if (spy.isEmpty() && !spy.wait(5000)) // delivered before the call, or never
        return v.hasFit();
    return spy.last().first().toBool();
}

} // namespace

class TestScalingView : public QObject
{
    Q_OBJECT
private slots:
    void fitsSyntheticTable();
    void sliderFollowsCoreOptimum();
    void badTablesExplained();
    void rowsTypedIn();
    void exports();
    void humanCounts();
};

void TestScalingView::fitsSyntheticTable()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("synthetic.csv"), syntheticCsv());
    ScalingView v;
    v.setSettings({1e-3, 0, 0.95}); // delta method: fast
    QVERIFY(v.openTable(path));
    QVERIFY(v.isFitting()); // in the background, not on the GUI thread
    QVERIFY(fitted(v));
    QVERIFY(v.errorText().isEmpty());
    const auto& p = v.outcome()->fit.params;
    QVERIFY2(std::abs(p.E - kTrue.E) < 0.05, qPrintable(QString::number(p.E)));
    QVERIFY2(std::abs(p.alpha - kTrue.alpha) < 0.03, qPrintable(QString::number(p.alpha)));
    QVERIFY2(std::abs(p.beta - kTrue.beta) < 0.03, qPrintable(QString::number(p.beta)));
    QCOMPARE(v.rows().size(), std::size_t(20));
    QVERIFY(v.statusText().contains(QStringLiteral("20")));

    // The runs are drawn where they are.
    const auto pts = v.runPoints();
    QCOMPARE(pts.size(), std::size_t(20));
    for (const auto& r : v.outcome()->table.runs) {
        const bool drawn = std::any_of(pts.begin(), pts.end(), [&](const QPointF& q) {
            return std::abs(q.x() - std::log10(r.n)) < 1e-12 && std::abs(q.y() - std::log10(r.d)) < 1e-12;
        });
        QVERIFY(drawn);
    }
    // Every contour line lies on the TRUE law's iso-loss line of its level (the fit is close to it).
    const auto levels = v.contourLevels();
    QVERIFY(levels.size() >= 4);
    for (int k = 0; k < int(levels.size()); ++k) {
        const auto c = v.contourPoints(k);
        QVERIFY(!c.empty());
        int checked = 0;
        for (const QPointF& q : c)
            if (q.y() > 8 && q.y() < 13) {
                const double l = kTrue.predict(std::pow(10.0, q.x()), std::pow(10.0, q.y()));
                QVERIFY2(std::abs(l - levels[std::size_t(k)]) < 0.02 * levels[std::size_t(k)],
                         qPrintable(QStringLiteral("level %1 at (%2, %3): %4")
                                        .arg(levels[std::size_t(k)])
                                        .arg(q.x())
                                        .arg(q.y())
                                        .arg(l)));
                ++checked;
            }
        QVERIFY(checked > 0);
    }
    // The frontier follows the true law's optimum (Hoffmann et al.: N* ∝ C^(β/(α+β))) within the fit's error.
    const auto f = v.frontierPoints();
    QVERIFY(f.size() > 10);
    for (std::size_t i = 0; i < f.size(); i += 10) {
        const double c = 6.0 * std::pow(10.0, f[i].x() + f[i].y());
        const auto truth = sc::optimalForFlops(kTrue, c);
        QVERIFY2(std::abs(f[i].x() - std::log10(truth.n)) < 0.25, qPrintable(QString::number(f[i].x())));
    }
    // Its band (delta method) has two edges on the iso-FLOP lines and contains the frontier.
    const auto band = v.frontierBand();
    QVERIFY(band.size() >= 4);
    QVERIFY(!v.isoFlops().empty());
}

void TestScalingView::sliderFollowsCoreOptimum()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("synthetic.csv"), syntheticCsv());
    ScalingView v;
    v.setSettings({1e-3, 40, 0.9}); // with a bootstrap: the interval comes from its refits
    QVERIFY(v.openTable(path));
    QVERIFY(fitted(v));
    QCOMPARE(v.outcome()->bootstrap.requested, 40);
    QVERIFY(v.outcome()->bootstrap.succeeded >= 20);
    const auto& p = v.outcome()->fit.params;
    const auto [cmin, cmax] = v.budgetRange();
    QVERIFY(cmin > 0 && cmax > cmin * 1e3);
    auto* slider = v.findChild<QSlider*>();
    QVERIFY(slider && slider->isEnabled());
    double lastN = 0, lastD = 0;
    for (int pos : {0, 200, 450, 700, 1000}) {
        slider->setValue(pos); // as a drag does
        const double c = v.budget();
        QVERIFY(c >= cmin * 0.999 && c <= cmax * 1.001);
        const auto a = v.optimum();
        const auto core = sc::optimalForFlops(p, c);
        QCOMPARE(a.n, core.n);
        QCOMPARE(a.d, core.d);
        QVERIFY(std::abs(6 * a.n * a.d / c - 1.0) < 1e-9); // on the budget's iso-FLOP line
        const QPointF m = v.optimumPoint();
        QVERIFY(std::abs(m.x() - std::log10(core.n)) < 1e-9);
        QVERIFY(std::abs(m.y() - std::log10(core.d)) < 1e-9);
        QVERIFY(a.n > lastN && a.d > lastD); // both grow with the budget
        lastN = a.n, lastD = a.d;
        const auto [lo, hi] = v.optimumLossInterval();
        QVERIFY2(lo <= core.loss && core.loss <= hi,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(lo).arg(core.loss).arg(hi)));
        QVERIFY(v.optimumText().contains(humanCount(core.n)));
        QVERIFY(v.optimumText().contains(QString::number(core.loss, 'f', 4)));
    }
    // A typed budget moves the slider and the optimum; one outside the range is clamped to it.
    v.setBudget(3e21);
    QCOMPARE(v.optimum().n, sc::optimalForFlops(p, 3e21).n);
    v.setBudget(cmax * 100);
    QCOMPARE(v.budget(), cmax);
    QCOMPARE(slider->value(), slider->maximum());
}

void TestScalingView::badTablesExplained()
{
    QTemporaryDir dir;
    ScalingView v;
    // Too few runs.
    QString few = QStringLiteral("params,tokens,loss\n");
    for (int i = 1; i <= 4; ++i)
        few += QStringLiteral("%1e7,%2e9,3.%3\n").arg(i).arg(i).arg(i);
    const QString fewPath = writeFile(dir, QStringLiteral("few.csv"), few);
    QVERIFY(!v.openTable(fewPath));
    QVERIFY2(v.errorText().contains(QStringLiteral("few.csv")) &&
                 v.errorText().contains(QStringLiteral("too few runs")),
             qPrintable(v.errorText()));
    QVERIFY(!v.hasFit());
    // A missing column.
    const QString noLoss =
        writeFile(dir, QStringLiteral("noloss.csv"),
                  QStringLiteral("params,tokens,accuracy\n1e7,1e9,0.5\n2e7,1e9,0.5\n3e7,1e9,0.5\n"
                                 "4e7,1e9,0.5\n5e7,1e9,0.5\n"));
    QVERIFY(!v.openTable(noLoss));
    QVERIFY2(v.errorText().contains(QStringLiteral("noloss.csv")) &&
                 v.errorText().contains(QStringLiteral("loss")),
             qPrintable(v.errorText()));
    // A non-positive value: file, line and column named.
    QString neg = QStringLiteral("params,tokens,loss\n");
    for (int i = 1; i <= 6; ++i)
        neg += QStringLiteral("%1e7,%2e9,3.%3\n").arg(i == 3 ? -i : i).arg(i).arg(i);
    const QString negPath = writeFile(dir, QStringLiteral("negative.csv"), neg);
    QVERIFY(!v.openTable(negPath));
    QVERIFY2(v.errorText().contains(QStringLiteral("negative.csv")) &&
                 v.errorText().contains(QStringLiteral(":4")) &&
                 v.errorText().contains(QStringLiteral("params")),
             qPrintable(v.errorText()));
    // A good table afterwards: the error goes away.
    QVERIFY(v.openTable(writeFile(dir, QStringLiteral("good.csv"), syntheticCsv())));
    QVERIFY(fitted(v));
    QVERIFY(v.errorText().isEmpty());
    // A bad one after it keeps the good fit shown.
    QVERIFY(!v.openTable(negPath));
    QVERIFY(v.hasFit());
    QCOMPARE(v.tablePath(), QFileInfo(dir.filePath(QStringLiteral("good.csv"))).absoluteFilePath());
}

void TestScalingView::rowsTypedIn()
{
    ScalingView v;
    v.setSettings({1e-3, 0, 0.95});
    std::vector<ScalingRow> rows;
    const double ns[] = {2e7, 6e7, 1.5e8, 4e8, 1e9};
    const double ds[] = {1e9, 4e9, 1.6e10};
    for (double n : ns)
        for (double d : ds)
            rows.push_back({QStringLiteral("run %1").arg(rows.size() + 1), n, d, kTrue.predict(n, d)});
    rows[4].n = std::nan(""); // N not known from the name: to be typed in
    v.setRows(rows, QStringLiteral("test runs"));
    QVERIFY(!v.isFitting());
    QVERIFY2(v.errorText().contains(QStringLiteral("run 5")) &&
                 v.errorText().contains(QStringLiteral("N (parameters)")),
             qPrintable(v.errorText()));
    // Typing it (with a suffix) and fitting.
    auto* table = v.findChild<QTableWidget*>();
    QVERIFY(table);
    table->item(4, 1)->setText(QStringLiteral("60M"));
    QVERIFY(v.rowsEdited());
    QCOMPARE(v.rows()[4].n, 6e7);
    QVERIFY(v.startFit());
    QVERIFY(fitted(v));
    QVERIFY(std::abs(v.outcome()->fit.params.alpha - kTrue.alpha) < 0.03);
}

void TestScalingView::exports()
{
    QTemporaryDir dir;
    ScalingView v;
    v.resize(1000, 600);
    v.setSettings({1e-3, 10, 0.95});
    QVERIFY(v.openTable(writeFile(dir, QStringLiteral("synthetic.csv"), syntheticCsv())));
    QVERIFY(fitted(v));
    for (const char* ext : {"png", "svg", "pdf"}) {
        const QString out = dir.filePath(QStringLiteral("plot.") + QLatin1String(ext));
        QString error;
        QVERIFY2(v.exportPlot(out, 900, 600, &error), qPrintable(error));
        QVERIFY(QFileInfo(out).size() > 1000);
    }
    QString error;
    QVERIFY(!v.exportPlot(dir.filePath(QStringLiteral("plot.bmpx")), 0, 0, &error));
    QVERIFY(error.contains(QStringLiteral("bmpx")));
    // The fit JSON is `scale fit`'s: the law, the five parameters (those shown), the bootstrap.
    const std::string text = v.fitJsonText();
    auto json = core::parseJson(text, {});
    QVERIFY(json.ok());
    QCOMPARE(QString::fromStdString(json->string("law")), QStringLiteral("chinchilla"));
    const auto* params = json->find("params");
    QVERIFY(params);
    QCOMPARE(params->find("alpha")->toNumber(), v.outcome()->fit.params.alpha);
    QCOMPARE(params->find("E")->toNumber(), v.outcome()->fit.params.E);
    QVERIFY(json->find("stderr") && json->find("fit") && json->find("bootstrap"));
    QCOMPARE(QString::fromStdString(json->find("table")->string("n_column")), QStringLiteral("params"));
}

void TestScalingView::humanCounts()
{
    QCOMPARE(humanCount(1.4e9), QStringLiteral("1.4B"));
    QCOMPARE(humanCount(350e6), QStringLiteral("350M"));
    QCOMPARE(humanCount(2e13), QStringLiteral("20T"));
    QCOMPARE(humanCount(512), QStringLiteral("512"));
}

QTEST_MAIN(TestScalingView)
#include "tst_scalingview.moc"
