#pragma once
/// \file
/// \brief Training-log text parser (nanoGPT, llm.c, modded-nanogpt, Megatron). Internal header.

#include "core/import/common.h"
#include "core/import/run.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace losscast::core::import::detail {

/// \brief Which log dialect a line belongs to (also used to sniff whether a file is a text log).
enum class LogDialect
{
    None,
    NanoGpt,
    LlmC,
    ModdedNanoGpt,
    Megatron
};

/// Recognises one line; returns None for lines that are not training-log lines.
LogDialect classifyLogLine(std::string_view line);

/// \brief Streaming text-log importer: feed bytes in any chunks; only complete lines are consumed.
class TextLogImporter
{
public:
    TextLogImporter(std::string file, const ImportOptions& options);
    ~TextLogImporter();
    std::size_t feed(const char* data, std::size_t size, bool final);
    ImportResult snapshot() const;
    ImportResult finish();

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace losscast::core::import::detail
