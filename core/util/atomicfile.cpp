#include "core/util/atomicfile.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace losscast::core {

namespace {

Result<bool> fail(const std::string& path, const std::string& message)
{
    Diagnostic d;
    d.file = path;
    d.message = message;
    return Result<bool>::failure(std::move(d));
}

std::string errnoText(int err)
{
    return err ? std::strerror(err) : "unknown error";
}

#ifndef _WIN32
/// write(2) until done; false with errno set on failure.
bool writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

mode_t currentUmask()
{
    static std::mutex m; // umask() can only be read by setting it
    std::lock_guard<std::mutex> lock(m);
    const mode_t old = ::umask(022);
    ::umask(old);
    return old;
}

/// Devices, pipes, terminals: no temporary and no rename, but every error is reported.
Result<bool> writeDirect(const std::string& shown, const std::string& target, std::string_view bytes)
{
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fail(shown, "cannot open for writing: " + errnoText(errno));
    // A FIFO opened without O_NONBLOCK would wait for a reader; once open, writes may block as usual.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const bool ok = writeAll(fd, bytes);
    const int err = errno;
    if (::close(fd) != 0 && ok)
        return fail(shown, "write error: " + errnoText(errno));
    if (!ok)
        return fail(shown, "write error: " + errnoText(err));
    return Result<bool>::success(true);
}
#endif

} // namespace

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return fs::equivalent(fs::path(a), fs::path(b), ec) && !ec;
}

std::string inputAt(const std::string& path, const std::vector<std::string>& inputs)
{
    for (const auto& in : inputs)
        if (sameFile(path, in))
            return in;
    return {};
}

std::string uniqueName(const std::string& name, std::set<std::string>& taken)
{
    auto key = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return s;
    };
    if (taken.insert(key(name)).second)
        return name;
    const auto dot = name.rfind('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
    const std::string ext = dot == std::string::npos || dot == 0 ? "" : name.substr(dot);
    for (int i = 2;; ++i) {
        const std::string candidate = stem + "-" + std::to_string(i) + ext;
        if (taken.insert(key(candidate)).second)
            return candidate;
    }
}

Result<bool> writeFileAtomically(const std::string& path, std::string_view bytes,
                                 const std::vector<std::string>& inputs)
{
    if (path.empty())
        return fail(path, "no file name given");
    if (const std::string in = inputAt(path, inputs); !in.empty())
        return fail(path, "refusing to write over an input file" +
                              (in == path ? std::string() : " ('" + in + "')") +
                              ": choose another output name");
    std::error_code ec;
    fs::path target(path);
    // What the path finally names (links followed): a terminal, pipe or device (/dev/stdout, /dev/null) is
    // written as it is; only regular files are replaced.
    const fs::file_status st = fs::status(target, ec);
    if (fs::is_directory(st))
        return fail(path, "is a directory, expected a file name");
#ifndef _WIN32
    if (fs::exists(st) && !fs::is_regular_file(st))
        return writeDirect(path, path, bytes);
#endif
    // A link is followed so that the file it points to is replaced and the link itself stays.
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec)
            target = resolved;
    }
#ifndef _WIN32

    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string base = ".";
    base += target.filename().string();
    base += ".XXXXXX.tmp";
    std::string tmpl = (dir / base).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = ::mkstemps(name.data(), 4);
    if (fd < 0)
        return fail(path, "cannot open file for writing: " + errnoText(errno) + " (a temporary file in '" +
                              dir.string() + "')");
    const std::string tmp(name.data());
    auto abandon = [&](const std::string& why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(path, why);
    };
    // The target keeps its permissions; a new file gets what open(2) would have given it.
    struct stat old
    {
    };
    const mode_t mode = ::stat(target.c_str(), &old) == 0 ? (old.st_mode & 07777) : (0666 & ~currentUmask());
    ::fchmod(fd, mode);
    if (!writeAll(fd, bytes))
        return abandon("write error: " + errnoText(errno) + " (the previous file, if any, is unchanged)");
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        return abandon("cannot flush to disk: " + errnoText(errno) +
                       " (the previous file, if any, is unchanged)");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return fail(path, "write error: " + errnoText(err) + " (the previous file, if any, is unchanged)");
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return fail(path, "cannot replace the file: " + errnoText(err));
    }
    // The rename is durable once the folder is synced; a failure here loses nothing already written.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return Result<bool>::success(true);
#else
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device rd;
    fs::path tmp;
    for (int i = 0; i < 100; ++i) {
        tmp = dir / ("." + target.filename().string() + "." + std::to_string(rd()) + ".tmp");
        if (!fs::exists(tmp, ec))
            break;
    }
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(path, "cannot create a temporary file in '" + dir.string() + "'");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            out.close();
            fs::remove(tmp, ec);
            return fail(path, "write error (disk full?); the previous file, if any, is unchanged");
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return fail(path, "cannot replace the file: " + ec.message());
    }
    return Result<bool>::success(true);
#endif
}

} // namespace losscast::core
