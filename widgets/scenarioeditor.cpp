#include "widgets/scenarioeditor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace losscast::widgets {

namespace {

enum Column
{
    Name,
    Final,
    Delta,
    ColumnCount
};

/// Breaks a spec's line after its commas and semicolons (a zero-width space there), not inside a number.
constexpr QChar kBreak(0x200B);

/// The read-only spec: wraps where the dock is narrow, and copies without the break marks, exactly as
/// losscast-cli takes it.
class SpecText : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;

protected:
    QMimeData* createMimeDataFromSelection() const override
    {
        auto* data = new QMimeData;
        data->setText(textCursor().selectedText().remove(kBreak));
        return data;
    }
};

QIcon chip(const QColor& c)
{
    QPixmap pm(12, 12);
    pm.fill(c);
    return QIcon(pm);
}

QString kindLabel(core::ScheduleKind k)
{
    switch (k) {
    case core::ScheduleKind::Constant:
        return ScenarioEditor::tr("Constant");
    case core::ScheduleKind::Cosine:
        return ScenarioEditor::tr("Cosine");
    case core::ScheduleKind::Linear:
        return ScenarioEditor::tr("Linear decay");
    case core::ScheduleKind::Wsd:
        return ScenarioEditor::tr("WSD (warmup-stable-decay)");
    case core::ScheduleKind::MultiStep:
        return ScenarioEditor::tr("Multi-step");
    case core::ScheduleKind::InverseSqrt:
        return ScenarioEditor::tr("Inverse square root");
    case core::ScheduleKind::Exponential:
        return ScenarioEditor::tr("Exponential");
    case core::ScheduleKind::Cyclic:
        return ScenarioEditor::tr("Cyclic (cosine restarts)");
    case core::ScheduleKind::Piecewise:
        return ScenarioEditor::tr("Custom (drag points on the LR plot)");
    case core::ScheduleKind::Logged:
        return ScenarioEditor::tr("Logged");
    }
    return {};
}

QDoubleSpinBox* lrSpin()
{
    auto* s = new QDoubleSpinBox;
    s->setDecimals(7);
    s->setRange(0.0, 10.0);
    s->setSingleStep(1e-5);
    s->setKeyboardTracking(false);
    return s;
}

} // namespace

const std::vector<core::ScheduleKind>& ScenarioEditor::presetKinds()
{
    static const std::vector<core::ScheduleKind> kinds{
        core::ScheduleKind::Wsd,         core::ScheduleKind::Cosine,    core::ScheduleKind::Constant,
        core::ScheduleKind::Linear,      core::ScheduleKind::MultiStep, core::ScheduleKind::InverseSqrt,
        core::ScheduleKind::Exponential, core::ScheduleKind::Cyclic,    core::ScheduleKind::Piecewise};
    return kinds;
}

core::Schedule ScenarioEditor::defaultSchedule()
{
    return core::Schedule::wsd(3e-4, 3e-5, 100'000, 1000, 0.2);
}

ScenarioEditor::ScenarioEditor(QWidget* parent) : QWidget(parent)
{
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(6, 6, 6, 6);

    m_table = new QTableWidget(0, ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Scenario"), tr("Final loss"), tr("Δ vs baseline")});
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Final, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Delta, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setToolTip(
        tr("Predicted loss at the last step of each scenario. Double-click a name to rename it."));
    lay->addWidget(m_table, 1);
    m_emptyHint =
        new QLabel(tr("<b>Open a run to start</b> (File → Open, or drop a log on the window). "
                      "Scenarios are \"what if\" schedules: once a law is fitted to your runs, each "
                      "one shows its predicted loss."));
    m_emptyHint->setObjectName("scenarioEmptyHint");
    m_emptyHint->setWordWrap(true);
    lay->addWidget(m_emptyHint);

    auto* buttons = new QHBoxLayout;
    auto* add = new QToolButton;
    add->setText(tr("Add"));
    add->setToolTip(tr("Add a scenario (a copy of the form's preset)"));
    m_duplicate = new QToolButton;
    m_duplicate->setText(tr("Duplicate"));
    m_remove = new QToolButton;
    m_remove->setText(tr("Remove"));
    buttons->addWidget(add);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_remove);
    m_optimise = new QToolButton;
    m_optimise->setText(tr("Optimise…"));
    m_optimise->setToolTip(
        tr("Search the schedule with this length, warmup, peak and final LR that the fitted "
           "law predicts to end lowest (runs in the background; adds a scenario)"));
    buttons->addWidget(m_optimise);
    buttons->addStretch(1);
    lay->addLayout(buttons);
    // The baseline on its own row: beside the buttons (long in German) the combo was squeezed until a
    // scenario's name was cut ("Cosin").
    auto* baselineRow = new QHBoxLayout;
    baselineRow->addWidget(new QLabel(tr("Baseline:")));
    m_baselineCombo = new QComboBox;
    m_baselineCombo->setToolTip(tr("Scenario the Δ column compares with"));
    m_baselineCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baselineCombo->setMinimumContentsLength(8);
    baselineRow->addWidget(m_baselineCombo, 1);
    lay->addLayout(baselineRow);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_kind = new QComboBox;
    for (auto k : presetKinds())
        m_kind->addItem(kindLabel(k), int(k));
    form->addRow(tr("Schedule:"), m_kind);
    m_peak = lrSpin();
    m_peak->setToolTip(tr("Learning rate after the warmup"));
    form->addRow(tr("Peak LR:"), m_peak);
    m_final = lrSpin();
    m_final->setToolTip(tr("Learning rate at the last step (cycle minimum for cyclic)"));
    form->addRow(tr("Final LR:"), m_final);
    m_warmup = new QSpinBox;
    m_warmup->setRange(0, 50'000'000);
    m_warmup->setSingleStep(100);
    m_warmup->setKeyboardTracking(false);
    form->addRow(tr("Warmup steps:"), m_warmup);
    m_steps = new QSpinBox;
    m_steps->setRange(1, 50'000'000);
    m_steps->setSingleStep(1000);
    m_steps->setKeyboardTracking(false);
    form->addRow(tr("Total steps:"), m_steps);
    m_decay = new QDoubleSpinBox;
    m_decay->setRange(0.0, 1.0);
    m_decay->setSpecialValueText(QStringLiteral("—")); // shown when the schedule has no decay fraction
    m_decay->setSingleStep(0.05);
    m_decay->setDecimals(2);
    m_decay->setKeyboardTracking(false);
    m_decay->setToolTip(tr("WSD: the decay's share of the total steps"));
    form->addRow(tr("Decay fraction:"), m_decay);
    m_shape = new QComboBox;
    m_shape->addItem(tr("linear"), int(core::DecayShape::Linear));
    m_shape->addItem(tr("cosine"), int(core::DecayShape::Cosine));
    m_shape->addItem(tr("exponential"), int(core::DecayShape::Exponential));
    m_shape->addItem(tr("1 − sqrt"), int(core::DecayShape::Sqrt));
    form->addRow(tr("Decay shape:"), m_shape);
    lay->addLayout(form);
    // Two read-only lines that wrap after commas: a WSD spec (about 70 characters) was clipped in one line of
    // the dock; a long one (an optimised piecewise schedule has hundreds of characters and no spaces) scrolls
    // inside them instead of widening the dock, and copies exactly as losscast-cli takes it.
    m_specText = new SpecText;
    m_specText->setReadOnly(true);
    m_specText->setFrameShape(QFrame::NoFrame);
    m_specText->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_specText->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_specText->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_specText->setBackgroundVisible(false);
    m_specText->viewport()->setAutoFillBackground(false);
    m_specText->setObjectName("scheduleSpec");
    m_specText->setToolTip(tr("The schedule in losscast-cli's --schedule form"));
    QFont mono = m_specText->font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(QStringLiteral("monospace"));
    mono.setPointSizeF(mono.pointSizeF() * 0.9);
    m_specText->setFont(mono);
    m_specText->document()->setDocumentMargin(1);
    m_specText->setFixedHeight(2 * QFontMetrics(mono).lineSpacing() + 4);
    lay->addWidget(m_specText);
    m_kind->setObjectName("schedulePreset");
    m_peak->setObjectName("peakLr");
    m_final->setObjectName("finalLr");
    m_warmup->setObjectName("warmupSteps");
    m_steps->setObjectName("totalSteps");
    m_decay->setObjectName("decayFraction");
    m_shape->setObjectName("decayShape");
    for (QWidget* w : std::initializer_list<QWidget*>{m_duplicate, m_remove, m_optimise, m_baselineCombo})
        w->setEnabled(false); // nothing to act on until setRows() brings scenarios
    showForm();

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (!m_updating && row >= 0 && row != m_current)
            emit currentChanged(row);
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_updating && item->column() == Name && item->row() < int(m_rows.size()) &&
            item->text() != m_rows[std::size_t(item->row())].name)
            emit renameRequested(item->row(), item->text());
    });
    connect(m_baselineCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (!m_updating && i >= 0)
            emit baselineChanged(i);
    });
    connect(add, &QToolButton::clicked, this, &ScenarioEditor::addRequested);
    connect(m_duplicate, &QToolButton::clicked, this, [this] {
        if (m_current >= 0)
            emit duplicateRequested(m_current);
    });
    connect(m_optimise, &QToolButton::clicked, this, [this] {
        if (m_current >= 0)
            emit optimiseRequested(m_current);
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (m_current >= 0)
            emit removeRequested(m_current);
    });
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, &ScenarioEditor::emitForm);
    connect(m_shape, qOverload<int>(&QComboBox::currentIndexChanged), this, &ScenarioEditor::emitForm);
    for (QDoubleSpinBox* s : {m_peak, m_final, m_decay})
        connect(s, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &ScenarioEditor::emitForm);
    for (QSpinBox* s : {m_warmup, m_steps})
        connect(s, qOverload<int>(&QSpinBox::valueChanged), this, &ScenarioEditor::emitForm);
}

void ScenarioEditor::setEmptyHint(const QString& text)
{
    m_emptyHint->setText(text);
}

void ScenarioEditor::setRows(const std::vector<Row>& rows, int current, int baseline)
{
    m_updating = true;
    m_rows = rows;
    m_current = rows.empty() ? -1 : std::clamp(current, 0, int(rows.size()) - 1);
    m_baseline = rows.empty() ? -1 : std::clamp(baseline, 0, int(rows.size()) - 1);
    m_table->setRowCount(int(rows.size()));
    m_baselineCombo->clear();
    const double base = m_baseline >= 0 ? rows[std::size_t(m_baseline)].finalLoss : std::nan("");
    for (int r = 0; r < int(rows.size()); ++r) {
        const Row& row = rows[std::size_t(r)];
        auto* name = new QTableWidgetItem(chip(row.color), row.name);
        name->setToolTip(QString::fromStdString(row.schedule.toText()));
        m_table->setItem(r, Name, name);
        const bool known = std::isfinite(row.finalLoss);
        auto* fin =
            new QTableWidgetItem(known ? QString::number(row.finalLoss, 'f', 4) : QStringLiteral("—"));
        fin->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        fin->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, Final, fin);
        QString delta = QStringLiteral("—");
        if (r == m_baseline)
            delta = tr("baseline");
        else if (known && std::isfinite(base))
            delta = QStringLiteral("%1%2")
                        .arg(row.finalLoss >= base ? "+" : "−")
                        .arg(std::abs(row.finalLoss - base), 0, 'f', 4);
        auto* d = new QTableWidgetItem(delta);
        d->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        d->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (known && std::isfinite(base) && r != m_baseline)
            d->setToolTip(
                tr("%1 % of the baseline's final loss").arg(100 * (row.finalLoss - base) / base, 0, 'f', 2));
        m_table->setItem(r, Delta, d);
        m_baselineCombo->addItem(chip(row.color), row.name);
    }
    if (m_baseline >= 0)
        m_baselineCombo->setCurrentIndex(m_baseline);
    if (m_current >= 0)
        m_table->setCurrentCell(m_current, Name);
    m_remove->setEnabled(m_current >= 0);
    m_duplicate->setEnabled(m_current >= 0);
    m_optimise->setEnabled(m_current >= 0);
    m_baselineCombo->setEnabled(rows.size() > 1);
    m_updating = false;
    showForm();
}

void ScenarioEditor::setFinalLosses(const std::vector<double>& finalLosses)
{
    if (finalLosses.size() != m_rows.size())
        return;
    m_updating = true;
    const double base = m_baseline >= 0 ? finalLosses[std::size_t(m_baseline)] : std::nan("");
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const double v = finalLosses[std::size_t(r)];
        m_rows[std::size_t(r)].finalLoss = v;
        const bool known = std::isfinite(v);
        if (auto* fin = m_table->item(r, Final))
            fin->setText(known ? QString::number(v, 'f', 4) : QStringLiteral("—"));
        if (auto* d = m_table->item(r, Delta); d && r != m_baseline)
            d->setText(
                known && std::isfinite(base)
                    ? QStringLiteral("%1%2").arg(v >= base ? "+" : "−").arg(std::abs(v - base), 0, 'f', 4)
                    : QStringLiteral("—"));
    }
    m_updating = false;
}

void ScenarioEditor::showForm()
{
    m_updating = true;
    const bool have = m_current >= 0 && !m_rows[std::size_t(m_current)].schedule.phases().empty();
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_kind, m_peak, m_final, m_warmup, m_steps, m_decay, m_shape})
        w->setEnabled(have);
    m_emptyHint->setVisible(m_rows.empty());
    m_table->setVisible(!m_rows.empty());
    // Without a scenario the (disabled) form shows what Add creates, never "peak 0, 1 step".
    static const core::Schedule fallback = defaultSchedule();
    if (have || m_rows.empty()) {
        const core::Schedule& s = have ? m_rows[std::size_t(m_current)].schedule : fallback;
        const core::SchedulePhase& p = s.phases().front();
        const int k = m_kind->findData(int(p.kind));
        m_kind->setCurrentIndex(k >= 0 ? k : 0);
        const bool piecewise =
            p.kind == core::ScheduleKind::Piecewise || p.kind == core::ScheduleKind::Logged;
        m_peak->setValue(piecewise ? s.maxLr() : p.peak);
        m_final->setValue(piecewise ? s.lrAt(s.totalSteps()) : p.final);
        m_warmup->setValue(int(p.warmup));
        m_steps->setValue(int(s.totalSteps()));
        const bool uses = have && p.kind == core::ScheduleKind::Wsd;
        // A schedule without a decay phase (Custom points after a drag, cosine, ...) shows "—", not the 0.20
        // its phase still carries.
        m_decay->setValue(p.kind == core::ScheduleKind::Wsd ? p.decay : 0.0);
        m_shape->setCurrentIndex(std::max(0, m_shape->findData(int(p.shape))));
        m_decay->setEnabled(uses);
        m_shape->setEnabled(uses);
        m_final->setEnabled(have && p.kind != core::ScheduleKind::Constant &&
                            p.kind != core::ScheduleKind::InverseSqrt &&
                            p.kind != core::ScheduleKind::MultiStep && !piecewise);
        m_peak->setEnabled(have && !piecewise);
        m_steps->setEnabled(have);
        setSpecText(have ? QString::fromStdString(s.toText()) : QString());
    } else {
        m_specText->clear();
    }
    m_updating = false;
}

void ScenarioEditor::emitForm()
{
    if (m_updating || m_current < 0)
        return;
    const core::Schedule& s = m_rows[std::size_t(m_current)].schedule;
    core::SchedulePhase p = s.phases().empty() ? core::SchedulePhase{} : s.phases().front();
    const auto kind = core::ScheduleKind(m_kind->currentData().toInt());
    const bool wasPiecewise = p.kind == core::ScheduleKind::Piecewise || p.kind == core::ScheduleKind::Logged;
    if (kind != p.kind) {
        p = core::SchedulePhase{};
        p.kind = kind;
        p.peak = m_peak->value();
        p.final = m_final->value() > 0 ? m_final->value() : m_peak->value() / 10;
        if (kind == core::ScheduleKind::MultiStep) {
            p.at = {0.5, 0.75};
            p.factors = {0.316};
        } else if (kind == core::ScheduleKind::Cyclic) {
            p.period = std::max<std::int64_t>(1, m_steps->value() / 4);
        } else if (kind == core::ScheduleKind::Piecewise) {
            const double pk = m_peak->value(), fi = m_final->value();
            const double n = m_steps->value(), w = m_warmup->value();
            p.points = {{w, pk}, {w + 0.8 * (n - w), pk}, {n, fi}};
        }
    } else if (!wasPiecewise) {
        p.peak = m_peak->value();
        p.final = m_final->value();
    }
    p.warmup = std::min<std::int64_t>(m_warmup->value(), m_steps->value());
    p.steps = m_steps->value();
    if (m_decay->value() > 0) // "—" keeps the phase's own (a new WSD phase: 0.2)
        p.decay = m_decay->value();
    p.shape = core::DecayShape(m_shape->currentData().toInt());
    if (kind == core::ScheduleKind::Piecewise && !p.points.empty() && p.points.back().step > double(p.steps))
        p.steps = std::int64_t(std::ceil(p.points.back().step));
    const std::string why = p.validate();
    if (!why.empty()) {
        setSpecText(tr("Not applied: %1").arg(QString::fromStdString(why)));
        return;
    }
    emit phaseEdited(m_current, p);
}

void ScenarioEditor::setSpecText(const QString& text)
{
    // Numbers at 4 significant digits on the line ("peak=2.49e-4", not 2.489638554216867e-4); the tooltip
    // keeps the exact form for losscast-cli.
    static const QRegularExpression number(QStringLiteral("\\d+\\.\\d{4,}(?:e[-+]?\\d+)?"));
    QString shown = text;
    QRegularExpressionMatchIterator it = number.globalMatch(text);
    qsizetype shift = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString shorter = QString::number(m.captured().toDouble(), 'g', 4);
        shown.replace(m.capturedStart() + shift, m.capturedLength(), shorter);
        shift += shorter.size() - m.capturedLength();
    }
    shown.replace(QLatin1Char(','), QString(QLatin1Char(',')) + kBreak);
    shown.replace(QLatin1Char(';'), QString(QLatin1Char(';')) + kBreak);
    m_specText->setPlainText(shown);
    m_specText->setToolTip(text.isEmpty()
                               ? tr("The schedule in losscast-cli's --schedule form")
                               : tr("The schedule in losscast-cli's --schedule form:\n%1").arg(text));
}

} // namespace losscast::widgets
