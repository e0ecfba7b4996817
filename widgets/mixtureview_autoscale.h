#pragma once
/// \file
/// \brief The AutoScale panel of the Mixtures view (mixtureview_autoscale.cpp; Kang et al. 2024, arXiv
/// 2407.20177): the optimal domain weights as a stacked area over the total token count
/// (core::mixing::autoscaleAtTotal through two rows of an optima table), the two base-row boxes and the log
/// scale slider. The MixtureView members setAutoScale(), setAutoScaleOptima(), showAutoScalePanel(),
/// fillBaseBoxes(), setAutoScaleBases(), setAutoScaleStatus(), autoScaleStatus(), autoScaleArea(),
/// drawAutoScale(), setAutoScaleTotal(), autoScaleMarkerTotal() and updateScale() (mixtureview.h) are
/// defined in mixtureview_autoscale.cpp, with the helpers below; the panel's widgets are built with the
/// rest of the view in mixtureview.cpp. Not part of the widget's interface.

#include <QString>

#include <string>

namespace losscast::widgets::mixview {

/// The total token count at position `value` (0 … kSliderSteps) of the scale slider, which is logarithmic
/// over [minTotal, maxTotal].
double scaleSliderTotal(int value, double minTotal, double maxTotal);

/// The scale slider's position for `total` (within [minTotal, maxTotal]); the inverse of scaleSliderTotal.
int scaleSliderValue(double total, double minTotal, double maxTotal);

/// One line of the list beside the area: the domain's colour swatch, its short name and its share
/// (`percent`, shown with one decimal: "■ wiki: 12.5 %<br>", rich text).
QString weightLine(int domain, const std::string& name, double percent);

} // namespace losscast::widgets::mixview
