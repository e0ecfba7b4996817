#pragma once
/// \file
/// \brief macOS opens documents (a double-clicked .losscast session, a log dropped on the Dock icon) by
/// sending the application a QFileOpenEvent rather than passing the path on the command line.

#include <QObject>

namespace losscast::app {

class MainWindow;

/// \brief Application event filter that hands FileOpen events to MainWindow::openFiles.
class FileOpenEvents : public QObject
{
public:
    explicit FileOpenEvents(MainWindow* window);
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    MainWindow* m_window;
};

} // namespace losscast::app
