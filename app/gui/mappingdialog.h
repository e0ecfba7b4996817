#pragma once
/// \file
/// \brief Asks which logged series is the loss and which the learning rate, or for a schedule when the log
/// has no LR (many W&B exports and text logs): shown when a file imports but no curve can be built from it.

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace losscast::app {

class MappingDialog : public QDialog
{
    Q_OBJECT
public:
    MappingDialog(const QString& file, const QString& problem, const QStringList& series,
                  const QString& detectedLoss, const QString& detectedLr, qint64 lastStep, QWidget* parent);
    QString loss() const;
    QString lr() const; ///< empty: use schedule()
    QString schedule() const;

private:
    void validate();
    QComboBox* m_loss = nullptr;
    QComboBox* m_lr = nullptr;
    QLineEdit* m_schedule = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace losscast::app
