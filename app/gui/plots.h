#pragma once
/// \file
/// \brief The main window's plots: runs, fits, residuals and LRs as PlotPanel series.
/// MainWindow::refreshPlots is defined in plots.cpp (scenario curves are added by
/// MainWindow::updatePlotSeries in scenarios.cpp).

#include "app/gui/runmodel.h"
#include "widgets/plotpanel.h"

namespace losscast::app {

/// The LR of every step of a run as the LR plot draws it: decimated to at most 2000 min/max points (once,
/// not on every drag), against tokens when `tokensX`, without a legend entry (the loss legend has the
/// colours).
widgets::PlotSeries lrSeriesOf(const Run& run, bool tokensX);

} // namespace losscast::app
