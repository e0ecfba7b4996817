#pragma once
/// \file
/// \brief Errors and warnings that name the file and the line (or JSON path) they come from.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscast::core {

struct Diagnostic
{
    enum class Severity
    {
        Warning,
        Error
    };
    Severity severity = Severity::Error;
    std::string file;      ///< path or name of the input; empty for arguments
    std::int64_t line = 0; ///< 1-based line, 0 when not line-based
    std::string where;     ///< JSON path, column or argument name, when useful
    std::string message;

    /// "file:line: error: message" (parts that are empty are left out).
    std::string toString() const;
};

/// \brief A value, or the reasons there is none; warnings travel with either.
template <class T> struct Result
{
    std::optional<T> value;
    std::vector<Diagnostic> diagnostics;

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& operator*() const { return *value; }
    T& operator*() { return *value; }
    const T* operator->() const { return &*value; }
    T* operator->() { return &*value; }

    static Result success(T v, std::vector<Diagnostic> warnings = {})
    {
        return Result{std::move(v), std::move(warnings)};
    }
    static Result failure(Diagnostic error)
    {
        error.severity = Diagnostic::Severity::Error;
        return Result{std::nullopt, {std::move(error)}};
    }
    /// All error messages joined by newlines (for CLI stderr and message boxes).
    std::string errorText() const
    {
        std::string s;
        for (const auto& d : diagnostics)
            if (d.severity == Diagnostic::Severity::Error) {
                if (!s.empty())
                    s += '\n';
                s += d.toString();
            }
        return s;
    }
};

} // namespace losscast::core
