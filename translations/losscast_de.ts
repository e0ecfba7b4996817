<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FitFindings</name>
    <message>
        <source>%1 not usable</source>
        <translation>%1 nicht verwendbar</translation>
    </message>
    <message>
        <source>Auto chose %1 by training cost: the runs are too short to hold points out for validation.</source>
        <translation>Automatisch gewählt: %1 nach den Trainingskosten – die Läufe sind zu kurz, um Punkte zur Validierung zurückzuhalten.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Auto chose %1: the hold-out runs or scenarios anneal the LR further than any fitted run, which no validation fold can test; there MPL, its loss-drop shape held at the paper&apos;s means, forecasts better (the folds alone would choose %2; held-out PredE %3).</source>
        <translation>Automatisch gewählt: %1 – die Holdout-Läufe oder Szenarien senken die LR weiter ab als jeder angepasste Lauf, was kein Validierungsfold prüfen kann; dort sagt MPL, die Form des Verlustabfalls auf den Mittelwerten des Papers gehalten, besser vorher (die Folds allein würden %2 wählen; Holdout-PredE %3).</translation>
    </message>
    <message numerus="yes">
        <source>Auto chose %1: the lowest mean held-out PredE over %n validation fold(s) (%2).</source>
        <translation>
            <numerusform>Automatisch gewählt: %1 – der niedrigste mittlere Holdout-PredE über %n Validierungsfold (%2).</numerusform>
            <numerusform>Automatisch gewählt: %1 – der niedrigste mittlere Holdout-PredE über %n Validierungsfolds (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 rests on a bound of its range (%2): the runs do not pin it down, so forecasts that depend on it are guesses. Add runs with other schedules (a cooldown, a longer run) or fix it in the table.</source>
        <translation>%1 liegt auf einer Grenze seines Bereichs (%2): Die Läufe legen ihn nicht fest, Vorhersagen, die von ihm abhängen, sind daher Schätzungen. Fügen Sie Läufe mit anderen Schedules hinzu (ein Cooldown, ein längerer Lauf) oder fixieren Sie ihn in der Tabelle.</translation>
    </message>
    <message>
        <source>The loss-drop term has saturated (C = %1): C and β are not identified, so forecasts of other cooldowns are unreliable. Add a run with another cooldown shape or length.</source>
        <translation>Der Verlustabfall-Term ist gesättigt (C = %1): C und β sind nicht bestimmt, Vorhersagen anderer Cooldowns sind daher unzuverlässig. Fügen Sie einen Lauf mit einer anderen Cooldown-Form oder -Länge hinzu.</translation>
    </message>
    <message>
        <source>The fit&apos;s covariance is singular: some parameter combinations are not determined by the runs, so standard errors and the prediction band are missing.</source>
        <translation>Die Kovarianz der Anpassung ist singulär: Einige Parameterkombinationen werden von den Läufen nicht bestimmt, daher fehlen Standardfehler und das Vorhersageband.</translation>
    </message>
    <message>
        <source>The best fit&apos;s loss-drop term had saturated; a fit of near-equal cost with C bounded below saturation was kept.</source>
        <translation>Der Verlustabfall-Term der besten Anpassung war gesättigt; eine Anpassung mit nahezu gleichen Kosten und C unterhalb der Sättigung wurde behalten.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LossCast sessions (*.losscast)</source>
        <translation>LossCast-Sitzungen (*.losscast)</translation>
    </message>
    <message numerus="yes">
        <source>only %n point(s): a fit needs at least %1 (one more than the law has parameters), so the run is held out, not fitted on</source>
        <translation>
            <numerusform>nur %n Punkt: Eine Anpassung braucht mindestens %1 (einen mehr, als das Gesetz Parameter hat), daher wird der Lauf zurückgehalten, nicht angepasst</numerusform>
            <numerusform>nur %n Punkte: Eine Anpassung braucht mindestens %1 (einen mehr, als das Gesetz Parameter hat), daher wird der Lauf zurückgehalten, nicht angepasst</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Fit scaling laws to training runs and predict other schedules.</source>
        <translation>Skalierungsgesetze an Trainingsläufe anpassen und andere Zeitpläne vorhersagen.</translation>
    </message>
    <message>
        <source>Render the window to OUT.png and exit.</source>
        <translation>Das Fenster als OUT.png speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size for --screenshot (default 1500x940).</source>
        <translation>Fenstergröße für --screenshot (Standard 1500x940).</translation>
    </message>
    <message>
        <source>light, dark or system.</source>
        <translation>light (hell), dark (dunkel) oder system.</translation>
    </message>
    <message>
        <source>Law to fit (mtl, mpl); &apos;none&apos; to skip fitting in --screenshot.</source>
        <translation>Anzupassendes Gesetz (mtl, mpl); „none“ überspringt die Anpassung bei --screenshot.</translation>
    </message>
    <message>
        <source>Open a bundled example file alone, not its whole set.</source>
        <translation>Eine mitgelieferte Beispieldatei allein öffnen, nicht ihren ganzen Satz.</translation>
    </message>
    <message>
        <source>Replay synthetic control-point drags offscreen; print median and p95.</source>
        <translation>Synthetisches Ziehen von Kontrollpunkten offscreen abspielen; Median und p95 ausgeben.</translation>
    </message>
    <message>
        <source>Fit MPL offscreen while timing the event loop; print max and p99 gap.</source>
        <translation>MPL offscreen anpassen und dabei die Ereignisschleife messen; größte Lücke und p99 ausgeben.</translation>
    </message>
    <message>
        <source>Move the Mixtures view&apos;s sliders offscreen; print median and p95 per panel.</source>
        <translation>Die Schieberegler der Mischungsansicht offscreen bewegen; Median und p95 je Bereich ausgeben.</translation>
    </message>
    <message>
        <source>Ignore remembered window state.</source>
        <translation>Gespeicherten Fensterzustand ignorieren.</translation>
    </message>
    <message>
        <source>Interface language: en, de or zh_CN (default: the one chosen in View → Language, else the system&apos;s).</source>
        <translation>Sprache der Oberfläche: en, de oder zh_CN (Standard: die unter Ansicht → Sprache gewählte, sonst die des Systems).</translation>
    </message>
    <message>
        <source>With --screenshot: after the fit, also optimise the current scenario.</source>
        <translation>Mit --screenshot: nach der Anpassung auch das aktuelle Szenario optimieren.</translation>
    </message>
    <message>
        <source>With --screenshot: expand every run to show its series.</source>
        <translation>Mit --screenshot: jeden Lauf aufklappen, um seine Reihen zu zeigen.</translation>
    </message>
    <message>
        <source>Plot against tokens (runs that log a tokens series).</source>
        <translation>Über Tokens auftragen (Läufe, die eine Token-Reihe protokollieren).</translation>
    </message>
    <message>
        <source>Show the fit residuals under the loss plot.</source>
        <translation>Die Residuen der Anpassung unter dem Loss-Diagramm zeigen.</translation>
    </message>
    <message>
        <source>Open the files, fit (unless --law none), save the session to OUT.losscast and exit.</source>
        <translation>Die Dateien öffnen, anpassen (außer bei --law none), die Sitzung als OUT.losscast speichern und beenden.</translation>
    </message>
    <message>
        <source>Run files (CSV, W&amp;B, TensorBoard, logs) to open, or one .losscast session.</source>
        <translation>Zu öffnende Laufdateien (CSV, W&amp;B, TensorBoard, Protokolle) oder eine .losscast-Sitzung.</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>Val.-Loss</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>%1: domain &apos;%2&apos;: %3</source>
        <translation>%1: Domäne „%2“: %3</translation>
    </message>
    <message>
        <source>%1: DDO did not converge: %2</source>
        <translation>%1: DDO ist nicht konvergiert: %2</translation>
    </message>
    <message>
        <source>Optimised schedule: predicted final loss %1 (%2 in %3 s; %4)</source>
        <translation>Optimierter Zeitplan: vorhergesagter End-Loss %1 (%2 in %3 s; %4)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>With --screenshot or --save-session: read the files a session names outside its folder (skipped otherwise; the window asks).</source>
        <translation>Mit --screenshot oder --save-session: die Dateien lesen, die eine Sitzung außerhalb ihres Ordners nennt (sonst übersprungen; das Fenster fragt nach).</translation>
    </message>
    <message>
        <source>%1: refusing to write over an input file: choose another name</source>
        <translation>%1: eine Eingabedatei wird nicht überschrieben: bitte einen anderen Namen wählen</translation>
    </message>
    <message>
        <source>Follow a growing 100k-point log offscreen; print append-to-forecast times and the event loop&apos;s largest gap.</source>
        <translation>Ein wachsendes Log mit 100.000 Punkten ohne Bildschirm verfolgen; Zeiten vom Anhängen bis zur Prognose und die längste Blockade der Ereignisschleife ausgeben.</translation>
    </message>
    <message>
        <source>Follow the files opened: draw the lines the training job appends and forecast the final loss (Forecast dock).</source>
        <translation>Die geöffneten Dateien verfolgen: vom Trainingsjob angehängte Zeilen zeichnen und den End-Loss prognostizieren (Dock „Prognose“).</translation>
    </message>
    <message>
        <source>With --follow: the run&apos;s planned schedule, e.g. cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160.</source>
        <translation>Mit --follow: der geplante Zeitplan des Laufs, z. B. cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160.</translation>
    </message>
</context>
<context>
    <name>losscast::app::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System Default (%1)</source>
        <translation>Systemstandard (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>LossCast will use the new language the next time it starts.</source>
        <translation>LossCast verwendet die neue Sprache beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>losscast::app::MainWindow</name>
    <message>
        <source>LossCast</source>
        <translation>LossCast</translation>
    </message>
    <message>
        <source>Open a training log (W&amp;B or TensorBoard export, HF Trainer state, text log, step,lr,loss CSV) with File → Open, or drop it on the window.</source>
        <translation>Öffnen Sie ein Trainingsprotokoll (W&amp;B- oder TensorBoard-Export, HF-Trainer-Zustand, Textprotokoll, CSV mit step,lr,loss) mit Datei → Öffnen, oder ziehen Sie es auf das Fenster.</translation>
    </message>
    <message>
        <source>%1 stays at its value in the next fit.</source>
        <translation>%1 behält bei der nächsten Anpassung seinen Wert.</translation>
    </message>
    <message>
        <source>%1 is fitted again.</source>
        <translation>%1 wird wieder angepasst.</translation>
    </message>
    <message>
        <source>Continual Pre-training</source>
        <translation>Fortgesetztes Vortraining</translation>
    </message>
    <message>
        <source>CPT: PT Schedule from Selected Run</source>
        <translation>CPT: PT-Zeitplan aus dem gewählten Lauf</translation>
    </message>
    <message>
        <source>Select a run in the Runs dock first.</source>
        <translation>Wählen Sie zuerst einen Lauf im Bereich Läufe.</translation>
    </message>
    <message>
        <source>Mixtures</source>
        <translation>Mischungen</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>Anpassung abgebrochen.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open training logs: W&amp;B and TensorBoard exports, HF Trainer state, text logs, CSV</source>
        <translation>Trainingsprotokolle öffnen: W&amp;B- und TensorBoard-Exporte, HF-Trainer-Zustand, Textprotokolle, CSV</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Parameters (JSON)…</source>
        <translation>&amp;Parameter öffnen (JSON)…</translation>
    </message>
    <message>
        <source>Open parameters</source>
        <translation>Parameter öffnen</translation>
    </message>
    <message>
        <source>Parameters (*.json);;All files (*)</source>
        <translation>Parameter (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export &amp;Plot…</source>
        <translation>Diagramm &amp;exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export Parameters (&amp;JSON)…</source>
        <translation>Parameter exportieren (&amp;JSON)…</translation>
    </message>
    <message>
        <source>Export Parameters (C&amp;SV)…</source>
        <translation>Parameter exportieren (CS&amp;V)…</translation>
    </message>
    <message>
        <source>Export Predicted &amp;Curves (CSV)…</source>
        <translation>Vorhergesagte &amp;Kurven exportieren (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Copy Plot</source>
        <translation>Diagramm k&amp;opieren</translation>
    </message>
    <message>
        <source>Plot copied to the clipboard.</source>
        <translation>Diagramm in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Open &amp;Mixture Experiments…</source>
        <translation>&amp;Mischungsexperimente öffnen…</translation>
    </message>
    <message>
        <source>Open mixture experiments: one table, or a mixture file and a loss file</source>
        <translation>Mischungsexperimente öffnen: eine Tabelle, oder eine Mischungs- und eine Loss-Datei</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Mixture experiments</source>
        <translation>Mischungsexperimente</translation>
    </message>
    <message>
        <source>Open &amp;AutoScale Optima…</source>
        <translation>&amp;AutoScale-Optima öffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Reset View</source>
        <translation>Ansicht &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Log &amp;X Axis</source>
        <translation>Logarithmische &amp;X-Achse</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Log &amp;Y Axis (loss)</source>
        <translation>Logarithmische &amp;Y-Achse (Loss)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>X Axis in &amp;Tokens</source>
        <translation>X-Achse in &amp;Tokens</translation>
    </message>
    <message>
        <source>Plot against tokens seen (runs that log a tokens series)</source>
        <translation>Über die gesehenen Tokens auftragen (Läufe, die eine Token-Reihe protokollieren)</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>%1 tokens (step %2)</source>
        <translation>%1 Tokens (Schritt %2)</translation>
    </message>
    <message>
        <source>Fit &amp;Residuals</source>
        <translation>&amp;Residuen der Anpassung</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Show measured − fitted loss per visible run under the loss plot</source>
        <translation>Gemessenen − angepassten Loss je sichtbarem Lauf unter dem Loss-Diagramm zeigen</translation>
    </message>
    <message>
        <source>&amp;Smoothing…</source>
        <translation>&amp;Glättung…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>EMA weight for measured curves (0 = off, 0.99 = strong):</source>
        <translation>EMA-Gewicht für gemessene Kurven (0 = aus, 0,99 = stark):</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>F&amp;it</source>
        <translation>An&amp;passung</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Anpassen</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Cancel Fit</source>
        <translation>Anpassung a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About LossCast</source>
        <translation>&amp;Über LossCast</translation>
    </message>
    <message>
        <source>About LossCast</source>
        <translation>Über LossCast</translation>
    </message>
    <message>
        <source>&lt;b&gt;LossCast %1&lt;/b&gt;&lt;p&gt;Fit scaling laws to training runs and predict the loss of other learning-rate schedules.&lt;/p&gt;</source>
        <translation>&lt;b&gt;LossCast %1&lt;/b&gt;&lt;p&gt;Skalierungsgesetze an Trainingsläufe anpassen und den Loss anderer Lernraten-Zeitpläne vorhersagen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Fit on</source>
        <translation>Anpassen an</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Tick a run to show it; tick &quot;Fit on&quot; to fit on it, untick to hold it out.</source>
        <translation>Lauf ankreuzen, um ihn zu zeigen; „Anpassen an“ ankreuzen, um an ihn anzupassen, sonst wird er zurückgehalten.</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>Warmup-Schritte:</translation>
    </message>
    <message>
        <source>Fit on This Series</source>
        <translation>An diese Reihe anpassen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Law:</source>
        <translation>Gesetz:</translation>
    </message>
    <message>
        <source>(no law available)</source>
        <translation>(kein Gesetz verfügbar)</translation>
    </message>
    <message>
        <source>The scaling law fitted to the training runs</source>
        <translation>Das an die Trainingsläufe angepasste Skalierungsgesetz</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Fit the law to the runs ticked &quot;Fit on&quot; (Ctrl+F)</source>
        <translation>Das Gesetz an die mit „Anpassen an“ angekreuzten Läufe anpassen (Ctrl+F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>No fit yet.</source>
        <translation>Noch keine Anpassung.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Parameters&lt;/b&gt;</source>
        <translation>&lt;b&gt;Parameter&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fit quality&lt;/b&gt; (train and held-out runs)</source>
        <translation>&lt;b&gt;Güte der Anpassung&lt;/b&gt; (Trainings- und Holdout-Läufe)</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>PredE</source>
        <translation>PredE</translation>
    </message>
    <message>
        <source>WorstE</source>
        <translation>WorstE</translation>
    </message>
    <message>
        <source>PredE = mean |predicted − measured| / measured; WorstE = its maximum</source>
        <translation>PredE = Mittel von |vorhergesagt − gemessen| / gemessen; WorstE = dessen Maximum</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 ist bereits geöffnet.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) open. Press Fit (Ctrl+F) to fit the law.</source>
        <translation>
            <numerusform>%n Lauf geöffnet. Drücken Sie Anpassen (Ctrl+F), um das Gesetz anzupassen.</numerusform>
            <numerusform>%n Läufe geöffnet. Drücken Sie Anpassen (Ctrl+F), um das Gesetz anzupassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds the loss of %2 but no learning rate: give the schedule they were trained with (double-click the file in the Runs dock).</source>
        <translation>%1 enthält den Loss (%2), aber keine Lernrate: Geben Sie den Zeitplan an, mit dem trainiert wurde (Doppelklick auf die Datei im Bereich Läufe).</translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s): %1</source>
        <translation>
            <numerusform>%n Datei konnte nicht geöffnet werden: %1</numerusform>
            <numerusform>%n Dateien konnten nicht geöffnet werden: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed to open</source>
        <translation>
            <numerusform>%n Datei ließ sich nicht öffnen</numerusform>
            <numerusform>%n Dateien ließen sich nicht öffnen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (no LR yet)</source>
        <translation>%1 (noch keine LR)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds the loss of %2 but no learning-rate column LossCast recognises.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; enthält den Loss (%2), aber keine Lernraten-Spalte, die LossCast erkennt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was read, but LossCast could not build a curve from it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; wurde gelesen, aber LossCast konnte daraus keine Kurve bilden.</translation>
    </message>
    <message>
        <source>Read %1 from %2. Press Fit (Ctrl+F) to fit the law to them.</source>
        <translation>%1 aus %2 gelesen. Drücken Sie Anpassen (Ctrl+F), um das Gesetz an sie anzupassen.</translation>
    </message>
    <message>
        <source>%1 has one loss series only.</source>
        <translation>%1 hat nur eine Loss-Reihe.</translation>
    </message>
    <message>
        <source>Cannot fit on %1: %2</source>
        <translation>Anpassung an %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>%1 is fitted on %2 from the next fit (Ctrl+F).</source>
        <translation>%1 wird ab der nächsten Anpassung (Ctrl+F) an %2 angepasst.</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>hold-out</source>
        <translation>Holdout</translation>
    </message>
    <message>
        <source>fit on</source>
        <translation>angepasst</translation>
    </message>
    <message>
        <source>
The fit uses this series.</source>
        <translation>
Die Anpassung verwendet diese Reihe.</translation>
    </message>
    <message>
        <source>
Tick to draw it; right-click → Fit on This Series to fit on it.</source>
        <translation>
Ankreuzen, um sie zu zeichnen; Rechtsklick → An diese Reihe anpassen, um an sie anzupassen.</translation>
    </message>
    <message>
        <source>
Tick to draw it.</source>
        <translation>
Ankreuzen, um sie zu zeichnen.</translation>
    </message>
    <message>
        <source>%1 holds the loss of %2 but no learning rate. Double-click to give the learning-rate column or the schedule the runs were trained with.</source>
        <translation>%1 enthält den Loss (%2), aber keine Lernrate. Doppelklicken, um die Lernraten-Spalte oder den Zeitplan anzugeben, mit dem die Läufe trainiert wurden.</translation>
    </message>
    <message>
        <source>needs LR</source>
        <translation>LR fehlt</translation>
    </message>
    <message>
        <source>loss only</source>
        <translation>nur Loss</translation>
    </message>
    <message>
        <source>No law selected: the engine has no curve law registered.</source>
        <translation>Kein Gesetz gewählt: Die Engine hat kein Kurvengesetz registriert.</translation>
    </message>
    <message>
        <source>Every parameter is fixed: untick Fixed for at least one to fit.</source>
        <translation>Alle Parameter sind fest: Entfernen Sie bei mindestens einem das Häkchen „Fest“, um anzupassen.</translation>
    </message>
    <message>
        <source>Nothing to fit: open a run and tick &quot;Fit on&quot; for at least one.</source>
        <translation>Nichts anzupassen: Öffnen Sie einen Lauf und kreuzen Sie bei mindestens einem „Anpassen an“ an.</translation>
    </message>
    <message numerus="yes">
        <source>Not fitted: the runs ticked for fitting have %n point(s), but %1 has %2 parameters, so the fit would be degenerate (it needs at least %3 points). Tick longer runs.</source>
        <translation>
            <numerusform>Nicht angepasst: Die zur Anpassung angekreuzten Läufe haben %n Punkt, aber %1 hat %2 Parameter, die Anpassung wäre also entartet (sie braucht mindestens %3 Punkte). Kreuzen Sie längere Läufe an.</numerusform>
            <numerusform>Nicht angepasst: Die zur Anpassung angekreuzten Läufe haben %n Punkte, aber %1 hat %2 Parameter, die Anpassung wäre also entartet (sie braucht mindestens %3 Punkte). Kreuzen Sie längere Läufe an.</numerusform>
        </translation>
    </message>
    <message>
        <source>the largest law</source>
        <translation>das größte Gesetz</translation>
    </message>
    <message numerus="yes">
        <source>Fitting every law on %n run(s)…</source>
        <translation>
            <numerusform>Passe jedes Gesetz an %n Lauf an…</numerusform>
            <numerusform>Passe jedes Gesetz an %n Läufe an…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting %1 on %n run(s)…</source>
        <translation>
            <numerusform>Passe %1 an %n Lauf an…</numerusform>
            <numerusform>Passe %1 an %n Läufe an…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit finished.</source>
        <translation>Anpassung abgeschlossen.</translation>
    </message>
    <message>
        <source>Fit failed: %1</source>
        <translation>Anpassung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Fitted %1 in %2 s: %3. The Scenarios dock now predicts each schedule&apos;s loss: pick one, change its form or drag its points on the LR plot.</source>
        <translation>%1 in %2 s angepasst: %3. Der Bereich Szenarien sagt jetzt den Loss jedes Zeitplans vorher: Wählen Sie einen, ändern Sie seine Form oder ziehen Sie seine Punkte im LR-Diagramm.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 on %n run(s) in %3 s, %4 starts, final cost %5%6</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 an %n Lauf in %3 s, %4 Starts, Endkosten %5%6</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 an %n Läufen in %3 s, %4 Starts, Endkosten %5%6</numerusform>
        </translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>Holdout</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation>%1 (%2 %3)</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>Anpassung</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>%1 residual</source>
        <translation>%1 Residuum</translation>
    </message>
    <message>
        <source>No LR logged:
double-click the run in the Runs dock
to give its schedule</source>
        <translation>Keine LR protokolliert:
Doppelklick auf den Lauf im Bereich Läufe,
um seinen Zeitplan anzugeben</translation>
    </message>
    <message>
        <source>&lt;b&gt;Give the learning rate first.&lt;/b&gt; The open runs log no LR: double-click one in the Runs dock to give the schedule it was trained with; scenarios start from it.</source>
        <translation>&lt;b&gt;Geben Sie zuerst die Lernrate an.&lt;/b&gt; Die geöffneten Läufe protokollieren keine LR: Doppelklicken Sie einen im Bereich Läufe, um den Zeitplan anzugeben, mit dem er trainiert wurde; Szenarien gehen davon aus.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open a run to start&lt;/b&gt; (File → Open, or drop a log on the window). Scenarios are &quot;what if&quot; schedules: once a law is fitted to your runs, each one shows its predicted loss.</source>
        <translation>&lt;b&gt;Öffnen Sie zum Start einen Lauf&lt;/b&gt; (Datei → Öffnen, oder ein Protokoll auf das Fenster ziehen). Szenarien sind „Was-wäre-wenn“-Zeitpläne: Sobald ein Gesetz an Ihre Läufe angepasst ist, zeigt jedes seinen vorhergesagten Loss.</translation>
    </message>
    <message>
        <source>dashed: %1 fit (train) / prediction (held out)</source>
        <translation>gestrichelt: %1-Anpassung (Training) / Vorhersage (Holdout)</translation>
    </message>
    <message>
        <source>There is no fit to export yet.</source>
        <translation>Es gibt noch keine Anpassung zum Exportieren.</translation>
    </message>
    <message>
        <source>Open runs</source>
        <translation>Läufe öffnen</translation>
    </message>
    <message>
        <source>Training logs (*.csv *.tsv *.txt *.log *.json *.jsonl);;All files (*)</source>
        <translation>Trainingsprotokolle (*.csv *.tsv *.txt *.log *.json *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export size</source>
        <translation>Exportgröße</translation>
    </message>
    <message>
        <source>Width × height in pixels:</source>
        <translation>Breite × Höhe in Pixeln:</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export parameters</source>
        <translation>Parameter exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Saved %1 (readable by losscast-cli predict --params)</source>
        <translation>%1 gespeichert (lesbar mit losscast-cli predict --params)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Parameters written to %1</source>
        <translation>Parameter nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Export predicted curves</source>
        <translation>Vorhergesagte Kurven exportieren</translation>
    </message>
    <message>
        <source>Choose one experiments CSV, or a mixture CSV and a loss CSV.</source>
        <translation>Wählen Sie eine Experiment-CSV, oder eine Mischungs-CSV und eine Loss-CSV.</translation>
    </message>
    <message>
        <source>%1: a mixture file without losses: open it together with its loss file (an index column, then one &lt;domain&gt;_loss column per validation domain)</source>
        <translation>%1: eine Mischungsdatei ohne Loss-Werte: Öffnen Sie sie zusammen mit ihrer Loss-Datei (eine Indexspalte, dann je Validierungsdomäne eine Spalte &lt;domain&gt;_loss)</translation>
    </message>
    <message>
        <source>Open AutoScale optima (label, total tokens, one column per domain) or perturbation runs</source>
        <translation>AutoScale-Optima (Bezeichnung, Tokens gesamt, eine Spalte je Domäne) oder Perturbationsläufe öffnen</translation>
    </message>
    <message>
        <source>AutoScale DDO</source>
        <translation>AutoScale DDO</translation>
    </message>
    <message>
        <source>Total training tokens of these perturbation runs (in the unit of your optima, e.g. B):</source>
        <translation>Trainings-Tokens insgesamt dieser Perturbationsläufe (in der Einheit Ihrer Optima, z. B. B):</translation>
    </message>
    <message>
        <source>AutoScale</source>
        <translation>AutoScale</translation>
    </message>
    <message>
        <source>%1: not an AutoScale file: expected optima (a label column source/label/scale/name, a total* column, one token column per domain) or perturbation runs (perturbed_domain, a *multiplier* column and perplexities or losses)</source>
        <translation>%1: keine AutoScale-Datei: erwartet werden Optima (eine Bezeichnungsspalte source/label/scale/name, eine Spalte total*, eine Token-Spalte je Domäne) oder Perturbationsläufe (perturbed_domain, eine Spalte *multiplier* und Perplexitäten oder Loss-Werte)</translation>
    </message>
    <message>
        <source>AutoScale: DDO optimum at %1 tokens from %2 added.</source>
        <translation>AutoScale: DDO-Optimum bei %1 Tokens aus %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Change baseline</source>
        <translation>Referenz ändern</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>Szenario %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Remove scenario &quot;%1&quot;</source>
        <translation>Szenario „%1“ entfernen</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Szenario umbenennen</translation>
    </message>
    <message>
        <source>Edit schedule of &quot;%1&quot;</source>
        <translation>Zeitplan von „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Optimising the schedule: %1</source>
        <translation>Optimiere den Zeitplan: %1</translation>
    </message>
    <message>
        <source>Schedule search cancelled.</source>
        <translation>Zeitplansuche abgebrochen.</translation>
    </message>
    <message>
        <source>Schedule search failed: %1</source>
        <translation>Zeitplansuche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Optimised (%1)</source>
        <translation>Optimiert (%1)</translation>
    </message>
    <message>
        <source>%1 (%2 prediction)</source>
        <translation>%1 (%2-Vorhersage)</translation>
    </message>
    <message>
        <source>Add scenario &quot;%1&quot;</source>
        <translation>Szenario „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>Point not moved: %1</source>
        <translation>Punkt nicht verschoben: %1</translation>
    </message>
    <message>
        <source>Step %1, LR %2: predicted final loss %3</source>
        <translation>Schritt %1, LR %2: vorhergesagter End-Loss %3</translation>
    </message>
    <message>
        <source>Step %1, LR %2</source>
        <translation>Schritt %1, LR %2</translation>
    </message>
    <message>
        <source>Move point of &quot;%1&quot;</source>
        <translation>Punkt von „%1“ verschieben</translation>
    </message>
    <message>
        <source>Point not added: %1</source>
        <translation>Punkt nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Add point to &quot;%1&quot;</source>
        <translation>Punkt zu „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>A custom schedule keeps at least two points.</source>
        <translation>Ein eigener Zeitplan behält mindestens zwei Punkte.</translation>
    </message>
    <message>
        <source>Point not removed: %1</source>
        <translation>Punkt nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Remove point of &quot;%1&quot;</source>
        <translation>Punkt von „%1“ entfernen</translation>
    </message>
    <message>
        <source>Fit a law first: the search minimises its predicted final loss.</source>
        <translation>Passen Sie zuerst ein Gesetz an: Die Suche minimiert dessen vorhergesagten End-Loss.</translation>
    </message>
    <message>
        <source>Cannot optimise &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht optimiert werden: %2</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>suche</translation>
    </message>
    <message>
        <source>Set %1 = %2</source>
        <translation>%1 = %2 setzen</translation>
    </message>
    <message>
        <source>%1: law &quot;%2&quot; is not available</source>
        <translation>%1: Gesetz „%2“ ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Parameters read from %1</source>
        <translation>Parameter aus %1 gelesen</translation>
    </message>
    <message>
        <source>&amp;New Session</source>
        <translation>&amp;Neue Sitzung</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>S&amp;itzung öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>;;All files (*)</source>
        <translation>;;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Sa&amp;ve Session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Locate Missing Files…</source>
        <translation>Fehlende &amp;Dateien suchen…</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Locate file</source>
        <translation>Datei suchen</translation>
    </message>
    <message>
        <source>Open &amp;Example Session</source>
        <translation>&amp;Beispielsitzung öffnen</translation>
    </message>
    <message>
        <source>The example session is not installed.</source>
        <translation>Die Beispielsitzung ist nicht installiert.</translation>
    </message>
    <message>
        <source>The bundled 25M runs with the MPL fit and two schedule scenarios</source>
        <translation>Die mitgelieferten 25M-Läufe mit der MPL-Anpassung und zwei Zeitplan-Szenarien</translation>
    </message>
    <message>
        <source>%1[*] — LossCast</source>
        <translation>%1[*] — LossCast</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The session &quot;%1&quot; has unsaved changes. Save them?</source>
        <translation>Die Sitzung „%1“ hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>Sitzung in %1 gespeichert</translation>
    </message>
    <message>
        <source>Could not open the session; the current document is unchanged.</source>
        <translation>Die Sitzung konnte nicht geöffnet werden; das aktuelle Dokument ist unverändert.</translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation>Fehlende Dateien</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of this session could not be found. Everything else (scenarios, parameters, the saved fit) is open; the missing runs come back once you locate their files.</source>
        <translation>
            <numerusform>%n Datei dieser Sitzung wurde nicht gefunden. Alles andere (Szenarien, Parameter, die gespeicherte Anpassung) ist geöffnet; die fehlenden Läufe kehren zurück, sobald Sie ihre Dateien finden.</numerusform>
            <numerusform>%n Dateien dieser Sitzung wurden nicht gefunden. Alles andere (Szenarien, Parameter, die gespeicherte Anpassung) ist geöffnet; die fehlenden Läufe kehren zurück, sobald Sie ihre Dateien finden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>New session. Open runs with File → Open or drop them on the window.</source>
        <translation>Neue Sitzung. Öffnen Sie Läufe mit Datei → Öffnen oder ziehen Sie sie auf das Fenster.</translation>
    </message>
    <message>
        <source>%1: no run could be read from it</source>
        <translation>%1: Es konnte kein Lauf daraus gelesen werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: fit.law: law &quot;%2&quot; is not available</source>
        <translation>%1: fit.law: Gesetz „%2“ ist nicht verfügbar</translation>
    </message>
    <message>
        <source> — its runs are shown as they are now; the saved fit was made on the old data (Fit again to update it)</source>
        <translation> — die Läufe werden im jetzigen Zustand gezeigt; die gespeicherte Anpassung beruht auf den alten Daten (zum Aktualisieren erneut anpassen)</translation>
    </message>
    <message>
        <source>%1 could not be read</source>
        <translation>%1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Mixture experiments: %1</source>
        <translation>Mischungsexperimente: %1</translation>
    </message>
    <message>
        <source>Fit saved with the session</source>
        <translation>Mit der Sitzung gespeicherte Anpassung</translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened with %n problem(s): %2</source>
        <translation>
            <numerusform>Sitzung %1 mit %n Problem geöffnet: %2</numerusform>
            <numerusform>Sitzung %1 mit %n Problemen geöffnet: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened: %n run(s)%2.</source>
        <translation>
            <numerusform>Sitzung %1 geöffnet: %n Lauf%2.</numerusform>
            <numerusform>Sitzung %1 geöffnet: %n Läufe%2.</numerusform>
        </translation>
    </message>
    <message>
        <source>, saved %1 fit shown (not refitted)</source>
        <translation>, gespeicherte %1-Anpassung angezeigt (nicht neu angepasst)</translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) need attention</source>
        <translation>
            <numerusform>%n Sitzungsdatei braucht Aufmerksamkeit</numerusform>
            <numerusform>%n Sitzungsdateien brauchen Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message>
        <source>
Double-click to locate the file.</source>
        <translation>
Doppelklick, um die Datei zu suchen.</translation>
    </message>
    <message>
        <source>No missing file %1.</source>
        <translation>Keine fehlende Datei %1.</translation>
    </message>
    <message>
        <source>%1 located at %2.</source>
        <translation>%1 unter %2 gefunden.</translation>
    </message>
    <message>
        <source>%1: cannot lock the recovery copy</source>
        <translation>%1: Die Wiederherstellungskopie kann nicht gesperrt werden</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>Recover session</source>
        <translation>Sitzung wiederherstellen</translation>
    </message>
    <message>
        <source>LossCast did not close cleanly. A recovery copy of %1 from %2 exists. Restore it?</source>
        <translation>LossCast wurde nicht ordnungsgemäß beendet. Es gibt eine Wiederherstellungskopie von %1 vom %2. Wiederherstellen?</translation>
    </message>
    <message>
        <source>an unsaved session</source>
        <translation>einer ungespeicherten Sitzung</translation>
    </message>
    <message numerus="yes">
        <source>Opened the bundled %1 example: fitting on %n run(s) (MPL protocol), holding out %2.</source>
        <translation>
            <numerusform>Mitgeliefertes %1-Beispiel geöffnet: Anpassung an %n Lauf (MPL-Protokoll), %2 zurückgehalten.</numerusform>
            <numerusform>Mitgeliefertes %1-Beispiel geöffnet: Anpassung an %n Läufe (MPL-Protokoll), %2 zurückgehalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n point(s), steps %2–%3, warmup %4 steps</source>
        <translation>
            <numerusform>%1
%n Punkt, Schritte %2–%3, Warmup %4 Schritte</numerusform>
            <numerusform>%1
%n Punkte, Schritte %2–%3, Warmup %4 Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), steps %2–%3, last value %4</source>
        <translation>
            <numerusform>%1: %n Punkt, Schritte %2–%3, letzter Wert %4</numerusform>
            <numerusform>%1: %n Punkte, Schritte %2–%3, letzter Wert %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AutoScale optima: %n row(s) from %1.</source>
        <translation>
            <numerusform>AutoScale-Optima: %n Zeile aus %1.</numerusform>
            <numerusform>AutoScale-Optima: %n Zeilen aus %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: fitting %n domain(s) and optimising (DDO)…</source>
        <translation>
            <numerusform>%1: passe %n Domäne an und optimiere (DDO)…</numerusform>
            <numerusform>%1: passe %n Domänen an und optimiere (DDO)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fitting the mixture models on %1…</source>
        <translation>Mischungsmodelle werden an %1 angepasst…</translation>
    </message>
    <message numerus="yes">
        <source>Mixture models fitted on %n run(s) in %1 s; using the %2.</source>
        <translation>
            <numerusform>Mischungsmodelle an %n Lauf in %1 s angepasst; verwendet wird das %2.</numerusform>
            <numerusform>Mischungsmodelle an %n Läufen in %1 s angepasst; verwendet wird das %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>implicit model (Gaussian process)</source>
        <translation>implizite Modell (Gauß-Prozess)</translation>
    </message>
    <message>
        <source>mixing law</source>
        <translation>Mischungsgesetz</translation>
    </message>
    <message>
        <source>The mixture-model fit gave no usable model.</source>
        <translation>Die Anpassung der Mischungsmodelle ergab kein brauchbares Modell.</translation>
    </message>
    <message>
        <source>Implicit model: %1</source>
        <translation>Implizites Modell: %1</translation>
    </message>
    <message>
        <source>Searching the mixtures within the caps…</source>
        <translation>Mischungen innerhalb der Obergrenzen werden durchsucht…</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>Read files outside the session&apos;s folder?</source>
        <translation>Dateien außerhalb des Sitzungsordners lesen?</translation>
    </message>
    <message>
        <source>The session %1 reads these files, which lie outside its folder:

%2

Read them only if you trust the session. Otherwise it opens without them.</source>
        <translation>Die Sitzung %1 liest diese Dateien, die außerhalb ihres Ordners liegen:

%2

Lesen Sie sie nur, wenn Sie der Sitzung vertrauen. Andernfalls wird sie ohne sie geöffnet.</translation>
    </message>
    <message>
        <source>Read Them</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Open Without Them</source>
        <translation>Ohne sie öffnen</translation>
    </message>
    <message>
        <source>%1 is outside the session&apos;s folder and was not read</source>
        <translation>%1 liegt außerhalb des Sitzungsordners und wurde nicht gelesen</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;The law does not describe these runs (mean R² %1 on the fitted runs): its predictions mean little. Is the fitted series a training loss that falls as the LR area grows?&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;Das Gesetz beschreibt diese Läufe nicht (mittleres R² %1 auf den angepassten Läufen): Seine Vorhersagen sagen wenig aus. Ist die angepasste Reihe ein Trainings-Loss, der mit wachsender LR-Fläche fällt?&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No run of %1 could be read with these settings.</source>
        <translation>Mit diesen Einstellungen konnte kein Lauf aus %1 gelesen werden.</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>auto (from the LR)</source>
        <translation>automatisch (aus der LR)</translation>
    </message>
    <message>
        <source>The warmup of the fit and of every scenario: steps of linear warmup from LR 0. auto: the steps before a file&apos;s first logged row, or up to where a logged LR ramp reaches its peak. Changing it applies to the open runs and the scenarios; refit to use it.</source>
        <translation>Der Warmup der Anpassung und jedes Szenarios: Schritte linearen Warmups ab LR 0. automatisch: die Schritte vor der ersten protokollierten Zeile einer Datei oder bis zu der Stelle, an der eine protokollierte LR-Rampe ihre Spitze erreicht. Eine Änderung gilt für die offenen Läufe und die Szenarien; passen Sie neu an, um sie zu verwenden.</translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s) for the fit and the scenarios</source>
        <translation>
            <numerusform>Warmup %n Schritt für die Anpassung und die Szenarien</numerusform>
            <numerusform>Warmup %n Schritte für die Anpassung und die Szenarien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s): refit (Ctrl+F) to use it.</source>
        <translation>
            <numerusform>Warmup %n Schritt: neu anpassen (Ctrl+F), um ihn zu verwenden.</numerusform>
            <numerusform>Warmup %n Schritte: neu anpassen (Ctrl+F), um ihn zu verwenden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigener</translation>
    </message>
    <message>
        <source>%1k</source>
        <translation>%1k</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <source>Cosine %1</source>
        <translation>Kosinus %1</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>exponentiell</translation>
    </message>
    <message>
        <source>1−sqrt</source>
        <translation>1−sqrt</translation>
    </message>
    <message>
        <source>WSD %1% %2</source>
        <translation>WSD %1% %2</translation>
    </message>
    <message>
        <source>Constant %1</source>
        <translation>Konstant %1</translation>
    </message>
    <message>
        <source>Linear decay %1</source>
        <translation>Linear abklingend %1</translation>
    </message>
    <message>
        <source>%1, edited</source>
        <translation>%1, bearbeitet</translation>
    </message>
    <message>
        <source>No LR: double-click to give it</source>
        <translation>Keine LR: doppelklicken, um sie anzugeben</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) while reading: see ⚠ in the Runs dock.</source>
        <translation>
            <numerusform>%n Warnung beim Lesen: siehe ⚠ im Bereich Läufe.</numerusform>
            <numerusform>%n Warnungen beim Lesen: siehe ⚠ im Bereich Läufe.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>Skalierung</translation>
    </message>
    <message>
        <source>Export scaling plot</source>
        <translation>Skalierungsdiagramm exportieren</translation>
    </message>
    <message>
        <source>Export scaling fit</source>
        <translation>Skalierungsanpassung exportieren</translation>
    </message>
    <message>
        <source>Saved %1 (readable by losscast-cli scale optimal --fit)</source>
        <translation>%1 gespeichert (lesbar mit losscast-cli scale optimal --fit)</translation>
    </message>
    <message>
        <source>Scaling law L(N, D) fitted: see the Scaling view.</source>
        <translation>Skalierungsgesetz L(N, D) angepasst: siehe die Ansicht Skalierung.</translation>
    </message>
    <message>
        <source>Open a runs table (one row per run: N, D or FLOPs, final loss)</source>
        <translation>Lauftabelle öffnen (eine Zeile pro Lauf: N, D oder FLOPs, End-Loss)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open some runs first: one row per run (its final loss and tokens) goes into the table.</source>
        <translation>Öffnen Sie zuerst Läufe: jeder Lauf (End-Loss und Tokens) wird eine Zeile der Tabelle.</translation>
    </message>
    <message>
        <source>Built from the opened runs: final loss of each; D from its tokens, else last step × tokens per step; N from its name, else type it in.</source>
        <translation>Aus den geöffneten Läufen: jeweils der End-Loss; D aus den Tokens des Laufs, sonst letzter Schritt × Tokens pro Schritt; N aus dem Namen, sonst bitte eintragen.</translation>
    </message>
    <message>
        <source>No scaling fit to export yet.</source>
        <translation>Noch keine Skalierungsanpassung zum Exportieren.</translation>
    </message>
    <message>
        <source>Scaling runs table %1 was not found</source>
        <translation>Lauftabelle der Skalierung %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>Scaling runs table: %1</source>
        <translation>Lauftabelle der Skalierung: %1</translation>
    </message>
    <message>
        <source>Curve at a model size: %1</source>
        <translation>Kurve bei einer Modellgröße: %1</translation>
    </message>
    <message>
        <source>The size-aware fit failed.</source>
        <translation>Die größenabhängige Anpassung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 fitted on sizes %2 in %3 s.</source>
        <translation>%1 an die Größen %2 angepasst in %3 s.</translation>
    </message>
    <message>
        <source>Size-aware fit cancelled.</source>
        <translation>Größenabhängige Anpassung abgebrochen.</translation>
    </message>
    <message>
        <source>%1 is not a size-aware curve law.</source>
        <translation>%1 ist kein größenabhängiges Kurvengesetz.</translation>
    </message>
    <message>
        <source>A size-aware law needs runs of two or more model sizes (found %1). Give each run&apos;s N in the table (From Opened Runs, then type it) or name the runs by size (25M_…).%2</source>
        <translation>Ein größenabhängiges Gesetz braucht Läufe von zwei oder mehr Modellgrößen (gefunden: %1). Geben Sie das N jedes Laufs in der Tabelle an (Aus geöffneten Läufen, dann eintragen) oder benennen Sie die Läufe nach Größe (25M_…).%2</translation>
    </message>
    <message>
        <source> Without N: %1.</source>
        <translation> Ohne N: %1.</translation>
    </message>
    <message>
        <source>Fitting %1 on the opened runs…</source>
        <translation>%1 wird an die geöffneten Läufe angepasst…</translation>
    </message>
    <message>
        <source>Fitting %1</source>
        <translation>%1 wird angepasst</translation>
    </message>
    <message>
        <source>%1 at N = %2 (%3 prediction)</source>
        <translation>%1 bei N = %2 (%3-Vorhersage)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>%1 is not open: open it first (File → Open), or use File → Follow….</source>
        <translation>%1 ist nicht geöffnet: zuerst öffnen (Datei → Öffnen) oder Datei → Verfolgen… verwenden.</translation>
    </message>
    <message>
        <source>%1 is no longer followed.</source>
        <translation>%1 wird nicht mehr verfolgt.</translation>
    </message>
    <message>
        <source>Following %1: new points are drawn as the job writes them. Give the planned schedule in the Forecast dock to forecast the final loss.</source>
        <translation>%1 wird verfolgt: neue Punkte werden gezeichnet, sobald der Job sie schreibt. Geben Sie im Dock „Prognose“ den geplanten Zeitplan an, um den End-Loss zu prognostizieren.</translation>
    </message>
    <message>
        <source>Following %1: new points are drawn as the job writes them and the final loss is forecast.</source>
        <translation>%1 wird verfolgt: neue Punkte werden gezeichnet, sobald der Job sie schreibt, und der End-Loss wird prognostiziert.</translation>
    </message>
    <message>
        <source>Forecasting %1…</source>
        <translation>Prognose für %1…</translation>
    </message>
    <message>
        <source>%1 is not followed.</source>
        <translation>%1 wird nicht verfolgt.</translation>
    </message>
    <message>
        <source>Forecasting the final loss of %1 at step %2 of the planned schedule.</source>
        <translation>Der End-Loss von %1 wird bei Schritt %2 des geplanten Zeitplans prognostiziert.</translation>
    </message>
    <message>
        <source>Forecast pinned at step %1: a banner warns when the measured loss leaves its band for %2 points in a row.</source>
        <translation>Prognose bei Schritt %1 fixiert: ein Banner warnt, wenn der gemessene Loss %2 Punkte in Folge außerhalb ihres Bands liegt.</translation>
    </message>
    <message>
        <source>⚠ %1 left the pinned forecast&apos;s band at step %2: the measured loss is above it for %3 points in a row (divergence or a loss spike?).</source>
        <translation>⚠ %1 hat das Band der fixierten Prognose bei Schritt %2 verlassen: der gemessene Loss liegt %3 Punkte in Folge darüber (Divergenz oder Loss-Spitze?).</translation>
    </message>
    <message>
        <source>⚠ %1 left the pinned forecast&apos;s band at step %2: the measured loss is below it for %3 points in a row (better than forecast).</source>
        <translation>⚠ %1 hat das Band der fixierten Prognose bei Schritt %2 verlassen: der gemessene Loss liegt %3 Punkte in Folge darunter (besser als prognostiziert).</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), last step %2.</source>
        <translation>
            <numerusform>%1: %n Punkt, letzter Schritt %2.</numerusform>
            <numerusform>%1: %n Punkte, letzter Schritt %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read it now: %1</source>
        <translation>Derzeit nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Give the planned schedule (a preset or a spec) to forecast the final loss.</source>
        <translation>Geben Sie den geplanten Zeitplan an (Vorlage oder Spezifikation), um den End-Loss zu prognostizieren.</translation>
    </message>
    <message>
        <source>%1 (planned)</source>
        <translation>%1 (geplant)</translation>
    </message>
    <message>
        <source>%1 (pinned forecast, step %2)</source>
        <translation>%1 (fixierte Prognose, Schritt %2)</translation>
    </message>
    <message>
        <source>%1 (live %2 forecast)</source>
        <translation>%1 (laufende %2-Prognose)</translation>
    </message>
    <message>
        <source>Follow This File</source>
        <translation>Diese Datei verfolgen</translation>
    </message>
    <message>
        <source>Read the lines the training job appends, draw them and forecast the final loss</source>
        <translation>Die vom Trainingsjob angehängten Zeilen lesen, zeichnen und den End-Loss prognostizieren</translation>
    </message>
    <message>
        <source>Follow a training log</source>
        <translation>Ein Trainings-Log verfolgen</translation>
    </message>
    <message>
        <source>Training logs (*.csv *.tsv *.jsonl *.json *.log *.txt);;All files (*)</source>
        <translation>Trainings-Logs (*.csv *.tsv *.jsonl *.json *.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>F&amp;ollow…</source>
        <translation>&amp;Verfolgen…</translation>
    </message>
    <message>
        <source>%1 · following</source>
        <translation>%1 · verfolgt</translation>
    </message>
    <message>
        <source>Auto — fit each law, keep the one that forecasts best</source>
        <translation>Automatisch — jedes Gesetz anpassen, das mit der besten Vorhersage behalten</translation>
    </message>
    <message>
        <source>%1: no runs with curves in this file</source>
        <translation>%1: keine Läufe mit Kurven in dieser Datei</translation>
    </message>
</context>
<context>
    <name>losscast::app::MappingDialog</name>
    <message>
        <source>Learning rate for %1</source>
        <translation>Lernrate für %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;The scaling laws predict the loss from the learning rate of every step. Pick the column that holds it, or describe the schedule the runs were trained with (from your training config).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Skalierungsgesetze sagen den Loss aus der Lernrate jedes Schritts vorher. Wählen Sie die Spalte, die sie enthält, oder beschreiben Sie den Zeitplan, mit dem die Läufe trainiert wurden (aus Ihrer Trainingskonfiguration).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loss column:</source>
        <translation>Loss-Spalte:</translation>
    </message>
    <message>
        <source>(not logged: use the schedule below)</source>
        <translation>(nicht protokolliert: Zeitplan unten verwenden)</translation>
    </message>
    <message>
        <source>Learning-rate column:</source>
        <translation>Lernraten-Spalte:</translation>
    </message>
    <message>
        <source>Schedule the runs were trained with</source>
        <translation>Zeitplan, mit dem die Läufe trainiert wurden</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>WSD (warmup-stable-decay)</source>
        <translation>WSD (Warmup–konstant–Abklingen)</translation>
    </message>
    <message>
        <source>Linear decay</source>
        <translation>Lineares Abklingen</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>The learning rate after the warmup (nanoGPT: learning_rate; HF: learning_rate)</source>
        <translation>Die Lernrate nach dem Warmup (nanoGPT: learning_rate; HF: learning_rate)</translation>
    </message>
    <message>
        <source>Peak LR:</source>
        <translation>Spitzen-LR:</translation>
    </message>
    <message>
        <source>The learning rate at the last step (nanoGPT: min_lr)</source>
        <translation>Die Lernrate im letzten Schritt (nanoGPT: min_lr)</translation>
    </message>
    <message>
        <source>Final LR:</source>
        <translation>End-LR:</translation>
    </message>
    <message>
        <source>Steps of linear warmup from 0 (nanoGPT: warmup_iters)</source>
        <translation>Schritte des linearen Warmups ab 0 (nanoGPT: warmup_iters)</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>Warmup-Schritte:</translation>
    </message>
    <message>
        <source>Total steps:</source>
        <translation>Schritte gesamt:</translation>
    </message>
    <message>
        <source>WSD: the share of the total steps spent decaying to the final LR</source>
        <translation>WSD: der Anteil der Schritte, in dem die LR auf die End-LR abklingt</translation>
    </message>
    <message>
        <source>Decay fraction:</source>
        <translation>Abklinganteil:</translation>
    </message>
    <message>
        <source>The same schedule for losscast-cli --schedule</source>
        <translation>Derselbe Zeitplan für losscast-cli --schedule</translation>
    </message>
    <message>
        <source>As text:</source>
        <translation>Als Text:</translation>
    </message>
    <message>
        <source>Open with this schedule</source>
        <translation>Mit diesem Zeitplan öffnen</translation>
    </message>
    <message>
        <source>Peak LR: write a positive number such as 3e-4.</source>
        <translation>Spitzen-LR: Geben Sie eine positive Zahl wie 3e-4 ein.</translation>
    </message>
    <message>
        <source>Final LR: write a number such as 3e-5 (0 is allowed).</source>
        <translation>End-LR: Geben Sie eine Zahl wie 3e-5 ein (0 ist erlaubt).</translation>
    </message>
    <message>
        <source>Final LR is above the peak LR.</source>
        <translation>Die End-LR liegt über der Spitzen-LR.</translation>
    </message>
    <message>
        <source>The warmup must be shorter than the total steps.</source>
        <translation>Der Warmup muss kürzer als die Gesamtzahl der Schritte sein.</translation>
    </message>
    <message>
        <source>Total steps must reach the longest run&apos;s last step (%1).</source>
        <translation>Die Gesamtschritte müssen den letzten Schritt des längsten Laufs erreichen (%1).</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>The planned length of the schedule (nanoGPT: lr_decay_iters or max_iters). Runs that stopped earlier use its first steps; it must reach the longest run&apos;s last step.</source>
        <translation>Die geplante Länge des Zeitplans (nanoGPT: lr_decay_iters oder max_iters). Früher beendete Läufe verwenden seine ersten Schritte; er muss den letzten Schritt des längsten Laufs erreichen.</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::CptView</name>
    <message>
        <source>Optimise</source>
        <translation>Optimieren</translation>
    </message>
    <message>
        <source>optimisation failed</source>
        <translation>Optimierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Load CPT fit…</source>
        <translation>CPT-Anpassung laden…</translation>
    </message>
    <message>
        <source>Paper preset</source>
        <translation>Vorgabe aus dem Paper</translation>
    </message>
    <message>
        <source>Save fit…</source>
        <translation>Anpassung speichern…</translation>
    </message>
    <message>
        <source>Write the fits with the PT schedule as a CPT fit file (losscast-cli cpt predict --fit)</source>
        <translation>Die Anpassungen mit dem PT-Zeitplan als CPT-Anpassungsdatei schreiben (losscast-cli cpt predict --fit)</translation>
    </message>
    <message>
        <source>Save CPT fit</source>
        <translation>CPT-Anpassung speichern</translation>
    </message>
    <message>
        <source>CPT fit (*.json)</source>
        <translation>CPT-Anpassung (*.json)</translation>
    </message>
    <message>
        <source>PT steps</source>
        <translation>PT-Schritte</translation>
    </message>
    <message>
        <source>Preset PT</source>
        <translation>PT-Vorgabe</translation>
    </message>
    <message>
        <source>Back to the parametric PT schedule (WSD to the final LR below)</source>
        <translation>Zurück zum parametrischen PT-Zeitplan (WSD bis zur End-LR unten)</translation>
    </message>
    <message>
        <source>PT schedule</source>
        <translation>PT-Zeitplan</translation>
    </message>
    <message>
        <source>PT final LR</source>
        <translation>PT-End-LR</translation>
    </message>
    <message>
        <source>CPT steps</source>
        <translation>CPT-Schritte</translation>
    </message>
    <message>
        <source>CPT peak LR</source>
        <translation>CPT-Spitzen-LR</translation>
    </message>
    <message>
        <source>CPT schedule</source>
        <translation>CPT-Zeitplan</translation>
    </message>
    <message>
        <source>Replay ratio</source>
        <translation>Replay-Anteil</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>Abwägung</translation>
    </message>
    <message>
        <source>λ1 (general weight)</source>
        <translation>λ1 (Gewicht allgemein)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Optimised</source>
        <translation>Optimiert</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>general (D_pt)</source>
        <translation>allgemein (D_pt)</translation>
    </message>
    <message>
        <source>domain (D_cpt)</source>
        <translation>Domäne (D_cpt)</translation>
    </message>
    <message>
        <source>general, hidden PT curve</source>
        <translation>allgemein, verdeckte PT-Kurve</translation>
    </message>
    <message>
        <source>domain, hidden PT curve</source>
        <translation>Domäne, verdeckte PT-Kurve</translation>
    </message>
    <message>
        <source>turning / critical point</source>
        <translation>Wende- / kritischer Punkt</translation>
    </message>
    <message>
        <source>step (drag the CPT schedule&apos;s points)</source>
        <translation>Schritt (Punkte des CPT-Zeitplans ziehen)</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>Drag CPT schedule point</source>
        <translation>CPT-Zeitplanpunkt ziehen</translation>
    </message>
    <message>
        <source>log10 CPT peak LR</source>
        <translation>log10 CPT-Spitzen-LR</translation>
    </message>
    <message>
        <source>replay ratio</source>
        <translation>Replay-Anteil</translation>
    </message>
    <message>
        <source>λ1·ΔL_general + (1−λ1)·ΔL_domain</source>
        <translation>λ1·ΔL_allgemein + (1−λ1)·ΔL_Domäne</translation>
    </message>
    <message>
        <source>Set PT steps</source>
        <translation>PT-Schritte setzen</translation>
    </message>
    <message>
        <source>Set PT final LR</source>
        <translation>PT-End-LR setzen</translation>
    </message>
    <message>
        <source>Set CPT steps</source>
        <translation>CPT-Schritte setzen</translation>
    </message>
    <message>
        <source>Set CPT peak LR</source>
        <translation>CPT-Spitzen-LR setzen</translation>
    </message>
    <message>
        <source>Set CPT schedule shape</source>
        <translation>Form des CPT-Zeitplans setzen</translation>
    </message>
    <message>
        <source>Set replay ratio</source>
        <translation>Replay-Anteil setzen</translation>
    </message>
    <message>
        <source>λ1 = %1, λ2 = %2</source>
        <translation>λ1 = %1, λ2 = %2</translation>
    </message>
    <message>
        <source>Load CPT fit</source>
        <translation>CPT-Anpassung laden</translation>
    </message>
    <message>
        <source>Paper preset: 106M, FineWeb → Knowledge-Pile (Wang et al. 2025, Figs. 3, 19)</source>
        <translation>Vorgabe aus dem Paper: 106M, FineWeb → Knowledge-Pile (Wang et al. 2025, Abb. 3, 19)</translation>
    </message>
    <message>
        <source>%1: the file needs both a general and a domain fit</source>
        <translation>%1: Die Datei braucht eine allgemeine und eine Domänen-Anpassung</translation>
    </message>
    <message>
        <source>Fit: %1</source>
        <translation>Anpassung: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>PT schedule from %1</source>
        <translation>PT-Zeitplan aus %1</translation>
    </message>
    <message>
        <source>Preset PT schedule</source>
        <translation>PT-Zeitplan-Vorgabe</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>preset: warmup, constant, linear decay</source>
        <translation>Vorgabe: Warmup, konstant, lineares Abklingen</translation>
    </message>
    <message>
        <source>%1 (loss potential %2 %)</source>
        <translation>%1 (Loss-Potenzial %2 %)</translation>
    </message>
    <message>
        <source>%1 % PT data in CPT batches</source>
        <translation>%1 % PT-Daten in CPT-Batches</translation>
    </message>
    <message>
        <source>Move CPT schedule point</source>
        <translation>CPT-Zeitplanpunkt verschieben</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>CPT optimisation</source>
        <translation>CPT-Optimierung</translation>
    </message>
    <message>
        <source>Apply optimised CPT scenario</source>
        <translation>Optimiertes CPT-Szenario anwenden</translation>
    </message>
    <message>
        <source>Loss potential</source>
        <translation>Loss-Potenzial</translation>
    </message>
    <message>
        <source>ΔL general</source>
        <translation>ΔL allgemein</translation>
    </message>
    <message>
        <source>ΔL domain</source>
        <translation>ΔL Domäne</translation>
    </message>
    <message>
        <source>Weighted (λ1 = %1)</source>
        <translation>Gewichtet (λ1 = %1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n step(s), peak %2)</source>
        <translation>
            <numerusform>%1 (%n Schritt, Spitze %2)</numerusform>
            <numerusform>%1 (%n Schritte, Spitze %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> turning point, +%n step(s) </source>
        <translation>
            <numerusform> Wendepunkt, +%n Schritt </numerusform>
            <numerusform> Wendepunkt, +%n Schritte </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; back at its switch value after %2 steps (critical point).</source>
        <translation>
            <numerusform>Allgemeiner Loss: +%1 auf dem Höhepunkt, %n CPT-Schritt nach dem Wechsel; nach %2 Schritten wieder auf dem Wert beim Wechsel (kritischer Punkt).</numerusform>
            <numerusform>Allgemeiner Loss: +%1 auf dem Höhepunkt, %n CPT-Schritte nach dem Wechsel; nach %2 Schritten wieder auf dem Wert beim Wechsel (kritischer Punkt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; it does not come back to its switch value within the CPT.</source>
        <translation>
            <numerusform>Allgemeiner Loss: +%1 auf dem Höhepunkt, %n CPT-Schritt nach dem Wechsel; er kehrt innerhalb des CPT nicht auf den Wert beim Wechsel zurück.</numerusform>
            <numerusform>Allgemeiner Loss: +%1 auf dem Höhepunkt, %n CPT-Schritte nach dem Wechsel; er kehrt innerhalb des CPT nicht auf den Wert beim Wechsel zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>val loss (nats)</source>
        <translation>Val.-Loss (nats)</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ForecastPanel</name>
    <message>
        <source>Preset…</source>
        <translation>Vorlage…</translation>
    </message>
    <message>
        <source>Cosine to 10 % of the peak</source>
        <translation>Kosinus auf 10 % des Maximums</translation>
    </message>
    <message>
        <source>WSD, last 20 % linear decay</source>
        <translation>WSD, letzte 20 % linearer Abfall</translation>
    </message>
    <message>
        <source>Linear to 0</source>
        <translation>Linear auf 0</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>Fills the schedule field from the run&apos;s logged peak LR and warmup</source>
        <translation>Füllt das Zeitplanfeld aus der geloggten Spitzen-LR und dem Warmup des Laufs</translation>
    </message>
    <message>
        <source>last step </source>
        <translation>letzter Schritt </translation>
    </message>
    <message>
        <source>The step the run is planned to end at (T)</source>
        <translation>Der Schritt, bei dem der Lauf enden soll (T)</translation>
    </message>
    <message>
        <source>Planned schedule:</source>
        <translation>Geplanter Zeitplan:</translation>
    </message>
    <message>
        <source>The whole planned schedule, as losscast-cli&apos;s --schedule: the logged LR is used up to the last logged step, this schedule after it</source>
        <translation>Der gesamte geplante Zeitplan, wie --schedule von losscast-cli: bis zum letzten geloggten Schritt gilt die geloggte LR, danach dieser Zeitplan</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>e.g. 3.3</source>
        <translation>z. B. 3.3</translation>
    </message>
    <message>
        <source>The forecast says at which step the run reaches this loss</source>
        <translation>Die Prognose nennt den Schritt, bei dem der Lauf diesen Loss erreicht</translation>
    </message>
    <message>
        <source>Target loss:</source>
        <translation>Ziel-Loss:</translation>
    </message>
    <message>
        <source>Pin Forecast</source>
        <translation>Prognose fixieren</translation>
    </message>
    <message>
        <source>Keep this forecast drawn while the live one moves, and warn when the measured loss leaves its band</source>
        <translation>Diese Prognose gezeichnet lassen, während sich die laufende ändert, und warnen, wenn der gemessene Loss ihr Band verlässt</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Following %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 wird verfolgt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;No run followed.&lt;/b&gt; Right-click a run in the Runs dock → Follow, or File → Follow…, to forecast its final loss while it trains.</source>
        <translation>&lt;b&gt;Kein Lauf verfolgt.&lt;/b&gt; Rechtsklick auf einen Lauf im Dock „Läufe“ → Verfolgen, oder Datei → Verfolgen…, um seinen End-Loss während des Trainings zu prognostizieren.</translation>
    </message>
    <message>
        <source>Final loss at step %1: &lt;b&gt;%2&lt;/b&gt; (95 %: %3 – %4)</source>
        <translation>End-Loss bei Schritt %1: &lt;b&gt;%2&lt;/b&gt; (95 %: %3 – %4)</translation>
    </message>
    <message numerus="yes">
        <source>%1 fitted on %n point(s) up to step %2 in %3 s%4</source>
        <translation>
            <numerusform>%1 an %n Punkt bis Schritt %2 angepasst in %3 s%4</numerusform>
            <numerusform>%1 an %n Punkte bis Schritt %2 angepasst in %3 s%4</numerusform>
        </translation>
    </message>
    <message>
        <source>; refitting…</source>
        <translation>; wird neu angepasst…</translation>
    </message>
    <message>
        <source>Fitting…</source>
        <translation>Anpassung läuft…</translation>
    </message>
    <message>
        <source>Target %1 reached at step %2 (forecast).</source>
        <translation>Ziel %1 wird bei Schritt %2 erreicht (Prognose).</translation>
    </message>
    <message>
        <source>Target %1 not reached by step %2 (forecast).</source>
        <translation>Ziel %1 wird bis Schritt %2 nicht erreicht (Prognose).</translation>
    </message>
    <message>
        <source>Pinned at step %1: final loss %2 (95 %: %3 – %4), drawn dash-dotted.</source>
        <translation>Fixiert bei Schritt %1: End-Loss %2 (95 %: %3 – %4), strichpunktiert gezeichnet.</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::MixtureView</name>
    <message>
        <source>&lt;b&gt;domain&lt;/b&gt;</source>
        <translation>&lt;b&gt;Domäne&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;share&lt;/b&gt;</source>
        <translation>&lt;b&gt;Anteil&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;lock&lt;/b&gt;</source>
        <translation>&lt;b&gt;fest&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;cap&lt;/b&gt;</source>
        <translation>&lt;b&gt;Obergrenze&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Optimise within caps</source>
        <translation>Innerhalb der Obergrenzen optimieren</translation>
    </message>
    <message>
        <source>Find the mixture with the lowest predicted overall loss, each domain at most its cap</source>
        <translation>Die Mischung mit dem niedrigsten vorhergesagten Gesamt-Loss finden, jede Domäne höchstens bis zu ihrer Obergrenze</translation>
    </message>
    <message>
        <source>predicted loss (±2σ)</source>
        <translation>vorhergesagter Loss (±2σ)</translation>
    </message>
    <message>
        <source>Predicted loss</source>
        <translation>Vorhergesagter Loss</translation>
    </message>
    <message>
        <source>Ternary</source>
        <translation>Ternär</translation>
    </message>
    <message>
        <source>measured overall loss</source>
        <translation>gemessener Gesamt-Loss</translation>
    </message>
    <message>
        <source>predicted overall loss</source>
        <translation>vorhergesagter Gesamt-Loss</translation>
    </message>
    <message>
        <source>Measured vs predicted</source>
        <translation>Gemessen vs. vorhergesagt</translation>
    </message>
    <message>
        <source>Open AutoScale optima…</source>
        <translation>AutoScale-Optima öffnen…</translation>
    </message>
    <message>
        <source>A CSV of optimal per-domain token counts at two or more scales (rows: label, total tokens, one column per domain), or AutoScale perturbation runs (DDO at one scale)</source>
        <translation>Eine CSV mit optimalen Token-Zahlen je Domäne bei zwei oder mehr Skalen (Zeilen: Bezeichnung, Tokens gesamt, eine Spalte je Domäne) oder AutoScale-Perturbationsläufe (DDO bei einer Skala)</translation>
    </message>
    <message>
        <source>extrapolate from</source>
        <translation>extrapolieren aus</translation>
    </message>
    <message>
        <source>The two optima the AutoScale rule N(s) = N2 ⊙ (N2/N1)^s goes through; scales far apart are a firmer basis than neighbours</source>
        <translation>Die zwei Optima, durch die die AutoScale-Regel N(s) = N2 ⊙ (N2/N1)^s verläuft; weit auseinanderliegende Skalen sind eine sicherere Grundlage als benachbarte</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>Open an AutoScale optima file (e.g. resources/examples/mixing/autoscale_optima_B.csv) or perturbation runs.</source>
        <translation>Öffnen Sie eine AutoScale-Optima-Datei (z. B. resources/examples/mixing/autoscale_optima_B.csv) oder Perturbationsläufe.</translation>
    </message>
    <message>
        <source>total training tokens (log scale, the file&apos;s unit)</source>
        <translation>Trainings-Tokens gesamt (log. Skala, Einheit der Datei)</translation>
    </message>
    <message>
        <source>optimal weight (stacked)</source>
        <translation>optimales Gewicht (gestapelt)</translation>
    </message>
    <message>
        <source>No AutoScale optima loaded</source>
        <translation>Keine AutoScale-Optima geladen</translation>
    </message>
    <message>
        <source>scale (total tokens, log):</source>
        <translation>Skala (Tokens gesamt, log.):</translation>
    </message>
    <message>
        <source>Choose a total training-token count: the optimal domain weights there are listed on the right and marked on the area</source>
        <translation>Wählen Sie eine Gesamtzahl an Trainings-Tokens: Die optimalen Domänengewichte dort stehen rechts und sind in der Fläche markiert</translation>
    </message>
    <message>
        <source>AutoScale</source>
        <translation>AutoScale</translation>
    </message>
    <message>
        <source>Keep this share fixed while others move</source>
        <translation>Diesen Anteil festhalten, während sich die anderen bewegen</translation>
    </message>
    <message>
        <source>Largest share the optimiser may use (available tokens ÷ planned total)</source>
        <translation>Größter Anteil, den der Optimierer verwenden darf (verfügbare Tokens ÷ geplante Gesamtzahl)</translation>
    </message>
    <message>
        <source>overall predicted loss: %1 ± %2 (2σ)</source>
        <translation>vorhergesagter Gesamt-Loss: %1 ± %2 (2σ)</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <source>
measured overall loss %1</source>
        <translation>
gemessener Gesamt-Loss %1</translation>
    </message>
    <message>
        <source>
predicted overall loss %1</source>
        <translation>
vorhergesagter Gesamt-Loss %1</translation>
    </message>
    <message>
        <source>%1
predicted overall loss %2</source>
        <translation>%1
vorhergesagter Gesamt-Loss %2</translation>
    </message>
    <message>
        <source>Open mixture experiments to see the ternary plot</source>
        <translation>Öffnen Sie Mischungsexperimente, um das Ternärdiagramm zu sehen</translation>
    </message>
    <message>
        <source>The ternary plot needs exactly three training domains (this fit has %1)</source>
        <translation>Das Ternärdiagramm braucht genau drei Trainingsdomänen (diese Anpassung hat %1)</translation>
    </message>
    <message>
        <source>overall loss: background predicted, ● measured</source>
        <translation>Gesamt-Loss: Hintergrund vorhergesagt, ● gemessen</translation>
    </message>
    <message>
        <source>100 % %1</source>
        <translation>100 % %1</translation>
    </message>
    <message>
        <source>✶ current mixture · hover for values</source>
        <translation>✶ aktuelle Mischung · Werte beim Darüberfahren</translation>
    </message>
    <message>
        <source>%1: one scale (%2). AutoScale extrapolates from two: open optima at a second scale.</source>
        <translation>%1: eine Skala (%2). AutoScale extrapoliert aus zweien: Öffnen Sie Optima einer zweiten Skala.</translation>
    </message>
    <message>
        <source>Choose two different rows to extrapolate from.</source>
        <translation>Wählen Sie zwei verschiedene Zeilen zum Extrapolieren.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (total %2)&lt;br&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (gesamt %2)&lt;br&gt;</translation>
    </message>
    <message>
        <source>optimal mix at %1 %2 tokens</source>
        <translation>optimale Mischung bei %1 %2 Tokens</translation>
    </message>
    <message>
        <source>other rows of the file</source>
        <translation>weitere Zeilen der Datei</translation>
    </message>
    <message>
        <source>the two rows extrapolated from</source>
        <translation>die zwei Zeilen, aus denen extrapoliert wird</translation>
    </message>
    <message>
        <source>total training tokens, %1 (log scale)</source>
        <translation>Trainings-Tokens gesamt, %1 (log. Skala)</translation>
    </message>
    <message>
        <source>&lt;b&gt;optimal mix at %1 %2tokens&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;optimale Mischung bei %1 %2Tokens&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>nicht erreichbar: %1</translation>
    </message>
    <message numerus="yes">
        <source>◆ measured: the %n run(s) nearest to this mixture (distance %1–%2)</source>
        <translation>
            <numerusform>◆ gemessen: der %n Lauf, der dieser Mischung am nächsten ist (Abstand %1–%2)</numerusform>
            <numerusform>◆ gemessen: die %n Läufe, die dieser Mischung am nächsten sind (Abstand %1–%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n measured run(s), filled with their measured overall loss</source>
        <translation>
            <numerusform>● %n gemessener Lauf, gefüllt mit seinem gemessenen Gesamt-Loss</numerusform>
            <numerusform>● %n gemessene Läufe, gefüllt mit ihrem gemessenen Gesamt-Loss</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n run(s) beyond the colour scale take its end colours)</source>
        <translation>
            <numerusform>(%n Lauf jenseits der Farbskala erhält deren Endfarbe)</numerusform>
            <numerusform>(%n Läufe jenseits der Farbskala erhalten deren Endfarben)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s), %2 domains; the area follows AutoScale&apos;s rule through the two chosen rows; ○ marks every row of the file at its total.</source>
        <translation>
            <numerusform>%1: %n Zeile, %2 Domänen; die Fläche folgt der AutoScale-Regel durch die zwei gewählten Zeilen; ○ markiert jede Zeile der Datei bei ihrer Gesamtzahl.</numerusform>
            <numerusform>%1: %n Zeilen, %2 Domänen; die Fläche folgt der AutoScale-Regel durch die zwei gewählten Zeilen; ○ markiert jede Zeile der Datei bei ihrer Gesamtzahl.</numerusform>
        </translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>The implicit model (a Gaussian process per validation domain) or the data mixing law (Ye et al. 2024); the one marked &quot;chosen&quot; predicts held-out runs best in 5-fold cross-validation</source>
        <translation>Das implizite Modell (ein Gauß-Prozess je Validierungsdomäne) oder das Mischungsgesetz (Ye et al. 2024); das als „gewählt“ markierte sagt in 5-facher Kreuzvalidierung die zurückgehaltenen Läufe am besten vorher</translation>
    </message>
    <message>
        <source>implicit (GP)</source>
        <translation>implizit (GP)</translation>
    </message>
    <message>
        <source>mixing law</source>
        <translation>Mischungsgesetz</translation>
    </message>
    <message>
        <source>Implicit (Gaussian process)</source>
        <translation>Implizit (Gauß-Prozess)</translation>
    </message>
    <message>
        <source>Mixing law (Ye et al. 2024)</source>
        <translation>Mischungsgesetz (Ye et al. 2024)</translation>
    </message>
    <message>
        <source> — chosen</source>
        <translation> — gewählt</translation>
    </message>
    <message>
        <source>%1-fold cross-validation on these runs, mean Spearman over the %2 targets: implicit %3, law %4</source>
        <translation>%1-fache Kreuzvalidierung auf diesen Läufen, mittlerer Spearman über die %2 Zielgrößen: implizit %3, Gesetz %4</translation>
    </message>
    <message>
        <source>One model fitted: %1</source>
        <translation>Ein Modell angepasst: %1</translation>
    </message>
    <message>
        <source>Load an experiments table with losses to compare the model with the measured runs</source>
        <translation>Laden Sie eine Versuchstabelle mit Loss-Werten, um das Modell mit den gemessenen Läufen zu vergleichen</translation>
    </message>
    <message>
        <source>%1: MAE %2, Spearman %3</source>
        <translation>%1: MAE %2, Spearman %3</translation>
    </message>
    <message>
        <source>nearest to the sliders</source>
        <translation>am nächsten an den Schiebereglern</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), each predicted by models fitted without it
(%1-fold cross-validation); dashed: y = x</source>
        <translation>
            <numerusform>%n Lauf, vorhergesagt von Modellen, die ohne ihn angepasst wurden
(%1-fache Kreuzvalidierung); gestrichelt: y = x</numerusform>
            <numerusform>%n Läufe, jeder vorhergesagt von Modellen, die ohne ihn angepasst wurden
(%1-fache Kreuzvalidierung); gestrichelt: y = x</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) (fitted on); dashed: y = x</source>
        <translation>
            <numerusform>%n Lauf (angepasst); gestrichelt: y = x</numerusform>
            <numerusform>%n Läufe (angepasst); gestrichelt: y = x</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ParameterTable</name>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>± std. error</source>
        <translation>± Std.-Fehler</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>Double-click a value to change it and see its effect; tick Fixed to keep it during fits.</source>
        <translation>Doppelklicken Sie einen Wert, um ihn zu ändern und die Wirkung zu sehen; kreuzen Sie „Fest“ an, um ihn bei Anpassungen beizubehalten.</translation>
    </message>
    <message>
        <source>%1 (at a bound; double-click to edit)</source>
        <translation>%1 (an einer Grenze; zum Bearbeiten doppelklicken)</translation>
    </message>
    <message>
        <source>%1 (double-click to edit)</source>
        <translation>%1 (zum Bearbeiten doppelklicken)</translation>
    </message>
    <message>
        <source>at bound</source>
        <translation>an Grenze</translation>
    </message>
    <message>
        <source>%1 % of the value</source>
        <translation>%1 % des Werts</translation>
    </message>
    <message>
        <source>%1
In brackets, %2: that standard error, for reference only; refit with the parameter fixed (tick Fixed) or with more runs to pin it down.</source>
        <translation>%1
In Klammern, %2: dieser Standardfehler, nur zur Orientierung; passen Sie mit festem Parameter (Fest ankreuzen) oder mit mehr Läufen neu an, um ihn festzulegen.</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::PlotPanel</name>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>measured − fit</source>
        <translation>gemessen − Anpassung</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message numerus="yes">
        <source>measured: %n run(s), colours as in the Runs dock</source>
        <translation>
            <numerusform>gemessen: %n Lauf, Farben wie im Bereich Läufe</numerusform>
            <numerusform>gemessen: %n Läufe, Farben wie im Bereich Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source> (LR)</source>
        <translation> (LR)</translation>
    </message>
    <message>
        <source>%1: unknown image format &quot;%2&quot; (use .png, .svg or .pdf)</source>
        <translation>%1: unbekanntes Bildformat „%2“ (verwenden Sie .png, .svg oder .pdf)</translation>
    </message>
    <message>
        <source>%1: could not be written</source>
        <translation>%1: konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ScalingView</name>
    <message>
        <source>Open Runs Table…</source>
        <translation>Lauftabelle öffnen…</translation>
    </message>
    <message>
        <source>A W&amp;B runs-table export or any CSV with one row per run: model size N, training tokens D (or FLOPs), final loss</source>
        <translation>Ein W&amp;B-Export der Lauftabelle oder eine CSV mit einer Zeile pro Lauf: Modellgröße N, Trainings-Tokens D (oder FLOPs), End-Loss</translation>
    </message>
    <message>
        <source>From Opened Runs</source>
        <translation>Aus geöffneten Läufen</translation>
    </message>
    <message>
        <source>One row per opened run: its final loss and tokens; type each run&apos;s model size N into the table</source>
        <translation>Eine Zeile pro geöffnetem Lauf: End-Loss und Tokens; die Modellgröße N jedes Laufs in die Tabelle eintragen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Fit L(N, D) = E + A/N^α + B/D^β to the table as shown</source>
        <translation>L(N, D) = E + A/N^α + B/D^β an die gezeigte Tabelle anpassen</translation>
    </message>
    <message>
        <source>Export Plot…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Export Fit (JSON)…</source>
        <translation>Anpassung exportieren (JSON)…</translation>
    </message>
    <message>
        <source>The fit as losscast-cli scale fit writes it (readable by scale optimal --fit)</source>
        <translation>Die Anpassung, wie losscast-cli scale fit sie schreibt (lesbar mit scale optimal --fit)</translation>
    </message>
    <message>
        <source>Refits on resampled runs for the frontier&apos;s band and the loss interval (0: from the fit&apos;s covariance)</source>
        <translation>Neuanpassungen auf neu gezogenen Läufen für das Band der Grenze und das Loss-Intervall (0: aus der Kovarianz der Anpassung)</translation>
    </message>
    <message>
        <source>e.g. 0.5M</source>
        <translation>z. B. 0.5M</translation>
    </message>
    <message>
        <source>Tokens per optimizer step, for opened runs that log no tokens: D = last step × tokens per step</source>
        <translation>Tokens pro Optimiererschritt, für geöffnete Läufe ohne Token-Reihe: D = letzter Schritt × Tokens pro Schritt</translation>
    </message>
    <message>
        <source>Tokens/step:</source>
        <translation>Tokens/Schritt:</translation>
    </message>
    <message>
        <source>Bootstrap:</source>
        <translation>Bootstrap:</translation>
    </message>
    <message>
        <source>by name</source>
        <translation>nach Name</translation>
    </message>
    <message>
        <source>Column of the model size N in parameters (default: n, params, n_params, num_params, parameters)</source>
        <translation>Spalte der Modellgröße N in Parametern (Standard: n, params, n_params, num_params, parameters)</translation>
    </message>
    <message>
        <source>Column of the training tokens D, or a product of columns and numbers such as iterations*tokens_per_step (default: d, tokens, n_tokens, num_tokens)</source>
        <translation>Spalte der Trainings-Tokens D oder ein Produkt aus Spalten und Zahlen wie iterations*tokens_per_step (Standard: d, tokens, n_tokens, num_tokens)</translation>
    </message>
    <message>
        <source>Column of the training FLOPs C, used when there is no D column: D = C / 6N</source>
        <translation>Spalte der Trainings-FLOPs C, verwendet ohne D-Spalte: D = C / 6N</translation>
    </message>
    <message>
        <source>Column of the final loss (default: loss, final_loss, val_loss)</source>
        <translation>Spalte des End-Loss (Standard: loss, final_loss, val_loss)</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Spalten:</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>No runs table yet: open one, or build it from the opened runs.</source>
        <translation>Noch keine Lauftabelle: öffnen Sie eine oder erstellen Sie sie aus den geöffneten Läufen.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>N (parameters)</source>
        <translation>N (Parameter)</translation>
    </message>
    <message>
        <source>D (tokens)</source>
        <translation>D (Tokens)</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <source>Type N and D as numbers or with a suffix: 350M, 1.3B, 20B</source>
        <translation>N und D als Zahlen oder mit Suffix eingeben: 350M, 1.3B, 20B</translation>
    </message>
    <message>
        <source>Compute budget C = 6·N·D (log scale)</source>
        <translation>Rechenbudget C = 6·N·D (logarithmisch)</translation>
    </message>
    <message>
        <source>Compute budget in FLOPs, e.g. 1e21</source>
        <translation>Rechenbudget in FLOPs, z. B. 1e21</translation>
    </message>
    <message>
        <source>Fit a table to plan a compute budget.</source>
        <translation>Passen Sie eine Tabelle an, um ein Rechenbudget zu planen.</translation>
    </message>
    <message>
        <source>Compute budget:</source>
        <translation>Rechenbudget:</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>Anpassung abgebrochen.</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1: N from &apos;%2&apos;, D from &apos;%3&apos;, loss from &apos;%4&apos;</source>
        <translation>%1: N aus &apos;%2&apos;, D aus &apos;%3&apos;, Loss aus &apos;%4&apos;</translation>
    </message>
    <message>
        <source>Runs saved with the session</source>
        <translation>Mit der Sitzung gespeicherte Läufe</translation>
    </message>
    <message>
        <source>Runs table</source>
        <translation>Lauftabelle</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>%1, run &apos;%2&apos; (row %3): %4 must be a number &gt; 0%5</source>
        <translation>%1, Lauf &apos;%2&apos; (Zeile %3): %4 muss eine Zahl &gt; 0 sein%5</translation>
    </message>
    <message>
        <source>, got %1</source>
        <translation>, erhalten: %1</translation>
    </message>
    <message>
        <source>: type it in</source>
        <translation>: bitte eintragen</translation>
    </message>
    <message>
        <source>runs opened in LossCast</source>
        <translation>in LossCast geöffnete Läufe</translation>
    </message>
    <message>
        <source>Fitting L(N, D)</source>
        <translation>L(N, D) wird angepasst</translation>
    </message>
    <message>
        <source>The fit gave no usable parameters: %1</source>
        <translation>Die Anpassung ergab keine brauchbaren Parameter: %1</translation>
    </message>
    <message>
        <source>E is close to 0: the table does not pin down the irreducible loss (it needs more model sizes or a wider range of tokens), so the frontier and its band are loose.</source>
        <translation>E liegt nahe 0: Die Tabelle legt den nicht reduzierbaren Loss nicht fest (dazu braucht es mehr Modellgrößen oder einen breiteren Token-Bereich), daher sind die Grenze und ihr Band unsicher.</translation>
    </message>
    <message>
        <source>An exponent is at the edge of its range (0 to 3): the runs do not determine it.</source>
        <translation>Ein Exponent liegt am Rand seines Bereichs (0 bis 3): Die Läufe bestimmen ihn nicht.</translation>
    </message>
    <message>
        <source>model size N (parameters, log scale)</source>
        <translation>Modellgröße N (Parameter, logarithmisch)</translation>
    </message>
    <message>
        <source>training tokens D (log scale)</source>
        <translation>Trainings-Tokens D (logarithmisch)</translation>
    </message>
    <message>
        <source>predicted loss</source>
        <translation>vorhergesagter Loss</translation>
    </message>
    <message>
        <source>predicted loss L(N, D)</source>
        <translation>vorhergesagter Loss L(N, D)</translation>
    </message>
    <message>
        <source>iso-loss</source>
        <translation>Iso-Loss</translation>
    </message>
    <message>
        <source>iso-FLOP</source>
        <translation>Iso-FLOP</translation>
    </message>
    <message>
        <source>frontier band (%1%)</source>
        <translation>Band der Grenze (%1%)</translation>
    </message>
    <message>
        <source>compute-optimal frontier</source>
        <translation>rechenoptimale Grenze</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>optimum (N*, D*)</source>
        <translation>Optimum (N*, D*)</translation>
    </message>
    <message>
        <source> (%1% interval %2 – %3, %4)</source>
        <translation> (%1%-Intervall %2 – %3, %4)</translation>
    </message>
    <message>
        <source>bootstrap</source>
        <translation>Bootstrap</translation>
    </message>
    <message>
        <source>delta method</source>
        <translation>Delta-Methode</translation>
    </message>
    <message>
        <source>Budget %1 FLOPs → N* = %2 parameters, D* = %3 tokens (%4 tokens per parameter); predicted loss %5%6</source>
        <translation>Budget %1 FLOPs → N* = %2 Parameter, D* = %3 Tokens (%4 Tokens pro Parameter); vorhergesagter Loss %5%6</translation>
    </message>
    <message numerus="yes">
        <source>%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) and needs at least 5 runs, better several sizes × several token counts</source>
        <translation>
            <numerusform>%1: zu wenige Läufe: %n mit N, D und Loss; das Gesetz hat 5 Parameter (E, A, B, alpha, beta) und braucht mindestens 5 Läufe, besser mehrere Größen × mehrere Token-Zahlen</numerusform>
            <numerusform>%1: zu wenige Läufe: %n mit N, D und Loss; das Gesetz hat 5 Parameter (E, A, B, alpha, beta) und braucht mindestens 5 Läufe, besser mehrere Größen × mehrere Token-Zahlen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting L(N, D) to %n run(s)…</source>
        <translation>
            <numerusform>L(N, D) wird an %n Lauf angepasst…</numerusform>
            <numerusform>L(N, D) wird an %n Läufe angepasst…</numerusform>
        </translation>
    </message>
    <message>
        <source>L(N, D) = E + A/N^α + B/D^β:  E = %1,  A = %2,  B = %3,  α = %4,  β = %5;  N* ∝ C^%6, D* ∝ C^%7.  %8, %9 s%10.</source>
        <translation>L(N, D) = E + A/N^α + B/D^β:  E = %1,  A = %2,  B = %3,  α = %4,  β = %5;  N* ∝ C^%6, D* ∝ C^%7.  %8, %9 s%10.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, bootstrap: %n refit(s) in %1 s</source>
        <translation>
            <numerusform>, Bootstrap: %n Neuanpassung in %1 s</numerusform>
            <numerusform>, Bootstrap: %n Neuanpassungen in %1 s</numerusform>
        </translation>
    </message>
    <message>
        <source>The size-aware curve law fitted across the model sizes of the opened runs</source>
        <translation>Das größenabhängige Kurvengesetz, angepasst über die Modellgrößen der geöffneten Läufe</translation>
    </message>
    <message>
        <source>Fit on Opened Runs</source>
        <translation>An geöffnete Läufe anpassen</translation>
    </message>
    <message>
        <source>Fit the size-aware law to the opened runs; each run&apos;s N comes from this table (same run name) or from its name (25M_…). Needs two sizes or more.</source>
        <translation>Das größenabhängige Gesetz an die geöffneten Läufe anpassen; das N jedes Laufs kommt aus dieser Tabelle (gleicher Laufname) oder aus seinem Namen (25M_…). Braucht zwei oder mehr Größen.</translation>
    </message>
    <message>
        <source>Draw the curve at N =</source>
        <translation>Kurve zeichnen bei N =</translation>
    </message>
    <message>
        <source>Draw the predicted whole curve of this model size under the current scenario in the main plot</source>
        <translation>Die vorhergesagte ganze Kurve dieser Modellgröße unter dem aktuellen Szenario im Hauptdiagramm zeichnen</translation>
    </message>
    <message>
        <source>Model size N (log scale)</source>
        <translation>Modellgröße N (logarithmisch)</translation>
    </message>
    <message>
        <source>Model size in parameters, e.g. 400M or 1.3B</source>
        <translation>Modellgröße in Parametern, z. B. 400M oder 1.3B</translation>
    </message>
    <message>
        <source>Curve at a model size: fit a size-aware law on runs of two or more sizes.</source>
        <translation>Kurve bei einer Modellgröße: ein größenabhängiges Gesetz an Läufe von zwei oder mehr Größen anpassen.</translation>
    </message>
    <message>
        <source>Curve law:</source>
        <translation>Kurvengesetz:</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ScenarioEditor</name>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>Linear decay</source>
        <translation>Lineares Abklingen</translation>
    </message>
    <message>
        <source>WSD (warmup-stable-decay)</source>
        <translation>WSD (Warmup–konstant–Abklingen)</translation>
    </message>
    <message>
        <source>Multi-step</source>
        <translation>Mehrstufig</translation>
    </message>
    <message>
        <source>Inverse square root</source>
        <translation>Inverse Quadratwurzel</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponentiell</translation>
    </message>
    <message>
        <source>Cyclic (cosine restarts)</source>
        <translation>Zyklisch (Kosinus mit Neustarts)</translation>
    </message>
    <message>
        <source>Custom (drag points on the LR plot)</source>
        <translation>Eigener (Punkte im LR-Diagramm ziehen)</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>Protokolliert</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation>End-Loss</translation>
    </message>
    <message>
        <source>Δ vs baseline</source>
        <translation>Δ zur Referenz</translation>
    </message>
    <message>
        <source>Predicted loss at the last step of each scenario. Double-click a name to rename it.</source>
        <translation>Vorhergesagter Loss im letzten Schritt jedes Szenarios. Doppelklicken Sie einen Namen, um ihn umzubenennen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open a run to start&lt;/b&gt; (File → Open, or drop a log on the window). Scenarios are &quot;what if&quot; schedules: once a law is fitted to your runs, each one shows its predicted loss.</source>
        <translation>&lt;b&gt;Öffnen Sie zum Start einen Lauf&lt;/b&gt; (Datei → Öffnen, oder ein Protokoll auf das Fenster ziehen). Szenarien sind „Was-wäre-wenn“-Zeitpläne: Sobald ein Gesetz an Ihre Läufe angepasst ist, zeigt jedes seinen vorhergesagten Loss.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Add a scenario (a copy of the form&apos;s preset)</source>
        <translation>Ein Szenario hinzufügen (eine Kopie der Vorgabe im Formular)</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Optimise…</source>
        <translation>Optimieren…</translation>
    </message>
    <message>
        <source>Search the schedule with this length, warmup, peak and final LR that the fitted law predicts to end lowest (runs in the background; adds a scenario)</source>
        <translation>Den Zeitplan mit dieser Länge, diesem Warmup, dieser Spitzen- und End-LR suchen, für den das angepasste Gesetz den niedrigsten End-Loss vorhersagt (läuft im Hintergrund; fügt ein Szenario hinzu)</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>Scenario the Δ column compares with</source>
        <translation>Szenario, mit dem die Δ-Spalte vergleicht</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message>
        <source>Learning rate after the warmup</source>
        <translation>Lernrate nach dem Warmup</translation>
    </message>
    <message>
        <source>Peak LR:</source>
        <translation>Spitzen-LR:</translation>
    </message>
    <message>
        <source>Learning rate at the last step (cycle minimum for cyclic)</source>
        <translation>Lernrate im letzten Schritt (bei zyklisch: Minimum des Zyklus)</translation>
    </message>
    <message>
        <source>Final LR:</source>
        <translation>End-LR:</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>Warmup-Schritte:</translation>
    </message>
    <message>
        <source>Total steps:</source>
        <translation>Schritte gesamt:</translation>
    </message>
    <message>
        <source>WSD: the decay&apos;s share of the total steps</source>
        <translation>WSD: Anteil des Abklingens an den Gesamtschritten</translation>
    </message>
    <message>
        <source>Decay fraction:</source>
        <translation>Abklinganteil:</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>exponentiell</translation>
    </message>
    <message>
        <source>1 − sqrt</source>
        <translation>1 − sqrt</translation>
    </message>
    <message>
        <source>Decay shape:</source>
        <translation>Abklingform:</translation>
    </message>
    <message>
        <source>The schedule in losscast-cli&apos;s --schedule form</source>
        <translation>Der Zeitplan in der --schedule-Form von losscast-cli</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>%1 % of the baseline&apos;s final loss</source>
        <translation>%1 % des End-Loss der Referenz</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht angewendet: %1</translation>
    </message>
    <message>
        <source>The schedule in losscast-cli&apos;s --schedule form:
%1</source>
        <translation>Der Zeitplan in der --schedule-Form von losscast-cli:
%1</translation>
    </message>
</context>
</TS>
