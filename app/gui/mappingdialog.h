#pragma once
/// \file
/// \brief Asks which logged series is the loss and which the learning rate, or, when the log has no LR (many
/// W&B exports and text logs), for the schedule the runs were trained with as a preset form (shape, peak and
/// final LR, warmup, total steps, decay fraction). Shown when a file imports but no curve can be built from
/// it.

#include "core/schedule/schedule.h"

#include <QDialog>
#include <QHash>

#include <functional>

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
    /// `problem` (rich text) says in plain words what is missing; `lastStepOf` holds, for each series, the
    /// last step it reaches over all the file's runs: the schedule must reach that of the chosen loss column
    /// (the longest run's), and Total steps starts there.
    MappingDialog(const QString& file, const QString& problem, const QStringList& series,
                  const QString& detectedLoss, const QString& detectedLr,
                  const QHash<QString, qint64>& lastStepOf, QWidget* parent);
    /// Called on OK: an empty string accepts; a message is shown in the dialog, which stays open with what
    /// the user typed (the window tries the import here, so a schedule that cannot be used is said at once).
    void setAcceptCheck(std::function<QString()> check) { m_acceptCheck = std::move(check); }
    /// The last step the schedule must reach for the chosen loss column.
    qint64 requiredLastStep() const;
    /// Prefills the schedule form (e.g. from the run's logged config).
    void setSchedule(const core::Schedule& schedule);
    QString loss() const;
    QString lr() const; ///< empty: use schedule()
    QString
    schedule() const; ///< the form's schedule in losscast-cli's --schedule form; empty with an LR column

private:
    void validate();
    void tryAccept();
    void lossChanged();
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
    QHash<QString, qint64> m_lastStepOf;
    qint64 m_lastStep = 0; ///< requiredLastStep() when the loss column was last changed
    std::function<QString()> m_acceptCheck;
};

} // namespace losscast::app
