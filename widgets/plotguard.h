#pragma once

class QCustomPlot;

namespace losscast::widgets {

/// A QCustomPlot that is resized while hidden (a closed dock, a tab not shown, every widget of a window that
/// QWidget::grab() prepares) replots into a paint buffer it cannot paint on, and Qt prints
/// "QPainter::begin: Paint device returned engine == 0" and "QCPLayer::drawToPaintBuffer() paint buffer
/// returned inactive painter" on the user's terminal. Guarded, a hidden plot only takes its new viewport; it
/// replots when it is shown.
void replotOnlyWhenShown(QCustomPlot* plot);

} // namespace losscast::widgets
