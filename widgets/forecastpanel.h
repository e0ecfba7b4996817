#pragma once
/// \file
/// \brief The forecast of a followed run (issue #15): its predicted final loss at the planned last step with
/// the 95 % band, the step at which a target loss is reached, the planned schedule (a preset or a schedule
/// spec, as losscast-cli's --schedule), and the pinned forecast.
///
/// A view only: it shows what it is given and emits intent signals (the schedule or the target was edited,
/// pin or unpin); the application follows the file and fits.

#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace losscast::widgets {

class ForecastPanel : public QWidget
{
    Q_OBJECT
public:
    /// \brief What the panel shows.
    struct View
    {
        QString run;    ///< the followed run ("" = nothing followed: the panel says how to start)
        QString status; ///< points, last step, when it was read
        bool hasForecast = false;
        double finalLoss = 0.0, lower = 0.0, upper = 0.0;
        std::int64_t finalStep = 0;
        QString law;                 ///< "MPL"
        std::int64_t fittedStep = 0; ///< last logged step of the fit
        std::size_t fitPoints = 0;   ///< logged points it was fitted on
        double fitSeconds = 0.0;
        bool fitting = false; ///< a refit is running
        QString problem;      ///< why there is no forecast ("" when there is one)
        /// The step at which the forecast reaches the target loss (none: not reached by the last step).
        std::optional<std::int64_t> targetStep;
        bool pinned = false;
        double pinLoss = 0.0, pinLower = 0.0, pinUpper = 0.0;
        std::int64_t pinStep = 0;
        QStringList warnings; ///< the fit's degeneracy warnings
    };

    explicit ForecastPanel(QWidget* parent = nullptr);

    void setView(const View& view);
    const View& view() const { return m_view; }

    /// The planned schedule as entered (text form); setSchedule does not emit scheduleEdited.
    void setSchedule(const QString& spec);
    QString schedule() const;
    /// A message under the schedule field ("" hides it): why the spec cannot be used.
    void setScheduleMessage(const QString& text, bool error);
    QString scheduleMessage() const;
    /// What the presets start from: the run's peak LR, its warmup and the last step to suggest.
    void setPresetContext(double peakLr, std::int64_t warmup, std::int64_t lastStep);
    /// The target loss (none = not set); does not emit targetEdited.
    void setTarget(std::optional<double> target);
    std::optional<double> target() const;

signals:
    /// The user entered a planned schedule (Enter in the field, Apply, or a preset chosen).
    void scheduleEdited(const QString& spec);
    /// The user changed the target loss (none: cleared).
    void targetEdited(std::optional<double> target);
    void pinRequested();
    void unpinRequested();

private:
    void applyPreset(int index);
    void refresh();

    View m_view;
    double m_peakLr = 3e-4;
    std::int64_t m_warmup = 0;
    QLabel* m_runLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_lastStep = nullptr;
    QLineEdit* m_spec = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_specMessage = nullptr;
    QLineEdit* m_target = nullptr;
    QLabel* m_final = nullptr;
    QLabel* m_targetLabel = nullptr;
    QLabel* m_fitLabel = nullptr;
    QLabel* m_pinLabel = nullptr;
    QPushButton* m_pin = nullptr;
    QPushButton* m_unpin = nullptr;
    QLabel* m_warnings = nullptr;
};

} // namespace losscast::widgets
