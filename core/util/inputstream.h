#pragma once
/// \file
/// \brief Opening an input for reading once, front to back: a regular file, a pipe, a FIFO or standard
/// input ("-"). Nothing is read twice (a pipe cannot be rewound), a FIFO that nobody writes to gives up after
/// a while instead of hanging, and devices are refused (/dev/zero would never end).

#include "core/util/diagnostic.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace losscast::core {

/// How long an input that is a pipe or FIFO may stay silent before its first byte (seconds).
inline constexpr double kStreamFirstByteSeconds = 10.0;

/// \brief An open input. Move-only; closes the file (never standard input itself) when destroyed.
class InputStream
{
public:
    InputStream() = default;
    ~InputStream();
    InputStream(InputStream&& other) noexcept;
    InputStream& operator=(InputStream&& other) noexcept;
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Opens `path` ("-" is standard input). Fails, with a message naming `shown` (or `path`), for a missing
    /// file, a folder, a device, or a pipe/FIFO without a first byte within `waitSeconds`.
    static Result<InputStream> open(const std::string& path, double waitSeconds = kStreamFirstByteSeconds,
                                    const std::string& shown = {});

    std::FILE* file() const { return m_file; }
    /// A regular file (its size is known, it could be read again); false for pipes, FIFOs and stdin.
    bool isRegular() const { return m_regular; }
    /// The size of a regular file, 0 for a stream.
    std::uint64_t size() const { return m_size; }

    /// Reads up to `maxBytes` more bytes and appends them to `out`; returns false on a read error. Stops at
    /// the end of the input; `*truncated` (when given) says whether more bytes followed.
    bool readInto(std::string& out, std::uint64_t maxBytes, bool* truncated = nullptr);

private:
    std::FILE* m_file = nullptr;
    bool m_regular = true;
    bool m_ownsFile = true;
    std::uint64_t m_size = 0;
};

/// \brief True for "-" (standard input) and for paths that are pipes or FIFOs (/dev/stdin when piped).
bool isStreamPath(const std::string& path);

} // namespace losscast::core
