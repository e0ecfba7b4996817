// The Qt-free document (see workspace.h).
#include "core/workspace/workspace.h"

#include "core/export/fitfile.h"
#include "core/fit/fixedlaw.h"
#include "core/workspace/lawfit.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace losscast::core::workspace {

namespace fs = std::filesystem;

int Workspace::addObserver(Observer observer)
{
    m_observers.emplace_back(m_nextObserver, std::move(observer));
    return m_nextObserver++;
}

void Workspace::removeObserver(int handle)
{
    std::erase_if(m_observers, [&](const auto& o) { return o.first == handle; });
}

void Workspace::notify(Change change)
{
    if (change == Change::Runs || change == Change::Split || change == Change::Fit)
        m_scores.reset();
    // A copy: an observer may add or remove observers.
    const auto observers = m_observers;
    for (const auto& [handle, observer] : observers)
        observer(change);
}

void Workspace::invalidatePredictions()
{
    m_predictionCache.clear();
    m_cacheParams.clear();
}

// Runs
// ---------------------------------------------------------------------------------------------------------

LoadResult Workspace::open(const std::string& path, const LoadOptions& options)
{
    LoadOptions o = options;
    if (o.warmupSteps < 0)
        o.warmupSteps = m_warmup;
    LoadResult result = loadFile(path, o);
    bool added = false;
    for (LoadedRun& r : result.runs) {
        WorkspaceRun run;
        run.name = std::move(r.name);
        run.provenance = std::move(r.provenance);
        run.curve = std::move(r.curve);
        run.source = std::move(r.source);
        run.id = m_nextRunId++;
        m_runs.push_back(std::move(run));
        added = true;
    }
    if (added)
        notify(Change::Runs);
    return result;
}

int Workspace::addRun(WorkspaceRun run)
{
    run.id = m_nextRunId++;
    m_runs.push_back(std::move(run));
    notify(Change::Runs);
    return m_runs.back().id;
}

bool Workspace::removeRun(int id)
{
    const auto n = std::erase_if(m_runs, [&](const WorkspaceRun& r) { return r.id == id; });
    if (n == 0)
        return false;
    notify(Change::Runs);
    return true;
}

const WorkspaceRun* Workspace::run(int id) const
{
    for (const auto& r : m_runs)
        if (r.id == id)
            return &r;
    return nullptr;
}

bool Workspace::setTrain(int id, bool train)
{
    for (auto& r : m_runs)
        if (r.id == id) {
            if (r.train != train) {
                r.train = train;
                ++r.revision;
                notify(Change::Split);
            }
            return true;
        }
    return false;
}

bool Workspace::setVisible(int id, bool visible)
{
    for (auto& r : m_runs)
        if (r.id == id) {
            if (r.visible != visible) {
                r.visible = visible;
                ++r.revision;
                notify(Change::Split);
            }
            return true;
        }
    return false;
}

bool Workspace::setRunCurve(int id, Curve curve)
{
    for (auto& r : m_runs)
        if (r.id == id) {
            r.curve = std::move(curve);
            ++r.revision;
            m_fitted.erase(id); // computed at the old curve's steps
            notify(Change::Runs);
            return true;
        }
    return false;
}

bool Workspace::setGrowing(int id, bool growing)
{
    for (auto& r : m_runs)
        if (r.id == id) {
            if (r.growing != growing) {
                r.growing = growing;
                ++r.revision;
                notify(Change::Runs);
            }
            return true;
        }
    return false;
}

void Workspace::clear()
{
    m_runs.clear();
    m_nextRunId = 1;
    m_warmup = -1;
    m_lawId = "mtl";
    m_settings.clear();
    m_fixed.clear();
    m_fixedValues.clear();
    m_fixedLaw.clear();
    m_fit.reset();
    m_fitted.clear();
    m_fittedParams.clear();
    m_scenarios.clear();
    m_current = -1;
    m_baseline = 0;
    m_cpt.reset();
    m_mixtureInputs.clear();
    invalidatePredictions();
    for (Change c : {Change::Runs, Change::Model, Change::Fit, Change::Scenarios, Change::Inputs})
        notify(c);
}

std::vector<Curve> Workspace::trainCurves() const
{
    std::vector<Curve> out;
    for (const auto& r : m_runs)
        if (r.train && r.curve)
            out.push_back(*r.curve);
    return out;
}

// Model
// --------------------------------------------------------------------------------------------------------

bool Workspace::setLaw(const std::string& lawId)
{
    if (lawId != "auto" && !findCurveLaw(lawId))
        return false;
    if (lawId != m_lawId) {
        m_lawId = lawId;
        notify(Change::Model);
    }
    return true;
}

void Workspace::setSettings(LawSettings settings)
{
    m_settings = std::move(settings);
    notify(Change::Model);
}

void Workspace::setFixed(std::vector<bool> fixed, std::vector<double> values)
{
    m_fixed = std::move(fixed);
    m_fixedValues = std::move(values);
    m_fixedLaw = m_lawId;
    notify(Change::Model);
}

// Fit
// ----------------------------------------------------------------------------------------------------------

bool Workspace::fit(const fit::Options& options, const fit::Control& control, std::string* error)
{
    return fit(WorkspaceFitRequest{options, control, false}, nullptr, error);
}

bool Workspace::fit(const WorkspaceFitRequest& fitRequest, LawFitOutcome* attempt, std::string* error)
{
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    const std::vector<Curve> curves = trainCurves();
    if (curves.empty())
        return fail("no run with a learning rate is ticked for fitting");
    WorkspaceFit out;
    std::vector<Curve> heldOut;
    for (const auto& r : m_runs) {
        if (!r.curve)
            continue;
        if (r.train)
            out.trainIds.push_back(r.id);
        else
            heldOut.push_back(*r.curve);
    }
    LawFitRequest request;
    request.lawId = m_lawId;
    request.settings = m_settings;
    const auto law = findCurveLaw(m_lawId); // null for "auto", which fixes nothing
    if (law && m_fixedLaw == m_lawId && m_fixed.size() == law->parameters().size() &&
        m_fixedValues.size() == m_fixed.size() &&
        std::find(m_fixed.begin(), m_fixed.end(), true) != m_fixed.end()) { // none ticked: the law's own fit
        request.fixed = m_fixed;
        request.fixedValues = m_fixedValues;
    }
    std::vector<Schedule> schedules;
    for (const auto& s : m_scenarios)
        schedules.push_back(s.schedule);
    request.targetLr =
        std::isfinite(fitRequest.targetLr) ? fitRequest.targetLr : forecastReach(heldOut, schedules);
    request.options = fitRequest.options;
    request.control = fitRequest.control;
    request.calibrateBand = fitRequest.calibrateBand;
    LawFitOutcome f = fitLaw(curves, request);
    if (attempt)
        *attempt = f;
    if (!f.ok())
        return fail(f.error.empty() ? f.fit.summary.message : f.error);
    out.law = std::move(f.law);
    out.fit = std::move(f.fit);
    out.choice = std::move(f.choice);
    out.warnings = std::move(f.warnings);
    out.notes = std::move(f.notes);
    out.bandCovariance = std::move(f.bandCovariance);
    out.bandRelSigma = f.bandRelSigma;
    out.bandMethod = std::move(f.bandMethod);
    setFit(std::move(out));
    return true;
}

fit::Forecast toForecast(const WorkspaceFit& fit)
{
    fit::Forecast f;
    f.law = fit.law;
    f.fit = fit.fit;
    f.warnings = fit.warnings;
    f.bandCovariance = fit.bandCovariance;
    f.bandRelSigma = fit.bandRelSigma;
    f.bandMethod = fit.bandMethod;
    f.choice = fit.choice;
    f.notes = fit.notes;
    return f;
}

void Workspace::setFit(std::optional<WorkspaceFit> fit)
{
    m_fit = std::move(fit);
    if (m_fit && m_fit->asFitted.empty())
        m_fit->asFitted = m_fit->fit.params;
    m_fitted.clear();
    m_fittedParams.clear();
    invalidatePredictions();
    notify(Change::Fit);
}

void Workspace::setFit(WorkspaceFit fit, std::map<int, std::vector<double>> fittedCurves,
                       std::vector<std::pair<Schedule, ScenarioPrediction>> predictions)
{
    m_fittedParams = fit.fit.params;
    m_fitted = std::move(fittedCurves);
    m_fit = std::move(fit);
    if (m_fit->asFitted.empty())
        m_fit->asFitted = m_fit->fit.params;
    invalidatePredictions();
    if (!predictions.empty()) {
        m_predictionCache = std::move(predictions);
        if (m_predictionCache.size() > kPredictionCacheSize)
            m_predictionCache.erase(m_predictionCache.begin(),
                                    m_predictionCache.end() - std::ptrdiff_t(kPredictionCacheSize));
        m_cacheParams = m_fit->fit.params;
        m_cacheLaw = m_fit->fit.law;
    }
    notify(Change::Fit);
}

bool Workspace::setParameterValue(std::size_t index, double value)
{
    if (!m_fit || index >= m_fit->fit.params.size() || !std::isfinite(value))
        return false;
    m_fit->fit.params[index] = value; // predictions cached for other values are not used (prediction())
    notify(Change::Fit);
    return true;
}

bool Workspace::setParameterValues(const std::vector<double>& values)
{
    if (!m_fit || values.size() != m_fit->fit.params.size() ||
        !std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
        return false;
    m_fit->fit.params = values;
    notify(Change::Fit);
    return true;
}

const std::vector<double>* Workspace::handedOverCurve(int id) const
{
    const WorkspaceRun* r = run(id);
    const auto it = m_fitted.find(id);
    if (!m_fit || !r || !r->curve || it == m_fitted.end() || m_fittedParams != m_fit->fit.params ||
        it->second.size() != r->curve->steps.size())
        return nullptr;
    return &it->second;
}

bool Workspace::hasHandedOverCurve(int id) const
{
    return handedOverCurve(id) != nullptr;
}

std::vector<double> Workspace::fittedCurve(int id) const
{
    const WorkspaceRun* r = run(id);
    if (!m_fit || !m_fit->law || !r || !r->curve || r->curve->steps.empty())
        return {};
    if (const std::vector<double>* handed = handedOverCurve(id))
        return *handed;
    if (r->growing)
        return {};
    return fit::predict(*m_fit->law, m_fit->fit.params, r->curve->schedule, r->curve->steps,
                        m_fit->fit.settings);
}

const std::vector<RunScore>& Workspace::scores() const
{
    if (!m_scores) {
        std::vector<RunScore> out;
        if (m_fit && m_fit->law)
            for (const auto& r : m_runs) {
                if (!r.curve)
                    continue;
                const bool inFit =
                    std::find(m_fit->trainIds.begin(), m_fit->trainIds.end(), r.id) != m_fit->trainIds.end();
                const std::vector<double> model = fittedCurve(r.id);
                if (model.size() != r.curve->loss.size()) // a growing run without a handed-over curve
                    continue;
                out.push_back({r.id, inFit, fit::computeMetrics(model, r.curve->loss)});
            }
        m_scores = std::move(out);
    }
    return *m_scores;
}

fit::Metrics Workspace::meanScore(bool train) const
{
    std::vector<fit::Metrics> m;
    for (const auto& s : scores())
        if (s.train == train)
            m.push_back(s.metrics);
    return fit::average(m);
}

// Scenarios
// ----------------------------------------------------------------------------------------------------

int Workspace::addScenario(std::string name, Schedule schedule)
{
    m_scenarios.push_back({std::move(name), std::move(schedule)});
    m_current = int(m_scenarios.size()) - 1;
    notify(Change::Scenarios);
    return m_current;
}

void Workspace::setScenarios(std::vector<WorkspaceScenario> scenarios, int current, int baseline)
{
    m_scenarios = std::move(scenarios);
    m_current = std::clamp(current, -1, int(m_scenarios.size()) - 1);
    m_baseline = std::clamp(baseline, 0, std::max(0, int(m_scenarios.size()) - 1));
    notify(Change::Scenarios); // predictions are cached by schedule: undo finds them again
}

bool Workspace::removeScenario(std::size_t index)
{
    if (index >= m_scenarios.size())
        return false;
    m_scenarios.erase(m_scenarios.begin() + std::ptrdiff_t(index));
    const int n = int(m_scenarios.size());
    if (m_current >= n || (m_current > int(index)))
        --m_current;
    if (m_baseline >= n || m_baseline > int(index))
        m_baseline = std::max(0, m_baseline - 1);
    notify(Change::Scenarios);
    return true;
}

bool Workspace::setScenarioSchedule(std::size_t index, Schedule schedule)
{
    if (index >= m_scenarios.size())
        return false;
    m_scenarios[index].schedule = std::move(schedule);
    notify(Change::Scenarios);
    return true;
}

void Workspace::setCurrentScenario(int index)
{
    m_current = std::clamp(index, -1, int(m_scenarios.size()) - 1);
    notify(Change::Scenarios);
}

void Workspace::setBaselineScenario(int index)
{
    m_baseline = std::clamp(index, 0, std::max(0, int(m_scenarios.size()) - 1));
    notify(Change::Scenarios);
}

std::vector<LrPoint> Workspace::controlPoints(std::size_t index) const
{
    return index < m_scenarios.size() ? editablePoints(m_scenarios[index].schedule) : std::vector<LrPoint>{};
}

namespace {

bool editPoints(Schedule& schedule, std::vector<LrPoint> points, std::string* why)
{
    Schedule edited = schedule;
    const std::string complaint = setEditedPoints(edited, std::move(points));
    if (!complaint.empty()) {
        if (why)
            *why = complaint;
        return false;
    }
    schedule = std::move(edited);
    return true;
}

} // namespace

bool Workspace::moveControlPoint(std::size_t index, std::size_t point, LrPoint to, std::string* why)
{
    if (index >= m_scenarios.size())
        return false;
    std::vector<LrPoint> points = controlPoints(index);
    if (point >= points.size())
        return false;
    points[point] = to;
    Schedule s = m_scenarios[index].schedule;
    if (!editPoints(s, std::move(points), why))
        return false;
    return setScenarioSchedule(index, std::move(s));
}

bool Workspace::addControlPoint(std::size_t index, LrPoint at, std::string* why)
{
    if (index >= m_scenarios.size())
        return false;
    std::vector<LrPoint> points = controlPoints(index);
    const auto pos = std::upper_bound(points.begin(), points.end(), at,
                                      [](const LrPoint& a, const LrPoint& b) { return a.step < b.step; });
    points.insert(pos, at);
    Schedule s = m_scenarios[index].schedule;
    if (!editPoints(s, std::move(points), why))
        return false;
    return setScenarioSchedule(index, std::move(s));
}

bool Workspace::removeControlPoint(std::size_t index, std::size_t point, std::string* why)
{
    if (index >= m_scenarios.size())
        return false;
    std::vector<LrPoint> points = controlPoints(index);
    if (point >= points.size() || points.size() <= 2) {
        if (why)
            *why = "a schedule keeps at least its first and last point";
        return false;
    }
    points.erase(points.begin() + std::ptrdiff_t(point));
    Schedule s = m_scenarios[index].schedule;
    if (!editPoints(s, std::move(points), why))
        return false;
    return setScenarioSchedule(index, std::move(s));
}

const ScenarioPrediction& Workspace::prediction(std::size_t index) const
{
    static const ScenarioPrediction none{{}, {}, {}, {}, std::nan("")};
    if (index >= m_scenarios.size() || !m_fit || !m_fit->law)
        return none;
    // Cached by schedule under the fit's parameters: undo, redo and selection bring back schedules
    // predicted before (a full-resolution prediction with its band costs tens of milliseconds).
    if (m_cacheParams != m_fit->fit.params || m_cacheLaw != m_fit->fit.law) {
        m_predictionCache.clear();
        m_cacheParams = m_fit->fit.params;
        m_cacheLaw = m_fit->fit.law;
    }
    const Schedule& schedule = m_scenarios[index].schedule;
    for (const auto& [s, p] : m_predictionCache)
        if (s == schedule)
            return p;
    if (m_predictionCache.size() >= kPredictionCacheSize)
        m_predictionCache.erase(m_predictionCache.begin());
    m_predictionCache.emplace_back(schedule, predictSchedule(*m_fit->law, m_fit->fit, schedule));
    return m_predictionCache.back().second;
}

// Views' inputs
// --------------------------------------------------------------------------------------------------

void Workspace::setCpt(std::optional<SessionCpt> cpt)
{
    m_cpt = std::move(cpt);
    notify(Change::Inputs);
}

void Workspace::setMixtureInputs(std::vector<std::string> paths)
{
    m_mixtureInputs = std::move(paths);
    notify(Change::Inputs);
}

// Sessions
// ---------------------------------------------------------------------------------------------------------

Session Workspace::toSession(const std::string& sessionDir, bool hash) const
{
    Session s;
    s.law = m_lawId;
    s.warmup = m_warmup;
    auto absolute = [](const std::string& p) {
        std::error_code ec;
        return fs::path(p).is_absolute() ? p : fs::absolute(p, ec).lexically_normal().string();
    };
    // Files in the order their first run was opened, with the runs read from each.
    for (const auto& r : m_runs) {
        const std::string abs = absolute(r.provenance.file);
        auto file = std::find_if(s.files.begin(), s.files.end(),
                                 [&](const SessionFile& f) { return f.absolutePath == abs; });
        if (file == s.files.end()) {
            SessionFile f = describeSessionFile(abs, sessionDir, hash);
            f.mapping = SessionMapping{r.provenance.loss, r.provenance.lr, r.provenance.schedule};
            s.files.push_back(std::move(f));
            file = s.files.end() - 1;
        }
        SessionRun sr;
        sr.name = r.name;
        sr.visible = r.visible;
        sr.train = r.train;
        sr.inFit =
            m_fit && std::find(m_fit->trainIds.begin(), m_fit->trainIds.end(), r.id) != m_fit->trainIds.end();
        file->runs.push_back(std::move(sr));
    }
    // Fixed parameters by name: the fit's (its law's names) when there is one, else the chosen law's.
    std::vector<std::string> names;
    if (m_fit && m_fit->law)
        names = m_fit->fit.names;
    else if (auto law = findCurveLaw(m_lawId))
        for (const auto& p : law->parameters())
            names.push_back(p.name);
    for (std::size_t i = 0; i < m_fixed.size() && i < names.size(); ++i)
        if (m_fixed[i])
            s.fixedParams.push_back(names[i]);
    if (m_fit && m_fit->law) {
        fit::CurveFit asFitted = m_fit->fit;
        if (m_fit->asFitted.size() == asFitted.params.size() && m_fit->asFitted != asFitted.params) {
            asFitted.params = m_fit->asFitted;
            s.editedValues = m_fit->fit.params;
        }
        // Exactly what File → Export Parameters and `losscast-cli fit --out` write.
        std::vector<Curve> fitted;
        for (int id : m_fit->trainIds)
            if (const WorkspaceRun* r = run(id); r && r->curve) {
                fitted.push_back(*r->curve);
                fitted.back().source = r->provenance.file;
            }
        s.fit = makeFitFile(*m_fit->law, asFitted, fitted);
    }
    for (const auto& sc : m_scenarios)
        s.scenarios.push_back({sc.name, {}, sc.schedule});
    s.currentScenario = m_current;
    s.baselineScenario = m_scenarios.empty() ? 0 : m_baseline;
    s.cpt = m_cpt;
    for (const auto& p : m_mixtureInputs) {
        const std::string abs = absolute(p);
        s.mixtureInputs.push_back(describeSessionFile(abs, sessionDir, false).path);
        s.mixtureAbsoluteInputs.push_back(abs);
    }
    return s;
}

Workspace Workspace::fromSession(const Session& session, const std::string& sessionDir,
                                 std::vector<std::string>* problems)
{
    Workspace w;
    w.m_lawId = session.law == "auto" || findCurveLaw(session.law) ? session.law : "mtl";
    w.m_warmup = session.warmup;
    std::vector<int> inFit; // the runs the saved fit was made on
    for (const SessionFile& file : session.files) {
        const ResolvedFile where = resolveSessionFile(file, sessionDir);
        if (where.status != ResolvedFile::Status::Ok && problems)
            problems->push_back(where.message);
        if (where.status == ResolvedFile::Status::Missing)
            continue;
        LoadOptions options;
        options.loss = file.mapping.loss;
        options.lr = file.mapping.lr;
        options.schedule = file.mapping.schedule;
        options.warmupSteps = session.warmup;
        options.curveCsvErrorsAreFinal = false; // as the window opens files
        LoadResult loaded = loadFile(where.path, options);
        if (!loaded.ok() && problems)
            problems->push_back(loaded.errorText());
        for (std::size_t i = 0; i < loaded.runs.size(); ++i) {
            LoadedRun& lr = loaded.runs[i];
            WorkspaceRun run;
            run.name = lr.name;
            run.provenance = lr.provenance;
            run.provenance.file = where.path;
            run.curve = std::move(lr.curve);
            run.source = std::move(lr.source);
            // Saved flags by name, else by order (a plain CSV's run is named after its file).
            const SessionRun* saved = nullptr;
            for (const auto& sr : file.runs)
                if (sr.name == run.name)
                    saved = &sr;
            if (!saved && i < file.runs.size())
                saved = &file.runs[i];
            if (saved) {
                run.train = saved->train;
                run.visible = saved->visible;
            }
            run.id = w.m_nextRunId++;
            if (saved && saved->inFit)
                inFit.push_back(run.id);
            w.m_runs.push_back(std::move(run));
        }
    }
    if (auto law = findCurveLaw(w.m_lawId)) {
        const auto infos = law->parameters();
        w.m_fixed.assign(infos.size(), false);
        w.m_fixedLaw = w.m_lawId;
        for (std::size_t i = 0; i < infos.size(); ++i)
            w.m_fixed[i] = std::find(session.fixedParams.begin(), session.fixedParams.end(), infos[i].name) !=
                           session.fixedParams.end();
        if (session.fit)
            w.m_fixedValues = session.fit->fit.params;
    }
    if (session.fit)
        if (auto law = findCurveLaw(session.fit->fit.law)) {
            WorkspaceFit f;
            f.law = law;
            f.fit = session.fit->fit;
            f.asFitted = f.fit.params;
            if (session.editedValues.size() == f.fit.params.size())
                f.fit.params = session.editedValues;
            f.trainIds = inFit;
            w.m_fit = std::move(f);
        }
    for (const auto& sc : session.scenarios)
        w.m_scenarios.push_back({sc.name, sc.schedule});
    w.m_current = std::clamp(session.currentScenario, -1, int(w.m_scenarios.size()) - 1);
    w.m_baseline = std::clamp(session.baselineScenario, 0, std::max(0, int(w.m_scenarios.size()) - 1));
    w.m_cpt = session.cpt;
    for (std::size_t i = 0; i < session.mixtureInputs.size(); ++i) {
        std::error_code ec;
        const fs::path rel = fs::path(sessionDir) / session.mixtureInputs[i];
        if (fs::exists(rel, ec) || i >= session.mixtureAbsoluteInputs.size())
            w.m_mixtureInputs.push_back(rel.lexically_normal().string());
        else
            w.m_mixtureInputs.push_back(session.mixtureAbsoluteInputs[i]);
    }
    w.invalidatePredictions();
    return w;
}

} // namespace losscast::core::workspace
