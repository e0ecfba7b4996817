#pragma once
/// \file
/// \brief The one way LossCast writes a file: atomically, never over one of its inputs.
///
/// The bytes go to a new temporary file in the target's folder (a unique name made by the system, so no user
/// file is touched), are flushed to the disk, and only then is the temporary renamed over the target. A full
/// disk, a crash or a kill leaves the previous file whole and no half-written target. Targets that are not
/// regular files (a terminal, a pipe, /dev/null, /dev/full) are written directly, and their write errors are
/// reported too.

#include "core/util/diagnostic.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief Writes `bytes` to `path` atomically (see the file comment). Refuses, without touching anything, a
/// target that is the same file (same device and inode) as one of `inputs`. A symbolic link is followed: the
/// file it points to is replaced and the link stays. An existing target keeps its permissions; a new one gets
/// 0666 minus the umask. On failure the error names the file and the reason.
Result<bool> writeFileAtomically(const std::string& path, std::string_view bytes,
                                 const std::vector<std::string>& inputs = {});

/// \brief True when `a` and `b` both exist and are the same file (device and inode; links followed).
bool sameFile(const std::string& a, const std::string& b);

/// \brief The input among `inputs` that `path` is the same file as, or "" when none.
std::string inputAt(const std::string& path, const std::vector<std::string>& inputs);

/// \brief `name` when it is not in `taken`, else the first free "stem-2.ext", "stem-3.ext", ...; the result
/// is added to `taken`. Used so that generated output names never collide within one command (names compared
/// case-insensitively, as on macOS and Windows file systems).
std::string uniqueName(const std::string& name, std::set<std::string>& taken);

} // namespace losscast::core
