#pragma once
/// \file
/// \brief JSON-based formats: HF Trainer trainer_state.json, TensorBoard scalar JSON, W&B history jsonl,
/// W&B run folders. Internal header.

#include "core/import/common.h"
#include "core/import/run.h"

#include <memory>
#include <string>
#include <string_view>

namespace losscast::core::import::detail {

/// trainer_state.json, TensorBoard JSON ([[wall, step, value], ...]) or wandb-summary.json.
ImportResult importJsonDocument(std::string_view text, const std::string& file, const ImportOptions& options);

/// \brief W&B history jsonl (one JSON object per line: `_step`, `_runtime`, metrics), streaming.
class WandbJsonlImporter
{
public:
    WandbJsonlImporter(std::string file, const ImportOptions& options);
    ~WandbJsonlImporter();
    std::size_t feed(const char* data, std::size_t size, bool final);
    ImportResult snapshot() const;
    ImportResult finish();

private:
    struct State;
    std::unique_ptr<State> d;
};

bool isWandbRunFolder(const std::string& dir);
ImportResult importWandbRunFolder(const std::string& dir, const ImportOptions& options);

} // namespace losscast::core::import::detail
