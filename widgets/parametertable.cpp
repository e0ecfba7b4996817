#include "widgets/parametertable.h"

#include <QHeaderView>

#include <cmath>

namespace losscast::widgets {

namespace {
enum Column
{
    Name,
    Value,
    Error,
    Fixed,
    ColumnCount
};
}

ParameterTable::ParameterTable(QWidget* parent) : QTableWidget(parent)
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Parameter"), tr("Value"), tr("± std. error"), tr("Fixed")});
    horizontalHeader()->setSectionResizeMode(Name, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(Error, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(Fixed, QHeaderView::ResizeToContents);
    verticalHeader()->setVisible(false);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
    setToolTip(
        tr("Double-click a value to change it and see its effect; tick Fixed to keep it during fits."));
    connect(this, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_updating || item->row() >= int(m_rows.size()))
            return;
        const int r = item->row();
        if (item->column() == Value) {
            bool ok = false;
            const double v = item->text().trimmed().toDouble(&ok);
            if (ok && std::isfinite(v) && v != m_rows[std::size_t(r)].value) {
                emit valueEdited(r, v);
            } else {
                m_updating = true;
                item->setText(QString::number(m_rows[std::size_t(r)].value, 'g', 6));
                m_updating = false;
            }
        } else if (item->column() == Fixed) {
            const bool fixed = item->checkState() == Qt::Checked;
            if (fixed != m_rows[std::size_t(r)].fixed)
                emit fixedToggled(r, fixed);
        }
    });
}

QString ParameterTable::formatValue(double value, double err)
{
    if (!std::isfinite(err) || err <= 0)
        return QString::number(value, 'g', 5);
    // Two significant digits of the error decide the value's precision.
    const int digits = std::clamp(int(std::ceil(-std::log10(err))) + 1, 0, 10);
    return QStringLiteral("%1 ± %2").arg(QString::number(value, 'f', digits),
                                         QString::number(err, 'f', digits));
}

void ParameterTable::setRows(const std::vector<Row>& rows)
{
    m_updating = true;
    m_rows = rows;
    setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        const Row& row = rows[std::size_t(r)];
        auto* name = new QTableWidgetItem(row.name);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        name->setToolTip(row.description);
        setItem(r, Name, name);
        const bool atBound = !row.boundNote.isEmpty();
        auto* value = new QTableWidgetItem(QString::number(row.value, 'g', 6));
        value->setToolTip(atBound ? tr("%1 (at a bound; double-click to edit)").arg(row.value, 0, 'g', 6)
                                  : tr("%1 (double-click to edit)").arg(formatValue(row.value, row.stderr_)));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(r, Value, value);
        const bool known = std::isfinite(row.stderr_);
        // On a bound the figure is the unconstrained curvature's: shown greyed and marked, never as "± x".
        auto* err = new QTableWidgetItem(
            atBound
                ? tr("at bound") + (known ? QStringLiteral(" (%1)").arg(row.stderr_, 0, 'g', 2) : QString())
            : known ? QString::number(row.stderr_, 'g', 2)
                    : QStringLiteral("—"));
        err->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        err->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (atBound) {
            err->setToolTip(
                known ? tr("%1\nIn brackets, %2: that standard error, for reference only; refit with the "
                           "parameter fixed (tick Fixed) or with more runs to pin it down.")
                            .arg(row.boundNote)
                            .arg(row.stderr_, 0, 'g', 2)
                      : row.boundNote);
            err->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        } else if (known && row.value != 0) {
            err->setToolTip(tr("%1 % of the value")
                                .arg(QString::number(100 * row.stderr_ / std::abs(row.value), 'g', 2)));
        }
        setItem(r, Error, err);
        auto* fixed = new QTableWidgetItem;
        fixed->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        fixed->setCheckState(row.fixed ? Qt::Checked : Qt::Unchecked);
        setItem(r, Fixed, fixed);
    }
    m_updating = false;
    // Tall enough for every row without scrolling, no taller: the dock's spare room goes to other panels.
    int h = horizontalHeader()->sizeHint().height() + 2 * frameWidth() + 2;
    for (int r = 0; r < rowCount(); ++r)
        h += rowHeight(r);
    setFixedHeight(std::max(h, horizontalHeader()->sizeHint().height() + 4 * 26));
}

} // namespace losscast::widgets
