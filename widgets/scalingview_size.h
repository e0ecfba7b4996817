#pragma once
/// \file
/// \brief The "Curve at a model size" row of the Scaling view (scalingview_size.cpp): the size-aware curve
/// law (core/laws/sizelaw.h: MTL with Tissue et al. 2024 Eq. 7, or the size-aware MPL), the Fit button, and
/// the model size (a log slider and a typed count) whose whole predicted curve the main window draws under
/// the current scenario. The fit itself is the application's (the opened runs are its: app/gui/sizecurve.h).
/// The ScalingView members buildSizeRow(), sizeLawId(), setSizeLaw(), setCurveShown(), curveShown(),
/// setSizeRange(), setCurveSize(), setSizeStatus() and sizeStatus() (scalingview.h) are defined in
/// scalingview_size.cpp, with the helper below. Not part of the widget's interface.

#include <QString>

namespace losscast::widgets {

/// A count typed as humanCount() writes it: a number with an optional K, M, B or T suffix (either case),
/// "400M" → 4e8, "1.3b" → 1.3e9, "7e6" → 7e6. NaN when the text is not a positive finite count.
double countFromText(const QString& text);

} // namespace losscast::widgets
