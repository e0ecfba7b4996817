// The Model dock's parameter rows (see parameterrows.h).
#include "app/gui/parameterrows.h"

#include "core/fit/uncertainty.h"

#include <cmath>

namespace losscast::app {

std::vector<widgets::ParameterTable::Row>
parameterRows(const core::CurveLaw& law, const core::fit::CurveFit& f, const std::vector<bool>& fixed)
{
    const auto infos = law.parameters();
    std::vector<widgets::ParameterTable::Row> rows;
    const auto bounds = infos.size() == f.params.size() ? core::fit::boundsReached(infos, f.params)
                                                        : std::vector<core::fit::BoundSide>{};
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        widgets::ParameterTable::Row row;
        row.name = QString::fromStdString(i < f.names.size() ? f.names[i] : infos.at(i).name);
        row.description = i < infos.size() ? QString::fromStdString(infos[i].description) : QString();
        row.value = f.params[i];
        row.stderr_ = i < f.stderrs.size() ? f.stderrs[i] : std::nan("");
        row.fixed = i < fixed.size() && fixed[i];
        if (i < bounds.size() && bounds[i] != core::fit::BoundSide::None && !row.fixed)
            row.boundNote = QString::fromStdString(core::fit::atBoundNote(
                infos[i].name, bounds[i],
                bounds[i] == core::fit::BoundSide::Lower ? infos[i].lower : infos[i].upper));
        rows.push_back(row);
    }
    return rows;
}

} // namespace losscast::app
