#pragma once
/// \file
/// \brief A LossCast session (`.losscast`): the window's document as one versioned JSON file.
///
///     {"format":"losscast-session","version":1,"losscast_version":"0.1.0",
///      "files":[{"path":"../mpl/25M_cosine_24000.csv","absolute_path":"/home/me/.../25M_cosine_24000.csv",
///                "sha256":"…","size":123456,
///                "mapping":{"loss":"train/loss","lr":"","schedule":"cosine:peak=3e-4,..."},   (optional)
///                "runs":[{"name":"25M_cosine_24000","color":"#1f77b4","visible":true,"train":true,
///                         "in_fit":true,"fit_metric":"train/loss","shown_metrics":["val/loss"],
///                         "hidden_metrics":["eval/loss"]}]}],
///      "import":{"warmup":-1},
///      "model":{"law":"mpl","fixed":["A"],"values":{"A":0.5,...}},      (values: user edits of the fit)
///      "fit":{... exactly the fit file of core/export/fitfile.h ...},     (optional)
///      "scenarios":[{"name":"Cosine 24k","color":"#c2188a","schedule":{"phases":[...]}},
///                   {"name":"Custom","color":"#009688","warmup":2160,"warmup_start":0,
///                    "points":[{"step":2160,"lr":3e-4},{"step":24000,"lr":3e-5}]}],
///      "current_scenario":1,"baseline_scenario":0,
///      "view":{"log_x":false,"log_y":false,"ema":0.6,"x_axis":"steps","tokens_per_step":0,"residuals":false},
///      "cpt":{...the CPT view, see SessionCpt...},"mixtures":{"inputs":[...],"absolute_inputs":[...]},
///      "scaling":{...the Scaling view, see SessionScaling...}}
///
/// A scenario is either a schedule spec (the Schedule JSON form; presets and multi-phase schedules) or the
/// control points of a single piecewise phase, which is what dragging points on the LR plot makes.
/// File paths are stored relative to the session file when they can be, with the absolute path as fallback;
/// sha256 and size tell whether a file changed since the session was saved.
///
/// Reading refuses other formats and newer versions, ignores unknown members (a newer minor writer may add
/// some) and reports errors with the JSON path of the offending member, e.g.
/// `scenarios[2].points[3].lr: expected a number`.

#include "core/cpt/cptjson.h"
#include "core/cpt/cptscenario.h"
#include "core/export/fitfile.h"
#include "core/schedule/schedule.h"
#include "core/util/diagnostic.h"
#include "core/util/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief The session format version this build writes and the newest it reads.
inline constexpr int kSessionVersion = 1;
/// \brief The file name extension of sessions, with the dot.
inline constexpr std::string_view kSessionExtension = ".losscast";

/// Hard limits on what a session file may hold (a session can come from someone else); each is refused with
/// a message naming the JSON path.
inline constexpr std::size_t kMaxScenarios = 256;
inline constexpr std::size_t kMaxControlPoints = 10'000; ///< per dragged scenario
inline constexpr std::size_t kMaxSessionFiles = 1'000;
inline constexpr std::size_t kMaxSessionString = 4'096;     ///< bytes per name, path, spec, ...
inline constexpr std::size_t kMaxSessionListItems = 10'000; ///< per list of strings

/// \brief One run of a session file, matched by name (and order) when the file is read again.
struct SessionRun
{
    std::string name;
    std::string color; ///< "#rrggbb", empty = the window picks one
    bool visible = true;
    bool train = true;                      ///< ticked "Fit on" (else held out)
    bool inFit = false;                     ///< one of the runs the saved fit was made on
    std::vector<std::string> hiddenMetrics; ///< loss-like series of the run drawn unticked (not drawn)
    std::vector<std::string> shownMetrics;  ///< other series ticked to be drawn beside the fitted one
    std::string fitMetric;                  ///< the series the fit uses; empty: the importer's choice
    friend bool operator==(const SessionRun&, const SessionRun&) = default;
};

/// \brief How a file's loss and LR were chosen when the importer did not recognise them.
struct SessionMapping
{
    std::string loss;
    std::string lr;       ///< empty: the LR comes from `schedule`
    std::string schedule; ///< schedule text form, when the log has no LR
    bool empty() const { return loss.empty() && lr.empty() && schedule.empty(); }
    friend bool operator==(const SessionMapping&, const SessionMapping&) = default;
};

/// \brief A forecast pinned on a followed run (issue #15): drawn, and its band watched, while the live
/// forecast moves. The curve is stored as drawn (at most kMaxSessionListItems points), so reopening neither
/// refits nor needs the law's covariance.
struct SessionPin
{
    std::string law;                                          ///< the law that made it ("mpl", "mtl")
    std::int64_t step = 0;                                    ///< last logged step it was fitted on
    std::int64_t finalStep = 0;                               ///< T, the planned schedule's last step
    double loss = 0.0, lower = 0.0, upper = 0.0;              ///< predicted final loss and its 95 % band
    std::vector<double> steps, curve, curveLower, curveUpper; ///< the drawn curve and band (same length)
    friend bool operator==(const SessionPin&, const SessionPin&) = default;
};

/// \brief A file followed while its job writes it (the window's Follow, issue #15):
///
///     "follow":{"on":true,"run":"","schedule":"cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160",
///               "target":3.3,"pin":{"law":"mpl","step":24000,"final_step":72000,"loss":3.31,
///               "lower":3.29,"upper":3.33,"curve":{"steps":[..],"loss":[..],"lower":[..],"upper":[..]}}}
struct SessionFollow
{
    bool on = false;              ///< followed when the session was saved: reopening follows it again
    std::string run;              ///< the run forecast ("" = the file's first)
    std::string schedule;         ///< the planned schedule, text form ("" = not given yet)
    std::optional<double> target; ///< target loss whose step the forecast panel shows
    std::optional<SessionPin> pin;
    bool empty() const { return !on && run.empty() && schedule.empty() && !target && !pin; }
    friend bool operator==(const SessionFollow&, const SessionFollow&) = default;
};

/// \brief An imported file.
struct SessionFile
{
    std::string path;         ///< as stored: relative to the session's folder when possible
    std::string absolutePath; ///< where it was when saved
    std::string sha256;       ///< empty when unknown
    std::uint64_t size = 0;
    SessionMapping mapping;
    std::vector<SessionRun> runs;
    SessionFollow follow; ///< empty for a file that was never followed
    friend bool operator==(const SessionFile&, const SessionFile&) = default;
};

/// \brief A "what if" schedule of the session.
struct SessionScenario
{
    std::string name;
    std::string color; ///< "#rrggbb"
    Schedule schedule;
    friend bool operator==(const SessionScenario&, const SessionScenario&) = default;
};

/// \brief Plot settings.
struct SessionView
{
    bool logX = false;
    bool logY = false;
    double ema = 0.0;         ///< smoothing weight in [0, 1)
    bool tokensX = false;     ///< x axis in tokens instead of steps
    double tokensPerStep = 0; ///< informational: what the window used for scenarios on a tokens axis
    bool residuals = false;
    friend bool operator==(const SessionView&, const SessionView&) = default;
};

/// \brief The continual pre-training view (View → Continual Pre-training):
///
///     "cpt":{"open":true,"fit_label":"Fit: cpt-fit.json",
///            "fit":{... the CPT fit file of core/cpt/cptjson.h, without "pt_schedule" ...},
///            "scenario":{"pt":{"steps":20000,"warmup_steps":500,"warmup_start":0,"peak_lr":2e-4,
///                              "shape":"wsd","final_fraction":0,"decay_fraction":0.2},
///                        "cpt":{...same...},"replay":0.25,"model_size_m":0},
///            "pt_schedule":{... compact form of cptjson.h ...},"pt_source":"25M_wsd.csv",
///            "lambda1":0.5}
///
/// The fits are stored as shown, so reopening does not refit; "pt_schedule" is the PT schedule taken from a
/// run (absent: the parametric PT phase).
struct SessionCpt
{
    bool open = false;                   ///< the view's dock is shown
    std::optional<cpt::CptFitPair> fits; ///< general + domain fits shown (none: the window's default)
    std::string fitLabel;                ///< what the view says the fits are
    cpt::CptScenario scenario;           ///< phases, replay and the imported PT schedule (ptLr)
    std::string ptSource;                ///< where an imported PT schedule came from
    double lambda1 = 0.5;                ///< trade-off weight of the general loss
    std::vector<std::string> inputs;     ///< data files the view was made from (informational)
};

/// \brief One run of the Scaling view's table: N parameters, D tokens, final loss.
struct SessionScalingRow
{
    std::string name;
    double n = 0, d = 0, loss = 0;
    friend bool operator==(const SessionScalingRow&, const SessionScalingRow&) = default;
};

/// \brief The Scaling view (View → Scaling): the runs table it fits the Chinchilla law to and the settings.
///
///     "scaling":{"open":true,"table":"runs.csv","absolute_table":"/home/me/runs.csv",
///                "columns":{"n":"params","d":"iterations*tokens_per_step","flops":"","loss":"final_val"},
///                "rows":[{"name":"60M cosine","n":59845120,"d":1.28e9,"loss":3.30}],
///                "huber_delta":0.001,"bootstrap":100,"level":0.95,"flops":1e19,
///                "size_law":"mtl-size","curve_size":400,"curve_shown":true}
///
/// With a table file the view reads it again on opening (columns as given, empty: found by name); "rows" hold
/// the table only when it has no file (built from the opened runs) or was edited in the view. "flops" is the
/// compute budget on the slider (0: the view's default). "size_law" is the size-aware curve law the window
/// fits again on the session's runs on opening, "curve_size" the model size (millions) whose curve it draws.
struct SessionScaling
{
    bool open = false;
    std::string table;         ///< relative to the session's folder when possible; empty: the rows
    std::string absoluteTable; ///< where the table was when saved
    std::string nColumn, dColumn, flopsColumn, lossColumn;
    std::vector<SessionScalingRow> rows;
    double huberDelta = 1e-3;
    int bootstrap = 100;
    double level = 0.95;
    double flops = 0;
    std::string sizeLaw;    ///< the size-aware curve law fitted on the runs ("mtl-size"); empty: none
    double curveSize = 0;   ///< the model size of the curve drawn in the main plot, millions of parameters
    bool curveShown = true; ///< whether that curve is drawn
    friend bool operator==(const SessionScaling&, const SessionScaling&) = default;
};

/// \brief The whole document.
struct Session
{
    std::vector<SessionFile> files;
    std::int64_t warmup = -1; ///< the Runs dock's warmup setting (-1 = auto)
    std::string law = "mtl";  ///< law choice (a registered id or "auto")
    std::vector<std::string> fixedParams;
    /// The fit as fitted (the same value `losscast-cli fit --out` writes), when there is one.
    std::optional<FitFile> fit;
    /// The parameter values on screen when the user edited some after the fit (empty = the fit's own).
    std::vector<double> editedValues;
    std::vector<SessionScenario> scenarios;
    int currentScenario = -1;
    int baselineScenario = 0;
    SessionView view;
    std::optional<SessionCpt> cpt;          ///< absent: the CPT view was never used
    std::vector<std::string> mixtureInputs; ///< relative to the session's folder when possible
    /// Where each mixture input was when saved (same order; may be empty in older sessions): the fallback
    /// when the relative path misses, e.g. for a recovery copy, which lives in the app's data folder.
    std::vector<std::string> mixtureAbsoluteInputs;
    std::optional<SessionScaling> scaling; ///< absent: the Scaling view was never used
};

/// \brief The JSON value of a session (pretty-print it with writeJson).
JsonValue sessionToJson(const Session& session);
/// \brief The file text of a session (pretty JSON with a final newline).
std::string writeSessionText(const Session& session);

/// \brief Parses a session. Errors have `file` = `name` and `where` = the JSON path of the bad member.
Result<Session> parseSession(std::string_view text, const std::string& name);
/// \brief The files a session would read that lie outside the session's folder tree (after resolving links),
/// as the paths resolveSessionFile() gives, including Mixtures inputs. A session from someone else may
/// point anywhere (/etc/shadow, ../../../../etc/passwd): these are read only after the user agrees.
std::vector<std::string> filesOutsideTree(const Session& session, const std::string& sessionDir);

/// \brief Reads and parses a session file.
Result<Session> readSession(const std::string& path);
/// \brief Writes the session to `path` (through a temporary file, so a failed write keeps the old one).
/// Returns an empty string, or what went wrong.
std::string saveSessionFile(const Session& session, const std::string& path);

/// \brief A file entry for `absolutePath` as seen from a session saved in `sessionDir`: relative path when
/// the file is below or near the session (no more than a few `..`), its hash and size.
/// With `hash` false the sha256 is left empty (for a caller that keeps its own hashes).
SessionFile describeSessionFile(const std::string& absolutePath, const std::string& sessionDir,
                                bool hash = true);

/// \brief Where a session's file is now and whether it is the one that was saved.
struct ResolvedFile
{
    enum class Status
    {
        Ok,      ///< found, same size and hash (or no hash stored)
        Changed, ///< found, but its bytes differ from when the session was saved
        Missing  ///< neither the relative nor the absolute path exists
    };
    Status status = Status::Missing;
    std::string path; ///< absolute path that was found (the absolute fallback when missing)
    /// For Changed/Missing, one sentence naming the file, e.g. "25M_cosine_24000.csv changed since the
    /// session was saved (sha256 differs)".
    std::string message;
    bool outside = false; ///< Missing because it lies outside the session's folder and was not allowed
};

/// \brief Finds a session file: first relative to `sessionDir`, then at its absolute path.
/// With `allowOutside` false, candidates outside the session's folder tree are not looked at (not even
/// hashed): such a file is Missing with `outside` set.
ResolvedFile resolveSessionFile(const SessionFile& file, const std::string& sessionDir,
                                bool allowOutside = true);

} // namespace losscast::core
