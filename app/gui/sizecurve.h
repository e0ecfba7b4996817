#pragma once
/// \file
/// \brief The Scaling view's "curve at a model size" in the main window (sizecurve.cpp): a size-aware curve
/// law (core/laws/sizelaw.h; MTL with Tissue et al. 2024 Eq. 7 or the size-aware MPL) fitted in the
/// background on the opened runs, and the predicted whole curve of the chosen size under the current
/// scenario, drawn in the main plot (live while the size slider or a schedule point is dragged; the band of
/// core/scaling/sizefit.h sizeBand() when not dragging). The MainWindow members setupSizeCurve(),
/// fitSizeAwareCurves(), sizeCurveFitPending() and appendSizeCurve() (mainwindow.h) are defined in
/// sizecurve.cpp; the rest of the Scaling part is in scaling.h.

#include "core/laws/sizelaw.h"
#include "core/scaling/sizefit.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace losscast::app {

/// \brief A size-aware curve law fitted on the opened runs (their N from the Scaling table or their names),
/// with the covariance its bands use (inflated for autocorrelated residuals, as `fit --size-law --band`).
/// The size-fit worker returns it to the GUI thread in a QVariant.
struct SizeCurveFit
{
    std::shared_ptr<const core::SizeAwareLaw> law;
    core::scaling::SizeFit fit;
    std::vector<double> covariance;
    QString error; ///< why there is no usable fit
};

} // namespace losscast::app

Q_DECLARE_METATYPE(std::shared_ptr<const losscast::app::SizeCurveFit>)
