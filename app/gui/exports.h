#pragma once
/// \file
/// \brief File → Export of the main window: the rows of the parameter and prediction CSVs (the text is
/// core::formatCsv's, so quoting is the CLI's). The MainWindow members exportPlot, exportParametersJson,
/// exportParametersCsv, exportPredictionsCsv and their dialogs are defined in exports.cpp.

#include "core/fit/fitter.h"
#include "core/laws/law.h"

#include <string>
#include <vector>

namespace losscast::app {

/// A number as the window's CSV exports write it: `significantDigits` significant digits ('g'), empty when
/// not finite.
std::string csvNumber(double v, int significantDigits);

/// `kind,name,value,stderr`.
std::vector<std::string> parameterCsvHeader();
/// One `law` row, one `parameter` row per parameter (value and standard error with 17 significant digits,
/// stderr empty when unknown), one `setting` row per law setting.
std::vector<std::vector<std::string>> parameterCsvRows(const core::fit::CurveFit& fit,
                                                       const std::vector<core::ParamInfo>& infos);

/// `series,kind,step,lr,measured,predicted,lower,upper`: one row per point of every run (kind train or
/// test) and every scenario (kind scenario, with its band).
std::vector<std::string> predictionCsvHeader();

} // namespace losscast::app
