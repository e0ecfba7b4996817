#include "core/util/textfile.h"

#include "core/util/atomicfile.h"
#include "core/util/inputstream.h"

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
    // Pipes, FIFOs and "-" are read as streams; devices and folders are refused (core/util/inputstream.h).
    auto in = InputStream::open(path);
    if (!in)
        return Result<std::string>{std::nullopt, in.diagnostics};
    if (in->isRegular() && in->size() > maxBytes)
        return Result<std::string>::failure(
            fileError(path, "file is too large (" + std::to_string(in->size()) + " bytes; the limit is " +
                                std::to_string(maxBytes) + ")"));
    std::string text;
    if (in->isRegular())
        text.reserve(static_cast<std::size_t>(in->size()));
    bool truncated = false;
    if (!in->readInto(text, maxBytes, &truncated))
        return Result<std::string>::failure(fileError(path, "read error"));
    if (truncated)
        return Result<std::string>::failure(
            fileError(path, "file is too large (the limit is " + std::to_string(maxBytes) + " bytes)"));
    return Result<std::string>::success(std::move(text));
}

Result<bool> writeTextFile(const std::string& path, std::string_view text,
                           const std::vector<std::string>& inputs)
{
    return writeFileAtomically(path, text, inputs);
}

std::string fileStem(const std::string& path)
{
    return std::filesystem::path(path).stem().string();
}

} // namespace losscast::core
