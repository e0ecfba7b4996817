#include "core/util/textfile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace losscast::core {

namespace {

Diagnostic fileError(const std::string& path, const std::string& message)
{
    Diagnostic d;
    d.file = path;
    d.message = message;
    return d;
}

} // namespace

Result<std::string> readTextFile(const std::string& path, std::uint64_t maxBytes)
{
    std::error_code ec;
    const std::filesystem::path p(path);
    if (std::filesystem::is_directory(p, ec))
        return Result<std::string>::failure(fileError(path, "is a directory, expected a file"));
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        const int err = errno;
        return Result<std::string>::failure(fileError(
            path, std::string("cannot open file: ") + (err ? std::strerror(err) : "unknown error")));
    }
    const auto size = std::filesystem::file_size(p, ec);
    if (!ec && size > maxBytes)
        return Result<std::string>::failure(fileError(path, "file is too large (" + std::to_string(size) +
                                                                " bytes; the limit is " +
                                                                std::to_string(maxBytes) + ")"));
    std::string text;
    if (!ec)
        text.reserve(static_cast<std::size_t>(size));
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > maxBytes)
            return Result<std::string>::failure(
                fileError(path, "file is too large (the limit is " + std::to_string(maxBytes) + " bytes)"));
    }
    if (in.bad())
        return Result<std::string>::failure(fileError(path, "read error"));
    return Result<std::string>::success(std::move(text));
}

Result<bool> writeTextFile(const std::string& path, std::string_view text)
{
    std::ofstream out(std::filesystem::path(path), std::ios::binary | std::ios::trunc);
    if (!out) {
        const int err = errno;
        return Result<bool>::failure(fileError(path, std::string("cannot open file for writing: ") +
                                                         (err ? std::strerror(err) : "unknown error")));
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out)
        return Result<bool>::failure(fileError(path, "write error (disk full?)"));
    return Result<bool>::success(true);
}

std::string fileStem(const std::string& path)
{
    return std::filesystem::path(path).stem().string();
}

} // namespace losscast::core
