#pragma once
/// \file
/// \brief Learning-rate schedules: a small value with a serialisable spec (text and JSON) that renders the LR
/// of every step.
///
/// Step convention (see ScheduleInput): a schedule of N steps renders N + 1 values, `lr[s]` for s = 0..N,
/// where `lr[s]` is the LR of the update that produces the model at step s and `lr[0]` is the warmup start.
///
/// A schedule is one or more phases played one after the other (e.g. pre-training, then continual
/// pre-training with a re-warmup). Each phase has a kind (cosine, WSD, ...), a length in steps and an
/// optional linear warmup from `warmupStart` to the phase's LR at the end of the warmup.
///
/// Text form (CLI): `kind:key=value,key=value`, phases joined by `+`, lists separated by `;`, points written
/// `step@lr`, e.g.
///
///     wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=linear
///     cosine:peak=3e-4,final=3e-5,steps=100000,warmup=2000
///     piecewise:points=0@0;2000@3e-4;24000@3e-5
///     cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 +
///     constant:peak=1e-4,steps=5000,warmup=500,warmup_start=3e-5
///
/// `Schedule::fromText(s.toText())` and `Schedule::fromJson(s.toJson())` give back an equal schedule.

#include "core/schedule/input.h"
#include "core/util/diagnostic.h"
#include "core/util/json.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace losscast::core {

/// \brief Largest number of steps a schedule may have (its rendering allocates one double per step).
inline constexpr std::int64_t kMaxScheduleSteps = 50'000'000;

/// \brief The shape of a phase after its warmup.
enum class ScheduleKind
{
    Constant,    ///< `peak` throughout
    Cosine,      ///< half cosine from `peak` to `final`
    Linear,      ///< straight line from `peak` to `final`
    Wsd,         ///< warmup-stable-decay: `peak`, then a decay to `final` over the last steps
    MultiStep,   ///< `peak`, multiplied by a factor at each milestone
    InverseSqrt, ///< peak · sqrt(τ / (τ + s − warmup))
    Exponential, ///< geometric from `peak` to `final`
    Cyclic,      ///< cosine with warm restarts (SGDR), cycles of `period` steps, each ending at `final`
    Piecewise,   ///< straight lines through control points (the GUI's editable schedule)
    Logged       ///< straight lines through sparse (step, lr) samples from a training log
};

/// \brief The decay shape of a WSD schedule; x runs from 0 to 1 over the decay.
enum class DecayShape
{
    Linear,      ///< final + (peak − final)·(1 − x)
    Cosine,      ///< final + (peak − final)·½(1 + cos πx)
    Exponential, ///< peak·(final / peak)^x
    Sqrt         ///< final + (peak − final)·(1 − √x)  ("1−sqrt", Hägele et al. 2024)
};

/// \brief A control point or log sample: the LR at a step of the phase.
struct LrPoint
{
    double step = 0.0;
    double lr = 0.0;
    friend bool operator==(const LrPoint&, const LrPoint&) = default;
};

/// \brief One phase of a schedule. Fields a kind does not use keep their defaults.
struct SchedulePhase
{
    ScheduleKind kind = ScheduleKind::Constant;
    std::int64_t steps = 0;   ///< updates in this phase (it renders steps + 1 values, local steps 0..steps)
    double peak = 0.0;        ///< LR after the warmup (not used by piecewise/logged)
    double final = 0.0;       ///< end LR (cosine, linear, wsd, exponential) or cycle minimum (cyclic)
    std::int64_t warmup = 0;  ///< linear warmup steps at the start of the phase
    double warmupStart = 0.0; ///< LR at local step 0 when warmup > 0

    double decay = 0.2;          ///< wsd: decay length as a fraction of `steps` (when decaySteps = 0)
    std::int64_t decaySteps = 0; ///< wsd: decay length in steps (overrides `decay` when > 0)
    DecayShape shape = DecayShape::Linear; ///< wsd

    std::vector<double> at;           ///< multistep milestones: steps (≥ 1) or fractions of `steps` (< 1)
    std::vector<double> factors{0.1}; ///< multistep: one factor for every drop, or one per milestone

    double timescale = 0.0; ///< inverse sqrt τ in steps; 0 = the warmup length (at least 1)

    std::int64_t period = 0; ///< cyclic: steps of the first cycle
    double mult = 1.0;       ///< cyclic: each cycle is `mult` times longer than the previous
    double gamma = 1.0;      ///< cyclic: each cycle's peak is `gamma` times the previous one

    std::vector<LrPoint> points; ///< piecewise / logged, steps ascending (LR held beyond the ends)

    friend bool operator==(const SchedulePhase&, const SchedulePhase&) = default;

    /// \brief Empty when the phase is consistent, else a message such as "wsd: 'decay' must be in (0, 1],
    /// got 1.5".
    std::string validate() const;
};

/// \brief A learning-rate schedule: one or more phases.
class Schedule
{
public:
    /// \brief An empty schedule (no steps; renders the single value 0).
    Schedule() = default;

    /// \brief A schedule of the given phases. Throws std::invalid_argument with validate()'s message when a
    /// phase is inconsistent (use create() to get the message as a Result instead).
    explicit Schedule(std::vector<SchedulePhase> phases);
    /// \brief A schedule of one phase (throws as above).
    explicit Schedule(SchedulePhase phase);

    /// \brief The schedule of these phases, or the first phase's validation error ("phase 2: ...").
    static Result<Schedule> create(std::vector<SchedulePhase> phases);

    /// \brief Parses the text form. Errors name the phase, the key and what was expected.
    static Result<Schedule> fromText(std::string_view text);
    /// \brief The canonical text form (optional keys at their defaults are left out).
    std::string toText() const;

    /// \brief Parses the JSON form: {"phases": [{"kind": "cosine", "peak": 3e-4, ...}, ...]} or one phase
    /// object. Errors carry the JSON path in Diagnostic::where.
    static Result<Schedule> fromJson(const JsonValue& json);
    /// \brief The JSON form: {"phases": [...]}, each phase with the same keys as the text form.
    JsonValue toJson() const;

    const std::vector<SchedulePhase>& phases() const { return m_phases; }
    /// \brief Replaces the phases; returns the validation error (and leaves the schedule unchanged) if any.
    std::string setPhases(std::vector<SchedulePhase> phases);

    /// \brief N, the number of updates (sum of the phases' steps).
    std::int64_t totalSteps() const;
    /// \brief The global step at which each phase starts (0 for the first).
    std::vector<std::int64_t> phaseStarts() const;
    /// \brief Warmup steps of the first phase (what laws call the warmup).
    std::int64_t warmupSteps() const { return m_phases.empty() ? 0 : m_phases.front().warmup; }
    /// \brief The largest LR of the rendered schedule (for axis ranges).
    double maxLr() const;

    /// \brief The LR of every step 0..N (N + 1 values).
    std::vector<double> render() const;
    /// \brief Writes the LR of steps 0..out.size()−1; steps past N get the LR of step N. Allocates nothing.
    void renderInto(std::span<double> out) const;
    /// \brief The LR of one step (clamped to 0..N).
    double lrAt(std::int64_t step) const;

    /// \brief The rendered LRs and the warmup, as the laws take them.
    ScheduleInput toInput() const;

    /// \brief Control points of a piecewise/logged phase (empty for other kinds or a bad index).
    std::vector<LrPoint> controlPoints(std::size_t phase = 0) const;
    /// \brief Replaces the control points of a piecewise/logged phase (keeping its step count unless the new
    /// last point lies beyond it). Returns an error message, leaving the schedule unchanged, when the points
    /// are invalid or the phase is not piecewise/logged.
    std::string setControlPoints(std::size_t phase, std::vector<LrPoint> points);

    /// \brief This schedule as one piecewise phase whose straight lines stay within `tolerance` × the largest
    /// LR of the rendering (for the schedule editor: start from a preset, then drag points). The warmup of
    /// the first phase is kept as the schedule's warmup.
    Schedule toPiecewise(double tolerance = 1e-3, std::size_t maxPoints = 256) const;

    /// \brief A schedule of `kind` Piecewise or Logged through points that reproduce the per-step LRs `lr`
    /// (N + 1 values) within `tolerance` × max lr; e.g. a Curve's LR history, to extend or edit it. With
    /// `warmup` W > 0 the first W steps are rendered as the phase's linear warmup from lr[0] to lr[W].
    static Result<Schedule> fromPerStep(std::span<const double> lr, std::int64_t warmup = 0,
                                        ScheduleKind kind = ScheduleKind::Logged, double tolerance = 1e-3,
                                        std::size_t maxPoints = 256);

    friend bool operator==(const Schedule&, const Schedule&) = default;

    /// \brief Convenience: a single phase of the given kind.
    static Schedule constant(double peak, std::int64_t steps, std::int64_t warmup = 0);
    static Schedule cosine(double peak, double final, std::int64_t steps, std::int64_t warmup = 0);
    static Schedule wsd(double peak, double final, std::int64_t steps, std::int64_t warmup, double decay,
                        DecayShape shape = DecayShape::Linear);
    /// \brief From (step, lr) samples of a log, linearly interpolated, with `warmup` recorded for the laws.
    static Result<Schedule> logged(std::vector<LrPoint> samples, std::int64_t warmup = 0);

private:
    std::vector<SchedulePhase> m_phases;
};

/// \brief Points (at integer steps, always including the first and the last) through which straight lines
/// reproduce the per-step values `lr` within `tolerance` × max |lr| (Douglas–Peucker, worst segment split
/// first). Stops at `maxPoints` (at least 2) even if the tolerance is not yet met.
std::vector<LrPoint> simplifyLr(std::span<const double> lr, double tolerance = 1e-3,
                                std::size_t maxPoints = 256);

/// \brief The points a user drags to edit `s`: its own for a single piecewise/logged phase, else a close
/// straight-line approximation of its rendered LR after the warmup (Douglas–Peucker within 0.4 % of the peak
/// LR, loosened until at most `maxHandles` inner points remain), starting at the warmup's end and ending at
/// the last step. Moving one and calling setEditedPoints turns the schedule into a piecewise one.
std::vector<LrPoint> editablePoints(const Schedule& s, std::size_t maxHandles = 24);

/// \brief Replaces `s` by one piecewise phase through `points` (ascending), keeping its warmup (and warmup
/// start) where the first point allows. Adding, removing and dragging control points all go through here.
/// Returns the schedule's complaint, leaving `s` unchanged, or "" when set.
std::string setEditedPoints(Schedule& s, std::vector<LrPoint> points);

/// \brief Stable names used in text and JSON: "constant", "cosine", "linear", "wsd", "multistep", "invsqrt",
/// "exponential", "cyclic", "piecewise", "logged".
std::string toString(ScheduleKind kind);
/// \brief "linear", "cosine", "exp", "sqrt".
std::string toString(DecayShape shape);
/// \brief All kinds, in menu order.
const std::vector<ScheduleKind>& scheduleKinds();
/// \brief The kind with this text name ("wsd"), if any.
std::optional<ScheduleKind> scheduleKindFromName(std::string_view name);

/// \brief One key of a kind's text and JSON form (for schedule forms in the GUI and help texts).
struct ScheduleKeyInfo
{
    std::string name;        ///< as in the text form: "peak", "warmup_start", ...
    bool required = false;   ///< fromText/fromJson fail without it
    std::string description; ///< one line for tooltips
};
/// \brief The keys `kind` accepts, in canonical order.
std::vector<ScheduleKeyInfo> scheduleKeys(ScheduleKind kind);

} // namespace losscast::core
