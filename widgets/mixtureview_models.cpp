// The Mixtures view's model choice (see mixtureview_models.h). Split from mixtureview.cpp to keep each file
// under the size limit.
#include "widgets/mixtureview_models.h"

#include "widgets/mixtureview.h"
#include "widgets/mixtureview_p.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscast::widgets {

using namespace mixview;
namespace mix = core::mixing;

namespace mixview {

QColor modelColor(mix::MixtureModelKind kind)
{
    return kind == mix::MixtureModelKind::Implicit ? QColor(44, 160, 44) : QColor(31, 119, 180);
}

QString modelName(mix::MixtureModelKind kind)
{
    return kind == mix::MixtureModelKind::Implicit ? MixtureView::tr("implicit (GP)")
                                                   : MixtureView::tr("mixing law");
}

std::vector<std::string> targetNamesOf(const mix::MixtureModels& m, mix::MixtureModelKind kind)
{
    if (kind == mix::MixtureModelKind::Implicit && m.implicit)
        return m.implicit->targetNames;
    std::vector<std::string> out;
    if (m.law)
        for (const auto& t : m.law->targets)
            out.push_back(t.target);
    return out;
}

std::vector<std::pair<double, double>> graphPoints(const QCPGraph* g)
{
    std::vector<std::pair<double, double>> out;
    if (g)
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            out.emplace_back(it->key, it->value);
    return out;
}

} // namespace mixview

void MixtureView::setFit(const core::mixing::MixingLawFit& fit)
{
    mix::MixtureModels m;
    m.law = fit;
    m.chosen = mix::MixtureModelKind::Law;
    setModels(m);
}

void MixtureView::setModels(const core::mixing::MixtureModels& models)
{
    m_models = models;
    m_kind = models.chosen;
    if (!m_models.has(m_kind))
        m_kind = m_kind == mix::MixtureModelKind::Law ? mix::MixtureModelKind::Implicit
                                                      : mix::MixtureModelKind::Law;
    m_domains = m_models.domains();
    m_targetNames = targetNamesOf(m_models, m_kind);
    m_weights = m_kind == mix::MixtureModelKind::Implicit && m_models.implicit ? m_models.implicit->weights
                : m_models.law                                                 ? m_models.law->weights
                                                                               : std::vector<double>{};
    const std::size_t D = m_domains.size();
    m_mixture.assign(D, D ? 1.0 / static_cast<double>(D) : 0.0);
    m_experimentLosses.clear(); // they belonged to the previous fit's targets; setExperiments brings new ones
    m_nearest.clear();
    fillModelBox();
    updateFitScatter();
    rebuildControls();
    refresh();
    rebuildTernary();
}

void MixtureView::setModel(core::mixing::MixtureModelKind kind)
{
    if (!m_models.has(kind) || kind == m_kind)
        return;
    m_kind = kind;
    m_targetNames = targetNamesOf(m_models, m_kind);
    m_weights = kind == mix::MixtureModelKind::Implicit ? m_models.implicit->weights : m_models.law->weights;
    fillModelBox();
    updateFitScatter();
    refresh();
    rebuildTernary();
}

void MixtureView::fillModelBox()
{
    m_updating = true;
    m_modelBox->clear();
    for (auto kind : {mix::MixtureModelKind::Implicit, mix::MixtureModelKind::Law}) {
        if (!m_models.has(kind))
            continue;
        QString text = kind == mix::MixtureModelKind::Implicit ? tr("Implicit (Gaussian process)")
                                                               : tr("Mixing law (Ye et al. 2024)");
        if (m_models.selection && m_models.selection->chosen == kind)
            text += tr(" — chosen");
        m_modelBox->addItem(text, static_cast<int>(kind));
        if (kind == m_kind)
            m_modelBox->setCurrentIndex(m_modelBox->count() - 1);
    }
    m_modelBox->setEnabled(m_modelBox->count() > 1);
    if (const auto& s = m_models.selection)
        m_modelNote->setText(tr("%1-fold cross-validation on these runs, mean Spearman over the %2 targets: "
                                "implicit %3, law %4")
                                 .arg(s->folds)
                                 .arg(s->implicit.size())
                                 .arg(s->implicitSpearman, 0, 'f', 3)
                                 .arg(s->lawSpearman, 0, 'f', 3));
    else
        m_modelNote->setText(m_models.has(m_kind) ? tr("One model fitted: %1").arg(modelName(m_kind))
                                                  : QString());
    m_updating = false;
}

core::mixing::MixturePrediction MixtureView::predict(std::span<const double> r) const
{
    return mix::predictWith(m_models, m_kind, r);
}

double MixtureView::predictOverall(std::span<const double> r) const
{
    if (m_kind == mix::MixtureModelKind::Implicit)
        return mix::predictImplicitOverall(*m_models.implicit, r);
    return mix::predictMixture(*m_models.law, r).overall;
}

std::vector<std::pair<double, double>> MixtureView::fitScatter() const
{
    return graphPoints(m_fitPlot->graphCount() > 0 ? m_fitPlot->graph(0) : nullptr);
}

std::vector<std::pair<double, double>> MixtureView::otherModelScatter() const
{
    return graphPoints(m_otherScatter);
}

void MixtureView::updateFitScatter()
{
    m_fitPlot->clearGraphs();
    m_fitPlot->clearItems();
    m_fitPlot->legend->setVisible(false);
    m_otherScatter = nullptr;
    m_runMeasured.clear();
    m_runPredicted.clear();
    if (m_experimentLosses.empty() || m_targetNames.empty()) {
        auto* text = new QCPItemText(m_fitPlot);
        text->setColor(palette().color(QPalette::Text));
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(
            tr("Load an experiments table with losses to compare the model with the measured runs"));
        m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::size_t E = m_experiments.size(), T = m_targetNames.size();
    const auto& sel = m_models.selection;
    // Held-out predictions when the models were cross-validated on these runs (same rows, same targets).
    auto outOfFold = [&](mix::MixtureModelKind kind) -> const std::vector<std::vector<double>>* {
        if (!sel)
            return nullptr;
        const auto& v = kind == mix::MixtureModelKind::Law ? sel->lawOutOfFold : sel->implicitOutOfFold;
        if (v.size() != E)
            return nullptr;
        for (const auto& row : v)
            if (row.size() != T)
                return nullptr;
        return &v;
    };
    const bool heldOut = outOfFold(m_kind) != nullptr;
    std::vector<double> measured(E, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t e = 0; e < E; ++e) {
        if (m_experiments[e].size() != m_domains.size())
            continue;
        double m = 0.0;
        for (std::size_t i = 0; i < T; ++i)
            m += m_weights[i] * m_experimentLosses[e][i];
        measured[e] = m;
    }
    // One model's overall prediction per run: out of fold, or of its own fit.
    auto predictedBy = [&](mix::MixtureModelKind kind) {
        std::vector<double> p(E, std::numeric_limits<double>::quiet_NaN());
        const auto* oof = outOfFold(kind);
        for (std::size_t e = 0; e < E; ++e) {
            if (!std::isfinite(measured[e]))
                continue;
            if (oof) {
                double v = 0.0;
                for (std::size_t i = 0; i < T; ++i)
                    v += m_weights[i] * (*oof)[e][i];
                p[e] = v;
            } else if (kind == m_kind) {
                p[e] = predictOverall(m_experiments[e]);
            }
        }
        return p;
    };
    double lo = 1e300, hi = -1e300;
    auto addScatter = [&](mix::MixtureModelKind kind, const std::vector<double>& pred, bool filled) {
        auto* g = m_fitPlot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        QColor c = modelColor(kind);
        c.setAlpha(filled ? 150 : 200);
        g->setScatterStyle(filled ? QCPScatterStyle(QCPScatterStyle::ssDisc, c, 5)
                                  : QCPScatterStyle(QCPScatterStyle::ssCircle, c, 6));
        std::vector<double> a, b;
        for (std::size_t e = 0; e < E; ++e)
            if (std::isfinite(measured[e]) && std::isfinite(pred[e])) {
                g->addData(measured[e], pred[e]);
                a.push_back(measured[e]);
                b.push_back(pred[e]);
                lo = std::min({lo, measured[e], pred[e]});
                hi = std::max({hi, measured[e], pred[e]});
            }
        double mae = 0.0;
        for (std::size_t k = 0; k < a.size(); ++k)
            mae += std::abs(a[k] - b[k]);
        mae /= static_cast<double>(std::max<std::size_t>(1, a.size()));
        g->setName(tr("%1: MAE %2, Spearman %3")
                       .arg(modelName(kind))
                       .arg(mae, 0, 'g', 3)
                       .arg(mix::spearman(a, b), 0, 'f', 3));
        return g;
    };
    m_runPredicted = predictedBy(m_kind);
    m_runMeasured = measured;
    addScatter(m_kind, m_runPredicted, true);
    // Graph 1: the runs nearest to the sliders (filled by refresh()).
    auto* near = m_fitPlot->addGraph();
    near->setName(tr("nearest to the sliders"));
    near->setLineStyle(QCPGraph::lsNone);
    near->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, Qt::black, Qt::red, 9));
    const auto other =
        m_kind == mix::MixtureModelKind::Law ? mix::MixtureModelKind::Implicit : mix::MixtureModelKind::Law;
    if (heldOut && m_models.has(other) && outOfFold(other))
        m_otherScatter = addScatter(other, predictedBy(other), false);
    if (!(hi >= lo))
        return;
    const double pad = 0.05 * std::max(1e-6, hi - lo);
    auto* diagonal = new QCPItemStraightLine(m_fitPlot);
    diagonal->point1->setCoords(lo, lo);
    diagonal->point2->setCoords(hi, hi);
    diagonal->setPen(QPen(QColor(128, 128, 128), 1, Qt::DashLine));
    auto* text = new QCPItemText(m_fitPlot);
    text->setColor(palette().color(QPalette::Text));
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.03, 0.03);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setTextAlignment(Qt::AlignLeft);
    text->setText(heldOut ? tr("%n run(s), each predicted by models fitted without it\n(%1-fold "
                               "cross-validation); dashed: y = x",
                               nullptr, int(E))
                                .arg(sel->folds)
                          : tr("%n run(s) (fitted on); dashed: y = x", nullptr, int(E)));
    m_fitPlot->legend->setVisible(true);
    m_fitPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    m_fitPlot->xAxis->setRange(lo - pad, hi + pad);
    m_fitPlot->yAxis->setRange(lo - pad, hi + pad);
    m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace losscast::widgets
