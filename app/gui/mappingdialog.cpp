#include "app/gui/mappingdialog.h"

#include "core/schedule/schedule.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace losscast::app {

MappingDialog::MappingDialog(const QString& file, const QString& problem, const QStringList& series,
                             const QString& detectedLoss, const QString& detectedLr, qint64 lastStep,
                             QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Choose the loss and learning-rate columns"));
    auto* lay = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1</b> was read, but LossCast could not build a curve from it:<br>%2")
                                 .arg(QFileInfo(file).fileName().toHtmlEscaped(), problem.toHtmlEscaped()));
    intro->setWordWrap(true);
    lay->addWidget(intro);
    auto* form = new QFormLayout;
    m_loss = new QComboBox;
    m_loss->addItems(series);
    if (!detectedLoss.isEmpty())
        m_loss->setCurrentText(detectedLoss);
    form->addRow(tr("Loss:"), m_loss);
    m_lr = new QComboBox;
    m_lr->addItem(tr("(not logged: use the schedule below)"), QString());
    for (const QString& s : series)
        m_lr->addItem(s, s);
    if (!detectedLr.isEmpty())
        m_lr->setCurrentIndex(std::max(0, m_lr->findData(detectedLr)));
    form->addRow(tr("Learning rate:"), m_lr);
    m_schedule = new QLineEdit(QStringLiteral("cosine:peak=6e-4,final=6e-5,steps=%1,warmup=%2")
                                   .arg(std::max<qint64>(1, lastStep))
                                   .arg(std::max<qint64>(0, lastStep / 50)));
    m_schedule->setToolTip(
        tr("The schedule the run was trained with, in losscast-cli's --schedule form, e.g.\n"
           "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=linear"));
    form->addRow(tr("Schedule:"), m_schedule);
    lay->addLayout(form);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    lay->addWidget(m_status);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    lay->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_lr, qOverload<int>(&QComboBox::currentIndexChanged), this, &MappingDialog::validate);
    connect(m_schedule, &QLineEdit::textChanged, this, &MappingDialog::validate);
    validate();
    resize(560, sizeHint().height());
}

QString MappingDialog::loss() const
{
    return m_loss->currentText();
}

QString MappingDialog::lr() const
{
    return m_lr->currentData().toString();
}

QString MappingDialog::schedule() const
{
    return lr().isEmpty() ? m_schedule->text().trimmed() : QString();
}

void MappingDialog::validate()
{
    const bool useSchedule = lr().isEmpty();
    m_schedule->setEnabled(useSchedule);
    QString message;
    if (useSchedule) {
        const auto s = core::Schedule::fromText(m_schedule->text().trimmed().toStdString());
        if (!s.ok())
            message = QString::fromStdString(s.errorText());
    }
    m_status->setText(
        message.isEmpty()
            ? QString()
            : QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(message.toHtmlEscaped()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty() && m_loss->count() > 0);
}

} // namespace losscast::app
