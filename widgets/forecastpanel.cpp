// The forecast panel of a followed run (see forecastpanel.h).
#include "widgets/forecastpanel.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace losscast::widgets {

namespace {

QString lossText(double v)
{
    return QString::number(v, 'f', 4);
}

QString stepText(std::int64_t step)
{
    return QLocale().toString(qlonglong(step));
}

QLabel* wrapped(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

} // namespace

ForecastPanel::ForecastPanel(QWidget* parent) : QWidget(parent)
{
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(6, 6, 6, 6);
    m_runLabel = wrapped(QStringLiteral("forecastRun"));
    m_statusLabel = wrapped(QStringLiteral("forecastStatus"));
    lay->addWidget(m_runLabel);
    lay->addWidget(m_statusLabel);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* presetRow = new QHBoxLayout;
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("schedulePreset"));
    m_preset->addItem(tr("Preset…"));
    m_preset->addItem(tr("Cosine to 10 % of the peak"), QStringLiteral("cosine"));
    m_preset->addItem(tr("WSD, last 20 % linear decay"), QStringLiteral("wsd"));
    m_preset->addItem(tr("Linear to 0"), QStringLiteral("linear"));
    m_preset->addItem(tr("Constant"), QStringLiteral("constant"));
    m_preset->setToolTip(tr("Fills the schedule field from the run's logged peak LR and warmup"));
    m_lastStep = new QSpinBox;
    m_lastStep->setObjectName(QStringLiteral("scheduleLastStep"));
    m_lastStep->setRange(1, 2'000'000'000);
    m_lastStep->setValue(10000);
    m_lastStep->setGroupSeparatorShown(true);
    m_lastStep->setPrefix(tr("last step "));
    m_lastStep->setToolTip(tr("The step the run is planned to end at (T)"));
    presetRow->addWidget(m_preset, 1);
    presetRow->addWidget(m_lastStep);
    form->addRow(tr("Planned schedule:"), presetRow);
    auto* specRow = new QHBoxLayout;
    m_spec = new QLineEdit;
    m_spec->setObjectName(QStringLiteral("scheduleSpec"));
    m_spec->setPlaceholderText(QStringLiteral("cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160"));
    m_spec->setToolTip(
        tr("The whole planned schedule, as losscast-cli's --schedule: the logged LR is used up "
           "to the last logged step, this schedule after it"));
    m_apply = new QPushButton(tr("Apply"));
    m_apply->setObjectName(QStringLiteral("scheduleApply"));
    specRow->addWidget(m_spec, 1);
    specRow->addWidget(m_apply);
    form->addRow(QString(), specRow);
    m_specMessage = wrapped(QStringLiteral("scheduleMessage"));
    m_specMessage->setVisible(false);
    form->addRow(QString(), m_specMessage);
    m_target = new QLineEdit;
    m_target->setObjectName(QStringLiteral("targetLoss"));
    auto* validator = new QDoubleValidator(0.0, 1e9, 6, m_target);
    validator->setLocale(QLocale::c());
    m_target->setValidator(validator);
    m_target->setPlaceholderText(tr("e.g. 3.3"));
    m_target->setToolTip(tr("The forecast says at which step the run reaches this loss"));
    form->addRow(tr("Target loss:"), m_target);
    lay->addLayout(form);

    m_final = wrapped(QStringLiteral("forecastFinal"));
    QFont big = m_final->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_final->setFont(big);
    lay->addWidget(m_final);
    m_targetLabel = wrapped(QStringLiteral("forecastTarget"));
    lay->addWidget(m_targetLabel);
    m_fitLabel = wrapped(QStringLiteral("forecastFit"));
    lay->addWidget(m_fitLabel);
    m_warnings = wrapped(QStringLiteral("forecastWarnings"));
    lay->addWidget(m_warnings);

    auto* pinRow = new QHBoxLayout;
    m_pin = new QPushButton(tr("Pin Forecast"));
    m_pin->setObjectName(QStringLiteral("pinForecast"));
    m_pin->setToolTip(tr("Keep this forecast drawn while the live one moves, and warn when the measured loss "
                         "leaves its band"));
    m_unpin = new QPushButton(tr("Unpin"));
    m_unpin->setObjectName(QStringLiteral("unpinForecast"));
    pinRow->addWidget(m_pin);
    pinRow->addWidget(m_unpin);
    pinRow->addStretch(1);
    lay->addLayout(pinRow);
    m_pinLabel = wrapped(QStringLiteral("forecastPin"));
    lay->addWidget(m_pinLabel);
    lay->addStretch(1);

    connect(m_preset, &QComboBox::activated, this, &ForecastPanel::applyPreset);
    auto emitSpec = [this] { emit scheduleEdited(m_spec->text().trimmed()); };
    connect(m_spec, &QLineEdit::returnPressed, this, emitSpec);
    connect(m_apply, &QPushButton::clicked, this, emitSpec);
    connect(m_target, &QLineEdit::editingFinished, this, [this] { emit targetEdited(target()); });
    connect(m_pin, &QPushButton::clicked, this, &ForecastPanel::pinRequested);
    connect(m_unpin, &QPushButton::clicked, this, &ForecastPanel::unpinRequested);
    refresh();
}

void ForecastPanel::setView(const View& view)
{
    m_view = view;
    refresh();
}

void ForecastPanel::setSchedule(const QString& spec)
{
    m_spec->setText(spec);
    m_spec->setCursorPosition(0); // its kind and peak first
}

QString ForecastPanel::schedule() const
{
    return m_spec->text().trimmed();
}

void ForecastPanel::setScheduleMessage(const QString& text, bool error)
{
    m_specMessage->setText(text);
    m_specMessage->setStyleSheet(error ? QStringLiteral("color:#c0392b") : QString());
    m_specMessage->setVisible(!text.isEmpty());
}

QString ForecastPanel::scheduleMessage() const
{
    return m_specMessage->text();
}

void ForecastPanel::setPresetContext(double peakLr, std::int64_t warmup, std::int64_t lastStep)
{
    if (std::isfinite(peakLr) && peakLr > 0)
        m_peakLr = peakLr;
    m_warmup = std::max<std::int64_t>(warmup, 0);
    if (lastStep > 0)
        m_lastStep->setValue(int(std::min<std::int64_t>(lastStep, m_lastStep->maximum())));
}

void ForecastPanel::setTarget(std::optional<double> target)
{
    m_target->setText(target ? QString::number(*target, 'g', 6) : QString());
}

std::optional<double> ForecastPanel::target() const
{
    bool ok = false;
    const double v = QLocale::c().toDouble(m_target->text().trimmed(), &ok);
    if (!ok || !std::isfinite(v) || v <= 0)
        return std::nullopt;
    return v;
}

void ForecastPanel::applyPreset(int index)
{
    const QString kind = m_preset->itemData(index).toString();
    m_preset->setCurrentIndex(0);
    if (kind.isEmpty())
        return;
    const qint64 steps = m_lastStep->value();
    const QString peak = QString::number(m_peakLr, 'g', 4);
    const QString warmup = m_warmup > 0 ? QStringLiteral(",warmup=%1").arg(m_warmup) : QString();
    QString spec;
    if (kind == QLatin1String("cosine"))
        spec = QStringLiteral("cosine:peak=%1,final=%2,steps=%3%4")
                   .arg(peak, QString::number(m_peakLr / 10, 'g', 4))
                   .arg(steps)
                   .arg(warmup);
    else if (kind == QLatin1String("wsd"))
        spec = QStringLiteral("wsd:peak=%1,final=0,steps=%2%3,decay=0.2,shape=linear")
                   .arg(peak)
                   .arg(steps)
                   .arg(warmup);
    else if (kind == QLatin1String("linear"))
        spec = QStringLiteral("linear:peak=%1,final=0,steps=%2%3").arg(peak).arg(steps).arg(warmup);
    else
        spec = QStringLiteral("constant:peak=%1,steps=%2%3").arg(peak).arg(steps).arg(warmup);
    m_spec->setText(spec);
    emit scheduleEdited(spec);
}

void ForecastPanel::refresh()
{
    const View& v = m_view;
    const bool following = !v.run.isEmpty();
    m_runLabel->setText(following ? tr("<b>Following %1</b>").arg(v.run.toHtmlEscaped())
                                  : tr("<b>No run followed.</b> Right-click a run in the Runs dock → Follow, "
                                       "or File → Follow…, to forecast its final loss while it trains."));
    m_statusLabel->setText(v.status);
    m_statusLabel->setVisible(!v.status.isEmpty());
    for (QWidget* w :
         {static_cast<QWidget*>(m_preset), static_cast<QWidget*>(m_lastStep), static_cast<QWidget*>(m_spec),
          static_cast<QWidget*>(m_apply), static_cast<QWidget*>(m_target)})
        w->setEnabled(following);
    if (!following) {
        m_final->clear();
        m_targetLabel->clear();
        m_fitLabel->clear();
        m_warnings->clear();
        m_pinLabel->clear();
        m_pin->setEnabled(false);
        m_unpin->setEnabled(false);
        return;
    }
    if (v.hasForecast) {
        m_final->setText(
            tr("Final loss at step %1: <b>%2</b> (95 %: %3 – %4)")
                .arg(stepText(v.finalStep), lossText(v.finalLoss), lossText(v.lower), lossText(v.upper)));
        m_fitLabel->setText(tr("%1 fitted on %n point(s) up to step %2 in %3 s%4", nullptr, int(v.fitPoints))
                                .arg(v.law, stepText(v.fittedStep))
                                .arg(v.fitSeconds, 0, 'f', 2)
                                .arg(v.fitting ? tr("; refitting…") : QString()));
    } else {
        m_final->setText(v.fitting ? tr("Fitting…") : v.problem.toHtmlEscaped());
        m_fitLabel->clear();
    }
    const std::optional<double> t = target();
    if (!t || !v.hasForecast)
        m_targetLabel->clear();
    else if (v.targetStep)
        m_targetLabel->setText(tr("Target %1 reached at step %2 (forecast).")
                                   .arg(QString::number(*t, 'g', 6), stepText(*v.targetStep)));
    else
        m_targetLabel->setText(tr("Target %1 not reached by step %2 (forecast).")
                                   .arg(QString::number(*t, 'g', 6), stepText(v.finalStep)));
    QStringList warnings;
    for (const QString& w : v.warnings)
        warnings << QStringLiteral("⚠ ") + w.toHtmlEscaped();
    m_warnings->setText(warnings.isEmpty() ? QString()
                                           : QStringLiteral("<span style='color:#b9770e'>%1</span>")
                                                 .arg(warnings.join(QStringLiteral("<br>"))));
    m_warnings->setVisible(!v.warnings.isEmpty());
    m_pin->setEnabled(v.hasForecast);
    m_unpin->setEnabled(v.pinned);
    m_pinLabel->setText(v.pinned ? tr("Pinned at step %1: final loss %2 (95 %: %3 – %4), drawn dash-dotted.")
                                       .arg(stepText(v.pinStep), lossText(v.pinLoss), lossText(v.pinLower),
                                            lossText(v.pinUpper))
                                 : QString());
}

} // namespace losscast::widgets
