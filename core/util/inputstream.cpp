#include "core/util/inputstream.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#ifndef _WIN32
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace losscast::core {

namespace {

Result<InputStream> failure(const std::string& shown, const std::string& message)
{
    Diagnostic d;
    d.file = shown;
    d.message = message;
    return Result<InputStream>::failure(std::move(d));
}

std::string secondsText(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

} // namespace

InputStream::~InputStream()
{
    if (m_file && m_ownsFile)
        std::fclose(m_file);
}

InputStream::InputStream(InputStream&& other) noexcept
    : m_file(std::exchange(other.m_file, nullptr)), m_regular(other.m_regular), m_ownsFile(other.m_ownsFile),
      m_size(other.m_size)
{
}

InputStream& InputStream::operator=(InputStream&& other) noexcept
{
    if (this != &other) {
        if (m_file && m_ownsFile)
            std::fclose(m_file);
        m_file = std::exchange(other.m_file, nullptr);
        m_regular = other.m_regular;
        m_ownsFile = other.m_ownsFile;
        m_size = other.m_size;
    }
    return *this;
}

bool isStreamPath(const std::string& path)
{
    if (path == "-")
        return true;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    return !ec && (st.type() == fs::file_type::fifo || st.type() == fs::file_type::socket);
}

Result<InputStream> InputStream::open(const std::string& path, double waitSeconds,
                                      const std::string& shownName)
{
    const std::string shown =
        shownName.empty() ? (path == "-" ? std::string("standard input") : path) : shownName;
    InputStream in;
    std::error_code ec;
    fs::file_status st;
    if (path != "-") {
        st = fs::status(path, ec);
        if (ec || !fs::exists(st))
            return failure(shown, "cannot open file: No such file or directory");
        if (fs::is_directory(st))
            return failure(shown, "is a directory, expected a file");
        if (fs::is_character_file(st) || fs::is_block_file(st))
            return failure(shown, "is a device, not a file (give a file, a pipe or '-')");
    }
    const bool stream = path == "-" || st.type() == fs::file_type::fifo || st.type() == fs::file_type::socket;
    if (!stream) {
        in.m_file = std::fopen(path.c_str(), "rb");
        if (!in.m_file)
            return failure(shown, std::string("cannot open: ") + std::strerror(errno));
        in.m_size = std::uint64_t(fs::file_size(path, ec));
        if (ec)
            in.m_size = 0;
        return Result<InputStream>::success(std::move(in));
    }
    in.m_regular = false;
#ifndef _WIN32
    int fd = -1;
    if (path == "-") {
        fd = ::dup(0);
    } else {
        // Without O_NONBLOCK, opening a FIFO waits for a writer forever.
        fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    if (fd < 0)
        return failure(shown, std::string("cannot open: ") + std::strerror(errno));
    struct stat fst
    {
    };
    if (::fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode)) {
        // "-" redirected from a file: a regular file after all.
        in.m_regular = true;
        in.m_size = std::uint64_t(fst.st_size);
    } else if (::fstat(fd, &fst) == 0 && (S_ISCHR(fst.st_mode) || S_ISBLK(fst.st_mode)) && path == "-") {
        ::close(fd);
        return failure(shown,
                       "is a terminal or device: pipe a file into it (cat run.csv | ...) or name the file");
    } else {
        pollfd p{fd, POLLIN, 0};
        const int ms = waitSeconds <= 0 ? 0 : int(std::lround(std::min(waitSeconds, 86400.0) * 1000));
        int ready;
        do
            ready = ::poll(&p, 1, ms);
        while (ready < 0 && errno == EINTR);
        if (ready == 0) {
            ::close(fd);
            return failure(shown, "no data arrived within " + secondsText(waitSeconds) +
                                      " s (a pipe or FIFO that nothing writes to?)");
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    in.m_file = ::fdopen(fd, "rb");
    if (!in.m_file) {
        ::close(fd);
        return failure(shown, std::string("cannot open: ") + std::strerror(errno));
    }
    return Result<InputStream>::success(std::move(in));
#else
    (void)waitSeconds;
    if (path == "-") {
        in.m_file = stdin;
        in.m_ownsFile = false;
        return Result<InputStream>::success(std::move(in));
    }
    in.m_file = std::fopen(path.c_str(), "rb");
    if (!in.m_file)
        return failure(shown, std::string("cannot open: ") + std::strerror(errno));
    return Result<InputStream>::success(std::move(in));
#endif
}

bool InputStream::readInto(std::string& out, std::uint64_t maxBytes, bool* truncated)
{
    if (truncated)
        *truncated = false;
    if (!m_file)
        return false;
    char buf[1 << 16];
    std::uint64_t got = 0;
    while (got < maxBytes) {
        const std::size_t want = std::size_t(std::min<std::uint64_t>(sizeof buf, maxBytes - got));
        const std::size_t n = std::fread(buf, 1, want, m_file);
        out.append(buf, n);
        got += n;
        if (n < want)
            return !std::ferror(m_file);
    }
    // At the limit: is there more?
    const int c = std::fgetc(m_file);
    if (c != EOF) {
        std::ungetc(c, m_file);
        if (truncated)
            *truncated = true;
    }
    return !std::ferror(m_file);
}

} // namespace losscast::core
