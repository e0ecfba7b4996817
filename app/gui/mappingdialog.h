#pragma once
/// \file
/// \brief Asks which logged series is the loss and which the learning rate, or, when the log has no LR (many
/// W&B exports and text logs), for the schedule the runs were trained with as a preset form (shape, peak and
/// final LR, warmup, total steps, decay fraction). Shown when a file imports but no curve can be built from
/// it.

#include "core/schedule/schedule.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDialogButtonBox;

namespace losscast::app {

class MappingDialog : public QDialog
{
    Q_OBJECT
public:
    /// `problem` (rich text) says in plain words what is missing; `lastStep` is the longest run's last loss
    /// step (the schedule must reach it).
    MappingDialog(const QString& file, const QString& problem, const QStringList& series,
                  const QString& detectedLoss, const QString& detectedLr, qint64 lastStep, QWidget* parent);
    /// Prefills the schedule form (e.g. from the run's logged config).
    void setSchedule(const core::Schedule& schedule);
    QString loss() const;
    QString lr() const; ///< empty: use schedule()
    QString
    schedule() const; ///< the form's schedule in losscast-cli's --schedule form; empty with an LR column

private:
    void validate();
    core::Result<core::Schedule> formSchedule() const;
    QComboBox* m_loss = nullptr;
    QComboBox* m_lr = nullptr;
    QGroupBox* m_scheduleBox = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_peak = nullptr;
    QLineEdit* m_final = nullptr;
    QSpinBox* m_warmup = nullptr;
    QSpinBox* m_steps = nullptr;
    QDoubleSpinBox* m_decay = nullptr;
    QLabel* m_spec = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    qint64 m_lastStep = 0;
};

} // namespace losscast::app
