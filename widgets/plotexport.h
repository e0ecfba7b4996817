#pragma once
/// \file
/// \brief Writing a QCustomPlot to PNG, SVG or PDF (chosen by the file's suffix): the one writer behind the
/// main plots' and the Scaling view's Export Plot.

#include <QString>

class QCustomPlot;

namespace losscast::widgets {

/// Writes `plot` at `width` × `height` pixels (≤ 0: its current size) to `path`; the suffix picks the format.
/// False, with *error naming the file, for an unknown suffix or a failed write.
bool exportCustomPlot(QCustomPlot& plot, const QString& path, int width, int height, const QString& svgTitle,
                      QString* error);

} // namespace losscast::widgets
