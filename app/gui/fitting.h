#pragma once
/// \file
/// \brief The Model dock of the main window: law choice, Fit/Cancel, the background fit and the parameter and
/// quality tables. The MainWindow members buildModelDock, setLaw, lawId, startFit, cancelFit, setBusy,
/// onFitFinished, xScale, fittedCurve and refreshModel are defined in fitting.cpp.

#include <QString>

#include <cstddef>

namespace losscast::app {

/// Fewest points a run needs for the law `lawId` ("auto": every candidate) to be fitted on it: one more than
/// the law has parameters. With fewer, the least-squares problem is degenerate (any curve through the
/// points). 0 for an unknown law.
std::size_t minFitPoints(const QString& lawId);

} // namespace losscast::app
