// The parameter table marks a value resting on a bound of its box: its standard error is shown as "at bound"
// with the reason as tooltip (core::fit::atBoundNote), never as a plain "± x". The rows are the window's own
// (app::parameterRows, what the Model dock shows after a fit).
#include "app/gui/parameterrows.h"
#include "core/fit/uncertainty.h"
#include "core/laws/mpl.h"
#include "widgets/parametertable.h"

#include <QtTest>

using namespace losscast;

class TestParameterTable : public QObject
{
    Q_OBJECT
private slots:
    void boundIsMarked();
};

void TestParameterTable::boundIsMarked()
{
    const core::MplLaw law;
    const auto infos = law.parameters();
    std::vector<double> params;
    for (const auto& p : infos)
        params.push_back(p.initial);
    params[core::MplLaw::Gamma] = infos[core::MplLaw::Gamma].upper; // a fit that ended on γ's bound
    // The window's own row building (what the Model dock shows after a fit).
    core::fit::CurveFit fit;
    fit.law = law.id();
    fit.params = params;
    fit.stderrs.assign(params.size(), 0.01);
    const auto rows = app::parameterRows(law, fit, {});
    QCOMPARE(rows.size(), infos.size());
    QCOMPARE(rows[0].name, QString::fromStdString(infos[0].name));
    QCOMPARE(rows[0].description, QString::fromStdString(infos[0].description));
    // A parameter the user held at its bound is not "at bound": it did not end there.
    std::vector<bool> fixed(params.size(), false);
    fixed[core::MplLaw::Gamma] = true;
    const auto held = app::parameterRows(law, fit, fixed);
    QVERIFY(held[core::MplLaw::Gamma].fixed);
    QVERIFY(held[core::MplLaw::Gamma].boundNote.isEmpty());
    widgets::ParameterTable table;
    table.resize(460, 300);
    table.setRows(rows);
    if (const QByteArray shot = qgetenv("LOSSCAST_SCREENSHOT"); !shot.isEmpty()) {
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QVERIFY(table.grab().save(QString::fromLocal8Bit(shot)));
    }
    const int g = core::MplLaw::Gamma;
    QVERIFY2(table.item(g, 2)->text().startsWith("at bound"), qPrintable(table.item(g, 2)->text()));
    QVERIFY(table.item(g, 2)->toolTip().contains("upper bound (0.9999)"));
    QVERIFY(table.item(g, 2)->toolTip().contains("not a meaningful uncertainty"));
    // "at bound (0.24)": the bracketed figure is explained (issue #12).
    QVERIFY2(table.item(g, 2)->text() == "at bound (0.01)", qPrintable(table.item(g, 2)->text()));
    QVERIFY(table.item(g, 2)->toolTip().contains("In brackets, 0.01"));
    QVERIFY(!table.item(g, 1)->toolTip().contains("±"));
    // Every other parameter is inside its box and keeps its plain standard error.
    for (int r = 0; r < table.rowCount(); ++r)
        if (r != g) {
            QCOMPARE(table.item(r, 2)->text(), QString("0.01"));
            QVERIFY(!table.item(r, 2)->toolTip().contains("bound"));
        }
}

QTEST_MAIN(TestParameterTable)
#include "tst_parametertable.moc"
