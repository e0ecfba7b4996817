#pragma once
/// \file
/// \brief The model choice of the Mixtures view (mixtureview_models.cpp): the data mixing law (Ye et al.
/// 2024) or the implicit GP (core/mixing/implicitmodel.h), the Model box, and the "Measured vs predicted" tab
/// with each model's held-out (cross-validated) predictions. The MixtureView members setFit(), setModels(),
/// setModel(), fillModelBox(), predict(), predictOverall(), fitScatter(), otherModelScatter() and
/// updateFitScatter() (mixtureview.h) are defined in mixtureview_models.cpp, with the helpers below; the
/// helpers every part shares are in mixtureview_p.h. Not part of the widget's interface.

#include "core/mixing/mixmodels.h"

#include <QColor>
#include <QString>

#include <string>
#include <utility>
#include <vector>

class QCPGraph;

namespace losscast::widgets::mixview {

/// The colour of a model's points and note: blue for the mixing law, green for the implicit GP.
QColor modelColor(core::mixing::MixtureModelKind kind);

/// The model's name as the Model box and the scatter's legend show it (translated in MixtureView's context).
QString modelName(core::mixing::MixtureModelKind kind);

/// The targets (loss columns) `kind` of `models` predicts, in its order; empty when that model is absent.
std::vector<std::string> targetNamesOf(const core::mixing::MixtureModels& models,
                                       core::mixing::MixtureModelKind kind);

/// The (key, value) points of a QCustomPlot graph as drawn, for the views' read-back accessors (empty for
/// null).
std::vector<std::pair<double, double>> graphPoints(const QCPGraph* graph);

} // namespace losscast::widgets::mixview
