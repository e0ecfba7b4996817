// The Scaling view: controls, the runs table and the background fit (the plot is in scalingview_plot.cpp).
#include "widgets/scalingview.h"
#include "widgets/plotexport.h"

#include "core/scaling/chinchillajson.h"
#include "core/version.h"
#include "widgets/plotguard.h"
#include "widgets/taskrunner.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

Q_DECLARE_METATYPE(std::shared_ptr<const losscast::widgets::ScalingFitOutcome>)

namespace losscast::widgets {

namespace {

namespace sc = core::scaling;

enum Column
{
    ColName,
    ColN,
    ColD,
    ColLoss,
    ColPredicted,
    ColCount
};

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QString();
}

/// What a cell shows: N and D as counts with a suffix (59.8M, 1.28B), the loss with 6 digits.
QString cellText(int column, double v)
{
    if (!std::isfinite(v))
        return {};
    return column == ColN || column == ColD ? humanCount(v) : QString::number(v, 'g', 6);
}

/// A typed number: plain ("1.3e9") or with a metric suffix ("1.3B", "350M", "20k"); NaN when not one.
double parseCount(QString text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    double scale = 1.0;
    const QChar last = text.back().toUpper();
    if (last == 'K' || last == 'M' || last == 'B' || last == 'G' || last == 'T') {
        scale = last == 'K' ? 1e3 : last == 'M' ? 1e6 : last == 'T' ? 1e12 : 1e9;
        text.chop(1);
    }
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    return ok ? v * scale : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

QString humanCount(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    const double a = std::abs(v);
    const struct
    {
        double f;
        const char* s;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    for (const auto& u : units)
        if (a >= u.f * 0.9995)
            return QString::number(v / u.f, 'g', 3) + QLatin1String(u.s);
    return QString::number(v, 'g', 3);
}

ScalingView::ScalingView(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<std::shared_ptr<const ScalingFitOutcome>>();
    m_runner = new TaskRunner(this);

    m_open = new QPushButton(tr("Open Runs Table…"));
    m_open->setToolTip(tr("A W&B runs-table export or any CSV with one row per run: model size N, training "
                          "tokens D (or FLOPs), final loss"));
    m_fromRuns = new QPushButton(tr("From Opened Runs"));
    m_fromRuns->setToolTip(
        tr("One row per opened run: its final loss and tokens; type each run's model size N "
           "into the table"));
    m_fit = new QPushButton(tr("Fit"));
    m_fit->setToolTip(tr("Fit L(N, D) = E + A/N^α + B/D^β to the table as shown"));
    m_exportPlot = new QPushButton(tr("Export Plot…"));
    m_exportFit = new QPushButton(tr("Export Fit (JSON)…"));
    m_exportFit->setToolTip(
        tr("The fit as losscast-cli scale fit writes it (readable by scale optimal --fit)"));
    m_bootstrap = new QSpinBox;
    m_bootstrap->setRange(0, 10000);
    m_bootstrap->setValue(100);
    m_bootstrap->setToolTip(tr("Refits on resampled runs for the frontier's band and the loss interval (0: "
                               "from the fit's covariance)"));
    m_tokensPerStep = new QLineEdit;
    m_tokensPerStep->setPlaceholderText(tr("e.g. 0.5M"));
    m_tokensPerStep->setMaximumWidth(90);
    m_tokensPerStep->setToolTip(tr("Tokens per optimizer step, for opened runs that log no tokens: D = last "
                                   "step × tokens per step"));
    auto* top = new QHBoxLayout;
    for (QWidget* w : {static_cast<QWidget*>(m_open), static_cast<QWidget*>(m_fromRuns)})
        top->addWidget(w);
    top->addWidget(new QLabel(tr("Tokens/step:")));
    top->addWidget(m_tokensPerStep);
    top->addWidget(new QLabel(tr("Bootstrap:")));
    top->addWidget(m_bootstrap);
    top->addWidget(m_fit);
    top->addStretch(1);
    top->addWidget(m_exportPlot);
    top->addWidget(m_exportFit);

    auto column = [](const QString& tip) {
        auto* e = new QLineEdit;
        e->setPlaceholderText(tr("by name"));
        e->setToolTip(tip);
        e->setMaximumWidth(220);
        return e;
    };
    m_nCol = column(tr("Column of the model size N in parameters (default: n, params, n_params, num_params, "
                       "parameters)"));
    m_dCol = column(tr("Column of the training tokens D, or a product of columns and numbers such as "
                       "iterations*tokens_per_step (default: d, tokens, n_tokens, num_tokens)"));
    m_flopsCol = column(tr("Column of the training FLOPs C, used when there is no D column: D = C / 6N"));
    m_lossCol = column(tr("Column of the final loss (default: loss, final_loss, val_loss)"));
    auto* cols = new QHBoxLayout;
    cols->addWidget(new QLabel(tr("Columns:")));
    cols->addWidget(new QLabel(tr("N")));
    cols->addWidget(m_nCol);
    cols->addWidget(new QLabel(tr("D")));
    cols->addWidget(m_dCol);
    cols->addWidget(new QLabel(tr("FLOPs")));
    cols->addWidget(m_flopsCol);
    cols->addWidget(new QLabel(tr("Loss")));
    cols->addWidget(m_lossCol);
    cols->addStretch(1);

    m_source = new QLabel(tr("No runs table yet: open one, or build it from the opened runs."));
    m_source->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("scalingError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table = new QTableWidget(0, ColCount);
    m_table->setHorizontalHeaderLabels(
        {tr("Run"), tr("N (parameters)"), tr("D (tokens)"), tr("Loss"), tr("Fitted")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColName, QHeaderView::Interactive);
    m_table->setColumnWidth(ColName, 120);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setVisible(false);
    m_table->setToolTip(tr("Type N and D as numbers or with a suffix: 350M, 1.3B, 20B"));
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_filling || item->column() == ColPredicted || item->column() == ColName)
            return;
        m_edited = true;
        emit changed();
    });

    m_plot = new QCustomPlot;
    m_plot->setMinimumSize(420, 280);
    replotOnlyWhenShown(m_plot);
    m_table->setMinimumWidth(340);

    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setRange(0, 1000);
    m_slider->setEnabled(false);
    m_slider->setToolTip(tr("Compute budget C = 6·N·D (log scale)"));
    m_budgetEdit = new QLineEdit;
    m_budgetEdit->setMaximumWidth(90);
    m_budgetEdit->setToolTip(tr("Compute budget in FLOPs, e.g. 1e21"));
    m_optimumLabel = new QLabel(tr("Fit a table to plan a compute budget."));
    m_optimumLabel->setWordWrap(true);
    m_optimumLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* budget = new QHBoxLayout;
    budget->addWidget(new QLabel(tr("Compute budget:")));
    budget->addWidget(m_slider, 1);
    budget->addWidget(m_budgetEdit);
    budget->addWidget(new QLabel(tr("FLOPs")));

    // Left: the table, the budget and the curve at a model size; right: the plot at the full height.
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addLayout(budget);
    leftLayout->addWidget(m_optimumLabel);
    buildSizeRow(leftLayout); // scalingview_size.cpp
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({520, 800});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(cols);
    layout->addWidget(m_source);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_open, &QPushButton::clicked, this, &ScalingView::openTableRequested);
    connect(m_fromRuns, &QPushButton::clicked, this, &ScalingView::fromRunsRequested);
    connect(m_fit, &QPushButton::clicked, this, [this] {
        // With a file whose rows were not typed into, a changed column choice means reading it again.
        if (!m_tablePath.isEmpty() && !m_edited)
            openTable(m_tablePath);
        else
            startFit();
    });
    connect(m_exportPlot, &QPushButton::clicked, this, &ScalingView::exportPlotRequested);
    connect(m_exportFit, &QPushButton::clicked, this, &ScalingView::exportFitRequested);
    for (QLineEdit* e : {m_nCol, m_dCol, m_flopsCol, m_lossCol, m_tokensPerStep})
        connect(e, &QLineEdit::editingFinished, this, &ScalingView::changed);
    connect(m_bootstrap, &QSpinBox::valueChanged, this, &ScalingView::changed);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_filling)
            return;
        m_budget = sliderToFlops(v);
        updateBudget();
        emit changed();
    });
    connect(m_budgetEdit, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const double c = m_budgetEdit->text().trimmed().toDouble(&ok);
        if (ok && c > 0 && std::isfinite(c)) {
            setBudget(c);
            emit changed();
        } else {
            m_budgetEdit->setText(number(m_budget));
        }
    });
    connect(m_runner, &TaskRunner::finished, this, [this](quint64, const QVariant& result) {
        onFitDone(result.value<std::shared_ptr<const ScalingFitOutcome>>());
    });
    connect(m_runner, &TaskRunner::cancelled, this, [this](quint64) {
        m_fit->setEnabled(true);
        m_status->setText(tr("Fit cancelled."));
        emit fitFinished(false);
    });
    m_exportPlot->setEnabled(false);
    m_exportFit->setEnabled(false);
    drawPlot();
    applyPalette();
}

ScalingView::~ScalingView()
{
    m_runner->cancel();
    m_runner->waitForIdle();
}

QSize ScalingView::sizeHint() const
{
    return {1100, 560};
}

void ScalingView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_plot) {
        applyPalette();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ScalingView::applyPalette()
{
    const QColor bg = palette().color(QPalette::Base), fg = palette().color(QPalette::Text);
    QColor grid = fg;
    grid.setAlpha(45);
    m_plot->setBackground(bg);
    auto style = [&](QCPAxis* ax) {
        ax->setBasePen(QPen(fg));
        ax->setTickPen(QPen(fg));
        ax->setSubTickPen(QPen(fg));
        ax->setTickLabelColor(fg);
        ax->setLabelColor(fg);
        ax->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    };
    for (QCPAxis* ax : m_plot->axisRect()->axes())
        style(ax);
    if (m_scale)
        style(m_scale->axis());
    m_plot->legend->setBrush(bg);
    m_plot->legend->setTextColor(fg);
}

void ScalingView::setError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

QString ScalingView::errorText() const
{
    return m_error->text();
}

QString ScalingView::statusText() const
{
    return m_status->text();
}

core::scaling::RunsColumns ScalingView::columns() const
{
    return {m_nCol->text().trimmed().toStdString(), m_dCol->text().trimmed().toStdString(),
            m_flopsCol->text().trimmed().toStdString(), m_lossCol->text().trimmed().toStdString()};
}

void ScalingView::setColumns(const core::scaling::RunsColumns& c)
{
    m_nCol->setText(QString::fromStdString(c.n));
    m_dCol->setText(QString::fromStdString(c.d));
    m_flopsCol->setText(QString::fromStdString(c.flops));
    m_lossCol->setText(QString::fromStdString(c.loss));
}

ScalingView::Settings ScalingView::settings() const
{
    return {m_huberDelta, m_bootstrap->value(), m_level};
}

void ScalingView::setSettings(const Settings& s)
{
    m_huberDelta = s.huberDelta > 0 ? s.huberDelta : 1e-3;
    m_level = s.level > 0 && s.level < 1 ? s.level : 0.95;
    m_bootstrap->setValue(s.bootstrap);
}

double ScalingView::tokensPerStep() const
{
    const double v = parseCount(m_tokensPerStep->text());
    return std::isfinite(v) && v > 0 ? v : 0.0;
}

void ScalingView::setTokensPerStep(double tokens)
{
    m_tokensPerStep->setText(tokens > 0 ? humanCount(tokens) : QString());
}

void ScalingView::fillTable(const std::vector<ScalingRow>& rows)
{
    m_filling = true;
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const ScalingRow& r = rows[std::size_t(i)];
        auto* name = new QTableWidgetItem(r.name);
        name->setToolTip(r.name);
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(i, ColName, name);
        // Shown with 6 digits, kept exact: the fit uses the table's own numbers unless a cell is typed into.
        const std::pair<int, double> cells[] = {{ColN, r.n}, {ColD, r.d}, {ColLoss, r.loss}};
        for (const auto& [col, v] : cells) {
            auto* item = new QTableWidgetItem(cellText(col, v));
            item->setData(Qt::UserRole, v);
            m_table->setItem(i, col, item);
        }
        auto* pred = new QTableWidgetItem;
        pred->setFlags(pred->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(i, ColPredicted, pred);
    }
    m_filling = false;
}

std::vector<ScalingRow> ScalingView::rows() const
{
    std::vector<ScalingRow> out;
    for (int i = 0; i < m_table->rowCount(); ++i) {
        auto text = [&](int c) { return m_table->item(i, c) ? m_table->item(i, c)->text() : QString(); };
        auto value = [&](int c) {
            const QTableWidgetItem* item = m_table->item(i, c);
            if (!item)
                return std::numeric_limits<double>::quiet_NaN();
            const QVariant exact = item->data(Qt::UserRole);
            if (exact.isValid() && item->text() == cellText(c, exact.toDouble()))
                return exact.toDouble();
            return parseCount(item->text());
        };
        out.push_back({text(ColName), value(ColN), value(ColD), value(ColLoss)});
    }
    return out;
}

bool ScalingView::openTable(const QString& path)
{
    auto read = sc::readRunsTable(path.toStdString(), columns());
    if (!read) {
        setError(QString::fromStdString(read.errorText()));
        return false;
    }
    std::vector<ScalingRow> rows;
    for (const auto& r : read->runs)
        rows.push_back(
            {r.name.empty() ? tr("line %1").arg(r.line) : QString::fromStdString(r.name), r.n, r.d, r.loss});
    m_fileTable = *read;
    m_tablePath = QFileInfo(path).absoluteFilePath();
    m_edited = false;
    QString skipped;
    for (const auto& d : read.diagnostics)
        skipped += QStringLiteral("\n") + QString::fromStdString(d.toString());
    m_sourceText = tr("%1: N from '%2', D from '%3', loss from '%4'")
                       .arg(QFileInfo(path).fileName(), QString::fromStdString(read->nColumn),
                            QString::fromStdString(read->flopsColumn.empty() ? read->dColumn
                                                                             : read->flopsColumn + " / 6N"),
                            QString::fromStdString(read->lossColumn));
    m_source->setText(m_sourceText + skipped);
    fillTable(rows);
    emit changed();
    return startFit();
}

void ScalingView::setRows(const std::vector<ScalingRow>& rows, const QString& source)
{
    m_tablePath.clear();
    m_fileTable = {};
    m_edited = false;
    m_sourceText = source;
    m_source->setText(source);
    fillTable(rows);
    emit changed();
    startFit();
}

void ScalingView::restoreRows(const std::vector<ScalingRow>& rows, const QString& path, bool edited)
{
    m_tablePath = path;
    m_fileTable = {};
    m_edited = edited;
    m_sourceText = path.isEmpty() ? tr("Runs saved with the session") : QFileInfo(path).fileName();
    m_source->setText(m_sourceText);
    fillTable(rows);
}

void ScalingView::clear()
{
    m_runner->cancel();
    m_outcome.reset();
    m_samples.clear();
    m_tablePath.clear();
    m_fileTable = {};
    m_edited = false;
    m_budget = m_budgetMin = m_budgetMax = 0.0;
    m_lossInterval = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    fillTable({});
    setColumns({});
    setSettings({});
    m_tokensPerStep->clear();
    setError({});
    m_status->clear();
    m_source->setText(tr("No runs table yet: open one, or build it from the opened runs."));
    m_exportPlot->setEnabled(false);
    m_exportFit->setEnabled(false);
    m_fit->setEnabled(true);
    drawPlot();
    updateBudget();
}

bool ScalingView::startFit()
{
    // Every row needs N, D and a loss > 0: say which run lacks which, as the table reader does for files.
    const auto rs = rows();
    const QString where = m_tablePath.isEmpty() ? tr("Runs table") : QFileInfo(m_tablePath).fileName();
    QStringList problems;
    std::vector<sc::ScalingRun> runs;
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const ScalingRow& r = rs[i];
        const std::pair<double, QString> fields[] = {
            {r.n, tr("N (parameters)")}, {r.d, tr("D (tokens)")}, {r.loss, tr("loss")}};
        bool ok = true;
        for (const auto& [v, field] : fields)
            if (!(std::isfinite(v) && v > 0)) {
                problems << tr("%1, run '%2' (row %3): %4 must be a number > 0%5")
                                .arg(where, r.name)
                                .arg(i + 1)
                                .arg(field, std::isfinite(v) ? tr(", got %1").arg(v) : tr(": type it in"));
                ok = false;
            }
        if (ok)
            runs.push_back({r.n, r.d, r.loss, std::int64_t(i + 1), r.name.toStdString()});
    }
    if (!problems.isEmpty()) {
        setError(problems.size() > 6 ? problems.mid(0, 6).join('\n') + QStringLiteral("\n…")
                                     : problems.join('\n'));
        return false;
    }
    if (runs.size() < 5) {
        setError(
            tr("%1: too few runs: %n with N, D and a loss; the law has 5 parameters (E, A, B, alpha, beta) "
               "and needs at least 5 runs, better several sizes × several token counts",
               nullptr, int(runs.size()))
                .arg(where));
        return false;
    }
    setError({});
    auto table = std::make_shared<sc::RunsTable>();
    table->source =
        m_tablePath.isEmpty() ? tr("runs opened in LossCast").toStdString() : m_tablePath.toStdString();
    table->runs = runs;
    if (!m_tablePath.isEmpty() && !m_edited) {
        table->nColumn = m_fileTable.nColumn;
        table->dColumn = m_fileTable.dColumn;
        table->flopsColumn = m_fileTable.flopsColumn;
        table->lossColumn = m_fileTable.lossColumn;
    } else {
        table->nColumn = "N (parameters)";
        table->dColumn = "D (tokens)";
        table->lossColumn = "loss";
    }
    const Settings s = settings();
    m_fit->setEnabled(false);
    m_status->setText(tr("Fitting L(N, D) to %n run(s)…", nullptr, int(runs.size())));
    m_runner->start(tr("Fitting L(N, D)"), [table, s](const core::fit::Control& control) {
        auto out = std::make_shared<ScalingFitOutcome>();
        sc::ChinchillaOptions o;
        o.huberDelta = s.huberDelta;
        out->fit = sc::fitChinchilla(table->runs, o, control);
        out->table = *table;
        out->huberDelta = s.huberDelta;
        out->level = s.level;
        if (s.bootstrap >= 2 && out->fit.summary.isUsable() && out->fit.x.size() == 5)
            out->bootstrap = sc::bootstrapChinchilla(table->runs, out->fit, s.bootstrap, 1, 30.0, control);
        return QVariant::fromValue(std::shared_ptr<const ScalingFitOutcome>(std::move(out)));
    });
    return true;
}

bool ScalingView::isFitting() const
{
    return m_runner->isRunning();
}

void ScalingView::waitForFit()
{
    m_runner->waitForIdle();
    // The result arrives through the watcher's queued signal.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

void ScalingView::onFitDone(const std::shared_ptr<const ScalingFitOutcome>& out)
{
    m_fit->setEnabled(true);
    const bool ok = out && out->fit.summary.isUsable() && out->fit.x.size() == 5;
    if (!ok) {
        setError(tr("The fit gave no usable parameters: %1")
                     .arg(out ? QString::fromStdString(out->fit.summary.briefReport()) : QString()));
        m_status->clear();
        emit fitFinished(false);
        return;
    }
    m_outcome = out;
    m_samples = sc::bootstrapParams(out->bootstrap);
    const auto& p = out->fit.params;
    const auto& e = out->fit.stderrs;
    auto pm = [](double v, double se) {
        return std::isfinite(se) ? QStringLiteral("%1 ± %2").arg(v, 0, 'g', 4).arg(se, 0, 'g', 2)
                                 : QString::number(v, 'g', 4);
    };
    const double s = p.alpha + p.beta;
    m_status->setText(
        tr("L(N, D) = E + A/N^α + B/D^β:  E = %1,  A = %2,  B = %3,  α = %4,  β = %5;  N* ∝ C^%6, "
           "D* ∝ C^%7.  %8, %9 s%10.")
            .arg(pm(p.E, e.E), pm(p.A, e.A), pm(p.B, e.B), pm(p.alpha, e.alpha), pm(p.beta, e.beta))
            .arg(p.beta / s, 0, 'f', 3)
            .arg(p.alpha / s, 0, 'f', 3)
            .arg(tr("%n run(s)", nullptr, int(out->fit.runs)))
            .arg(out->fit.summary.seconds, 0, 'f', 2)
            .arg(m_samples.size() >= 2
                     ? tr(", bootstrap: %n refit(s) in %1 s", nullptr, int(m_samples.size()))
                           .arg(out->bootstrap.seconds, 0, 'f', 2)
                     : QString()));
    // Flat directions the table cannot resolve (Besiroglu et al. 2024 report wide intervals for the same
    // reason): say so next to the parameters instead of presenting the frontier as firm.
    double minLoss = INFINITY;
    for (const auto& r : out->table.runs)
        minLoss = std::min(minLoss, r.loss);
    QStringList notes;
    if (p.E < 0.02 * minLoss)
        notes << tr("E is close to 0: the table does not pin down the irreducible loss (it needs more model "
                    "sizes or a wider range of tokens), so the frontier and its band are loose.");
    if (p.alpha < 0.02 || p.beta < 0.02 || p.alpha > 2.9 || p.beta > 2.9)
        notes << tr("An exponent is at the edge of its range (0 to 3): the runs do not determine it.");
    if (!notes.isEmpty())
        m_status->setText(m_status->text() + QStringLiteral("\n⚠ ") + notes.join(QStringLiteral(" ")));
    m_filling = true;
    for (int i = 0; i < m_table->rowCount(); ++i) {
        const auto rs = rows();
        if (auto* item = m_table->item(i, ColPredicted); item && std::size_t(i) < rs.size())
            item->setText(number(p.predict(rs[std::size_t(i)].n, rs[std::size_t(i)].d)));
    }
    m_filling = false;
    m_exportPlot->setEnabled(true);
    m_exportFit->setEnabled(true);
    drawPlot();
    emit fitFinished(true);
}

std::string ScalingView::fitJsonText() const
{
    if (!m_outcome)
        return {};
    auto json = sc::chinchillaFitToJson(m_outcome->fit, m_outcome->table, m_outcome->huberDelta,
                                        m_outcome->bootstrap.requested > 0 ? &m_outcome->bootstrap : nullptr,
                                        m_outcome->level);
    json.set("losscast_version", core::version());
    core::JsonWriteOptions o;
    o.pretty = true;
    return core::writeJson(json, o) + "\n";
}

bool ScalingView::exportPlot(const QString& path, int width, int height, QString* error) const
{
    return exportCustomPlot(*m_plot, path, width, height, QStringLiteral("LossCast scaling plot"), error);
}

} // namespace losscast::widgets
