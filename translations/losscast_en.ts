<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>only %n point(s): a fit needs at least %1 (one more than the law has parameters), so the run is held out, not fitted on</source>
        <translation>
            <numerusform>only %n point: a fit needs at least %1 (one more than the law has parameters), so the run is held out, not fitted on</numerusform>
            <numerusform>only %n points: a fit needs at least %1 (one more than the law has parameters), so the run is held out, not fitted on</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::app::MainWindow</name>
    <message numerus="yes">
        <source>%n run(s) open. Press Fit (Ctrl+F) to fit the law.</source>
        <translation>
            <numerusform>%n run open. Press Fit (Ctrl+F) to fit the law.</numerusform>
            <numerusform>%n runs open. Press Fit (Ctrl+F) to fit the law.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s): %1</source>
        <translation>
            <numerusform>Could not open %n file: %1</numerusform>
            <numerusform>Could not open %n files: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed to open</source>
        <translation>
            <numerusform>%n file failed to open</numerusform>
            <numerusform>%n files failed to open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not fitted: the runs ticked for fitting have %n point(s), but %1 has %2 parameters, so the fit would be degenerate (it needs at least %3 points). Tick longer runs.</source>
        <translation>
            <numerusform>Not fitted: the runs ticked for fitting have %n point, but %1 has %2 parameters, so the fit would be degenerate (it needs at least %3 points). Tick longer runs.</numerusform>
            <numerusform>Not fitted: the runs ticked for fitting have %n points, but %1 has %2 parameters, so the fit would be degenerate (it needs at least %3 points). Tick longer runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting every law on %n run(s)…</source>
        <translation>
            <numerusform>Fitting every law on %n run…</numerusform>
            <numerusform>Fitting every law on %n runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting %1 on %n run(s)…</source>
        <translation>
            <numerusform>Fitting %1 on %n run…</numerusform>
            <numerusform>Fitting %1 on %n runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 on %n run(s) in %3 s, %4 starts, final cost %5%6</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 on %n run in %3 s, %4 starts, final cost %5%6</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 on %n runs in %3 s, %4 starts, final cost %5%6</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of this session could not be found. Everything else (scenarios, parameters, the saved fit) is open; the missing runs come back once you locate their files.</source>
        <translation>
            <numerusform>%n file of this session could not be found. Everything else (scenarios, parameters, the saved fit) is open; the missing runs come back once you locate their files.</numerusform>
            <numerusform>%n files of this session could not be found. Everything else (scenarios, parameters, the saved fit) is open; the missing runs come back once you locate their files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened with %n problem(s): %2</source>
        <translation>
            <numerusform>Session %1 opened with %n problem: %2</numerusform>
            <numerusform>Session %1 opened with %n problems: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened: %n run(s)%2.</source>
        <translation>
            <numerusform>Session %1 opened: %n run%2.</numerusform>
            <numerusform>Session %1 opened: %n runs%2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) need attention</source>
        <translation>
            <numerusform>%n session file needs attention</numerusform>
            <numerusform>%n session files need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened the bundled %1 example: fitting on %n run(s) (MPL protocol), holding out %2.</source>
        <translation>
            <numerusform>Opened the bundled %1 example: fitting on %n run (MPL protocol), holding out %2.</numerusform>
            <numerusform>Opened the bundled %1 example: fitting on %n runs (MPL protocol), holding out %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n point(s), steps %2–%3, warmup %4 steps</source>
        <translation>
            <numerusform>%1
%n point, steps %2–%3, warmup %4 steps</numerusform>
            <numerusform>%1
%n points, steps %2–%3, warmup %4 steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), steps %2–%3, last value %4</source>
        <translation>
            <numerusform>%1: %n point, steps %2–%3, last value %4</numerusform>
            <numerusform>%1: %n points, steps %2–%3, last value %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AutoScale optima: %n row(s) from %1.</source>
        <translation>
            <numerusform>AutoScale optima: %n row from %1.</numerusform>
            <numerusform>AutoScale optima: %n rows from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: fitting %n domain(s) and optimising (DDO)…</source>
        <translation>
            <numerusform>%1: fitting %n domain and optimising (DDO)…</numerusform>
            <numerusform>%1: fitting %n domains and optimising (DDO)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s) for the fit and the scenarios</source>
        <translation>
            <numerusform>Warmup %n step for the fit and the scenarios</numerusform>
            <numerusform>Warmup %n steps for the fit and the scenarios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s): refit (Ctrl+F) to use it.</source>
        <translation>
            <numerusform>Warmup %n step: refit (Ctrl+F) to use it.</numerusform>
            <numerusform>Warmup %n steps: refit (Ctrl+F) to use it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mixture models fitted on %n run(s) in %1 s; using the %2.</source>
        <translation>
            <numerusform>Mixture models fitted on %n run in %1 s; using the %2.</numerusform>
            <numerusform>Mixture models fitted on %n runs in %1 s; using the %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) while reading: see ⚠ in the Runs dock.</source>
        <translation>
            <numerusform>%n warning while reading: see ⚠ in the Runs dock.</numerusform>
            <numerusform>%n warnings while reading: see ⚠ in the Runs dock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), last step %2.</source>
        <translation>
            <numerusform>%1: %n point, last step %2.</numerusform>
            <numerusform>%1: %n points, last step %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::CptView</name>
    <message numerus="yes">
        <source>%1 (%n step(s), peak %2)</source>
        <translation>
            <numerusform>%1 (%n step, peak %2)</numerusform>
            <numerusform>%1 (%n steps, peak %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> turning point, +%n step(s) </source>
        <translation>
            <numerusform> turning point, +%n step </numerusform>
            <numerusform> turning point, +%n steps </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; back at its switch value after %2 steps (critical point).</source>
        <translation>
            <numerusform>General loss: +%1 at its peak, %n CPT step after the switch; back at its switch value after %2 steps (critical point).</numerusform>
            <numerusform>General loss: +%1 at its peak, %n CPT steps after the switch; back at its switch value after %2 steps (critical point).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; it does not come back to its switch value within the CPT.</source>
        <translation>
            <numerusform>General loss: +%1 at its peak, %n CPT step after the switch; it does not come back to its switch value within the CPT.</numerusform>
            <numerusform>General loss: +%1 at its peak, %n CPT steps after the switch; it does not come back to its switch value within the CPT.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ForecastPanel</name>
    <message numerus="yes">
        <source>%1 fitted on %n point(s) up to step %2 in %3 s%4</source>
        <translation>
            <numerusform>%1 fitted on %n point up to step %2 in %3 s%4</numerusform>
            <numerusform>%1 fitted on %n points up to step %2 in %3 s%4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::MixtureView</name>
    <message numerus="yes">
        <source>◆ measured: the %n run(s) nearest to this mixture (distance %1–%2)</source>
        <translation>
            <numerusform>◆ measured: the %n run nearest to this mixture (distance %1–%2)</numerusform>
            <numerusform>◆ measured: the %n runs nearest to this mixture (distance %1–%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n measured run(s), filled with their measured overall loss</source>
        <translation>
            <numerusform>● %n measured run, filled with its measured overall loss</numerusform>
            <numerusform>● %n measured runs, filled with their measured overall loss</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n run(s) beyond the colour scale take its end colours)</source>
        <translation>
            <numerusform>(%n run beyond the colour scale takes its end colour)</numerusform>
            <numerusform>(%n runs beyond the colour scale take its end colours)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s), %2 domains; the area follows AutoScale&apos;s rule through the two chosen rows; ○ marks every row of the file at its total.</source>
        <translation>
            <numerusform>%1: %n row, %2 domains; the area follows AutoScale&apos;s rule through the two chosen rows; ○ marks every row of the file at its total.</numerusform>
            <numerusform>%1: %n rows, %2 domains; the area follows AutoScale&apos;s rule through the two chosen rows; ○ marks every row of the file at its total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), each predicted by models fitted without it
(%1-fold cross-validation); dashed: y = x</source>
        <translation>
            <numerusform>%n run, predicted by models fitted without it
(%1-fold cross-validation); dashed: y = x</numerusform>
            <numerusform>%n runs, each predicted by models fitted without it
(%1-fold cross-validation); dashed: y = x</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) (fitted on); dashed: y = x</source>
        <translation>
            <numerusform>%n run (fitted on); dashed: y = x</numerusform>
            <numerusform>%n runs (fitted on); dashed: y = x</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::PlotPanel</name>
    <message numerus="yes">
        <source>measured: %n run(s), colours as in the Runs dock</source>
        <translation>
            <numerusform>measured: %n run, colours as in the Runs dock</numerusform>
            <numerusform>measured: %n runs, colours as in the Runs dock</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ScalingView</name>
    <message numerus="yes">
        <source>%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) and needs at least 5 runs, better several sizes × several token counts</source>
        <translation>
            <numerusform>%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) and needs at least 5 runs, better several sizes × several token counts</numerusform>
            <numerusform>%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) and needs at least 5 runs, better several sizes × several token counts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting L(N, D) to %n run(s)…</source>
        <translation>
            <numerusform>Fitting L(N, D) to %n run…</numerusform>
            <numerusform>Fitting L(N, D) to %n runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, bootstrap: %n refit(s) in %1 s</source>
        <translation>
            <numerusform>, bootstrap: %n refit in %1 s</numerusform>
            <numerusform>, bootstrap: %n refits in %1 s</numerusform>
        </translation>
    </message>
</context>
</TS>
