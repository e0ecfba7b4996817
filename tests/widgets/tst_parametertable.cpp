// The parameter table marks a value resting on a bound of its box: its standard error is shown as "at bound"
// with the reason as tooltip (core::fit::atBoundNote), never as a plain "± x".
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
    const auto sides = core::fit::boundsReached(infos, params);
    std::vector<widgets::ParameterTable::Row> rows;
    for (std::size_t i = 0; i < infos.size(); ++i) {
        widgets::ParameterTable::Row r;
        r.name = QString::fromStdString(infos[i].name);
        r.value = params[i];
        r.stderr_ = 0.01;
        if (sides[i] != core::fit::BoundSide::None)
            r.boundNote =
                QString::fromStdString(core::fit::atBoundNote(infos[i].name, sides[i], infos[i].upper));
        rows.push_back(r);
    }
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
