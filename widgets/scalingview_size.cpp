// The Scaling view's "Curve at a model size" row (see scalingview_size.h).
#include "widgets/scalingview_size.h"

#include "core/laws/law.h"
#include "widgets/scalingview.h"
#include "widgets/scalingview_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace losscast::widgets {

double countFromText(const QString& text)
{
    QString t = text.trimmed();
    double scale = 1.0;
    if (!t.isEmpty()) {
        const QChar u = t.back().toUpper();
        if (u == 'K' || u == 'M' || u == 'B' || u == 'T') {
            scale = u == 'K' ? 1e3 : u == 'M' ? 1e6 : u == 'B' ? 1e9 : 1e12;
            t.chop(1);
        }
    }
    bool ok = false;
    const double n = t.toDouble(&ok) * scale;
    return ok && n > 0 && std::isfinite(n) ? n : std::nan("");
}

void ScalingView::buildSizeRow(QVBoxLayout* layout)
{
    m_sizeLaw = new QComboBox;
    for (const auto& law : core::sizeCurveLaws())
        m_sizeLaw->addItem(QString::fromStdString(law->displayName()), QString::fromStdString(law->id()));
    m_sizeLaw->setToolTip(tr("The size-aware curve law fitted across the model sizes of the opened runs"));
    m_sizeFit = new QPushButton(tr("Fit on Opened Runs"));
    m_sizeFit->setToolTip(tr("Fit the size-aware law to the opened runs; each run's N comes from this table "
                             "(same run name) or from its name (25M_…). Needs two sizes or more."));
    m_sizeShow = new QCheckBox(tr("Draw the curve at N ="));
    m_sizeShow->setChecked(true);
    m_sizeShow->setToolTip(
        tr("Draw the predicted whole curve of this model size under the current scenario in "
           "the main plot"));
    m_sizeSlider = new QSlider(Qt::Horizontal);
    m_sizeSlider->setRange(0, 1000);
    m_sizeSlider->setEnabled(false);
    m_sizeSlider->setToolTip(tr("Model size N (log scale)"));
    m_sizeEdit = new QLineEdit;
    m_sizeEdit->setMaximumWidth(90);
    m_sizeEdit->setEnabled(false);
    m_sizeEdit->setToolTip(tr("Model size in parameters, e.g. 400M or 1.3B"));
    m_sizeStatus =
        new QLabel(tr("Curve at a model size: fit a size-aware law on runs of two or more sizes."));
    m_sizeStatus->setWordWrap(true);
    m_sizeStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Curve law:")));
    row->addWidget(m_sizeLaw, 1);
    row->addWidget(m_sizeFit);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(m_sizeShow);
    row2->addWidget(m_sizeSlider, 1);
    row2->addWidget(m_sizeEdit);
    layout->addLayout(row);
    layout->addLayout(row2);
    layout->addWidget(m_sizeStatus);
    m_sizeLaw->setMinimumContentsLength(16);
    m_sizeLaw->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    connect(m_sizeFit, &QPushButton::clicked, this, [this] { emit sizeFitRequested(sizeLawId()); });
    connect(m_sizeShow, &QCheckBox::toggled, this, [this] { emit curveSizeChanged(m_curveSize); });
    connect(m_sizeSlider, &QSlider::valueChanged, this, [this](int v) {
        if (m_filling || !(m_sizeMax > m_sizeMin && m_sizeMin > 0))
            return;
        m_curveSize = scalingplot::logSliderValue(v, m_sizeSlider->maximum(), m_sizeMin, m_sizeMax);
        m_sizeEdit->setText(humanCount(m_curveSize * 1e6));
        emit curveSizeChanged(m_curveSize);
    });
    connect(m_sizeEdit, &QLineEdit::editingFinished, this, [this] {
        const double n = countFromText(m_sizeEdit->text());
        if (std::isfinite(n))
            setCurveSize(n / 1e6);
        else
            m_sizeEdit->setText(humanCount(m_curveSize * 1e6));
    });
}

QString ScalingView::sizeLawId() const
{
    return m_sizeLaw->currentData().toString();
}

void ScalingView::setSizeLaw(const QString& id)
{
    const int i = m_sizeLaw->findData(id);
    if (i >= 0)
        m_sizeLaw->setCurrentIndex(i);
}

void ScalingView::setCurveShown(bool shown)
{
    m_sizeShow->setChecked(shown);
}

bool ScalingView::curveShown() const
{
    return m_sizeShow->isChecked();
}

void ScalingView::setSizeRange(double minMillions, double maxMillions)
{
    m_sizeMin = minMillions / 4.0;
    m_sizeMax = maxMillions * 16.0;
    m_sizeSlider->setEnabled(true);
    m_sizeEdit->setEnabled(true);
    setCurveSize(m_curveSize > 0 ? m_curveSize : maxMillions * 4.0);
}

void ScalingView::setCurveSize(double millions)
{
    if (!(millions > 0) || !std::isfinite(millions))
        return;
    if (m_sizeMax > m_sizeMin && m_sizeMin > 0) {
        millions = std::clamp(millions, m_sizeMin, m_sizeMax);
        m_filling = true;
        m_sizeSlider->setValue(
            scalingplot::logSliderPosition(millions, m_sizeSlider->maximum(), m_sizeMin, m_sizeMax));
        m_filling = false;
    }
    m_curveSize = millions;
    m_sizeEdit->setText(humanCount(millions * 1e6));
    emit curveSizeChanged(m_curveSize);
}

void ScalingView::setSizeStatus(const QString& text, bool error)
{
    m_sizeStatus->setText(text);
    m_sizeStatus->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_sizeFit->setEnabled(true);
}

QString ScalingView::sizeStatus() const
{
    return m_sizeStatus->text();
}

} // namespace losscast::widgets
