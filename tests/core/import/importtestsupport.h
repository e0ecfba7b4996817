#pragma once
// Helpers shared by the importer tests: where the fixtures are, and small queries on an ImportResult.
#include "core/import/importer.h"

#include <QString>

#include <string>

namespace losscast::testsupport {

/// An in-repo fixture under tests/data/import.
inline QString importFixture(const char* name)
{
    return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/") + QString::fromUtf8(name);
}

/// A real export under ../shared/data/formats; LOSSCAST_SHARED_DIR in the environment overrides the build's
/// path (a git worktree's ../shared is elsewhere).
inline QString sharedFormat(const char* rel)
{
    return qEnvironmentVariable("LOSSCAST_SHARED_DIR", QStringLiteral(LOSSCAST_SHARED_DIR)) +
           QStringLiteral("/data/formats/") + QString::fromUtf8(rel);
}

/// Every diagnostic, one per line (for failure messages).
inline std::string allDiagnostics(const core::import::ImportResult& r)
{
    std::string s;
    for (const auto& d : r.diagnostics)
        s += d.toString() + "\n";
    return s;
}

} // namespace losscast::testsupport
