// The Mixtures view's AutoScale panel (see mixtureview_autoscale.h). Split from mixtureview.cpp to keep each
// file under the size limit.
#include "widgets/mixtureview_autoscale.h"

#include "widgets/mixtureview.h"
#include "widgets/mixtureview_p.h"

#include "core/mixing/autoscale.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSlider>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscast::widgets {

using namespace mixview;

double mixview::scaleSliderTotal(int value, double minTotal, double maxTotal)
{
    return minTotal * std::pow(maxTotal / minTotal, static_cast<double>(value) / kSliderSteps);
}

int mixview::scaleSliderValue(double total, double minTotal, double maxTotal)
{
    return static_cast<int>(
        std::lround(std::log(total / minTotal) / std::log(maxTotal / minTotal) * kSliderSteps));
}

QString mixview::weightLine(int domain, const std::string& name, double percent)
{
    return QStringLiteral("<span style=\"color:%1\">■</span> %2: %3 %<br>")
        .arg(domainColor(domain).name(), shortName(name).toHtmlEscaped())
        .arg(percent, 0, 'f', 1);
}

void MixtureView::setAutoScale(const std::vector<std::string>& domains, const std::vector<double>& n1,
                               const std::vector<double>& n2, double minTotal, double maxTotal)
{
    m_optima = {};
    m_scaleBases = {0, 0};
    fillBaseBoxes();
    m_scaleDomains = domains;
    m_scaleN1 = n1;
    m_scaleN2 = n2;
    m_scaleMin = minTotal;
    m_scaleMax = maxTotal;
    drawAutoScale();
}

void MixtureView::setAutoScaleOptima(const core::mixing::OptimaTable& table, const QString& source)
{
    m_optima = table;
    m_scaleDomains = table.domains;
    const auto bases = core::mixing::defaultAutoScaleBases(table);
    fillBaseBoxes();
    if (table.rows.size() < 2) {
        m_scaleBases = {0, 0};
        m_scaleN1.clear();
        m_scaleN2.clear();
        drawAutoScale();
        setAutoScaleStatus(
            tr("%1: one scale (%2). AutoScale extrapolates from two: open optima at a second "
               "scale.")
                .arg(source, table.rows.empty() ? QString() : QString::fromStdString(table.rows[0].label)));
        return;
    }
    setAutoScaleBases(bases.first, bases.second);
    setAutoScaleStatus(tr("%1: %n row(s), %2 domains; the area follows AutoScale's rule through the two "
                          "chosen rows; ○ marks every row of the file at its total.",
                          nullptr, int(table.rows.size()))
                           .arg(source)
                           .arg(table.domains.size()));
}

void MixtureView::showAutoScalePanel()
{
    if (auto* tabs = findChild<QTabWidget*>())
        tabs->setCurrentIndex(tabs->count() - 1);
}

void MixtureView::fillBaseBoxes()
{
    m_updating = true;
    for (auto* box : {m_base1, m_base2}) {
        box->clear();
        for (const auto& r : m_optima.rows)
            box->addItem(
                QStringLiteral("%1 (%2)").arg(QString::fromStdString(r.label)).arg(r.total, 0, 'g', 4));
        box->setEnabled(m_optima.rows.size() >= 2);
    }
    m_updating = false;
}

void MixtureView::setAutoScaleBases(std::size_t first, std::size_t second)
{
    if (first >= m_optima.rows.size() || second >= m_optima.rows.size())
        return;
    m_scaleBases = {first, second};
    m_updating = true;
    m_base1->setCurrentIndex(static_cast<int>(first));
    m_base2->setCurrentIndex(static_cast<int>(second));
    m_updating = false;
    const auto& r1 = m_optima.rows[first];
    const auto& r2 = m_optima.rows[second];
    m_scaleN1 = r1.tokens;
    m_scaleN2 = r2.tokens;
    // The slider spans every row of the file and reaches 100× the larger base (the repository extrapolates
    // 0.3B/1.2B optima to 412B tokens).
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (const auto& r : m_optima.rows) {
        lo = std::min(lo, r.total);
        hi = std::max(hi, r.total);
    }
    m_scaleMin = lo;
    m_scaleMax = std::max(hi, 100.0 * std::max(r1.total, r2.total));
    if (first == second)
        m_scaleN1.clear(); // no trajectory through one point; drawAutoScale says so
    drawAutoScale();
    if (first == second)
        m_scaleLabel->setText(tr("Choose two different rows to extrapolate from."));
}

void MixtureView::setAutoScaleStatus(const QString& text, bool error)
{
    m_scaleStatus->setText(text);
    m_scaleStatus->setStyleSheet(error ? QStringLiteral("color: #d62728") : QString());
}

QString MixtureView::autoScaleStatus() const
{
    return m_scaleStatus->text();
}

MixtureView::StackedArea MixtureView::autoScaleArea() const
{
    StackedArea out;
    for (const QCPGraph* g : m_areaGraphs) {
        out.names.push_back(g->name());
        std::vector<double> upper;
        const bool first = out.totals.empty();
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            if (first)
                out.totals.push_back(it->key);
            upper.push_back(it->value);
        }
        out.upper.push_back(std::move(upper));
    }
    return out;
}

void MixtureView::drawAutoScale()
{
    m_autoscale->clearGraphs();
    m_autoscale->clearItems();
    m_scaleMarker = nullptr;
    m_areaGraphs.clear();
    m_scaleWeights.clear();
    const std::size_t D = m_scaleDomains.size();
    if (D == 0 || m_scaleN1.size() != D || m_scaleN2.size() != D || !(m_scaleMin > 0.0) ||
        !(m_scaleMax > m_scaleMin)) {
        m_scaleSlider->setEnabled(false);
        m_scaleTotal = 0.0;
        m_scaleMin = m_scaleMax = 0.0;
        QString text = tr("No AutoScale optima loaded");
        if (m_optima.rows.size() == 1) { // one scale: list its weights
            const auto& r = m_optima.rows[0];
            text = tr("<b>%1</b> (total %2)<br>")
                       .arg(QString::fromStdString(r.label).toHtmlEscaped())
                       .arg(r.total);
            for (std::size_t j = 0; j < r.tokens.size() && j < D; ++j)
                text += weightLine(static_cast<int>(j), m_scaleDomains[j], 100.0 * r.tokens[j] / r.total);
        }
        m_scaleLabel->setText(text);
        m_autoscale->legend->setVisible(false);
        m_autoscale->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const int samples = 80;
    std::vector<QVector<double>> cumulative(D);
    QVector<double> totals;
    for (int s = 0; s < samples; ++s) {
        const double total = m_scaleMin * std::pow(m_scaleMax / m_scaleMin, double(s) / (samples - 1));
        const auto at = core::mixing::autoscaleAtTotal(m_scaleN1, m_scaleN2, total);
        if (!at)
            continue;
        totals << total;
        double acc = 0.0;
        for (std::size_t j = 0; j < D; ++j) {
            acc += at->tokens[j] / at->total;
            cumulative[j] << acc;
        }
    }
    // The list beside the area gets a fixed width wide enough for its longest line: if it followed its text,
    // every slider step would resize the plot, and a resized QCustomPlot re-creates its paint buffers
    // (fixing the width took a step of --benchmark-mix from 6.0 to 4.9 ms of GUI-thread CPU).
    {
        QFont bold = m_scaleLabel->font();
        bold.setBold(true);
        const QString unit = QString::fromStdString(m_optima.unit);
        int width =
            QFontMetrics(bold).horizontalAdvance(tr("optimal mix at %1 %2 tokens").arg(8.88e+88).arg(unit));
        for (const auto& d : m_scaleDomains)
            width = std::max(width, m_scaleLabel->fontMetrics().horizontalAdvance(
                                        QStringLiteral("■ %1: 100.0 %").arg(shortName(d))));
        m_scaleLabel->setFixedWidth(width + 12);
    }
    // Stacked area: graph j is the cumulative share up to domain j, filled down to graph j−1.
    QCPGraph* below = nullptr;
    for (std::size_t j = 0; j < D; ++j) {
        auto* g = m_autoscale->addGraph();
        g->setData(totals, cumulative[j], true);
        const QColor col = domainColor(static_cast<int>(j));
        g->setPen(QPen(col.darker(120)));
        QColor fill = col;
        fill.setAlpha(170);
        g->setBrush(fill);
        g->setChannelFillGraph(below);
        g->setName(shortName(m_scaleDomains[j]));
        g->removeFromLegend(); // the list beside the plot names the domains in their colours
        below = g;
        m_areaGraphs.push_back(g);
    }
    // The rows of the optima file at their totals: the two bases (■) lie on the edges by construction; the
    // others (○) show how far the extrapolation is from optima computed independently.
    if (!m_optima.rows.empty()) {
        auto* others = m_autoscale->addGraph();
        others->setName(tr("other rows of the file"));
        auto* bases = m_autoscale->addGraph();
        bases->setName(tr("the two rows extrapolated from"));
        const QColor ink = palette().color(QPalette::Text);
        others->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(ink, 1.5), Qt::NoBrush, 8));
        bases->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(ink, 1.0), ink, 7));
        for (auto* g : {others, bases})
            g->setLineStyle(QCPGraph::lsNone);
        for (std::size_t r = 0; r < m_optima.rows.size(); ++r) {
            const auto& row = m_optima.rows[r];
            const bool isBase = r == m_scaleBases.first || r == m_scaleBases.second;
            double acc = 0.0;
            for (std::size_t j = 0; j + 1 < D && j < row.tokens.size(); ++j) {
                acc += row.tokens[j] / row.total;
                (isBase ? bases : others)->addData(row.total, acc);
            }
        }
    }
    m_autoscale->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_autoscale->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_autoscale->xAxis->setRange(m_scaleMin, m_scaleMax);
    m_autoscale->yAxis->setRange(0.0, 1.0);
    m_autoscale->legend->setVisible(!m_optima.rows.empty());
    const QString unit = QString::fromStdString(m_optima.unit);
    m_autoscale->xAxis->setLabel(unit.isEmpty() ? tr("total training tokens (log scale, the file's unit)")
                                                : tr("total training tokens, %1 (log scale)").arg(unit));
    m_scaleMarker = new QCPItemStraightLine(m_autoscale);
    m_scaleMarker->setPen(QPen(palette().color(QPalette::Text), 2, Qt::DashLine));
    m_scaleSlider->setEnabled(true);
    // Keep the chosen total when it is still in range, else start at the geometric middle.
    const double keep = m_scaleTotal >= m_scaleMin && m_scaleTotal <= m_scaleMax
                            ? m_scaleTotal
                            : std::sqrt(m_scaleMin * m_scaleMax);
    setAutoScaleTotal(keep);
}

void MixtureView::setAutoScaleTotal(double total)
{
    if (!(m_scaleMax > m_scaleMin) || !std::isfinite(total))
        return;
    m_scaleTotal = std::clamp(total, m_scaleMin, m_scaleMax);
    m_updating = true;
    m_scaleSlider->setValue(scaleSliderValue(m_scaleTotal, m_scaleMin, m_scaleMax));
    m_updating = false;
    updateScale();
}

double MixtureView::autoScaleMarkerTotal() const
{
    return m_scaleMarker ? m_scaleMarker->point1->key() : std::numeric_limits<double>::quiet_NaN();
}

void MixtureView::updateScale()
{
    m_scaleWeights.clear();
    const auto at = core::mixing::autoscaleAtTotal(m_scaleN1, m_scaleN2, m_scaleTotal);
    const QString unit = m_optima.unit.empty() ? QString() : QString::fromStdString(m_optima.unit) + ' ';
    QString text = tr("<b>optimal mix at %1 %2tokens</b><br>").arg(m_scaleTotal, 0, 'g', 3).arg(unit);
    if (at && at->total > 0.0) {
        for (std::size_t j = 0; j < at->tokens.size(); ++j) {
            m_scaleWeights.push_back(at->tokens[j] / at->total);
            text += weightLine(static_cast<int>(j), m_scaleDomains[j], 100.0 * m_scaleWeights.back());
        }
    } else {
        text += tr("unreachable: %1").arg(QString::fromStdString(at.errorText()).toHtmlEscaped());
    }
    m_scaleLabel->setText(text);
    if (m_scaleMarker) {
        m_scaleMarker->point1->setCoords(m_scaleTotal, 0.0);
        m_scaleMarker->point2->setCoords(m_scaleTotal, 1.0);
    }
    replotIfShown(m_autoscale);
}

} // namespace losscast::widgets
