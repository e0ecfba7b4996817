#pragma once
// Shared checks: whatever the input, an import returns; every series is sorted, duplicate-free and finite,
// and every diagnostic names the file.
#include "core/import/curvebuild.h"
#include "core/import/export.h"
#include "core/import/importer.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace fuzz {

inline void check(const losscast::core::import::ImportResult& r, const std::string& name)
{
    using namespace losscast::core::import;
    for (const auto& d : r.diagnostics)
        if (d.file.empty() || d.message.empty())
            std::abort();
    for (const auto& run : r.runs) {
        for (const auto& s : run.series) {
            if (s.steps.size() != s.values.size())
                std::abort();
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (!std::isfinite(s.values[i]) || !std::isfinite(s.steps[i]))
                    std::abort();
                if (i > 0 && !(s.steps[i] > s.steps[i - 1]))
                    std::abort();
            }
        }
        // Downstream consumers must cope with whatever was imported.
        std::ostringstream os;
        writeRunCsv(os, run, false);
        writeRunCsv(os, run, true);
        (void)buildCurve(run, name, {});
    }
    (void)name;
}

} // namespace fuzz
