// bench_import: speed and memory of the CSV importer on a numeric file, side by side with pandas.read_csv.
//   bench_import [ROWS] [COLUMNS] [DIR]     (defaults: 1000000 10 /tmp)
#include "core/import/benchmark.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

using namespace losscast::core::import;

int main(int argc, char** argv)
{
    const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const std::size_t cols = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10;
    const std::string dir = argc > 3 ? argv[3] : std::filesystem::temp_directory_path().string();
    const std::string path =
        dir + "/losscast_bench_" + std::to_string(rows) + "x" + std::to_string(cols) + ".csv";
    std::string err;
    if (!writeNumericCsv(path, rows, cols, &err)) {
        std::fprintf(stderr, "bench_import: %s\n", err.c_str());
        return 1;
    }
    const ImportBenchmark b = benchmarkCsvImport(path, 5);
    if (!b.error.empty()) {
        std::fprintf(stderr, "bench_import: %s\n", b.error.c_str());
        return 1;
    }
    const double numeric = static_cast<double>(rows) * static_cast<double>(cols) * 8.0;
    std::printf("file            %s\n", path.c_str());
    std::printf("size            %.1f MB, %zu rows x %zu columns (%.1f MB as doubles)\n", b.bytes / 1e6, rows,
                cols, numeric / 1e6);
    std::printf("losscast        best %.3f s, median %.3f s over 5 runs: %.0f MB/s\n", b.bestSeconds,
                b.medianSeconds, b.mbPerSecond);
    std::printf(
        "memory          series hold %.1f MB (%.2fx the numeric size); peak RSS grew %.1f MB (%.2fx)\n",
        b.storedBytes / 1e6, b.storedBytes / numeric, b.peakRssDelta / 1e6, b.peakRssDelta / numeric);
    // pandas.read_csv on the same file, when Debian's python3-pandas is there.
    const std::string py = "/usr/bin/python3 -c \"import time,pandas as pd\n"
                           "t=[]\n"
                           "for i in range(3):\n"
                           "  a=time.perf_counter(); d=pd.read_csv('" +
                           path +
                           "'); t.append(time.perf_counter()-a)\n"
                           "print('%.4f %.4f' % (min(t), sorted(t)[1]))\" 2>/dev/null";
    std::FILE* p = popen(py.c_str(), "r");
    double pbest = 0, pmed = 0;
    if (p && std::fscanf(p, "%lf %lf", &pbest, &pmed) == 2 && pbest > 0) {
        std::printf("pandas %s   best %.3f s, median %.3f s over 3 runs: %.0f MB/s\n", "read_csv", pbest,
                    pmed, b.bytes / 1e6 / pbest);
        std::printf("speed-up       %.2fx (best vs best)\n", pbest / b.bestSeconds);
    } else {
        std::printf("pandas         not available (/usr/bin/python3 with pandas)\n");
    }
    if (p)
        pclose(p);
    std::filesystem::remove(path);
    return 0;
}
