#include "app/gui/mappingdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace losscast::app {

namespace {
/// "3e-4", "0.0003" and "3E-4" all work: LRs are written in scientific notation in training configs.
bool parseLr(const QString& text, double* v)
{
    bool ok = false;
    *v = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(*v) && *v >= 0;
}
} // namespace

MappingDialog::MappingDialog(const QString& file, const QString& problem, const QStringList& series,
                             const QString& detectedLoss, const QString& detectedLr,
                             const QHash<QString, qint64>& lastStepOf, QWidget* parent)
    : QDialog(parent), m_lastStepOf(lastStepOf)
{
    setWindowTitle(tr("Learning rate for %1").arg(QFileInfo(file).fileName()));
    auto* lay = new QVBoxLayout(this);
    auto* intro =
        new QLabel(problem + tr("<p>The scaling laws predict the loss from the learning rate of every step. "
                                "Pick the column that holds it, or describe the schedule the runs were "
                                "trained with (from your training config).</p>"));
    intro->setObjectName("mappingProblem");
    intro->setWordWrap(true);
    lay->addWidget(intro);
    auto* form = new QFormLayout;
    m_loss = new QComboBox;
    m_loss->setObjectName("lossColumn");
    m_loss->addItems(series);
    if (!detectedLoss.isEmpty())
        m_loss->setCurrentText(detectedLoss);
    m_lastStep = requiredLastStep();
    form->addRow(tr("Loss column:"), m_loss);
    m_lr = new QComboBox;
    m_lr->setObjectName("lrColumn");
    m_lr->addItem(tr("(not logged: use the schedule below)"), QString());
    for (const QString& s : series)
        m_lr->addItem(s, s);
    if (!detectedLr.isEmpty())
        m_lr->setCurrentIndex(std::max(0, m_lr->findData(detectedLr)));
    form->addRow(tr("Learning-rate column:"), m_lr);
    lay->addLayout(form);

    m_scheduleBox = new QGroupBox(tr("Schedule the runs were trained with"));
    auto* sform = new QFormLayout(m_scheduleBox);
    m_kind = new QComboBox;
    m_kind->setObjectName("scheduleKind");
    m_kind->addItem(tr("Cosine"), int(core::ScheduleKind::Cosine));
    m_kind->addItem(tr("WSD (warmup-stable-decay)"), int(core::ScheduleKind::Wsd));
    m_kind->addItem(tr("Linear decay"), int(core::ScheduleKind::Linear));
    m_kind->addItem(tr("Constant"), int(core::ScheduleKind::Constant));
    sform->addRow(tr("Shape:"), m_kind);
    m_peak = new QLineEdit(QStringLiteral("6e-4"));
    m_peak->setObjectName("schedulePeak");
    m_peak->setToolTip(tr("The learning rate after the warmup (nanoGPT: learning_rate; HF: learning_rate)"));
    sform->addRow(tr("Peak LR:"), m_peak);
    m_final = new QLineEdit(QStringLiteral("6e-5"));
    m_final->setObjectName("scheduleFinal");
    m_final->setToolTip(tr("The learning rate at the last step (nanoGPT: min_lr)"));
    sform->addRow(tr("Final LR:"), m_final);
    m_warmup = new QSpinBox;
    m_warmup->setObjectName("scheduleWarmup");
    m_warmup->setRange(0, 50'000'000);
    m_warmup->setValue(int(std::min<qint64>(m_lastStep / 50, 50'000'000)));
    m_warmup->setToolTip(tr("Steps of linear warmup from 0 (nanoGPT: warmup_iters)"));
    sform->addRow(tr("Warmup steps:"), m_warmup);
    m_steps = new QSpinBox;
    m_steps->setObjectName("scheduleSteps");
    m_steps->setRange(1, 50'000'000);
    m_steps->setValue(int(std::min<qint64>(m_lastStep, 50'000'000)));
    m_steps->setToolTip(tr("The planned length of the schedule (nanoGPT: lr_decay_iters or max_iters). Runs "
                           "that stopped earlier use its first steps; it must reach the longest run's last "
                           "step."));
    sform->addRow(tr("Total steps:"), m_steps);
    m_decay = new QDoubleSpinBox;
    m_decay->setObjectName("scheduleDecay");
    m_decay->setRange(0.01, 1.0);
    m_decay->setSingleStep(0.05);
    m_decay->setValue(0.2);
    m_decay->setToolTip(tr("WSD: the share of the total steps spent decaying to the final LR"));
    sform->addRow(tr("Decay fraction:"), m_decay);
    m_spec = new QLabel;
    m_spec->setObjectName("scheduleSpec");
    m_spec->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_spec->setWordWrap(true);
    m_spec->setToolTip(tr("The same schedule for losscast-cli --schedule"));
    sform->addRow(tr("As text:"), m_spec);
    lay->addWidget(m_scheduleBox);

    m_status = new QLabel;
    m_status->setObjectName("mappingStatus");
    m_status->setWordWrap(true);
    lay->addWidget(m_status);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open with this schedule"));
    lay->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MappingDialog::tryAccept);
    connect(m_loss, qOverload<int>(&QComboBox::currentIndexChanged), this, &MappingDialog::lossChanged);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_lr, qOverload<int>(&QComboBox::currentIndexChanged), this, &MappingDialog::validate);
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, &MappingDialog::validate);
    for (QLineEdit* e : {m_peak, m_final})
        connect(e, &QLineEdit::textChanged, this, &MappingDialog::validate);
    for (QSpinBox* s : {m_warmup, m_steps})
        connect(s, qOverload<int>(&QSpinBox::valueChanged), this, &MappingDialog::validate);
    connect(m_decay, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &MappingDialog::validate);
    validate();
    resize(560, sizeHint().height());
}

void MappingDialog::setSchedule(const core::Schedule& schedule)
{
    if (schedule.phases().empty())
        return;
    const core::SchedulePhase& p = schedule.phases().front();
    const int k = m_kind->findData(int(p.kind));
    if (k >= 0)
        m_kind->setCurrentIndex(k);
    m_peak->setText(QString::number(p.peak, 'g', 6));
    m_final->setText(QString::number(p.final, 'g', 6));
    m_warmup->setValue(int(p.warmup));
    m_steps->setValue(int(schedule.totalSteps()));
    m_decay->setValue(p.decay);
    validate();
}

qint64 MappingDialog::requiredLastStep() const
{
    qint64 longest = 1;
    for (auto it = m_lastStepOf.cbegin(); it != m_lastStepOf.cend(); ++it)
        longest = std::max(longest, it.value());
    return std::max<qint64>(1, m_lastStepOf.value(m_loss->currentText(), longest));
}

void MappingDialog::lossChanged()
{
    // Total steps follows the loss column while it still holds the previous column's length.
    const qint64 need = requiredLastStep();
    const bool followed = m_steps->value() == int(std::min<qint64>(m_lastStep, 50'000'000));
    m_lastStep = need;
    if (followed)
        m_steps->setValue(int(std::min<qint64>(need, 50'000'000)));
    validate();
}

void MappingDialog::tryAccept()
{
    validate();
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    if (m_acceptCheck) {
        if (const QString error = m_acceptCheck(); !error.isEmpty()) {
            m_status->setText(
                QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.toHtmlEscaped()));
            return; // stays open with what the user typed
        }
    }
    accept();
}

QString MappingDialog::loss() const
{
    return m_loss->currentText();
}

QString MappingDialog::lr() const
{
    return m_lr->currentData().toString();
}

core::Result<core::Schedule> MappingDialog::formSchedule() const
{
    auto fail = [](const QString& m) {
        return core::Result<core::Schedule>::failure(
            {core::Diagnostic::Severity::Error, {}, 0, {}, m.toStdString()});
    };
    core::SchedulePhase p;
    p.kind = core::ScheduleKind(m_kind->currentData().toInt());
    if (!parseLr(m_peak->text(), &p.peak) || !(p.peak > 0))
        return fail(tr("Peak LR: write a positive number such as 3e-4."));
    if (p.kind != core::ScheduleKind::Constant && !parseLr(m_final->text(), &p.final))
        return fail(tr("Final LR: write a number such as 3e-5 (0 is allowed)."));
    if (p.kind != core::ScheduleKind::Constant && p.final > p.peak)
        return fail(tr("Final LR is above the peak LR."));
    p.steps = m_steps->value();
    p.warmup = m_warmup->value();
    p.decay = m_decay->value();
    if (p.warmup >= p.steps)
        return fail(tr("The warmup must be shorter than the total steps."));
    if (const qint64 need = requiredLastStep(); p.steps < need)
        return fail(tr("Total steps must reach the longest run's last step (%1).").arg(need));
    const auto made = core::Schedule::create({p});
    if (!made.ok())
        return fail(QString::fromStdString(made.diagnostics.front().message));
    return made;
}

QString MappingDialog::schedule() const
{
    if (!lr().isEmpty())
        return {};
    const auto s = formSchedule();
    return s.ok() ? QString::fromStdString(s->toText()) : QString();
}

void MappingDialog::validate()
{
    const bool useSchedule = lr().isEmpty();
    m_scheduleBox->setEnabled(useSchedule);
    const auto kind = core::ScheduleKind(m_kind->currentData().toInt());
    m_final->setEnabled(kind != core::ScheduleKind::Constant);
    m_decay->setEnabled(kind == core::ScheduleKind::Wsd);
    QString message;
    if (useSchedule) {
        const auto s = formSchedule();
        if (s.ok())
            m_spec->setText(QString::fromStdString(s->toText()));
        else
            message = QString::fromStdString(s.diagnostics.front().message);
    }
    m_status->setText(
        message.isEmpty()
            ? QString()
            : QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(message.toHtmlEscaped()));
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(useSchedule ? tr("Open with this schedule") : tr("Open"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty() && m_loss->count() > 0);
}

} // namespace losscast::app
