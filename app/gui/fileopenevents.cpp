#include "app/gui/fileopenevents.h"

#include "app/gui/mainwindow.h"

#include <QFileOpenEvent>

namespace losscast::app {

FileOpenEvents::FileOpenEvents(MainWindow* window) : QObject(window), m_window(window) {}

bool FileOpenEvents::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::FileOpen) {
        const QString file = static_cast<QFileOpenEvent*>(event)->file();
        if (!file.isEmpty()) {
            m_window->openFiles({file}); // a session replaces the document (asking to save first)
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace losscast::app
