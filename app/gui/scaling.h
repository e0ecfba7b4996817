#pragma once
/// \file
/// \brief The Scaling part of the main window (View → Scaling): the dock holding widgets::ScalingView, its
/// runs table built from the opened runs, its exports and its part of the session. The MainWindow members
/// documented as "Defined in scaling.cpp" in mainwindow.h are defined there.

#include "core/laws/sizelaw.h"
#include "core/scaling/sizefit.h"

#include <QString>

#include <memory>
#include <vector>

namespace losscast::app {

/// \brief A size-aware curve law fitted on the opened runs (their N from the Scaling table or their names),
/// with the covariance its bands use (inflated for autocorrelated residuals, as `fit --size-law --band`).
struct SizeCurveFit
{
    std::shared_ptr<const core::SizeAwareLaw> law;
    core::scaling::SizeFit fit;
    std::vector<double> covariance;
    QString error; ///< why there is no usable fit
};

/// The model size a run's or file's name gives, in parameters: "25M_cosine" → 25e6, "pythia-1.4b" → 1.4e9;
/// NaN when the name holds none (the user types N into the table).
double modelSizeFromName(const QString& name);

} // namespace losscast::app
