<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FitFindings</name>
    <message>
        <source>%1 not usable</source>
        <translation>%1 不可用</translation>
    </message>
    <message>
        <source>Auto chose %1 by training cost: the runs are too short to hold points out for validation.</source>
        <translation>自动按训练代价选择了 %1：运行太短，无法留出点用于验证。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Auto chose %1: the hold-out runs or scenarios anneal the LR further than any fitted run, which no validation fold can test; there MPL, its loss-drop shape held at the paper&apos;s means, forecasts better (the folds alone would choose %2; held-out PredE %3).</source>
        <translation>自动选择了 %1：留出运行或场景将学习率退火到比任何拟合运行更低，这是任何验证折都无法检验的；此时 MPL（损失下降形状固定为论文的均值）预测更好（仅凭验证折会选择 %2；留出 PredE %3）。</translation>
    </message>
    <message numerus="yes">
        <source>Auto chose %1: the lowest mean held-out PredE over %n validation fold(s) (%2).</source>
        <translation>
            <numerusform>自动选择了 %1：在 %n 个验证折上留出 PredE 均值最低（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 rests on a bound of its range (%2): the runs do not pin it down, so forecasts that depend on it are guesses. Add runs with other schedules (a cooldown, a longer run) or fix it in the table.</source>
        <translation>%1 停在其取值范围的边界上（%2）：这些运行无法确定它，依赖它的预测只是猜测。请添加其他调度的运行（冷却阶段、更长的运行），或在表中固定它。</translation>
    </message>
    <message>
        <source>The loss-drop term has saturated (C = %1): C and β are not identified, so forecasts of other cooldowns are unreliable. Add a run with another cooldown shape or length.</source>
        <translation>损失下降项已饱和（C = %1）：C 和 β 无法辨识，因此对其他冷却阶段的预测不可靠。请添加一个冷却形状或长度不同的运行。</translation>
    </message>
    <message>
        <source>The fit&apos;s covariance is singular: some parameter combinations are not determined by the runs, so standard errors and the prediction band are missing.</source>
        <translation>拟合的协方差矩阵是奇异的：某些参数组合无法由这些运行确定，因此缺少标准误差和预测带。</translation>
    </message>
    <message>
        <source>The best fit&apos;s loss-drop term had saturated; a fit of near-equal cost with C bounded below saturation was kept.</source>
        <translation>最佳拟合的损失下降项已饱和；保留了代价几乎相同、C 限制在饱和以下的拟合。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LossCast sessions (*.losscast)</source>
        <translation>LossCast 会话 (*.losscast)</translation>
    </message>
    <message numerus="yes">
        <source>only %n point(s): a fit needs at least %1 (one more than the law has parameters), so the run is held out, not fitted on</source>
        <translation>
            <numerusform>只有 %n 个点：拟合至少需要 %1 个（比定律参数多一个），因此该运行被留出，不参与拟合</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Fit scaling laws to training runs and predict other schedules.</source>
        <translation>用训练运行拟合缩放定律，并预测其他调度。</translation>
    </message>
    <message>
        <source>Render the window to OUT.png and exit.</source>
        <translation>将窗口渲染为 OUT.png 后退出。</translation>
    </message>
    <message>
        <source>Window size for --screenshot (default 1500x940).</source>
        <translation>--screenshot 的窗口尺寸（默认 1500x940）。</translation>
    </message>
    <message>
        <source>light, dark or system.</source>
        <translation>light（浅色）、dark（深色）或 system（跟随系统）。</translation>
    </message>
    <message>
        <source>Law to fit (mtl, mpl); &apos;none&apos; to skip fitting in --screenshot.</source>
        <translation>要拟合的定律（mtl、mpl）；“none” 表示在 --screenshot 中跳过拟合。</translation>
    </message>
    <message>
        <source>Open a bundled example file alone, not its whole set.</source>
        <translation>单独打开一个自带示例文件，而不是整组示例。</translation>
    </message>
    <message>
        <source>Replay synthetic control-point drags offscreen; print median and p95.</source>
        <translation>在屏幕外回放合成的控制点拖动；输出中位数和 p95。</translation>
    </message>
    <message>
        <source>Fit MPL offscreen while timing the event loop; print max and p99 gap.</source>
        <translation>在屏幕外拟合 MPL 并测量事件循环；输出最大间隔和 p99。</translation>
    </message>
    <message>
        <source>Move the Mixtures view&apos;s sliders offscreen; print median and p95 per panel.</source>
        <translation>在屏幕外移动“数据配比”视图的滑块；按面板输出中位数和 p95。</translation>
    </message>
    <message>
        <source>Ignore remembered window state.</source>
        <translation>忽略已记住的窗口状态。</translation>
    </message>
    <message>
        <source>Interface language: en, de or zh_CN (default: the one chosen in View → Language, else the system&apos;s).</source>
        <translation>界面语言：en、de 或 zh_CN（默认：“视图 → 语言”中选择的语言，否则跟随系统）。</translation>
    </message>
    <message>
        <source>With --screenshot: after the fit, also optimise the current scenario.</source>
        <translation>与 --screenshot 一起使用：拟合后还优化当前情景。</translation>
    </message>
    <message>
        <source>With --screenshot: expand every run to show its series.</source>
        <translation>与 --screenshot 一起使用：展开每个运行以显示其序列。</translation>
    </message>
    <message>
        <source>Plot against tokens (runs that log a tokens series).</source>
        <translation>以 token 数为横轴（记录了 token 序列的运行）。</translation>
    </message>
    <message>
        <source>Show the fit residuals under the loss plot.</source>
        <translation>在损失图下方显示拟合残差。</translation>
    </message>
    <message>
        <source>Open the files, fit (unless --law none), save the session to OUT.losscast and exit.</source>
        <translation>打开文件，拟合（除非 --law none），将会话保存为 OUT.losscast 后退出。</translation>
    </message>
    <message>
        <source>Run files (CSV, W&amp;B, TensorBoard, logs) to open, or one .losscast session.</source>
        <translation>要打开的运行文件（CSV、W&amp;B、TensorBoard、日志），或一个 .losscast 会话。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>%1: domain &apos;%2&apos;: %3</source>
        <translation>%1：领域“%2”：%3</translation>
    </message>
    <message>
        <source>%1: DDO did not converge: %2</source>
        <translation>%1：DDO 未收敛：%2</translation>
    </message>
    <message>
        <source>Optimised schedule: predicted final loss %1 (%2 in %3 s; %4)</source>
        <translation>优化后的调度：预测最终损失 %1（%2，用时 %3 秒；%4）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>With --screenshot or --save-session: read the files a session names outside its folder (skipped otherwise; the window asks).</source>
        <translation>与 --screenshot 或 --save-session 一起使用：读取会话在其文件夹之外引用的文件（否则跳过；窗口会询问）。</translation>
    </message>
    <message>
        <source>%1: refusing to write over an input file: choose another name</source>
        <translation>%1：拒绝覆盖输入文件：请选择其他名称</translation>
    </message>
    <message>
        <source>Follow a growing 100k-point log offscreen; print append-to-forecast times and the event loop&apos;s largest gap.</source>
        <translation>在屏幕外跟踪一个不断增长的 10 万点日志；输出从追加到预测的时间以及事件循环的最长阻塞。</translation>
    </message>
    <message>
        <source>Follow the files opened: draw the lines the training job appends and forecast the final loss (Forecast dock).</source>
        <translation>跟踪打开的文件：绘制训练任务追加的行并预测最终损失（“预测”停靠窗口）。</translation>
    </message>
    <message>
        <source>With --follow: the run&apos;s planned schedule, e.g. cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160.</source>
        <translation>与 --follow 一起使用：该运行计划的学习率调度，例如 cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160。</translation>
    </message>
</context>
<context>
    <name>losscast::app::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>LossCast will use the new language the next time it starts.</source>
        <translation>LossCast 将在下次启动时使用新语言。</translation>
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
        <translation>通过“文件 → 打开”打开训练日志（W&amp;B 或 TensorBoard 导出、HF Trainer 状态、文本日志、step,lr,loss CSV），或将其拖放到窗口上。</translation>
    </message>
    <message>
        <source>%1 stays at its value in the next fit.</source>
        <translation>%1 在下次拟合中保持当前值。</translation>
    </message>
    <message>
        <source>%1 is fitted again.</source>
        <translation>%1 将重新参与拟合。</translation>
    </message>
    <message>
        <source>Continual Pre-training</source>
        <translation>持续预训练</translation>
    </message>
    <message>
        <source>CPT: PT Schedule from Selected Run</source>
        <translation>CPT：使用所选运行的 PT 调度</translation>
    </message>
    <message>
        <source>Select a run in the Runs dock first.</source>
        <translation>请先在“运行”面板中选择一个运行。</translation>
    </message>
    <message>
        <source>Mixtures</source>
        <translation>数据配比</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>拟合已取消。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open training logs: W&amp;B and TensorBoard exports, HF Trainer state, text logs, CSV</source>
        <translation>打开训练日志：W&amp;B 与 TensorBoard 导出、HF Trainer 状态、文本日志、CSV</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Parameters (JSON)…</source>
        <translation>打开参数 (JSON)(&amp;P)…</translation>
    </message>
    <message>
        <source>Open parameters</source>
        <translation>打开参数</translation>
    </message>
    <message>
        <source>Parameters (*.json);;All files (*)</source>
        <translation>参数 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export &amp;Plot…</source>
        <translation>导出图表(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export Parameters (&amp;JSON)…</source>
        <translation>导出参数 (&amp;JSON)…</translation>
    </message>
    <message>
        <source>Export Parameters (C&amp;SV)…</source>
        <translation>导出参数 (C&amp;SV)…</translation>
    </message>
    <message>
        <source>Export Predicted &amp;Curves (CSV)…</source>
        <translation>导出预测曲线 (CSV)(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Copy Plot</source>
        <translation>复制图表(&amp;C)</translation>
    </message>
    <message>
        <source>Plot copied to the clipboard.</source>
        <translation>图表已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Open &amp;Mixture Experiments…</source>
        <translation>打开配比实验(&amp;M)…</translation>
    </message>
    <message>
        <source>Open mixture experiments: one table, or a mixture file and a loss file</source>
        <translation>打开配比实验：一个表格，或一个配比文件加一个损失文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Mixture experiments</source>
        <translation>配比实验</translation>
    </message>
    <message>
        <source>Open &amp;AutoScale Optima…</source>
        <translation>打开 AutoScale 最优配比(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset View</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Log &amp;X Axis</source>
        <translation>对数 &amp;X 轴</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Log &amp;Y Axis (loss)</source>
        <translation>对数 &amp;Y 轴（损失）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>X Axis in &amp;Tokens</source>
        <translation>X 轴使用 token 数(&amp;T)</translation>
    </message>
    <message>
        <source>Plot against tokens seen (runs that log a tokens series)</source>
        <translation>以已训练 token 数为横轴（记录了 token 序列的运行）</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>%1 tokens (step %2)</source>
        <translation>%1 个 token（第 %2 步）</translation>
    </message>
    <message>
        <source>Fit &amp;Residuals</source>
        <translation>拟合残差(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Show measured − fitted loss per visible run under the loss plot</source>
        <translation>在损失图下方显示每个可见运行的实测损失 − 拟合损失</translation>
    </message>
    <message>
        <source>&amp;Smoothing…</source>
        <translation>平滑(&amp;S)…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>EMA weight for measured curves (0 = off, 0.99 = strong):</source>
        <translation>实测曲线的 EMA 权重（0 = 关闭，0.99 = 强）：</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>F&amp;it</source>
        <translation>拟合(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>拟合(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Cancel Fit</source>
        <translation>取消拟合(&amp;C)</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About LossCast</source>
        <translation>关于 LossCast(&amp;A)</translation>
    </message>
    <message>
        <source>About LossCast</source>
        <translation>关于 LossCast</translation>
    </message>
    <message>
        <source>&lt;b&gt;LossCast %1&lt;/b&gt;&lt;p&gt;Fit scaling laws to training runs and predict the loss of other learning-rate schedules.&lt;/p&gt;</source>
        <translation>&lt;b&gt;LossCast %1&lt;/b&gt;&lt;p&gt;用训练运行拟合缩放定律，并预测其他学习率调度下的损失。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Fit on</source>
        <translation>参与拟合</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Tick a run to show it; tick &quot;Fit on&quot; to fit on it, untick to hold it out.</source>
        <translation>勾选运行以显示它；勾选“参与拟合”以在其上拟合，取消勾选则将其留出。</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>预热步数：</translation>
    </message>
    <message>
        <source>Fit on This Series</source>
        <translation>在此序列上拟合</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Law:</source>
        <translation>定律：</translation>
    </message>
    <message>
        <source>(no law available)</source>
        <translation>（没有可用的定律）</translation>
    </message>
    <message>
        <source>The scaling law fitted to the training runs</source>
        <translation>拟合到训练运行的缩放定律</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Fit the law to the runs ticked &quot;Fit on&quot; (Ctrl+F)</source>
        <translation>将定律拟合到勾选了“参与拟合”的运行 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No fit yet.</source>
        <translation>尚未拟合。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Parameters&lt;/b&gt;</source>
        <translation>&lt;b&gt;参数&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fit quality&lt;/b&gt; (train and held-out runs)</source>
        <translation>&lt;b&gt;拟合质量&lt;/b&gt;（训练运行与留出运行）</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>集合</translation>
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
        <translation>PredE = |预测 − 实测| / 实测 的平均值；WorstE = 其最大值</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 已打开。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) open. Press Fit (Ctrl+F) to fit the law.</source>
        <translation>
            <numerusform>已打开 %n 个运行。按“拟合”(Ctrl+F) 拟合定律。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds the loss of %2 but no learning rate: give the schedule they were trained with (double-click the file in the Runs dock).</source>
        <translation>%1 包含 %2 的损失，但没有学习率：请给出训练时使用的调度（在“运行”面板中双击该文件）。</translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s): %1</source>
        <translation>
            <numerusform>无法打开 %n 个文件：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) failed to open</source>
        <translation>
            <numerusform>%n 个文件无法打开</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (no LR yet)</source>
        <translation>%1（尚无学习率）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds the loss of %2 but no learning-rate column LossCast recognises.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 包含 %2 的损失，但没有 LossCast 能识别的学习率列。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was read, but LossCast could not build a curve from it.</source>
        <translation>已读取 &lt;b&gt;%1&lt;/b&gt;，但 LossCast 无法从中构建曲线。</translation>
    </message>
    <message>
        <source>Read %1 from %2. Press Fit (Ctrl+F) to fit the law to them.</source>
        <translation>已从 %2 读取 %1。按“拟合”(Ctrl+F) 将定律拟合到它们。</translation>
    </message>
    <message>
        <source>%1 has one loss series only.</source>
        <translation>%1 只有一个损失序列。</translation>
    </message>
    <message>
        <source>Cannot fit on %1: %2</source>
        <translation>无法在 %1 上拟合：%2</translation>
    </message>
    <message>
        <source>%1 is fitted on %2 from the next fit (Ctrl+F).</source>
        <translation>从下次拟合 (Ctrl+F) 起，%1 将在 %2 上拟合。</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>hold-out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>fit on</source>
        <translation>拟合于此</translation>
    </message>
    <message>
        <source>
The fit uses this series.</source>
        <translation>
拟合使用此序列。</translation>
    </message>
    <message>
        <source>
Tick to draw it; right-click → Fit on This Series to fit on it.</source>
        <translation>
勾选以绘制；右键 → 在此序列上拟合。</translation>
    </message>
    <message>
        <source>
Tick to draw it.</source>
        <translation>
勾选以绘制。</translation>
    </message>
    <message>
        <source>%1 holds the loss of %2 but no learning rate. Double-click to give the learning-rate column or the schedule the runs were trained with.</source>
        <translation>%1 包含 %2 的损失，但没有学习率。双击以指定学习率列，或这些运行训练时使用的调度。</translation>
    </message>
    <message>
        <source>needs LR</source>
        <translation>需要学习率</translation>
    </message>
    <message>
        <source>loss only</source>
        <translation>仅损失</translation>
    </message>
    <message>
        <source>No law selected: the engine has no curve law registered.</source>
        <translation>未选择定律：引擎中没有注册曲线定律。</translation>
    </message>
    <message>
        <source>Every parameter is fixed: untick Fixed for at least one to fit.</source>
        <translation>所有参数均已固定：至少取消一个参数的“固定”才能拟合。</translation>
    </message>
    <message>
        <source>Nothing to fit: open a run and tick &quot;Fit on&quot; for at least one.</source>
        <translation>没有可拟合的内容：请打开运行，并至少为一个勾选“参与拟合”。</translation>
    </message>
    <message numerus="yes">
        <source>Not fitted: the runs ticked for fitting have %n point(s), but %1 has %2 parameters, so the fit would be degenerate (it needs at least %3 points). Tick longer runs.</source>
        <translation>
            <numerusform>未拟合：勾选参与拟合的运行共有 %n 个点，但 %1 有 %2 个参数，拟合将是退化的（至少需要 %3 个点）。请勾选更长的运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>the largest law</source>
        <translation>参数最多的定律</translation>
    </message>
    <message numerus="yes">
        <source>Fitting every law on %n run(s)…</source>
        <translation>
            <numerusform>正在 %n 个运行上拟合每个定律…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting %1 on %n run(s)…</source>
        <translation>
            <numerusform>正在 %n 个运行上拟合 %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit finished.</source>
        <translation>拟合完成。</translation>
    </message>
    <message>
        <source>Fit failed: %1</source>
        <translation>拟合失败：%1</translation>
    </message>
    <message>
        <source>Fitted %1 in %2 s: %3. The Scenarios dock now predicts each schedule&apos;s loss: pick one, change its form or drag its points on the LR plot.</source>
        <translation>已在 %2 秒内拟合 %1：%3。“情景”面板现在预测每个调度的损失：选择一个，修改其参数，或在学习率图上拖动其控制点。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 on %n run(s) in %3 s, %4 starts, final cost %5%6</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2，%n 个运行，用时 %3 秒，%4 次起点，最终代价 %5%6</numerusform>
        </translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation>%1（%2 %3）</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>%1 residual</source>
        <translation>%1 残差</translation>
    </message>
    <message>
        <source>No LR logged:
double-click the run in the Runs dock
to give its schedule</source>
        <translation>未记录学习率：
在“运行”面板中双击该运行
以给出其调度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Give the learning rate first.&lt;/b&gt; The open runs log no LR: double-click one in the Runs dock to give the schedule it was trained with; scenarios start from it.</source>
        <translation>&lt;b&gt;请先给出学习率。&lt;/b&gt;已打开的运行没有记录学习率：在“运行”面板中双击一个运行，给出它训练时使用的调度；情景将以此为起点。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open a run to start&lt;/b&gt; (File → Open, or drop a log on the window). Scenarios are &quot;what if&quot; schedules: once a law is fitted to your runs, each one shows its predicted loss.</source>
        <translation>&lt;b&gt;打开一个运行以开始&lt;/b&gt;（“文件 → 打开”，或将日志拖放到窗口上）。情景是“假如”调度：定律拟合到您的运行后，每个情景都会显示其预测损失。</translation>
    </message>
    <message>
        <source>dashed: %1 fit (train) / prediction (held out)</source>
        <translation>虚线：%1 拟合（训练）/ 预测（留出）</translation>
    </message>
    <message>
        <source>There is no fit to export yet.</source>
        <translation>尚无可导出的拟合。</translation>
    </message>
    <message>
        <source>Open runs</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>Training logs (*.csv *.tsv *.txt *.log *.json *.jsonl);;All files (*)</source>
        <translation>训练日志 (*.csv *.tsv *.txt *.log *.json *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export size</source>
        <translation>导出尺寸</translation>
    </message>
    <message>
        <source>Width × height in pixels:</source>
        <translation>宽 × 高（像素）：</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export parameters</source>
        <translation>导出参数</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Saved %1 (readable by losscast-cli predict --params)</source>
        <translation>已保存 %1（可由 losscast-cli predict --params 读取）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Parameters written to %1</source>
        <translation>参数已写入 %1</translation>
    </message>
    <message>
        <source>Export predicted curves</source>
        <translation>导出预测曲线</translation>
    </message>
    <message>
        <source>Choose one experiments CSV, or a mixture CSV and a loss CSV.</source>
        <translation>请选择一个实验 CSV，或一个配比 CSV 加一个损失 CSV。</translation>
    </message>
    <message>
        <source>%1: a mixture file without losses: open it together with its loss file (an index column, then one &lt;domain&gt;_loss column per validation domain)</source>
        <translation>%1：不含损失的配比文件：请与其损失文件一起打开（一个索引列，然后每个验证领域一个 &lt;domain&gt;_loss 列）</translation>
    </message>
    <message>
        <source>Open AutoScale optima (label, total tokens, one column per domain) or perturbation runs</source>
        <translation>打开 AutoScale 最优配比（标签、总 token 数、每个领域一列）或扰动运行</translation>
    </message>
    <message>
        <source>AutoScale DDO</source>
        <translation>AutoScale DDO</translation>
    </message>
    <message>
        <source>Total training tokens of these perturbation runs (in the unit of your optima, e.g. B):</source>
        <translation>这些扰动运行的总训练 token 数（与最优配比的单位相同，例如 B）：</translation>
    </message>
    <message>
        <source>AutoScale</source>
        <translation>AutoScale</translation>
    </message>
    <message>
        <source>%1: not an AutoScale file: expected optima (a label column source/label/scale/name, a total* column, one token column per domain) or perturbation runs (perturbed_domain, a *multiplier* column and perplexities or losses)</source>
        <translation>%1：不是 AutoScale 文件：应为最优配比（一个标签列 source/label/scale/name、一个 total* 列、每个领域一个 token 列）或扰动运行（perturbed_domain、一个 *multiplier* 列以及困惑度或损失）</translation>
    </message>
    <message>
        <source>AutoScale: DDO optimum at %1 tokens from %2 added.</source>
        <translation>AutoScale：已添加来自 %2 的 %1 token 处的 DDO 最优配比。</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Change baseline</source>
        <translation>更改基线</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>情景 %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Remove scenario &quot;%1&quot;</source>
        <translation>删除情景“%1”</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <source>Edit schedule of &quot;%1&quot;</source>
        <translation>编辑“%1”的调度</translation>
    </message>
    <message>
        <source>Optimising the schedule: %1</source>
        <translation>正在优化调度：%1</translation>
    </message>
    <message>
        <source>Schedule search cancelled.</source>
        <translation>调度搜索已取消。</translation>
    </message>
    <message>
        <source>Schedule search failed: %1</source>
        <translation>调度搜索失败：%1</translation>
    </message>
    <message>
        <source>Optimised (%1)</source>
        <translation>已优化（%1）</translation>
    </message>
    <message>
        <source>%1 (%2 prediction)</source>
        <translation>%1（%2 预测）</translation>
    </message>
    <message>
        <source>Add scenario &quot;%1&quot;</source>
        <translation>添加情景“%1”</translation>
    </message>
    <message>
        <source>Point not moved: %1</source>
        <translation>控制点未移动：%1</translation>
    </message>
    <message>
        <source>Step %1, LR %2: predicted final loss %3</source>
        <translation>第 %1 步，学习率 %2：预测最终损失 %3</translation>
    </message>
    <message>
        <source>Step %1, LR %2</source>
        <translation>第 %1 步，学习率 %2</translation>
    </message>
    <message>
        <source>Move point of &quot;%1&quot;</source>
        <translation>移动“%1”的控制点</translation>
    </message>
    <message>
        <source>Point not added: %1</source>
        <translation>控制点未添加：%1</translation>
    </message>
    <message>
        <source>Add point to &quot;%1&quot;</source>
        <translation>向“%1”添加控制点</translation>
    </message>
    <message>
        <source>A custom schedule keeps at least two points.</source>
        <translation>自定义调度至少保留两个控制点。</translation>
    </message>
    <message>
        <source>Point not removed: %1</source>
        <translation>控制点未删除：%1</translation>
    </message>
    <message>
        <source>Remove point of &quot;%1&quot;</source>
        <translation>删除“%1”的控制点</translation>
    </message>
    <message>
        <source>Fit a law first: the search minimises its predicted final loss.</source>
        <translation>请先拟合定律：搜索将最小化其预测的最终损失。</translation>
    </message>
    <message>
        <source>Cannot optimise &quot;%1&quot;: %2</source>
        <translation>无法优化“%1”：%2</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>搜索中</translation>
    </message>
    <message>
        <source>Set %1 = %2</source>
        <translation>设置 %1 = %2</translation>
    </message>
    <message>
        <source>%1: law &quot;%2&quot; is not available</source>
        <translation>%1：定律“%2”不可用</translation>
    </message>
    <message>
        <source>Parameters read from %1</source>
        <translation>已从 %1 读取参数</translation>
    </message>
    <message>
        <source>&amp;New Session</source>
        <translation>新建会话(&amp;N)</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>;;All files (*)</source>
        <translation>;;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sa&amp;ve Session</source>
        <translation>保存会话(&amp;V)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Locate Missing Files…</source>
        <translation>定位缺失文件(&amp;L)…</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>定位 %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Locate file</source>
        <translation>定位文件</translation>
    </message>
    <message>
        <source>Open &amp;Example Session</source>
        <translation>打开示例会话(&amp;E)</translation>
    </message>
    <message>
        <source>The example session is not installed.</source>
        <translation>示例会话未安装。</translation>
    </message>
    <message>
        <source>The bundled 25M runs with the MPL fit and two schedule scenarios</source>
        <translation>自带的 25M 运行，含 MPL 拟合和两个调度情景</translation>
    </message>
    <message>
        <source>%1[*] — LossCast</source>
        <translation>%1[*] — LossCast</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The session &quot;%1&quot; has unsaved changes. Save them?</source>
        <translation>会话“%1”有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>Could not open the session; the current document is unchanged.</source>
        <translation>无法打开会话；当前文档未改变。</translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation>缺失的文件</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of this session could not be found. Everything else (scenarios, parameters, the saved fit) is open; the missing runs come back once you locate their files.</source>
        <translation>
            <numerusform>找不到此会话的 %n 个文件。其他内容（情景、参数、保存的拟合）均已打开；定位到这些文件后，缺失的运行会恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>定位…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>New session. Open runs with File → Open or drop them on the window.</source>
        <translation>新会话。通过“文件 → 打开”打开运行，或将其拖放到窗口上。</translation>
    </message>
    <message>
        <source>%1: no run could be read from it</source>
        <translation>%1：无法从中读取任何运行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: fit.law: law &quot;%2&quot; is not available</source>
        <translation>%1：fit.law：定律“%2”不可用</translation>
    </message>
    <message>
        <source> — its runs are shown as they are now; the saved fit was made on the old data (Fit again to update it)</source>
        <translation> — 其运行按当前数据显示；保存的拟合基于旧数据（重新拟合以更新）</translation>
    </message>
    <message>
        <source>%1 could not be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Mixture experiments: %1</source>
        <translation>配比实验：%1</translation>
    </message>
    <message>
        <source>Fit saved with the session</source>
        <translation>随会话保存的拟合</translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened with %n problem(s): %2</source>
        <translation>
            <numerusform>会话 %1 已打开，有 %n 个问题：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Session %1 opened: %n run(s)%2.</source>
        <translation>
            <numerusform>会话 %1 已打开：%n 个运行%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>, saved %1 fit shown (not refitted)</source>
        <translation>，显示已保存的 %1 拟合（未重新拟合）</translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) need attention</source>
        <translation>
            <numerusform>%n 个会话文件需要处理</numerusform>
        </translation>
    </message>
    <message>
        <source>
Double-click to locate the file.</source>
        <translation>
双击以定位该文件。</translation>
    </message>
    <message>
        <source>No missing file %1.</source>
        <translation>没有缺失的文件 %1。</translation>
    </message>
    <message>
        <source>%1 located at %2.</source>
        <translation>已在 %2 找到 %1。</translation>
    </message>
    <message>
        <source>%1: cannot lock the recovery copy</source>
        <translation>%1：无法锁定恢复副本</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>Recover session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <source>LossCast did not close cleanly. A recovery copy of %1 from %2 exists. Restore it?</source>
        <translation>LossCast 未正常关闭。存在 %1 的恢复副本（%2）。是否恢复？</translation>
    </message>
    <message>
        <source>an unsaved session</source>
        <translation>未保存的会话</translation>
    </message>
    <message numerus="yes">
        <source>Opened the bundled %1 example: fitting on %n run(s) (MPL protocol), holding out %2.</source>
        <translation>
            <numerusform>已打开自带的 %1 示例：在 %n 个运行上拟合（MPL 协议），留出 %2 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n point(s), steps %2–%3, warmup %4 steps</source>
        <translation>
            <numerusform>%1
%n 个点，第 %2–%3 步，预热 %4 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), steps %2–%3, last value %4</source>
        <translation>
            <numerusform>%1：%n 个点，第 %2–%3 步，最后值 %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AutoScale optima: %n row(s) from %1.</source>
        <translation>
            <numerusform>AutoScale 最优配比：来自 %1 的 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: fitting %n domain(s) and optimising (DDO)…</source>
        <translation>
            <numerusform>%1：正在拟合 %n 个领域并优化（DDO）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fitting the mixture models on %1…</source>
        <translation>正在对 %1 拟合配比模型…</translation>
    </message>
    <message numerus="yes">
        <source>Mixture models fitted on %n run(s) in %1 s; using the %2.</source>
        <translation>
            <numerusform>已在 %n 个运行上于 %1 秒内拟合配比模型；使用%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>implicit model (Gaussian process)</source>
        <translation>隐式模型（高斯过程）</translation>
    </message>
    <message>
        <source>mixing law</source>
        <translation>数据配比定律</translation>
    </message>
    <message>
        <source>The mixture-model fit gave no usable model.</source>
        <translation>配比模型拟合未得到可用的模型。</translation>
    </message>
    <message>
        <source>Implicit model: %1</source>
        <translation>隐式模型：%1</translation>
    </message>
    <message>
        <source>Searching the mixtures within the caps…</source>
        <translation>正在上限范围内搜索配比…</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……以及另外 %1 个</translation>
    </message>
    <message>
        <source>Read files outside the session&apos;s folder?</source>
        <translation>读取会话文件夹之外的文件？</translation>
    </message>
    <message>
        <source>The session %1 reads these files, which lie outside its folder:

%2

Read them only if you trust the session. Otherwise it opens without them.</source>
        <translation>会话 %1 会读取以下位于其文件夹之外的文件：

%2

仅当您信任此会话时才读取它们。否则会话将在不读取它们的情况下打开。</translation>
    </message>
    <message>
        <source>Read Them</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Open Without Them</source>
        <translation>不读取并打开</translation>
    </message>
    <message>
        <source>%1 is outside the session&apos;s folder and was not read</source>
        <translation>%1 位于会话文件夹之外，未被读取</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;The law does not describe these runs (mean R² %1 on the fitted runs): its predictions mean little. Is the fitted series a training loss that falls as the LR area grows?&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;该定律无法描述这些运行（拟合运行上的平均 R² 为 %1）：其预测意义不大。所拟合的序列是否是随学习率面积增长而下降的训练损失？&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No run of %1 could be read with these settings.</source>
        <translation>使用这些设置无法从 %1 读取任何运行。</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>auto (from the LR)</source>
        <translation>自动（根据学习率）</translation>
    </message>
    <message>
        <source>The warmup of the fit and of every scenario: steps of linear warmup from LR 0. auto: the steps before a file&apos;s first logged row, or up to where a logged LR ramp reaches its peak. Changing it applies to the open runs and the scenarios; refit to use it.</source>
        <translation>拟合和每个情景的预热：从学习率 0 开始线性预热的步数。自动：文件第一条记录行之前的步数，或记录的学习率爬升到达峰值为止的步数。更改后适用于已打开的运行和情景；重新拟合后生效。</translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s) for the fit and the scenarios</source>
        <translation>
            <numerusform>拟合和情景的预热为 %n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warmup %n step(s): refit (Ctrl+F) to use it.</source>
        <translation>
            <numerusform>预热 %n 步：重新拟合 (Ctrl+F) 后生效。</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>%1k</source>
        <translation>%1k</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>Cosine %1</source>
        <translation>余弦 %1</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数</translation>
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
        <translation>恒定 %1</translation>
    </message>
    <message>
        <source>Linear decay %1</source>
        <translation>线性衰减 %1</translation>
    </message>
    <message>
        <source>%1, edited</source>
        <translation>%1（已编辑）</translation>
    </message>
    <message>
        <source>No LR: double-click to give it</source>
        <translation>无学习率：双击以提供</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) while reading: see ⚠ in the Runs dock.</source>
        <translation>
            <numerusform>读取时有 %n 条警告：见“运行”面板中的 ⚠。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Export scaling plot</source>
        <translation>导出缩放图表</translation>
    </message>
    <message>
        <source>Export scaling fit</source>
        <translation>导出缩放拟合</translation>
    </message>
    <message>
        <source>Saved %1 (readable by losscast-cli scale optimal --fit)</source>
        <translation>已保存 %1（可由 losscast-cli scale optimal --fit 读取）</translation>
    </message>
    <message>
        <source>Scaling law L(N, D) fitted: see the Scaling view.</source>
        <translation>缩放定律 L(N, D) 已拟合：见“缩放”视图。</translation>
    </message>
    <message>
        <source>Open a runs table (one row per run: N, D or FLOPs, final loss)</source>
        <translation>打开运行表（每个运行一行：N、D 或 FLOPs、最终损失）</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open some runs first: one row per run (its final loss and tokens) goes into the table.</source>
        <translation>请先打开运行：每个运行（其最终损失和 token 数）成为表中一行。</translation>
    </message>
    <message>
        <source>Built from the opened runs: final loss of each; D from its tokens, else last step × tokens per step; N from its name, else type it in.</source>
        <translation>由已打开的运行生成：各运行的最终损失；D 取自其 token 序列，否则为最后一步 × 每步 token 数；N 取自名称，否则请手动填写。</translation>
    </message>
    <message>
        <source>No scaling fit to export yet.</source>
        <translation>尚无可导出的缩放拟合。</translation>
    </message>
    <message>
        <source>Scaling runs table %1 was not found</source>
        <translation>未找到缩放运行表 %1</translation>
    </message>
    <message>
        <source>Scaling runs table: %1</source>
        <translation>缩放运行表：%1</translation>
    </message>
    <message>
        <source>Curve at a model size: %1</source>
        <translation>指定模型规模的曲线：%1</translation>
    </message>
    <message>
        <source>The size-aware fit failed.</source>
        <translation>规模感知拟合失败。</translation>
    </message>
    <message>
        <source>%1 fitted on sizes %2 in %3 s.</source>
        <translation>%1 已在规模 %2 上拟合，用时 %3 秒。</translation>
    </message>
    <message>
        <source>Size-aware fit cancelled.</source>
        <translation>规模感知拟合已取消。</translation>
    </message>
    <message>
        <source>%1 is not a size-aware curve law.</source>
        <translation>%1 不是规模感知的曲线定律。</translation>
    </message>
    <message>
        <source>A size-aware law needs runs of two or more model sizes (found %1). Give each run&apos;s N in the table (From Opened Runs, then type it) or name the runs by size (25M_…).%2</source>
        <translation>规模感知定律需要两个或更多模型规模的运行（找到 %1 个）。请在表中给出每个运行的 N（由已打开的运行生成，然后填写），或按规模命名运行（25M_…）。%2</translation>
    </message>
    <message>
        <source> Without N: %1.</source>
        <translation> 缺少 N：%1。</translation>
    </message>
    <message>
        <source>Fitting %1 on the opened runs…</source>
        <translation>正在已打开的运行上拟合 %1…</translation>
    </message>
    <message>
        <source>Fitting %1</source>
        <translation>正在拟合 %1</translation>
    </message>
    <message>
        <source>%1 at N = %2 (%3 prediction)</source>
        <translation>%1，N = %2（%3 预测）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>%1 is not open: open it first (File → Open), or use File → Follow….</source>
        <translation>%1 未打开：请先打开它（文件 → 打开），或使用 文件 → 跟踪…。</translation>
    </message>
    <message>
        <source>%1 is no longer followed.</source>
        <translation>不再跟踪 %1。</translation>
    </message>
    <message>
        <source>Following %1: new points are drawn as the job writes them. Give the planned schedule in the Forecast dock to forecast the final loss.</source>
        <translation>正在跟踪 %1：任务写入新点时即绘制。请在“预测”停靠窗口中给出计划的调度以预测最终损失。</translation>
    </message>
    <message>
        <source>Following %1: new points are drawn as the job writes them and the final loss is forecast.</source>
        <translation>正在跟踪 %1：任务写入新点时即绘制，并预测最终损失。</translation>
    </message>
    <message>
        <source>Forecasting %1…</source>
        <translation>正在预测 %1…</translation>
    </message>
    <message>
        <source>%1 is not followed.</source>
        <translation>未跟踪 %1。</translation>
    </message>
    <message>
        <source>Forecasting the final loss of %1 at step %2 of the planned schedule.</source>
        <translation>正在预测 %1 在计划调度第 %2 步的最终损失。</translation>
    </message>
    <message>
        <source>Forecast pinned at step %1: a banner warns when the measured loss leaves its band for %2 points in a row.</source>
        <translation>已在第 %1 步固定预测：当实测损失连续 %2 个点离开其区间时，横幅会发出警告。</translation>
    </message>
    <message>
        <source>⚠ %1 left the pinned forecast&apos;s band at step %2: the measured loss is above it for %3 points in a row (divergence or a loss spike?).</source>
        <translation>⚠ %1 在第 %2 步离开了固定预测的区间：实测损失连续 %3 个点高于区间（发散或损失尖峰？）。</translation>
    </message>
    <message>
        <source>⚠ %1 left the pinned forecast&apos;s band at step %2: the measured loss is below it for %3 points in a row (better than forecast).</source>
        <translation>⚠ %1 在第 %2 步离开了固定预测的区间：实测损失连续 %3 个点低于区间（好于预测）。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s), last step %2.</source>
        <translation>
            <numerusform>%1：%n 个点，最后一步 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read it now: %1</source>
        <translation>当前无法读取：%1</translation>
    </message>
    <message>
        <source>Give the planned schedule (a preset or a spec) to forecast the final loss.</source>
        <translation>请给出计划的调度（预设或规格）以预测最终损失。</translation>
    </message>
    <message>
        <source>%1 (planned)</source>
        <translation>%1（计划）</translation>
    </message>
    <message>
        <source>%1 (pinned forecast, step %2)</source>
        <translation>%1（固定预测，第 %2 步）</translation>
    </message>
    <message>
        <source>%1 (live %2 forecast)</source>
        <translation>%1（实时 %2 预测）</translation>
    </message>
    <message>
        <source>Follow This File</source>
        <translation>跟踪此文件</translation>
    </message>
    <message>
        <source>Read the lines the training job appends, draw them and forecast the final loss</source>
        <translation>读取训练任务追加的行，绘制它们并预测最终损失</translation>
    </message>
    <message>
        <source>Follow a training log</source>
        <translation>跟踪训练日志</translation>
    </message>
    <message>
        <source>Training logs (*.csv *.tsv *.jsonl *.json *.log *.txt);;All files (*)</source>
        <translation>训练日志 (*.csv *.tsv *.jsonl *.json *.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>F&amp;ollow…</source>
        <translation>跟踪(&amp;O)…</translation>
    </message>
    <message>
        <source>%1 · following</source>
        <translation>%1 · 跟踪中</translation>
    </message>
    <message>
        <source>Auto — fit each law, keep the one that forecasts best</source>
        <translation>自动 — 拟合每个定律，保留预测最好的</translation>
    </message>
    <message>
        <source>%1: no runs with curves in this file</source>
        <translation>%1：此文件中没有带曲线的运行</translation>
    </message>
</context>
<context>
    <name>losscast::app::MappingDialog</name>
    <message>
        <source>Learning rate for %1</source>
        <translation>%1 的学习率</translation>
    </message>
    <message>
        <source>&lt;p&gt;The scaling laws predict the loss from the learning rate of every step. Pick the column that holds it, or describe the schedule the runs were trained with (from your training config).&lt;/p&gt;</source>
        <translation>&lt;p&gt;缩放定律根据每一步的学习率预测损失。请选择包含学习率的列，或描述这些运行训练时使用的调度（来自您的训练配置）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loss column:</source>
        <translation>损失列：</translation>
    </message>
    <message>
        <source>(not logged: use the schedule below)</source>
        <translation>（未记录：使用下面的调度）</translation>
    </message>
    <message>
        <source>Learning-rate column:</source>
        <translation>学习率列：</translation>
    </message>
    <message>
        <source>Schedule the runs were trained with</source>
        <translation>这些运行训练时使用的调度</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>WSD (warmup-stable-decay)</source>
        <translation>WSD（预热–稳定–衰减）</translation>
    </message>
    <message>
        <source>Linear decay</source>
        <translation>线性衰减</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>形状：</translation>
    </message>
    <message>
        <source>The learning rate after the warmup (nanoGPT: learning_rate; HF: learning_rate)</source>
        <translation>预热之后的学习率（nanoGPT：learning_rate；HF：learning_rate）</translation>
    </message>
    <message>
        <source>Peak LR:</source>
        <translation>峰值学习率：</translation>
    </message>
    <message>
        <source>The learning rate at the last step (nanoGPT: min_lr)</source>
        <translation>最后一步的学习率（nanoGPT：min_lr）</translation>
    </message>
    <message>
        <source>Final LR:</source>
        <translation>最终学习率：</translation>
    </message>
    <message>
        <source>Steps of linear warmup from 0 (nanoGPT: warmup_iters)</source>
        <translation>从 0 开始线性预热的步数（nanoGPT：warmup_iters）</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>预热步数：</translation>
    </message>
    <message>
        <source>Total steps:</source>
        <translation>总步数：</translation>
    </message>
    <message>
        <source>WSD: the share of the total steps spent decaying to the final LR</source>
        <translation>WSD：衰减到最终学习率所用步数占总步数的比例</translation>
    </message>
    <message>
        <source>Decay fraction:</source>
        <translation>衰减比例：</translation>
    </message>
    <message>
        <source>The same schedule for losscast-cli --schedule</source>
        <translation>同一调度的 losscast-cli --schedule 写法</translation>
    </message>
    <message>
        <source>As text:</source>
        <translation>文本形式：</translation>
    </message>
    <message>
        <source>Open with this schedule</source>
        <translation>使用此调度打开</translation>
    </message>
    <message>
        <source>Peak LR: write a positive number such as 3e-4.</source>
        <translation>峰值学习率：请输入正数，例如 3e-4。</translation>
    </message>
    <message>
        <source>Final LR: write a number such as 3e-5 (0 is allowed).</source>
        <translation>最终学习率：请输入数字，例如 3e-5（允许 0）。</translation>
    </message>
    <message>
        <source>Final LR is above the peak LR.</source>
        <translation>最终学习率高于峰值学习率。</translation>
    </message>
    <message>
        <source>The warmup must be shorter than the total steps.</source>
        <translation>预热必须短于总步数。</translation>
    </message>
    <message>
        <source>Total steps must reach the longest run&apos;s last step (%1).</source>
        <translation>总步数必须覆盖最长运行的最后一步（%1）。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>The planned length of the schedule (nanoGPT: lr_decay_iters or max_iters). Runs that stopped earlier use its first steps; it must reach the longest run&apos;s last step.</source>
        <translation>调度的计划长度（nanoGPT：lr_decay_iters 或 max_iters）。较早停止的运行使用其前面的步数；它必须覆盖最长运行的最后一步。</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::CptView</name>
    <message>
        <source>Optimise</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>optimisation failed</source>
        <translation>优化失败</translation>
    </message>
    <message>
        <source>Load CPT fit…</source>
        <translation>加载 CPT 拟合…</translation>
    </message>
    <message>
        <source>Paper preset</source>
        <translation>论文预设</translation>
    </message>
    <message>
        <source>Save fit…</source>
        <translation>保存拟合…</translation>
    </message>
    <message>
        <source>Write the fits with the PT schedule as a CPT fit file (losscast-cli cpt predict --fit)</source>
        <translation>将拟合连同 PT 调度写入 CPT 拟合文件（losscast-cli cpt predict --fit）</translation>
    </message>
    <message>
        <source>Save CPT fit</source>
        <translation>保存 CPT 拟合</translation>
    </message>
    <message>
        <source>CPT fit (*.json)</source>
        <translation>CPT 拟合 (*.json)</translation>
    </message>
    <message>
        <source>PT steps</source>
        <translation>PT 步数</translation>
    </message>
    <message>
        <source>Preset PT</source>
        <translation>预设 PT</translation>
    </message>
    <message>
        <source>Back to the parametric PT schedule (WSD to the final LR below)</source>
        <translation>回到参数化的 PT 调度（WSD 衰减到下面的最终学习率）</translation>
    </message>
    <message>
        <source>PT schedule</source>
        <translation>PT 调度</translation>
    </message>
    <message>
        <source>PT final LR</source>
        <translation>PT 最终学习率</translation>
    </message>
    <message>
        <source>CPT steps</source>
        <translation>CPT 步数</translation>
    </message>
    <message>
        <source>CPT peak LR</source>
        <translation>CPT 峰值学习率</translation>
    </message>
    <message>
        <source>CPT schedule</source>
        <translation>CPT 调度</translation>
    </message>
    <message>
        <source>Replay ratio</source>
        <translation>回放比例</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>权衡</translation>
    </message>
    <message>
        <source>λ1 (general weight)</source>
        <translation>λ1（通用权重）</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Optimised</source>
        <translation>已优化</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>general (D_pt)</source>
        <translation>通用 (D_pt)</translation>
    </message>
    <message>
        <source>domain (D_cpt)</source>
        <translation>领域 (D_cpt)</translation>
    </message>
    <message>
        <source>general, hidden PT curve</source>
        <translation>通用，隐含的 PT 曲线</translation>
    </message>
    <message>
        <source>domain, hidden PT curve</source>
        <translation>领域，隐含的 PT 曲线</translation>
    </message>
    <message>
        <source>turning / critical point</source>
        <translation>转折点 / 临界点</translation>
    </message>
    <message>
        <source>step (drag the CPT schedule&apos;s points)</source>
        <translation>步数（拖动 CPT 调度的控制点）</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Drag CPT schedule point</source>
        <translation>拖动 CPT 调度控制点</translation>
    </message>
    <message>
        <source>log10 CPT peak LR</source>
        <translation>log10 CPT 峰值学习率</translation>
    </message>
    <message>
        <source>replay ratio</source>
        <translation>回放比例</translation>
    </message>
    <message>
        <source>λ1·ΔL_general + (1−λ1)·ΔL_domain</source>
        <translation>λ1·ΔL_通用 + (1−λ1)·ΔL_领域</translation>
    </message>
    <message>
        <source>Set PT steps</source>
        <translation>设置 PT 步数</translation>
    </message>
    <message>
        <source>Set PT final LR</source>
        <translation>设置 PT 最终学习率</translation>
    </message>
    <message>
        <source>Set CPT steps</source>
        <translation>设置 CPT 步数</translation>
    </message>
    <message>
        <source>Set CPT peak LR</source>
        <translation>设置 CPT 峰值学习率</translation>
    </message>
    <message>
        <source>Set CPT schedule shape</source>
        <translation>设置 CPT 调度形状</translation>
    </message>
    <message>
        <source>Set replay ratio</source>
        <translation>设置回放比例</translation>
    </message>
    <message>
        <source>λ1 = %1, λ2 = %2</source>
        <translation>λ1 = %1，λ2 = %2</translation>
    </message>
    <message>
        <source>Load CPT fit</source>
        <translation>加载 CPT 拟合</translation>
    </message>
    <message>
        <source>Paper preset: 106M, FineWeb → Knowledge-Pile (Wang et al. 2025, Figs. 3, 19)</source>
        <translation>论文预设：106M，FineWeb → Knowledge-Pile（Wang et al. 2025，图 3、19）</translation>
    </message>
    <message>
        <source>%1: the file needs both a general and a domain fit</source>
        <translation>%1：该文件需要同时包含通用拟合和领域拟合</translation>
    </message>
    <message>
        <source>Fit: %1</source>
        <translation>拟合：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>PT schedule from %1</source>
        <translation>来自 %1 的 PT 调度</translation>
    </message>
    <message>
        <source>Preset PT schedule</source>
        <translation>预设 PT 调度</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>preset: warmup, constant, linear decay</source>
        <translation>预设：预热、恒定、线性衰减</translation>
    </message>
    <message>
        <source>%1 (loss potential %2 %)</source>
        <translation>%1（损失潜力 %2%）</translation>
    </message>
    <message>
        <source>%1 % PT data in CPT batches</source>
        <translation>CPT 批次中 %1% 为 PT 数据</translation>
    </message>
    <message>
        <source>Move CPT schedule point</source>
        <translation>移动 CPT 调度控制点</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>CPT optimisation</source>
        <translation>CPT 优化</translation>
    </message>
    <message>
        <source>Apply optimised CPT scenario</source>
        <translation>应用优化后的 CPT 情景</translation>
    </message>
    <message>
        <source>Loss potential</source>
        <translation>损失潜力</translation>
    </message>
    <message>
        <source>ΔL general</source>
        <translation>ΔL 通用</translation>
    </message>
    <message>
        <source>ΔL domain</source>
        <translation>ΔL 领域</translation>
    </message>
    <message>
        <source>Weighted (λ1 = %1)</source>
        <translation>加权（λ1 = %1）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n step(s), peak %2)</source>
        <translation>
            <numerusform>%1（%n 步，峰值 %2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> turning point, +%n step(s) </source>
        <translation>
            <numerusform> 转折点，+%n 步 </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; back at its switch value after %2 steps (critical point).</source>
        <translation>
            <numerusform>通用损失：峰值处 +%1，在切换后第 %n 个 CPT 步；%2 步后回到切换时的值（临界点）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>General loss: +%1 at its peak, %n CPT step(s) after the switch; it does not come back to its switch value within the CPT.</source>
        <translation>
            <numerusform>通用损失：峰值处 +%1，在切换后第 %n 个 CPT 步；在 CPT 期间不会回到切换时的值。</numerusform>
        </translation>
    </message>
    <message>
        <source>val loss (nats)</source>
        <translation>验证损失 (nats)</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ForecastPanel</name>
    <message>
        <source>Preset…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <source>Cosine to 10 % of the peak</source>
        <translation>余弦降至峰值的 10 %</translation>
    </message>
    <message>
        <source>WSD, last 20 % linear decay</source>
        <translation>WSD，最后 20 % 线性衰减</translation>
    </message>
    <message>
        <source>Linear to 0</source>
        <translation>线性降至 0</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>Fills the schedule field from the run&apos;s logged peak LR and warmup</source>
        <translation>根据该运行记录的峰值学习率和预热填写调度字段</translation>
    </message>
    <message>
        <source>last step </source>
        <translation>最后一步 </translation>
    </message>
    <message>
        <source>The step the run is planned to end at (T)</source>
        <translation>该运行计划结束的步数 (T)</translation>
    </message>
    <message>
        <source>Planned schedule:</source>
        <translation>计划的调度：</translation>
    </message>
    <message>
        <source>The whole planned schedule, as losscast-cli&apos;s --schedule: the logged LR is used up to the last logged step, this schedule after it</source>
        <translation>完整的计划调度，与 losscast-cli 的 --schedule 相同：直到最后记录的步使用记录的学习率，之后使用此调度</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>e.g. 3.3</source>
        <translation>例如 3.3</translation>
    </message>
    <message>
        <source>The forecast says at which step the run reaches this loss</source>
        <translation>预测会给出该运行在哪一步达到此损失</translation>
    </message>
    <message>
        <source>Target loss:</source>
        <translation>目标损失：</translation>
    </message>
    <message>
        <source>Pin Forecast</source>
        <translation>固定预测</translation>
    </message>
    <message>
        <source>Keep this forecast drawn while the live one moves, and warn when the measured loss leaves its band</source>
        <translation>在实时预测变化时保留绘制此预测，并在实测损失离开其区间时发出警告</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source>&lt;b&gt;Following %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;正在跟踪 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;No run followed.&lt;/b&gt; Right-click a run in the Runs dock → Follow, or File → Follow…, to forecast its final loss while it trains.</source>
        <translation>&lt;b&gt;未跟踪任何运行。&lt;/b&gt;在“运行”停靠窗口中右键单击一个运行 → 跟踪，或使用 文件 → 跟踪…，即可在训练期间预测其最终损失。</translation>
    </message>
    <message>
        <source>Final loss at step %1: &lt;b&gt;%2&lt;/b&gt; (95 %: %3 – %4)</source>
        <translation>第 %1 步的最终损失：&lt;b&gt;%2&lt;/b&gt;（95 %：%3 – %4）</translation>
    </message>
    <message numerus="yes">
        <source>%1 fitted on %n point(s) up to step %2 in %3 s%4</source>
        <translation>
            <numerusform>%1 在截至第 %2 步的 %n 个点上拟合，用时 %3 秒%4</numerusform>
        </translation>
    </message>
    <message>
        <source>; refitting…</source>
        <translation>；正在重新拟合…</translation>
    </message>
    <message>
        <source>Fitting…</source>
        <translation>正在拟合…</translation>
    </message>
    <message>
        <source>Target %1 reached at step %2 (forecast).</source>
        <translation>目标 %1 将在第 %2 步达到（预测）。</translation>
    </message>
    <message>
        <source>Target %1 not reached by step %2 (forecast).</source>
        <translation>到第 %2 步仍未达到目标 %1（预测）。</translation>
    </message>
    <message>
        <source>Pinned at step %1: final loss %2 (95 %: %3 – %4), drawn dash-dotted.</source>
        <translation>固定于第 %1 步：最终损失 %2（95 %：%3 – %4），以点划线绘制。</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::MixtureView</name>
    <message>
        <source>&lt;b&gt;domain&lt;/b&gt;</source>
        <translation>&lt;b&gt;领域&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;share&lt;/b&gt;</source>
        <translation>&lt;b&gt;占比&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;lock&lt;/b&gt;</source>
        <translation>&lt;b&gt;锁定&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;cap&lt;/b&gt;</source>
        <translation>&lt;b&gt;上限&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Optimise within caps</source>
        <translation>在上限内优化</translation>
    </message>
    <message>
        <source>Find the mixture with the lowest predicted overall loss, each domain at most its cap</source>
        <translation>寻找预测总损失最低的配比，每个领域不超过其上限</translation>
    </message>
    <message>
        <source>predicted loss (±2σ)</source>
        <translation>预测损失（±2σ）</translation>
    </message>
    <message>
        <source>Predicted loss</source>
        <translation>预测损失</translation>
    </message>
    <message>
        <source>Ternary</source>
        <translation>三元图</translation>
    </message>
    <message>
        <source>measured overall loss</source>
        <translation>实测总损失</translation>
    </message>
    <message>
        <source>predicted overall loss</source>
        <translation>预测总损失</translation>
    </message>
    <message>
        <source>Measured vs predicted</source>
        <translation>实测与预测</translation>
    </message>
    <message>
        <source>Open AutoScale optima…</source>
        <translation>打开 AutoScale 最优配比…</translation>
    </message>
    <message>
        <source>A CSV of optimal per-domain token counts at two or more scales (rows: label, total tokens, one column per domain), or AutoScale perturbation runs (DDO at one scale)</source>
        <translation>在两个或更多规模下各领域最优 token 数的 CSV（行：标签、总 token 数、每个领域一列），或 AutoScale 扰动运行（单一规模下的 DDO）</translation>
    </message>
    <message>
        <source>extrapolate from</source>
        <translation>外推依据</translation>
    </message>
    <message>
        <source>The two optima the AutoScale rule N(s) = N2 ⊙ (N2/N1)^s goes through; scales far apart are a firmer basis than neighbours</source>
        <translation>AutoScale 规则 N(s) = N2 ⊙ (N2/N1)^s 所经过的两个最优配比；相距较远的规模比相邻规模更可靠</translation>
    </message>
    <message>
        <source>and</source>
        <translation>和</translation>
    </message>
    <message>
        <source>Open an AutoScale optima file (e.g. resources/examples/mixing/autoscale_optima_B.csv) or perturbation runs.</source>
        <translation>打开 AutoScale 最优配比文件（例如 resources/examples/mixing/autoscale_optima_B.csv）或扰动运行。</translation>
    </message>
    <message>
        <source>total training tokens (log scale, the file&apos;s unit)</source>
        <translation>总训练 token 数（对数刻度，文件中的单位）</translation>
    </message>
    <message>
        <source>optimal weight (stacked)</source>
        <translation>最优权重（堆叠）</translation>
    </message>
    <message>
        <source>No AutoScale optima loaded</source>
        <translation>未加载 AutoScale 最优配比</translation>
    </message>
    <message>
        <source>scale (total tokens, log):</source>
        <translation>规模（总 token 数，对数）：</translation>
    </message>
    <message>
        <source>Choose a total training-token count: the optimal domain weights there are listed on the right and marked on the area</source>
        <translation>选择总训练 token 数：该处的最优领域权重列在右侧，并在面积图上标出</translation>
    </message>
    <message>
        <source>AutoScale</source>
        <translation>AutoScale</translation>
    </message>
    <message>
        <source>Keep this share fixed while others move</source>
        <translation>其他占比变化时保持此占比不变</translation>
    </message>
    <message>
        <source>Largest share the optimiser may use (available tokens ÷ planned total)</source>
        <translation>优化器可使用的最大占比（可用 token 数 ÷ 计划总数）</translation>
    </message>
    <message>
        <source>overall predicted loss: %1 ± %2 (2σ)</source>
        <translation>预测总损失：%1 ± %2（2σ）</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>
measured overall loss %1</source>
        <translation>
实测总损失 %1</translation>
    </message>
    <message>
        <source>
predicted overall loss %1</source>
        <translation>
预测总损失 %1</translation>
    </message>
    <message>
        <source>%1
predicted overall loss %2</source>
        <translation>%1
预测总损失 %2</translation>
    </message>
    <message>
        <source>Open mixture experiments to see the ternary plot</source>
        <translation>打开配比实验以查看三元图</translation>
    </message>
    <message>
        <source>The ternary plot needs exactly three training domains (this fit has %1)</source>
        <translation>三元图需要恰好三个训练领域（此拟合有 %1 个）</translation>
    </message>
    <message>
        <source>overall loss: background predicted, ● measured</source>
        <translation>总损失：背景为预测，● 为实测</translation>
    </message>
    <message>
        <source>100 % %1</source>
        <translation>100% %1</translation>
    </message>
    <message>
        <source>✶ current mixture · hover for values</source>
        <translation>✶ 当前配比 · 悬停查看数值</translation>
    </message>
    <message>
        <source>%1: one scale (%2). AutoScale extrapolates from two: open optima at a second scale.</source>
        <translation>%1：只有一个规模（%2）。AutoScale 需要两个规模来外推：请打开第二个规模的最优配比。</translation>
    </message>
    <message>
        <source>Choose two different rows to extrapolate from.</source>
        <translation>请选择两行不同的数据作为外推依据。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (total %2)&lt;br&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（总计 %2）&lt;br&gt;</translation>
    </message>
    <message>
        <source>optimal mix at %1 %2 tokens</source>
        <translation>%1 %2 token 处的最优配比</translation>
    </message>
    <message>
        <source>other rows of the file</source>
        <translation>文件中的其他行</translation>
    </message>
    <message>
        <source>the two rows extrapolated from</source>
        <translation>用于外推的两行</translation>
    </message>
    <message>
        <source>total training tokens, %1 (log scale)</source>
        <translation>总训练 token 数，%1（对数刻度）</translation>
    </message>
    <message>
        <source>&lt;b&gt;optimal mix at %1 %2tokens&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;%1 %2token 处的最优配比&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法达到：%1</translation>
    </message>
    <message numerus="yes">
        <source>◆ measured: the %n run(s) nearest to this mixture (distance %1–%2)</source>
        <translation>
            <numerusform>◆ 实测：最接近此配比的 %n 个运行（距离 %1–%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n measured run(s), filled with their measured overall loss</source>
        <translation>
            <numerusform>● %n 个实测运行，以其实测总损失着色</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n run(s) beyond the colour scale take its end colours)</source>
        <translation>
            <numerusform>（超出色标范围的 %n 个运行使用色标两端的颜色）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s), %2 domains; the area follows AutoScale&apos;s rule through the two chosen rows; ○ marks every row of the file at its total.</source>
        <translation>
            <numerusform>%1：%n 行，%2 个领域；面积图按 AutoScale 规则经过所选的两行；○ 标出文件中每一行在其总量处的位置。</numerusform>
        </translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>The implicit model (a Gaussian process per validation domain) or the data mixing law (Ye et al. 2024); the one marked &quot;chosen&quot; predicts held-out runs best in 5-fold cross-validation</source>
        <translation>隐式模型（每个验证领域一个高斯过程）或数据配比定律（Ye et al. 2024）；标记为“已选”的模型在 5 折交叉验证中对留出运行预测最好</translation>
    </message>
    <message>
        <source>implicit (GP)</source>
        <translation>隐式（GP）</translation>
    </message>
    <message>
        <source>mixing law</source>
        <translation>数据配比定律</translation>
    </message>
    <message>
        <source>Implicit (Gaussian process)</source>
        <translation>隐式（高斯过程）</translation>
    </message>
    <message>
        <source>Mixing law (Ye et al. 2024)</source>
        <translation>数据配比定律（Ye et al. 2024）</translation>
    </message>
    <message>
        <source> — chosen</source>
        <translation> — 已选</translation>
    </message>
    <message>
        <source>%1-fold cross-validation on these runs, mean Spearman over the %2 targets: implicit %3, law %4</source>
        <translation>在这些运行上做 %1 折交叉验证，%2 个目标的平均 Spearman：隐式 %3，定律 %4</translation>
    </message>
    <message>
        <source>One model fitted: %1</source>
        <translation>已拟合一个模型：%1</translation>
    </message>
    <message>
        <source>Load an experiments table with losses to compare the model with the measured runs</source>
        <translation>加载带有损失的实验表，以便将模型与实测运行比较</translation>
    </message>
    <message>
        <source>%1: MAE %2, Spearman %3</source>
        <translation>%1：MAE %2，Spearman %3</translation>
    </message>
    <message>
        <source>nearest to the sliders</source>
        <translation>最接近滑块</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), each predicted by models fitted without it
(%1-fold cross-validation); dashed: y = x</source>
        <translation>
            <numerusform>%n 个运行，每个由不含它而拟合的模型预测
（%1 折交叉验证）；虚线：y = x</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) (fitted on); dashed: y = x</source>
        <translation>
            <numerusform>%n 个运行（用于拟合）；虚线：y = x</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ParameterTable</name>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>± std. error</source>
        <translation>± 标准误差</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Double-click a value to change it and see its effect; tick Fixed to keep it during fits.</source>
        <translation>双击数值可修改并查看效果；勾选“固定”可在拟合时保持不变。</translation>
    </message>
    <message>
        <source>%1 (at a bound; double-click to edit)</source>
        <translation>%1（位于边界；双击编辑）</translation>
    </message>
    <message>
        <source>%1 (double-click to edit)</source>
        <translation>%1（双击编辑）</translation>
    </message>
    <message>
        <source>at bound</source>
        <translation>位于边界</translation>
    </message>
    <message>
        <source>%1 % of the value</source>
        <translation>数值的 %1%</translation>
    </message>
    <message>
        <source>%1
In brackets, %2: that standard error, for reference only; refit with the parameter fixed (tick Fixed) or with more runs to pin it down.</source>
        <translation>%1
括号中的 %2：该标准误差，仅供参考；固定该参数（勾选“固定”）或用更多运行重新拟合以确定它。</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::PlotPanel</name>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>measured − fit</source>
        <translation>实测 − 拟合</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message numerus="yes">
        <source>measured: %n run(s), colours as in the Runs dock</source>
        <translation>
            <numerusform>实测：%n 个运行，颜色与“运行”面板一致</numerusform>
        </translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source> (LR)</source>
        <translation>（学习率）</translation>
    </message>
    <message>
        <source>%1: unknown image format &quot;%2&quot; (use .png, .svg or .pdf)</source>
        <translation>%1：未知的图像格式“%2”（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>%1: could not be written</source>
        <translation>%1：无法写入</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ScalingView</name>
    <message>
        <source>Open Runs Table…</source>
        <translation>打开运行表…</translation>
    </message>
    <message>
        <source>A W&amp;B runs-table export or any CSV with one row per run: model size N, training tokens D (or FLOPs), final loss</source>
        <translation>W&amp;B 运行表导出或任意每个运行一行的 CSV：模型规模 N、训练 token 数 D（或 FLOPs）、最终损失</translation>
    </message>
    <message>
        <source>From Opened Runs</source>
        <translation>由已打开的运行生成</translation>
    </message>
    <message>
        <source>One row per opened run: its final loss and tokens; type each run&apos;s model size N into the table</source>
        <translation>每个已打开的运行一行：最终损失和 token 数；请在表中填写各运行的模型规模 N</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Fit L(N, D) = E + A/N^α + B/D^β to the table as shown</source>
        <translation>将 L(N, D) = E + A/N^α + B/D^β 拟合到当前表格</translation>
    </message>
    <message>
        <source>Export Plot…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export Fit (JSON)…</source>
        <translation>导出拟合（JSON）…</translation>
    </message>
    <message>
        <source>The fit as losscast-cli scale fit writes it (readable by scale optimal --fit)</source>
        <translation>与 losscast-cli scale fit 输出相同的拟合（可由 scale optimal --fit 读取）</translation>
    </message>
    <message>
        <source>Refits on resampled runs for the frontier&apos;s band and the loss interval (0: from the fit&apos;s covariance)</source>
        <translation>在重采样运行上重新拟合，用于前沿的置信带和损失区间（0：使用拟合的协方差）</translation>
    </message>
    <message>
        <source>e.g. 0.5M</source>
        <translation>例如 0.5M</translation>
    </message>
    <message>
        <source>Tokens per optimizer step, for opened runs that log no tokens: D = last step × tokens per step</source>
        <translation>每个优化步的 token 数，用于未记录 token 的已打开运行：D = 最后一步 × 每步 token 数</translation>
    </message>
    <message>
        <source>Tokens/step:</source>
        <translation>每步 token：</translation>
    </message>
    <message>
        <source>Bootstrap:</source>
        <translation>Bootstrap：</translation>
    </message>
    <message>
        <source>by name</source>
        <translation>按名称</translation>
    </message>
    <message>
        <source>Column of the model size N in parameters (default: n, params, n_params, num_params, parameters)</source>
        <translation>模型规模 N（参数个数）所在列（默认：n、params、n_params、num_params、parameters）</translation>
    </message>
    <message>
        <source>Column of the training tokens D, or a product of columns and numbers such as iterations*tokens_per_step (default: d, tokens, n_tokens, num_tokens)</source>
        <translation>训练 token 数 D 所在列，或列与数字的乘积，如 iterations*tokens_per_step（默认：d、tokens、n_tokens、num_tokens）</translation>
    </message>
    <message>
        <source>Column of the training FLOPs C, used when there is no D column: D = C / 6N</source>
        <translation>训练 FLOPs C 所在列，无 D 列时使用：D = C / 6N</translation>
    </message>
    <message>
        <source>Column of the final loss (default: loss, final_loss, val_loss)</source>
        <translation>最终损失所在列（默认：loss、final_loss、val_loss）</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列：</translation>
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
        <translation>损失</translation>
    </message>
    <message>
        <source>No runs table yet: open one, or build it from the opened runs.</source>
        <translation>尚无运行表：请打开一个，或由已打开的运行生成。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>N (parameters)</source>
        <translation>N（参数）</translation>
    </message>
    <message>
        <source>D (tokens)</source>
        <translation>D（token）</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>拟合值</translation>
    </message>
    <message>
        <source>Type N and D as numbers or with a suffix: 350M, 1.3B, 20B</source>
        <translation>以数字或带后缀的形式输入 N 和 D：350M、1.3B、20B</translation>
    </message>
    <message>
        <source>Compute budget C = 6·N·D (log scale)</source>
        <translation>计算预算 C = 6·N·D（对数刻度）</translation>
    </message>
    <message>
        <source>Compute budget in FLOPs, e.g. 1e21</source>
        <translation>以 FLOPs 计的计算预算，例如 1e21</translation>
    </message>
    <message>
        <source>Fit a table to plan a compute budget.</source>
        <translation>拟合一个表格以规划计算预算。</translation>
    </message>
    <message>
        <source>Compute budget:</source>
        <translation>计算预算：</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>拟合已取消。</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1: N from &apos;%2&apos;, D from &apos;%3&apos;, loss from &apos;%4&apos;</source>
        <translation>%1：N 取自“%2”，D 取自“%3”，损失取自“%4”</translation>
    </message>
    <message>
        <source>Runs saved with the session</source>
        <translation>随会话保存的运行</translation>
    </message>
    <message>
        <source>Runs table</source>
        <translation>运行表</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>%1, run &apos;%2&apos; (row %3): %4 must be a number &gt; 0%5</source>
        <translation>%1，运行“%2”（第 %3 行）：%4 必须是大于 0 的数%5</translation>
    </message>
    <message>
        <source>, got %1</source>
        <translation>，实际为 %1</translation>
    </message>
    <message>
        <source>: type it in</source>
        <translation>：请填写</translation>
    </message>
    <message>
        <source>runs opened in LossCast</source>
        <translation>在 LossCast 中打开的运行</translation>
    </message>
    <message>
        <source>Fitting L(N, D)</source>
        <translation>正在拟合 L(N, D)</translation>
    </message>
    <message>
        <source>The fit gave no usable parameters: %1</source>
        <translation>拟合未得到可用参数：%1</translation>
    </message>
    <message>
        <source>E is close to 0: the table does not pin down the irreducible loss (it needs more model sizes or a wider range of tokens), so the frontier and its band are loose.</source>
        <translation>E 接近 0：该表无法确定不可约损失（需要更多模型规模或更宽的 token 范围），因此前沿及其置信带较为宽松。</translation>
    </message>
    <message>
        <source>An exponent is at the edge of its range (0 to 3): the runs do not determine it.</source>
        <translation>某个指数位于其取值范围（0 到 3）的边界：这些运行无法确定它。</translation>
    </message>
    <message>
        <source>model size N (parameters, log scale)</source>
        <translation>模型规模 N（参数，对数刻度）</translation>
    </message>
    <message>
        <source>training tokens D (log scale)</source>
        <translation>训练 token 数 D（对数刻度）</translation>
    </message>
    <message>
        <source>predicted loss</source>
        <translation>预测损失</translation>
    </message>
    <message>
        <source>predicted loss L(N, D)</source>
        <translation>预测损失 L(N, D)</translation>
    </message>
    <message>
        <source>iso-loss</source>
        <translation>等损失线</translation>
    </message>
    <message>
        <source>iso-FLOP</source>
        <translation>等 FLOP 线</translation>
    </message>
    <message>
        <source>frontier band (%1%)</source>
        <translation>前沿置信带（%1%）</translation>
    </message>
    <message>
        <source>compute-optimal frontier</source>
        <translation>计算最优前沿</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>optimum (N*, D*)</source>
        <translation>最优点 (N*, D*)</translation>
    </message>
    <message>
        <source> (%1% interval %2 – %3, %4)</source>
        <translation>（%1% 区间 %2 – %3，%4）</translation>
    </message>
    <message>
        <source>bootstrap</source>
        <translation>bootstrap</translation>
    </message>
    <message>
        <source>delta method</source>
        <translation>delta 方法</translation>
    </message>
    <message>
        <source>Budget %1 FLOPs → N* = %2 parameters, D* = %3 tokens (%4 tokens per parameter); predicted loss %5%6</source>
        <translation>预算 %1 FLOPs → N* = %2 参数，D* = %3 token（每参数 %4 token）；预测损失 %5%6</translation>
    </message>
    <message numerus="yes">
        <source>%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) and needs at least 5 runs, better several sizes × several token counts</source>
        <translation>
            <numerusform>%1：运行太少：只有 %n 个运行同时具有 N、D 和损失；该定律有 5 个参数（E、A、B、alpha、beta），至少需要 5 个运行，最好是多个规模 × 多个 token 数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fitting L(N, D) to %n run(s)…</source>
        <translation>
            <numerusform>正在将 L(N, D) 拟合到 %n 个运行…</numerusform>
        </translation>
    </message>
    <message>
        <source>L(N, D) = E + A/N^α + B/D^β:  E = %1,  A = %2,  B = %3,  α = %4,  β = %5;  N* ∝ C^%6, D* ∝ C^%7.  %8, %9 s%10.</source>
        <translation>L(N, D) = E + A/N^α + B/D^β：E = %1，A = %2，B = %3，α = %4，β = %5；N* ∝ C^%6，D* ∝ C^%7。%8，%9 秒%10。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, bootstrap: %n refit(s) in %1 s</source>
        <translation>
            <numerusform>，bootstrap：%n 次重新拟合，用时 %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>The size-aware curve law fitted across the model sizes of the opened runs</source>
        <translation>在已打开运行的各模型规模上拟合的规模感知曲线定律</translation>
    </message>
    <message>
        <source>Fit on Opened Runs</source>
        <translation>在已打开的运行上拟合</translation>
    </message>
    <message>
        <source>Fit the size-aware law to the opened runs; each run&apos;s N comes from this table (same run name) or from its name (25M_…). Needs two sizes or more.</source>
        <translation>将规模感知定律拟合到已打开的运行；每个运行的 N 取自此表（相同运行名）或其名称（25M_…）。需要两个或更多规模。</translation>
    </message>
    <message>
        <source>Draw the curve at N =</source>
        <translation>绘制曲线，N =</translation>
    </message>
    <message>
        <source>Draw the predicted whole curve of this model size under the current scenario in the main plot</source>
        <translation>在主图表中绘制此模型规模在当前情景下的完整预测曲线</translation>
    </message>
    <message>
        <source>Model size N (log scale)</source>
        <translation>模型规模 N（对数刻度）</translation>
    </message>
    <message>
        <source>Model size in parameters, e.g. 400M or 1.3B</source>
        <translation>以参数个数计的模型规模，例如 400M 或 1.3B</translation>
    </message>
    <message>
        <source>Curve at a model size: fit a size-aware law on runs of two or more sizes.</source>
        <translation>指定模型规模的曲线：在两个或更多规模的运行上拟合规模感知定律。</translation>
    </message>
    <message>
        <source>Curve law:</source>
        <translation>曲线定律：</translation>
    </message>
</context>
<context>
    <name>losscast::widgets::ScenarioEditor</name>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Linear decay</source>
        <translation>线性衰减</translation>
    </message>
    <message>
        <source>WSD (warmup-stable-decay)</source>
        <translation>WSD（预热–稳定–衰减）</translation>
    </message>
    <message>
        <source>Multi-step</source>
        <translation>多阶段</translation>
    </message>
    <message>
        <source>Inverse square root</source>
        <translation>平方根倒数</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>Cyclic (cosine restarts)</source>
        <translation>循环（余弦重启）</translation>
    </message>
    <message>
        <source>Custom (drag points on the LR plot)</source>
        <translation>自定义（在学习率图上拖动控制点）</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>Δ vs baseline</source>
        <translation>相对基线的 Δ</translation>
    </message>
    <message>
        <source>Predicted loss at the last step of each scenario. Double-click a name to rename it.</source>
        <translation>各情景最后一步的预测损失。双击名称可重命名。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open a run to start&lt;/b&gt; (File → Open, or drop a log on the window). Scenarios are &quot;what if&quot; schedules: once a law is fitted to your runs, each one shows its predicted loss.</source>
        <translation>&lt;b&gt;打开一个运行以开始&lt;/b&gt;（“文件 → 打开”，或将日志拖放到窗口上）。情景是“假如”调度：定律拟合到您的运行后，每个情景都会显示其预测损失。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a scenario (a copy of the form&apos;s preset)</source>
        <translation>添加情景（表单预设的副本）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Optimise…</source>
        <translation>优化…</translation>
    </message>
    <message>
        <source>Search the schedule with this length, warmup, peak and final LR that the fitted law predicts to end lowest (runs in the background; adds a scenario)</source>
        <translation>在此长度、预热、峰值和最终学习率下，搜索拟合定律预测最终损失最低的调度（后台运行；添加一个情景）</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>基线：</translation>
    </message>
    <message>
        <source>Scenario the Δ column compares with</source>
        <translation>Δ 列所比较的情景</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>调度：</translation>
    </message>
    <message>
        <source>Learning rate after the warmup</source>
        <translation>预热之后的学习率</translation>
    </message>
    <message>
        <source>Peak LR:</source>
        <translation>峰值学习率：</translation>
    </message>
    <message>
        <source>Learning rate at the last step (cycle minimum for cyclic)</source>
        <translation>最后一步的学习率（循环调度时为周期最小值）</translation>
    </message>
    <message>
        <source>Final LR:</source>
        <translation>最终学习率：</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>预热步数：</translation>
    </message>
    <message>
        <source>Total steps:</source>
        <translation>总步数：</translation>
    </message>
    <message>
        <source>WSD: the decay&apos;s share of the total steps</source>
        <translation>WSD：衰减阶段占总步数的比例</translation>
    </message>
    <message>
        <source>Decay fraction:</source>
        <translation>衰减比例：</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>1 − sqrt</source>
        <translation>1 − sqrt</translation>
    </message>
    <message>
        <source>Decay shape:</source>
        <translation>衰减形状：</translation>
    </message>
    <message>
        <source>The schedule in losscast-cli&apos;s --schedule form</source>
        <translation>losscast-cli --schedule 格式的调度</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>%1 % of the baseline&apos;s final loss</source>
        <translation>基线最终损失的 %1%</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>The schedule in losscast-cli&apos;s --schedule form:
%1</source>
        <translation>losscast-cli --schedule 格式的调度：
%1</translation>
    </message>
</context>
</TS>
