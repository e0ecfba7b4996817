#pragma once
/// \file
/// \brief The main window's state around the document: the theme's palettes, settings kept between runs,
/// recent files, show/close and drag-and-drop. The MainWindow members setTheme, restoreSettings,
/// saveSettings, addRecentFile, updateRecentMenu and the show/close/drag/drop events are defined in
/// windowstate.cpp.

#include <QPalette>

namespace losscast::app {

/// The palette of View → Dark (Fusion): Base clearly darker than Window, so that Fusion's check-box frames,
/// drawn in Window.darker(), show.
QPalette darkPalette();

} // namespace losscast::app
