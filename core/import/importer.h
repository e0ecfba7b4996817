#pragma once
/// \file
/// \brief Import any training-log file: format detection, then the matching parser.
///
/// Supported: generic CSV/TSV, W&B chart "Export CSV", W&B runs table, W&B API history CSV, W&B run folders,
/// TensorBoard scalar CSV/JSON downloads, HF Trainer trainer_state.json, Lightning metrics.csv and text logs
/// (nanoGPT, llm.c, modded-nanogpt, Megatron). Pure C++, no Qt.

#include "core/import/run.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core::import {

/// \brief Reads a file (or a W&B run folder, or a folder of TensorBoard CSV downloads) and returns its runs.
/// Never throws for bad input: problems are Error diagnostics naming the file and line.
ImportResult importFile(const std::string& path, const ImportOptions& options = {});

/// \brief Same for bytes already in memory; `name` is used for messages and for detection by file name.
ImportResult importBytes(std::string_view bytes, const std::string& name, const ImportOptions& options = {});

/// \brief Guesses the format family of a file from its name and first bytes ("csv", "text", "json", "jsonl").
std::string sniffFamily(std::string_view head, const std::string& name);

/// \brief A file that is still being written (a live training log). refresh() reads only the bytes appended
/// since the last call, when the file has grown; a half-written last line waits until it is complete. A file
/// that was truncated, replaced (another inode, e.g. renamed over), or rewritten (its first bytes, or the
/// bytes just before where the last read stopped, changed) is re-read from the start. A file that had no data
/// yet is sniffed again while it grows (a log whose first lines are not yet recognisable). JSON documents
/// (trainer_state.json, rewritten at each save) are re-read whole whenever their size, time or inode changes.
class LiveImport
{
public:
    explicit LiveImport(std::string path, ImportOptions options = {});
    ~LiveImport();
    LiveImport(const LiveImport&) = delete;
    LiveImport& operator=(const LiveImport&) = delete;

    /// Reads what is new. Returns true when the result changed.
    bool refresh();
    const ImportResult& result() const { return m_result; }
    /// Bytes parsed by the last refresh() (for tests and the status bar).
    std::size_t lastBytesParsed() const { return m_lastParsed; }
    std::size_t totalBytesParsed() const { return m_offset; }
    /// How many times the file had to be read from the start (first read included).
    int fullReads() const { return m_fullReads; }
    /// The format family being parsed ("csv", "text", "jsonl", "json", "folder"; "" before the first read).
    std::string family() const;

private:
    struct Parser;
    std::string m_path;
    ImportOptions m_options;
    std::unique_ptr<Parser> m_parser;
    ImportResult m_result;
    std::size_t m_offset = 0;
    std::size_t m_lastParsed = 0;
    std::string m_head; ///< first bytes at the last read, to notice a rewritten file
    std::string m_tail; ///< the bytes just before m_offset at the last read, to notice a rewritten file
    std::uint64_t m_inode = 0, m_device = 0;
    std::int64_t m_mtimeNs = 0;
    std::size_t m_size = 0;
    int m_fullReads = 0;
};

} // namespace losscast::core::import
