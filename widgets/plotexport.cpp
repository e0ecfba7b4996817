// One writer for every plot export (see plotexport.h).
#include "widgets/plotexport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSvgGenerator>

#include <qcustomplot.h>

namespace losscast::widgets {

bool exportCustomPlot(QCustomPlot& plot, const QString& path, int width, int height, const QString& svgTitle,
                      QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const int w = width > 0 ? width : plot.width();
    const int h = height > 0 ? height : plot.height();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot.savePng(path, w, h);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot.savePdf(path, w, h);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setFileName(path);
        gen.setSize(QSize(w, h));
        gen.setViewBox(QRect(0, 0, w, h));
        gen.setTitle(svgTitle);
        QCPPainter painter;
        ok = painter.begin(&gen);
        if (ok) {
            plot.toPainter(&painter, w, h);
            ok = painter.end();
        }
    } else {
        if (error)
            *error = QCoreApplication::translate("losscast::widgets::PlotPanel",
                                                 "%1: unknown image format \"%2\" (use .png, .svg or .pdf)")
                         .arg(path, suffix);
        return false;
    }
    if (!ok && error)
        *error =
            QCoreApplication::translate("losscast::widgets::PlotPanel", "%1: could not be written").arg(path);
    return ok;
}

} // namespace losscast::widgets
