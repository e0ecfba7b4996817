#pragma once
/// \file
/// \brief Helpers shared by the window tests (offscreen).

#include "app/gui/mainwindow.h"
#include "widgets/plotpanel.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPointF>
#include <QSignalSpy>

namespace losscast::test {

/// Starts the window's fit and waits for it (up to `timeoutMs`, generous for the sanitizer build): true when
/// it finished with a usable fit.
inline bool fitAndWait(app::MainWindow& w, int timeoutMs = 240000)
{
    QSignalSpy done(&w, &app::MainWindow::fitFinished);
    if (!w.startFit() || !done.wait(timeoutMs))
        return false;
    return done.at(0).at(0).toBool();
}

/// Presses on control point `index` of the window's current scenario, moves by `delta` pixels in five mouse
/// moves, and releases: a user's drag on the LR plot.
inline void dragControlPoint(app::MainWindow& w, int index, QPointF delta)
{
    auto* plot = reinterpret_cast<QWidget*>(w.plotPanel()->customPlot());
    const QPointF from = w.plotPanel()->lrToPixel(w.currentControlPoints().at(index));
    auto send = [&](QEvent::Type type, QPointF pos, Qt::MouseButton b, Qt::MouseButtons bs) {
        QMouseEvent e(type, pos, plot->mapToGlobal(pos), b, bs, Qt::NoModifier);
        QApplication::sendEvent(plot, &e);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int k = 1; k <= 5; ++k)
        send(QEvent::MouseMove, from + delta * (k / 5.0), Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, from + delta, Qt::LeftButton, Qt::NoButton);
}

} // namespace losscast::test
