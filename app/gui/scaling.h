#pragma once
/// \file
/// \brief The Scaling part of the main window (View → Scaling): the dock holding widgets::ScalingView, its
/// runs table built from the opened runs, its exports and its part of the session. The MainWindow members
/// documented as "Defined in scaling.cpp" in mainwindow.h are defined there; the curve at a model size
/// (the size-aware fit, SizeCurveFit) is in sizecurve.h.

#include <QString>

namespace losscast::app {

/// The model size a run's or file's name gives, in parameters: "25M_cosine" → 25e6, "pythia-1.4b" → 1.4e9;
/// NaN when the name holds none (the user types N into the table).
double modelSizeFromName(const QString& name);

} // namespace losscast::app
