// The window's fit is the document's one fit (core/workspace/lawfit.h): Auto chooses by the same criterion
// as losscast-cli, says how it chose, and the degeneracy warnings appear beside the fit.
#include "app/gui/fitfindings.h"
#include "app/gui/mainwindow.h"
#include "windowtestsupport.h"

#include "core/fit/forecast.h"
#include "core/workspace/lawfit.h"

#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <QtTest>

#include <algorithm>
#include <cmath>

using losscast::app::FitFindings;
using losscast::app::MainWindow;
namespace core = losscast::core;

class TestMainWindowForecast : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void autoIsTheCoreChoiceAndSaysHow();
    void anEarlyStopChoosesMplBecauseTheScenariosAnnealFurther();
    void degenerateFitIsFlaggedBesideIt();
    void warningsAreWordedPerCode();
    void boundWarningKeepsItsWordingInSessions();

private:
    static QString example(const QString& name)
    {
        return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name;
    }
    static bool fit(MainWindow& w) { return losscast::test::fitAndWait(w); }
    static QString summary(MainWindow& w)
    {
        auto* label = w.findChild<QLabel*>(QStringLiteral("fitSummary"));
        return label ? label->text() : QString();
    }
    /// The fit core gives for the window's document: train runs, hold-out runs and scenarios as the window
    /// holds them.
    static core::workspace::LawFitOutcome coreFit(const MainWindow& w, const std::string& law)
    {
        std::vector<core::Curve> train, heldOut;
        for (const auto& r : w.runs())
            (r.train ? train : heldOut).push_back(r.curve);
        std::vector<core::Schedule> schedules;
        for (const auto& s : w.scenarioState().scenarios)
            schedules.push_back(s.schedule);
        core::workspace::LawFitRequest request;
        request.lawId = law;
        request.targetLr = core::workspace::forecastReach(heldOut, schedules);
        return core::workspace::fitLaw(train, request);
    }
    QTemporaryDir m_tmp;
};

void TestMainWindowForecast::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
}

void TestMainWindowForecast::autoIsTheCoreChoiceAndSaysHow()
{
    MainWindow w;
    // A fresh window fits with Auto (issue #11: "the window's default too").
    QCOMPARE(w.lawId(), QStringLiteral("auto"));
    QVERIFY(w.openExampleSet(example("25M_cosine_24000.csv")) > 0);
    QVERIFY(fit(w));
    const auto* f = w.fitResult();
    QVERIFY(f && f->choice);
    QVERIFY(f->choice->chosen >= 0);
    QCOMPARE(f->choice->candidates.size(), core::curveLaws().size());

    const auto expected = coreFit(w, "auto");
    QVERIFY2(expected.ok(), expected.error.c_str());
    QCOMPARE(QString::fromStdString(f->fit.law), QString::fromStdString(expected.law->id()));
    QCOMPARE(int(f->choice->rule), int(expected.choice->rule));
    QCOMPARE(f->fit.params.size(), expected.fit.params.size());
    for (std::size_t j = 0; j < f->fit.params.size(); ++j)
        QVERIFY2(std::abs(f->fit.params[j] - expected.fit.params[j]) <=
                     1e-9 * std::abs(expected.fit.params[j]),
                 qPrintable(QStringLiteral("parameter %1 differs from core's fit").arg(j)));

    // The summary says which law Auto chose and with which held-out scores.
    const QString text = summary(w);
    QVERIFY2(text.contains(QStringLiteral("Auto chose %1").arg(QString::fromStdString(f->fit.law).toUpper())),
             qPrintable(text));
    for (const auto& c : f->choice->candidates)
        QVERIFY2(text.contains(QString::fromStdString(c.law).toUpper()), qPrintable(text));
}

void TestMainWindowForecast::anEarlyStopChoosesMplBecauseTheScenariosAnnealFurther()
{
    // The first 36 % of a 72k-step cosine run: its LR fell to ~70 % of the peak. A scenario that goes on to
    // the end of the cosine schedule anneals further, which no validation fold cut from this run can test.
    QFile in(example("25M_cosine_72000.csv"));
    QVERIFY(in.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString path = m_tmp.filePath(QStringLiteral("cosine_first36.csv"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Text));
    QTextStream ts(&out);
    int rows = 0;
    for (bool header = true; !in.atEnd(); header = false) {
        const QByteArray line = in.readLine();
        if (!header && line.split(',').value(0).toLongLong() > 0.36 * 72000)
            break;
        ts << line;
        rows += header ? 0 : 1;
    }
    ts.flush();
    out.close();
    QVERIFY(rows > 20);

    MainWindow w;
    w.setLaw(QStringLiteral("auto"));
    QCOMPARE(w.openFiles({path}), 1);
    // The defaults end at the run's last LR; the user asks for the whole planned run: cosine to 72k.
    const auto& lr = w.runs().front().curve.schedule.lr;
    const double peak = *std::max_element(lr.begin(), lr.end());
    w.addScenario(
        QStringLiteral("Cosine 72k"),
        core::Schedule::cosine(peak, peak / 10, 72000, w.runs().front().curve.schedule.warmupSteps));
    QVERIFY(fit(w));
    const auto* f = w.fitResult();
    QVERIFY(f && f->choice);
    QCOMPARE(int(f->choice->rule), int(core::fit::ModelChoice::Rule::AnnealsBeyond));
    QCOMPARE(QString::fromStdString(f->fit.law), QStringLiteral("mpl"));
    const QString text = summary(w);
    QVERIFY2(text.contains(QStringLiteral("Auto chose MPL")) &&
                 text.contains(QStringLiteral("no validation fold")),
             qPrintable(text));
}

void TestMainWindowForecast::degenerateFitIsFlaggedBesideIt()
{
    // Only a constant-LR run: MPL's loss-drop term has nothing to fit (no LR drop), so its parameters are
    // not determined by the run.
    MainWindow w;
    w.setLaw(QStringLiteral("mpl"));
    QCOMPARE(w.openFiles({example("25M_constant_24000.csv")}), 1);
    QVERIFY(fit(w));
    const auto* f = w.fitResult();
    QVERIFY(f);
    std::vector<core::Curve> train;
    for (const auto& r : w.runs())
        train.push_back(r.curve);
    const auto expected = core::fit::fitWarnings(*f->law, f->fit, train);
    QVERIFY2(!expected.empty(), "a constant-LR run should leave MPL's loss drop undetermined");
    QCOMPARE(f->warnings.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(QString::fromStdString(f->warnings[i].code), QString::fromStdString(expected[i].code));
    const QString text = summary(w);
    QCOMPARE(text.count(QStringLiteral("⚠")), int(expected.size()));
    for (const QString& sentence : FitFindings::warnings(*f))
        QVERIFY2(text.contains(sentence.toHtmlEscaped()), qPrintable(text));

    // A saved session shows them again (the fit is shown as saved, not refitted).
    const QString session = m_tmp.filePath(QStringLiteral("degenerate.losscast"));
    QString error;
    QVERIFY2(w.saveSession(session, &error), qPrintable(error));
    MainWindow reopened;
    QVERIFY2(reopened.openSession(session, &error), qPrintable(error));
    QVERIFY(reopened.fitResult());
    QCOMPARE(reopened.fitResult()->warnings.size(), expected.size());
    QCOMPARE(summary(reopened).count(QStringLiteral("⚠")), int(expected.size()));
    // Worded as before saving (the window's words, not the CLI's message kept in the file).
    QCOMPARE(FitFindings::warnings(*reopened.fitResult()), FitFindings::warnings(*f));
}

void TestMainWindowForecast::boundWarningKeepsItsWordingInSessions()
{
    // A run whose batch grows 4x at step 800 under a cosine LR: MTL puts L0 on its lower bound (0). The
    // window words that warning itself ("fix it in the table"); reopened from a session it must not fall
    // back to the CLI's sentence ("hold it (--set)"): the file keeps the parameter and the bound.
    const QString path = m_tmp.filePath(QStringLiteral("batch_warmup.csv"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QByteArray text = "iter,train_loss,learning_rate,tokens\n";
        for (int s = 10; s <= 4000; s += 10) {
            const double tokens = s <= 800 ? 512.0 * s : 512.0 * 800 + 2048.0 * (s - 800);
            const double lr =
                3e-4 * std::min(1.0, s / 200.0) * (0.1 + 0.45 * (1 + std::cos(3.141592653589793 * s / 4000)));
            text += QByteArray::number(s) + ',' +
                    QByteArray::number(2.4 + 4.0 * std::pow(tokens / 1e5, -0.3)) + ',' +
                    QByteArray::number(lr, 'g', 6) + ',' + QByteArray::number(tokens, 'f', 0) + '\n';
        }
        out.write(text);
    }
    MainWindow w;
    w.setLaw(QStringLiteral("mtl"));
    QCOMPARE(w.openFiles({path}), 1);
    QVERIFY(fit(w));
    const auto* f = w.fitResult();
    QVERIFY(f);
    const auto bound = std::find_if(f->warnings.begin(), f->warnings.end(),
                                    [](const auto& x) { return x.code == core::fit::kWarnParamAtBound; });
    QVERIFY2(bound != f->warnings.end(), "MTL should leave a parameter on its bound on this run");
    const QStringList before = FitFindings::warnings(*f);
    QVERIFY(!before.join(' ').contains(QStringLiteral("--set")));

    const QString session = m_tmp.filePath(QStringLiteral("bound.losscast"));
    QString error;
    QVERIFY2(w.saveSession(session, &error), qPrintable(error));
    MainWindow reopened;
    QVERIFY2(reopened.openSession(session, &error), qPrintable(error));
    QVERIFY(reopened.fitResult());
    QCOMPARE(FitFindings::warnings(*reopened.fitResult()), before);
    QVERIFY(!summary(reopened).contains(QStringLiteral("--set")));
}

void TestMainWindowForecast::warningsAreWordedPerCode()
{
    losscast::app::FitResult f;
    f.warnings.push_back({core::fit::kWarnParamAtBound, "english", "alpha", 0.05});
    f.warnings.push_back({core::fit::kWarnDropSaturated, "english", "C", 6e13});
    f.warnings.push_back({core::fit::kWarnSingularCovariance, "english", "", 0.0});
    f.warnings.push_back({"something_new", "a code the window has no words for", "", 0.0});
    const QStringList words = FitFindings::warnings(f);
    QCOMPARE(words.size(), 4);
    QVERIFY(words[0].startsWith(QStringLiteral("alpha rests on a bound")) && words[0].contains("0.05"));
    QVERIFY(words[1].contains(QStringLiteral("6e+13")));
    QVERIFY(words[2].contains(QStringLiteral("singular")));
    QCOMPARE(words[3], QStringLiteral("a code the window has no words for"));
    // No choice, no note: only the warnings, one paragraph each.
    QCOMPARE(FitFindings::html(f).count(QStringLiteral("<br>")), 3);
    QVERIFY(FitFindings::choice(f).isEmpty());
}

QTEST_MAIN(TestMainWindowForecast)
#include "tst_mainwindow_forecast.moc"
