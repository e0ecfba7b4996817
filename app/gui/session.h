#pragma once
/// \file
/// \brief Sessions of the main window: the document saved as a .losscast file (core/session), the File
/// menu's session actions, the modified state in the title, and the recovery copy. The MainWindow members of
/// the "Sessions" part of mainwindow.h are defined in session.cpp.

#include <QString>

namespace losscast::app {

/// The bundled example session: installed beside the binary's share folder (Linux packages), in the bundle's
/// Resources (macOS), beside the executable (Windows), or in the source tree of a build; empty if none.
QString exampleSessionPath();

/// What the window shows as the session's name: the file's base name, or "Untitled".
QString displayName(const QString& sessionPath);

} // namespace losscast::app
