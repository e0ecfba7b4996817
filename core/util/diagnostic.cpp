#include "core/util/diagnostic.h"

namespace losscast::core {

std::string Diagnostic::toString() const
{
    std::string s;
    if (!file.empty()) {
        s += file;
        if (line > 0)
            s += ':' + std::to_string(line);
        s += ": ";
    }
    if (!where.empty())
        s += where + ": ";
    s += severity == Severity::Error ? "error: " : "warning: ";
    s += message;
    return s;
}

} // namespace losscast::core
