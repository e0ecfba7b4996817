#pragma once
/// \file
/// \brief Table of a law's parameters: name, value ± standard error, and a "fixed" check box.
///
/// Values are editable (to see a parameter's effect at once); edits are reported, never applied here.

#include <QTableWidget>

#include <vector>

namespace losscast::widgets {

class ParameterTable : public QTableWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString name;
        QString description;
        double value = 0.0;
        double stderr_ = 0.0; ///< NaN when unknown
        bool fixed = false;
        /// Non-empty when the value rests on a bound of its box (core::fit::atBoundNote): the standard error
        /// is then shown as not meaningful, with this sentence as the tooltip.
        QString boundNote;
    };

    explicit ParameterTable(QWidget* parent = nullptr);
    void setRows(const std::vector<Row>& rows);
    std::vector<Row> rows() const { return m_rows; }
    /// Formats "value ± stderr" with as many digits as the error supports.
    static QString formatValue(double value, double stderr_);

signals:
    void valueEdited(int row, double value);
    void fixedToggled(int row, bool fixed);

private:
    std::vector<Row> m_rows;
    bool m_updating = false;
};

} // namespace losscast::widgets
