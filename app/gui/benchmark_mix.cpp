// `losscast --benchmark-mix`: slider move → replotted and painted, for each panel of the Mixtures view.
#include "app/gui/benchmark_mix.h"

#include "app/gui/benchstats.h"

#include "app/gui/mainwindow.h"
#include "widgets/mixtureview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

namespace losscast::app {

int runMixBenchmark(std::FILE* out)
{
    const QString dir = QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mixing/");
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    {
        QEventLoop loop;
        bool ok = false;
        QObject::connect(&w, &MainWindow::mixtureFitFinished, &loop, [&](bool r) {
            ok = r;
            loop.quit();
        });
        QString error;
        if (!w.openMixtureExperiments({dir + "regmix_3groups_1m.csv"}, &error)) {
            std::fprintf(out, "benchmark-mix: %s\n", qPrintable(error));
            return 1;
        }
        QTimer::singleShot(120'000, &loop, &QEventLoop::quit); // never hang
        loop.exec();
        if (!ok) {
            std::fprintf(out, "benchmark-mix: the mixing-law fit failed\n");
            return 1;
        }
        if (!w.openAutoScaleFile(dir + "autoscale_optima_B.csv", &error)) {
            std::fprintf(out, "benchmark-mix: %s\n", qPrintable(error));
            return 1;
        }
    }
    widgets::MixtureView* view = w.mixtureView();
    auto* tabs = view->findChild<QTabWidget*>();
    QSlider *domain = nullptr, *scale = view->findChild<QSlider*>(QStringLiteral("autoscaleSlider"));
    for (auto* s : view->findChildren<QSlider*>())
        if (!domain && s != scale)
            domain = s;
    if (!tabs || !domain || !scale) {
        std::fprintf(out, "benchmark-mix: the Mixtures view has no tabs or sliders\n");
        return 1;
    }
    std::fprintf(out,
                 "benchmark-mix: Mixtures dock in a 1500x940 window, RegMix 3-group example (512 runs, 3 "
                 "domains, 4 targets) and the AutoScale optima example (9 rows, 7 domains); 200 slider moves "
                 "per panel (slider value set -> queued replots done -> view repainted)\n");
    struct Case
    {
        const char* name;
        int tab;
        QSlider* slider;
    };
    const Case cases[] = {{"predicted-loss bars (domain slider)", 0, domain},
                          {"ternary (domain slider)", 1, domain},
                          {"AutoScale area (scale slider)", tabs->count() - 1, scale}};
    for (const Case& c : cases) {
        tabs->setCurrentIndex(c.tab);
        QCoreApplication::processEvents(); // settle the layout of the shown panel (not measured)
        std::vector<double> ms, cpu;
        for (int k = 0; k < 200; ++k) {
            const int value = 100 + (k * 37) % 800; // jumps back and forth as a hand on a slider would
            QElapsedTimer t;
            t.start();
            const double c0 = threadCpuMs();
            c.slider->setValue(value == c.slider->value() ? value + 1 : value);
            QCoreApplication::processEvents();
            view->repaint();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            cpu.push_back(threadCpuMs() - c0);
        }
        std::fprintf(out,
                     "  %-38s wall median %.2f ms  p95 %.2f ms  max %.2f ms | GUI-thread CPU median %.2f ms  "
                     "p95 %.2f ms\n",
                     c.name, percentile(ms, 0.5), percentile(ms, 0.95),
                     *std::max_element(ms.begin(), ms.end()), percentile(cpu, 0.5), percentile(cpu, 0.95));
    }
    std::fprintf(out, "  (one frame at 60 Hz = 16.7 ms)\n");
    return 0;
}

} // namespace losscast::app
