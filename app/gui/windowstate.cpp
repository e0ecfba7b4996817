// The main window's state around the document: light/dark theme, settings kept between runs, recent files,
// show/close, and drag-and-drop of files.
#include "app/gui/windowstate.h"

#include "app/gui/mainwindow.h"
#include "widgets/plotpanel.h"
#include "widgets/taskrunner.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>

namespace losscast::app {

QPalette darkPalette()
{
    QPalette p;
    // Fusion draws check-box frames in Window.darker(): Base must be clearly darker than Window to show
    // them.
    const QColor window(0x3a, 0x3d, 0x42), base(0x1c, 0x1e, 0x22), text(0xe3, 0xe6, 0xea);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x94, 0x9a));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

void MainWindow::setTheme(Theme theme)
{
    m_theme = theme;
    static const QPalette systemPalette = QApplication::palette();
    bool dark = false;
    if (theme == Theme::System) {
        QApplication::setPalette(systemPalette);
        dark = systemPalette.color(QPalette::Window).lightness() < 128;
    } else if (theme == Theme::Light) {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        dark = true;
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(darkPalette());
    }
    if (m_dark)
        m_dark->setChecked(dark);
    m_plot->setDark(dark);
    refreshRunsTree();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (s.contains("window/geometry"))
        restoreGeometry(s.value("window/geometry").toByteArray());
    if (s.contains("window/state"))
        restoreState(s.value("window/state").toByteArray());
    else
        m_sizeDocksOnShow = true;
    m_lastDir = s.value("files/lastDir", QDir::homePath()).toString();
    m_recent = s.value("files/recent").toStringList();
    updateRecentMenu();
    m_logX->setChecked(s.value("view/logX", false).toBool());
    m_residuals->setChecked(s.value("view/residuals", false).toBool());
    m_logY->setChecked(s.value("view/logY", false).toBool());
    m_plot->setSmoothing(s.value("view/smoothing", 0.0).toDouble());
    setLaw(s.value("model/law", QStringLiteral("auto")).toString());
    const QString theme = s.value("view/theme", "system").toString();
    setTheme(theme == "dark" ? Theme::Dark : theme == "light" ? Theme::Light : Theme::System);
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("files/lastDir", m_lastDir);
    s.setValue("files/recent", m_recent);
    s.setValue("view/logX", m_logX->isChecked());
    s.setValue("view/residuals", m_residuals->isChecked());
    s.setValue("view/logY", m_logY->isChecked());
    s.setValue("view/smoothing", m_plot->smoothing());
    s.setValue("model/law", lawId());
    s.setValue("view/theme", m_theme == Theme::Dark ? "dark" : m_theme == Theme::Light ? "light" : "system");
}

void MainWindow::addRecentFile(const QString& path)
{
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > 10)
        m_recent.removeLast();
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    addRecentSessionActions(m_recentMenu); // sessions first, then files
    for (const QString& p : m_recent)
        m_recentMenu->addAction(QFileInfo(p).fileName(), this, [this, p] { openFiles({p}); })->setToolTip(p);
    m_recentMenu->setEnabled(!m_recent.isEmpty() || !m_recentSessions.isEmpty());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_sizeDocksOnShow) {
        m_sizeDocksOnShow = false;
        resizeDocks({findChild<QDockWidget*>("runsDock"), findChild<QDockWidget*>("modelDock")}, {330, 410},
                    Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSaveSession()) {
        event->ignore();
        return;
    }
    QFile::remove(recoveryPath()); // closed on purpose: nothing to recover
    m_runner->cancel();
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& u : event->mimeData()->urls())
        if (u.isLocalFile()) {
            QString error;
            if (!isAutoScaleFile(u.toLocalFile()))
                paths << u.toLocalFile();
            else if (event->acceptProposedAction(); !openAutoScaleFile(u.toLocalFile(), &error))
                statusBar()->showMessage(error, 8000);
        }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    }
}

} // namespace losscast::app
