#pragma once
/// \file
/// \brief Figures for the importer's speed and memory on a large numeric CSV (used by bench_import).

#include <cstddef>
#include <cstdint>
#include <string>

namespace losscast::core::import {

struct ImportBenchmark
{
    std::string file;
    std::size_t rows = 0, columns = 0;
    std::uint64_t bytes = 0; ///< file size
    double bestSeconds = 0, medianSeconds = 0;
    double mbPerSecond = 0;       ///< bytes / best time, in 10^6 bytes per second
    std::size_t points = 0;       ///< numbers stored
    std::size_t storedBytes = 0;  ///< bytes held by the imported series (capacity)
    std::size_t peakRssDelta = 0; ///< peak resident memory added by the first import (Linux; 0 elsewhere)
    std::string error;
};

/// \brief Writes `rows` rows of `columns` columns: "step" then metrics with typical float texts (half full
/// precision like 2.3456789012345678, half 6 digits like 0.000123457). Returns false with a message on error.
bool writeNumericCsv(const std::string& path, std::size_t rows, std::size_t columns,
                     std::string* error = nullptr);

/// \brief Imports `path` `repeats` times (the first import also measures peak memory) and returns the
/// figures.
ImportBenchmark benchmarkCsvImport(const std::string& path, int repeats = 5);

} // namespace losscast::core::import
