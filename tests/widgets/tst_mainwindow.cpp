// Drives the main window offscreen on the bundled real curves: open, fit, export, re-read.
#include "app/gui/mainwindow.h"

#include "core/util/json.h"
#include "widgets/plotpanel.h"

#include <QtTest>

#include <cmath>

using losscast::app::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensBundledSetWithProtocolSplit();
    void fitsInBackgroundAndScoresHeldOut();
    void exportsEveryFormat();
    void reportsUnreadableFileBesideRuns();

private:
    QString example(const QString& name) const
    {
        return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name;
    }
    bool fit(MainWindow& w)
    {
        QSignalSpy done(&w, &MainWindow::fitFinished);
        if (!w.startFit())
            return false;
        if (!done.wait(60000))
            return false;
        return done.at(0).at(0).toBool();
    }
    QTemporaryDir m_tmp;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
}

void TestMainWindow::opensBundledSetWithProtocolSplit()
{
    MainWindow w;
    QCOMPARE(w.openExampleSet(example("25M_cosine_24000.csv")), 9);
    QCOMPARE(int(w.runs().size()), 9);
    QStringList train;
    for (const auto& r : w.runs()) {
        QVERIFY(!r.curve.steps.empty());
        QCOMPARE(r.curve.steps.size(), r.curve.loss.size());
        if (r.train)
            train << QString::fromStdString(r.curve.name);
    }
    train.sort();
    QCOMPARE(train, QStringList({"25M_constant_24000", "25M_cosine_24000", "25M_wsdcon_9"}));
    // Opening a file twice does not duplicate it.
    QCOMPARE(w.openFiles({example("25M_cosine_24000.csv")}), 0);
}

void TestMainWindow::fitsInBackgroundAndScoresHeldOut()
{
    MainWindow w;
    w.setLaw("mtl");
    QCOMPARE(w.lawId(), QStringLiteral("mtl"));
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(!w.hasFit());
    QVERIFY(fit(w));
    QVERIFY(w.hasFit());
    const auto* f = w.fitResult();
    QCOMPARE(QString::fromStdString(f->fit.law), QStringLiteral("mtl"));
    QCOMPARE(f->fit.params.size(), f->fit.names.size());
    QCOMPARE(f->trainIds.size(), 3);
    // Every run is scored; held-out runs are predictions, so they must be close but are not fitted on.
    QCOMPARE(f->scores.size(), 9);
    int heldOut = 0;
    for (const auto& s : f->scores) {
        QVERIFY(std::isfinite(s.metrics.predE));
        QVERIFY2(s.metrics.predE < 0.01, "a prediction of a real run is off by more than 1 %");
        heldOut += s.train ? 0 : 1;
    }
    QCOMPARE(heldOut, 6);
}

void TestMainWindow::exportsEveryFormat()
{
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    w.setLaw("mtl");
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QString error;
    // Nothing to export before a fit, with a message instead of an empty file.
    QVERIFY(!w.exportParametersJson(m_tmp.filePath("none.json"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(m_tmp.filePath("none.json")));
    QVERIFY(fit(w));

    const QString png = m_tmp.filePath("plot.png");
    QVERIFY2(w.exportPlot(png, 800, 500, &error), qPrintable(error));
    QImage img(png);
    QCOMPARE(img.size(), QSize(800, 500));

    const QString svg = m_tmp.filePath("plot.svg");
    QVERIFY2(w.exportPlot(svg, 800, 500, &error), qPrintable(error));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("<path") || svgText.contains("<polyline"));

    const QString pdf = m_tmp.filePath("plot.pdf");
    QVERIFY2(w.exportPlot(pdf, 800, 500, &error), qPrintable(error));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");

    QVERIFY(!w.exportPlot(m_tmp.filePath("plot.bmpx"), 800, 500, &error));
    QVERIFY(error.contains("bmpx"));

    // Parameters: the CLI's JSON shape, values identical to the fit.
    const QString json = m_tmp.filePath("params.json");
    QVERIFY2(w.exportParametersJson(json, &error), qPrintable(error));
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const auto parsed = losscast::core::parseJson(jf.readAll().toStdString());
    QVERIFY2(parsed.ok(), parsed.errorText().c_str());
    QCOMPARE(QString::fromStdString(parsed->string("law")), QStringLiteral("mtl"));
    const auto* params = parsed->find("params");
    QVERIFY(params && params->isObject());
    const auto& f = w.fitResult()->fit;
    QCOMPARE(params->size(), f.params.size());
    for (std::size_t i = 0; i < f.names.size(); ++i)
        QCOMPARE(params->number(f.names[i], std::nan("")), f.params[i]);
    QVERIFY(parsed->find("settings") && parsed->find("settings")->isObject());
    QVERIFY(parsed->find("fit") && parsed->find("fit")->contains("status"));
    const auto* files = parsed->find("files");
    QVERIFY(files && files->isArray());
    QCOMPARE(files->size(), std::size_t(3));
    QCOMPARE(files->toArray().front().string("sha256").size(), std::size_t(64));
    QVERIFY(!parsed->string("losscast_version").empty());

    // Predicted curves: one row per measured point of every run.
    const QString csv = m_tmp.filePath("pred.csv");
    QVERIFY2(w.exportPredictionsCsv(csv, &error), qPrintable(error));
    QFile cf(csv);
    QVERIFY(cf.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(cf.readAll()).split('\n', Qt::SkipEmptyParts);
    std::size_t points = 0;
    for (const auto& r : w.runs())
        points += r.curve.steps.size();
    QCOMPARE(std::size_t(lines.size()), points + 1);
    QVERIFY(lines.first().startsWith("run,set,step,lr,measured,predicted"));
}

void TestMainWindow::reportsUnreadableFileBesideRuns()
{
    MainWindow w;
    const QString bad = m_tmp.filePath("bad.csv");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("step,lr,loss\n1,0.1,abc\n");
    f.close();
    QCOMPARE(w.openFiles({bad}), 0);
    QVERIFY(w.runs().empty());
    QVERIFY(!w.startFit()); // nothing to fit, no crash
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
