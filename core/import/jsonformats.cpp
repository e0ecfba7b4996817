#include "core/import/jsonformats.h"

namespace losscast::core::import::detail {

namespace {
ImportResult notYet(const std::string& file)
{
    ImportResult r;
    r.file = file;
    r.diagnostics.push_back(
        Diagnostic{Diagnostic::Severity::Error, file, 0, {}, "JSON formats are not supported yet"});
    return r;
}
} // namespace

ImportResult importJsonDocument(std::string_view, const std::string& file, const ImportOptions& options)
{
    return notYet(options.displayName.empty() ? file : options.displayName);
}

struct WandbJsonlImporter::State
{
    std::string file;
};
WandbJsonlImporter::WandbJsonlImporter(std::string file, const ImportOptions& options)
    : d(std::make_unique<State>(State{options.displayName.empty() ? file : options.displayName}))
{
}
WandbJsonlImporter::~WandbJsonlImporter() = default;
std::size_t WandbJsonlImporter::feed(const char*, std::size_t size, bool)
{
    return size;
}
ImportResult WandbJsonlImporter::snapshot() const
{
    return notYet(d->file);
}
ImportResult WandbJsonlImporter::finish()
{
    return notYet(d->file);
}

bool isWandbRunFolder(const std::string&)
{
    return false;
}
ImportResult importWandbRunFolder(const std::string& dir, const ImportOptions&)
{
    return notYet(dir);
}

} // namespace losscast::core::import::detail
