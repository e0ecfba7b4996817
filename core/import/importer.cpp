#include "core/import/importer.h"

#include "core/util/inputstream.h"

#include "core/import/common.h"
#include "core/import/csv.h"
#include "core/import/jsonformats.h"
#include "core/import/textlog.h"
#include "core/io/textcheck.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace losscast::core::import {

using namespace detail;
namespace fs = std::filesystem;

namespace {

/// One interface over the streaming parsers so that file reading and live reload are written once.
struct StreamParser
{
    virtual ~StreamParser() = default;
    virtual std::size_t feed(const char* data, std::size_t size, bool final) = 0;
    virtual ImportResult snapshot() const = 0;
    virtual ImportResult finish() = 0;
};

template <class T> struct StreamParserT final : StreamParser
{
    template <class... A> explicit StreamParserT(A&&... a) : impl(std::forward<A>(a)...) {}
    std::size_t feed(const char* data, std::size_t size, bool final) override
    {
        return impl.feed(data, size, final);
    }
    ImportResult snapshot() const override { return impl.snapshot(); }
    ImportResult finish() override { return impl.finish(); }
    T impl;
};

ImportResult failure(const std::string& file, std::string message, std::int64_t line = 0)
{
    ImportResult r;
    r.file = file;
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.message = std::move(message);
    r.diagnostics.push_back(std::move(d));
    return r;
}

std::string lowerName(const std::string& name)
{
    return lower(baseName(name));
}

bool endsWith(const std::string& s, const char* suffix)
{
    const std::size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::unique_ptr<StreamParser> makeStreamParser(const std::string& family, const std::string& file,
                                               const ImportOptions& options)
{
    if (family == "text")
        return std::make_unique<StreamParserT<TextLogImporter>>(file, options);
    if (family == "jsonl")
        return std::make_unique<StreamParserT<WandbJsonlImporter>>(file, options);
    return std::make_unique<StreamParserT<CsvImporter>>(file, options);
}

std::string displayOf(const std::string& path, const ImportOptions& o)
{
    return o.displayName.empty() ? path : o.displayName;
}

} // namespace

std::string sniffFamily(std::string_view head, const std::string& name)
{
    const std::string lname = lowerName(name);
    if (head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0xEF &&
        static_cast<unsigned char>(head[1]) == 0xBB && static_cast<unsigned char>(head[2]) == 0xBF)
        head.remove_prefix(3);
    const std::string_view t = trim(head);
    if (endsWith(lname, ".jsonl") || endsWith(lname, ".ndjson"))
        return "jsonl";
    auto jsonStart = [](std::string_view v) {
        if (v.empty() || (v.front() != '{' && v.front() != '['))
            return false;
        const std::string_view rest = trim(v.substr(1));
        if (rest.empty())
            return true;
        // "[rank0]: ..." and "[2024-01-01 ...]" start text logs; JSON has an object key, a nested array or
        // object
        return v.front() == '{' ? (rest.front() == '"' || rest.front() == '}')
                                : (rest.front() == '[' || rest.front() == '{' || rest.front() == ']');
    };
    if (jsonStart(t)) {
        // A JSON document, or one JSON object per line.
        const auto nl = t.find('\n');
        if (t.front() == '{' && nl != std::string_view::npos) {
            const std::string_view first = trim(t.substr(0, nl));
            const std::string_view after = trim(t.substr(nl + 1));
            if (first.size() > 1 && first.back() == '}' && (after.empty() || after.front() == '{'))
                return "jsonl";
        }
        return "json";
    }
    // Text log or CSV: any recognised training-log line in the first lines decides.
    std::size_t pos = 0;
    int lines = 0;
    while (pos < t.size() && lines < 400) {
        const auto nl = t.find('\n', pos);
        const std::string_view line = t.substr(pos, nl == std::string_view::npos ? t.size() - pos : nl - pos);
        if (nl == std::string_view::npos && head.size() >= (1u << 16))
            break; // possibly cut in the middle
        if (classifyLogLine(line) != LogDialect::None)
            return "text";
        ++lines;
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    if (endsWith(lname, ".log") || endsWith(lname, ".txt") || endsWith(lname, ".out"))
        return "text";
    return "csv";
}

namespace {

std::string familyFor(std::string_view head, const std::string& name, const ImportOptions& options)
{
    const std::string sniffed = sniffFamily(head, name);
    switch (options.format) {
    case Format::Auto:
        return sniffed;
    case Format::Text:
        return "text";
    case Format::Csv:
    case Format::Lightning:
        return "csv";
    case Format::HfTrainer:
        return "json";
    case Format::TensorBoard:
        return sniffed == "json" ? "json" : "csv";
    case Format::Wandb:
        return sniffed == "json" || sniffed == "jsonl" ? sniffed : "csv";
    }
    return sniffed;
}

/// Reads a whole file, refusing anything larger than `limit` bytes.
bool readAll(const std::string& path, std::string& out, std::string& error,
             std::size_t limit = std::size_t(1) << 31)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    out.clear();
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        if (out.size() + n > limit) {
            std::fclose(f);
            error = "file is larger than " + std::to_string(limit >> 20) + " MiB";
            return false;
        }
        out.append(buf, n);
    }
    const bool bad = std::ferror(f);
    std::fclose(f);
    if (bad) {
        error = "read error";
        return false;
    }
    return true;
}

/// Why streamFile() stopped before the end, with the line it was at ("" = it did not).
struct StreamStop
{
    std::string message;
    std::int64_t line = 0;
};

/// Feeds a file to a streaming parser in 4 MiB chunks from `offset`; returns the bytes consumed.
/// With `final` the last incomplete line is parsed too (a finished file); without, it waits (a live file).
/// Memory stays bounded by the data kept: a line longer than kMaxLineBytes, or kMaxUnknownBytes without any
/// recognised data, stops the reading (`stop`, when given, says why and where).
std::size_t streamFile(std::FILE* f, StreamParser& parser, bool final, std::string_view prefix = {},
                       StreamStop* stop = nullptr)
{
    // `prefix`: bytes already read from `f` (the sniffed head), parsed before the rest.
    std::vector<char> buf(std::max(std::size_t(4) << 20, prefix.size()));
    if (!prefix.empty()) // memcpy from a null pointer is undefined even for 0 bytes (UBSan)
        std::memcpy(buf.data(), prefix.data(), prefix.size());
    std::size_t have = prefix.size(), consumedTotal = 0;
    std::int64_t lines = 0; // complete lines consumed, for the messages
    bool checkedFormat = false;
    bool eof = false;
    while (!eof) {
        if (have == buf.size()) {
            if (buf.size() >= kMaxLineBytes) {
                if (stop)
                    *stop = {"line " + std::to_string(lines + 1) + " is longer than " +
                                 std::to_string(kMaxLineBytes >> 20) + " MiB (not a training log?)",
                             lines + 1};
                return consumedTotal;
            }
            buf.resize(std::min(buf.size() * 2, kMaxLineBytes)); // one record longer than the buffer
        }
        const std::size_t n = std::fread(buf.data() + have, 1, buf.size() - have, f);
        if (n == 0)
            eof = true;
        have += n;
        const std::size_t used = parser.feed(buf.data(), have, eof && final);
        consumedTotal += used;
        lines += std::count(buf.data(), buf.data() + used, '\n');
        std::memmove(buf.data(), buf.data() + used, have - used);
        have -= used;
        if (!checkedFormat && consumedTotal + have > kMaxUnknownBytes && !eof) {
            checkedFormat = true;
            const ImportResult so_far = parser.snapshot();
            if (so_far.runs.empty() && !so_far.table) {
                if (stop)
                    *stop = {"no training data recognised in the first " +
                                 std::to_string(kMaxUnknownBytes >> 20) + " MiB (" + std::to_string(lines) +
                                 " lines); reading stopped",
                             lines};
                return consumedTotal;
            }
        }
    }
    return consumedTotal;
}

ImportResult importTensorBoardDirectory(const fs::path& dir, const ImportOptions& options);

} // namespace

namespace detail {

/// Flat "key: value" YAML (Lightning hparams.yaml; W&B config.yaml with its "value:" children).
void readSimpleYaml(const std::string& path, const std::string& prefix,
                    std::map<std::string, std::string>& out)
{
    std::string text, err;
    if (!readAll(path, text, err, 1 << 20))
        return;
    std::string parent;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos)
            nl = text.size();
        std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        if (trim(line).empty() || trim(line).front() == '#' || trim(line).front() == '-')
            continue;
        const std::size_t indent = line.find_first_not_of(' ');
        const std::string_view body = trim(line);
        const auto colon = body.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string key(trim(body.substr(0, colon)));
        const std::string value(trim(body.substr(colon + 1)));
        if (indent == 0) {
            parent = key;
            if (!value.empty() && key != "wandb_version")
                out[prefix + key] = value;
        } else if (key == "value" && !parent.empty() && parent != "_wandb" && !value.empty()) {
            out[prefix + parent] = value; // W&B config.yaml: "lr:\n  value: 0.001"
        }
    }
}

} // namespace detail

namespace {

/// A column the user named explicitly (--loss, --lr, ... or the mapping dialog) that a run does not have is
/// worth a warning: silently falling back would fit the wrong series.
ImportResult checkMapping(ImportResult r, const ColumnMapping& m)
{
    const std::pair<const char*, const std::string*> named[] = {
        {"loss", &m.loss}, {"val loss", &m.valLoss}, {"lr", &m.lr}, {"tokens", &m.tokens}};
    for (const auto& run : r.runs)
        for (const auto& [role, column] : named) {
            if (column->empty() || run.find(*column))
                continue;
            std::string have;
            for (std::size_t i = 0; i < run.series.size() && i < 12; ++i)
                have += (i ? ", " : "") + run.series[i].name;
            if (run.series.size() > 12)
                have += ", ...";
            Diagnostic d;
            d.severity = Diagnostic::Severity::Warning;
            d.file = r.file;
            d.message = "run '" + run.name + "' has no series '" + *column + "' for the " + role +
                        " role (it has: " + (have.empty() ? "none" : have) + ")";
            r.diagnostics.push_back(std::move(d));
        }
    return r;
}

/// Values no training log can hold: a negative learning rate is refused (an error naming run, series and
/// step); a loss ≤ 0 is a warning (fits leave such points out).
ImportResult checkValues(ImportResult r)
{
    auto fmt = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return std::string(buf);
    };
    auto add = [&r](Diagnostic d) {
        for (const auto& e : r.diagnostics) // a folder's files were checked one by one already
            if (e.message == d.message)
                return;
        r.diagnostics.push_back(std::move(d));
    };
    // A file not recognised as a training log (no runs) gets no warnings quoting its contents.
    if (r.runs.empty() && !r.table)
        std::erase_if(r.diagnostics, [](const Diagnostic& d) {
            return d.severity == Diagnostic::Severity::Warning && d.message.find('\'') != std::string::npos;
        });
    for (const auto& run : r.runs) {
        for (const std::string* name : {&run.roles.loss, &run.roles.valLoss}) {
            const Series* s = name->empty() ? nullptr : run.find(*name);
            if (!s)
                continue;
            std::size_t n = 0;
            double firstStep = 0, firstValue = 0;
            for (std::size_t i = 0; i < s->size(); ++i)
                if (s->values[i] <= 0 && n++ == 0) {
                    firstStep = s->steps[i];
                    firstValue = s->values[i];
                }
            if (n > 0)
                add(Diagnostic{Diagnostic::Severity::Warning,
                               r.file,
                               0,
                               {},
                               "run '" + run.name + "', series '" + *name + "': " + std::to_string(n) +
                                   " loss value(s) <= 0 (the first " + fmt(firstValue) + " at step " +
                                   fmt(firstStep) + "); a loss is positive, so fits leave these points out"});
        }
        if (const Series* lr = run.roles.lr.empty() ? nullptr : run.find(run.roles.lr))
            for (std::size_t i = 0; i < lr->size(); ++i)
                if (lr->values[i] < 0) {
                    add(Diagnostic{Diagnostic::Severity::Error,
                                   r.file,
                                   0,
                                   {},
                                   "run '" + run.name + "', series '" + run.roles.lr +
                                       "': negative learning rate " + fmt(lr->values[i]) + " at step " +
                                       fmt(lr->steps[i]) +
                                       "; a learning rate is >= 0 (is this the right column? choose another "
                                       "with --lr)"});
                    break;
                }
    }
    return r;
}

ImportResult importBytesUnchecked(std::string_view bytes, const std::string& name,
                                  const ImportOptions& options);
ImportResult importFileUnchecked(const std::string& path, const ImportOptions& options);

} // namespace

ImportResult importBytes(std::string_view bytes, const std::string& name, const ImportOptions& options)
{
    return checkValues(checkMapping(importBytesUnchecked(bytes, name, options), options.mapping));
}

ImportResult importFile(const std::string& path, const ImportOptions& options)
{
    return checkValues(checkMapping(importFileUnchecked(path, options), options.mapping));
}

namespace {

ImportResult importBytesUnchecked(std::string_view bytes, const std::string& name,
                                  const ImportOptions& options)
{
    ImportOptions o = options;
    if (o.displayName.empty())
        o.displayName = name;
    if (o.sizeHint == 0)
        o.sizeHint = bytes.size();
    const std::string family = familyFor(bytes.substr(0, 1 << 16), name, o);
    if (family == "json")
        return importJsonDocument(bytes, name, o);
    auto parser = makeStreamParser(family, name, o);
    parser->feed(bytes.data(), bytes.size(), true);
    return parser->finish();
}

ImportResult importFileUnchecked(const std::string& path, const ImportOptions& options)
{
    const std::string shown = displayOf(path, options);
    std::error_code ec;
    const fs::file_status st = path == "-" ? fs::file_status(fs::file_type::fifo) : fs::status(path, ec);
    if (path != "-" && (ec || !fs::exists(st)))
        return failure(shown, "no such file or folder");
    if (fs::is_directory(st)) {
        if (isWandbRunFolder(path))
            return importWandbRunFolder(path, options);
        ImportResult tb = importTensorBoardDirectory(path, options);
        return tb;
    }

    if (options.format == Format::Auto) {
        const std::string ext = fs::path(path).extension().string();
        if (ext == ".yaml" || ext == ".yml")
            return failure(shown, "a YAML file holds a run's configuration, not its curves: open the W&B run "
                                  "folder or the Lightning metrics.csv beside it (their YAML is read as the "
                                  "run's metadata)");
    }
    // Read once, front to back: the bytes the sniffer looks at are kept and fed to the parser first, so a
    // pipe, a FIFO or "-" loses nothing (rewinding does nothing on a pipe).
    auto in = InputStream::open(path, options.streamWaitSeconds, shown);
    if (!in)
        return failure(shown, in.diagnostics.front().message);
    std::string head;
    if (!in->readInto(head, std::size_t(1) << 16))
        return failure(shown, "read error");
    if (const auto at = binaryDataOffset(head))
        return failure(shown, notTextMessage(head, *at));
    const std::string family = familyFor(head, path, options);
    if (family == "json") {
        std::string text = std::move(head);
        bool truncated = false;
        if (!in->readInto(text, kMaxJsonBytes - text.size(), &truncated))
            return failure(shown, "read error");
        if (truncated)
            return failure(shown, "a JSON document larger than " + std::to_string(kMaxJsonBytes >> 20) +
                                      " MiB is not read (is this a training log?)");
        return importJsonDocument(text, path, options);
    }
    ImportOptions o = options;
    o.sizeHint = static_cast<std::size_t>(in->size());
    auto parser = makeStreamParser(family, path, o);
    StreamStop stop;
    streamFile(in->file(), *parser, true, head, &stop);
    if (!stop.message.empty())
        return failure(shown, stop.message, stop.line);
    const bool bad = std::ferror(in->file());
    ImportResult r = parser->finish();
    if (bad)
        r.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error, shown, 0, {}, "read error"});

    // Lightning writes hparams.yaml beside metrics.csv.
    if (r.format == "lightning" && r.runs.size() == 1) {
        const fs::path hp = fs::path(path).parent_path() / "hparams.yaml";
        if (fs::exists(hp, ec))
            readSimpleYaml(hp.string(), "hparams.", r.runs.front().metadata);
    }
    return r;
}

} // namespace

namespace {

ImportResult importTensorBoardDirectory(const fs::path& dir, const ImportOptions& options)
{
    ImportResult out;
    out.file = displayOf(dir.string(), options);
    out.format = "tensorboard-csv";
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string n = lower(e.path().filename().string());
        if (e.is_regular_file() && (endsWith(n, ".csv") || endsWith(n, ".json")) &&
            n.find("-tag-") != std::string::npos)
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty())
        return failure(out.file,
                       "a folder must be a W&B run folder (wandb-summary.json, config.yaml, ...) or hold "
                       "TensorBoard downloads named run-<run>-tag-<tag>.csv");
    // Tags of one run are separate downloads: merge them into one run per run name.
    for (const auto& f : files) {
        ImportOptions o = options;
        o.displayName.clear();
        ImportResult one = importFile(f.string(), o);
        for (auto& d : one.diagnostics)
            out.diagnostics.push_back(std::move(d));
        for (auto& run : one.runs) {
            Run* target = nullptr;
            for (auto& r : out.runs)
                if (r.name == run.name)
                    target = &r;
            if (!target) {
                out.runs.push_back(Run{run.name, {}, {}, {}});
                target = &out.runs.back();
            }
            for (auto& s : run.series) {
                if (target->find(s.name))
                    s.name += " (" + f.filename().string() + ")";
                target->series.push_back(std::move(s));
            }
        }
    }
    for (auto& r : out.runs)
        detectRoles(r, options.mapping);
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Live reload

struct LiveImport::Parser
{
    std::string family;
    std::unique_ptr<StreamParser> stream;
};

namespace {

/// What identifies the bytes of an open file: inode, device, size and modification time (ns).
struct FileIdentity
{
    std::uint64_t inode = 0, device = 0;
    std::int64_t mtimeNs = 0;
    std::size_t size = 0;
};

FileIdentity identityOf(std::FILE* f, const std::string& path)
{
    FileIdentity id;
#ifndef _WIN32
    struct stat st
    {
    };
    if (::fstat(fileno(f), &st) == 0) {
        id.inode = static_cast<std::uint64_t>(st.st_ino);
        id.device = static_cast<std::uint64_t>(st.st_dev);
        id.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        id.size = static_cast<std::size_t>(st.st_size);
        return id;
    }
#endif
    std::error_code ec;
    const auto t = fs::last_write_time(path, ec);
    if (!ec)
        id.mtimeNs = static_cast<std::int64_t>(t.time_since_epoch().count());
    std::fseek(f, 0, SEEK_END);
    const long endPos = std::ftell(f);
    id.size = endPos < 0 ? 0 : static_cast<std::size_t>(endPos);
    return id;
}

/// Up to this many bytes before the end of the last read are kept and compared at the next one.
constexpr std::size_t kTailGuardBytes = 64;

std::string readAt(std::FILE* f, std::size_t offset, std::size_t n)
{
    std::string out(n, '\0');
    if (std::fseek(f, static_cast<long>(offset), SEEK_SET) != 0)
        return {};
    out.resize(std::fread(out.data(), 1, n, f));
    return out;
}

bool hasPoints(const ImportResult& r)
{
    for (const auto& run : r.runs)
        for (const auto& s : run.series)
            if (s.size() > 0)
                return true;
    return false;
}

} // namespace

LiveImport::LiveImport(std::string path, ImportOptions options)
    : m_path(std::move(path)), m_options(std::move(options))
{
}

LiveImport::~LiveImport() = default;

std::string LiveImport::family() const
{
    return m_parser ? m_parser->family : std::string();
}

bool LiveImport::refresh()
{
    m_lastParsed = 0;
    const std::string shown = displayOf(m_path, m_options);
    std::error_code dirEc;
    if (fs::is_directory(m_path, dirEc)) {
        // A W&B run folder or a folder of TensorBoard downloads: several files, read whole each time.
        m_parser.reset();
        m_result = importFile(m_path, m_options);
        ++m_fullReads;
        return true;
    }
    std::FILE* f = std::fopen(m_path.c_str(), "rb");
    if (!f) {
        m_result = failure(shown, std::string("cannot open: ") + std::strerror(errno));
        m_parser.reset();
        m_offset = 0;
        m_head.clear();
        m_tail.clear();
        return true;
    }
    const FileIdentity id = identityOf(f, m_path);
    std::fseek(f, 0, SEEK_SET);
    std::string head(4096, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    const std::size_t size = id.size;

    bool rewritten = !m_parser || size < m_offset || id.inode != m_inode || id.device != m_device ||
                     head.compare(0, m_head.size(), m_head) != 0;
    // The bytes just before where the last read stopped must still be there: a file rewritten with the same
    // first bytes (a restarted run logging the same header) and grown past the old end is caught here.
    if (!rewritten && !m_tail.empty() && m_parser->family != "json")
        rewritten = readAt(f, m_offset - m_tail.size(), m_tail.size()) != m_tail;
    // Nothing recognised yet (an empty file, or only lines that do not tell the format): sniff again as the
    // file grows, so that a text log is not parsed as CSV because its first line was a banner.
    if (!rewritten && m_parser && m_parser->family != "json" && !hasPoints(m_result) &&
        head.size() > m_head.size() && familyFor(head, m_path, m_options) != m_parser->family)
        rewritten = true;
    const bool jsonChanged =
        m_parser && m_parser->family == "json" && (size != m_size || id.mtimeNs != m_mtimeNs);
    m_inode = id.inode;
    m_device = id.device;
    m_mtimeNs = id.mtimeNs;
    m_size = size;
    if (!rewritten && size == m_offset && !jsonChanged) {
        std::fclose(f);
        return false;
    }
    if (rewritten) {
        ImportOptions o = m_options;
        o.sizeHint = size;
        m_parser = std::make_unique<Parser>();
        m_parser->family = size == 0 ? "csv" : familyFor(head, m_path, o);
        if (m_parser->family != "json")
            m_parser->stream = makeStreamParser(m_parser->family, m_path, o);
        m_offset = 0;
        m_tail.clear();
        ++m_fullReads;
    }
    m_head = head;
    if (m_parser->family == "json") {
        std::fclose(f);
        if (!rewritten && !jsonChanged)
            return false;
        std::string text, err;
        if (!readAll(m_path, text, err)) {
            m_result = failure(shown, err);
            return true;
        }
        m_lastParsed = text.size();
        m_offset = text.size();
        if (!rewritten)
            ++m_fullReads;
        m_result = importJsonDocument(text, m_path, m_options);
        return true;
    }
    std::fseek(f, static_cast<long>(m_offset), SEEK_SET);
    const std::size_t used = streamFile(f, *m_parser->stream, false);
    m_offset += used;
    m_lastParsed = used;
    if (used > 0 || rewritten) {
        const std::size_t n = std::min(m_offset, kTailGuardBytes);
        m_tail = readAt(f, m_offset - n, n);
    }
    std::fclose(f);
    if (used > 0 || rewritten)
        m_result = m_parser->stream->snapshot();
    return used > 0 || rewritten;
}

} // namespace losscast::core::import
