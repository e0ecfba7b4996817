#include "widgets/plotguard.h"

#include <QEvent>
#include <QObject>

#include <qcustomplot.h>

namespace losscast::widgets {

namespace {

class ReplotGuard : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        auto* plot = static_cast<QCustomPlot*>(watched);
        if (event->type() == QEvent::Resize && !plot->isVisible()) {
            plot->setViewport(plot->rect()); // what QCustomPlot::resizeEvent does, minus the replot
            return true;
        }
        if (event->type() == QEvent::Show) {
            plot->setViewport(plot->rect());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

} // namespace

void replotOnlyWhenShown(QCustomPlot* plot)
{
    plot->installEventFilter(new ReplotGuard(plot));
}

} // namespace losscast::widgets
