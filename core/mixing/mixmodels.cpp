#include "core/mixing/mixmodels.h"

#include "core/export/fitfile.h"
#include "core/mixing/mixjson.h"
#include "core/util/textfile.h"
#include "core/version.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace losscast::core::mixing {

namespace {

Diagnostic err(const std::string& file, const std::string& where, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Error, file, 0, where, msg};
}

/// Scores of out-of-fold predictions (rows × targets) against the measured losses.
std::vector<TargetScore> scoreRows(const Experiments& e, const std::vector<std::vector<double>>& pred)
{
    std::vector<TargetScore> out;
    for (std::size_t ti = 0; ti < e.targets.size(); ++ti) {
        std::vector<double> p, o;
        for (std::size_t i = 0; i < e.rows(); ++i)
            if (std::isfinite(pred[i][ti])) {
                p.push_back(pred[i][ti]);
                o.push_back(e.losses[i][ti]);
            }
        TargetScore s;
        s.name = e.targets[ti];
        s.points = p.size();
        for (std::size_t i = 0; i < p.size(); ++i)
            s.mae += std::abs(p[i] - o[i]);
        s.mae /= static_cast<double>(std::max<std::size_t>(1, p.size()));
        s.spearman = spearman(p, o);
        out.push_back(std::move(s));
    }
    return out;
}

void means(const std::vector<TargetScore>& s, double& rho, double& mae)
{
    rho = mae = 0.0;
    std::size_t k = 0;
    for (const auto& t : s) {
        if (!std::isfinite(t.spearman))
            continue;
        rho += t.spearman;
        mae += t.mae;
        ++k;
    }
    if (k == 0) {
        rho = -2.0; // worse than any Spearman
        mae = std::numeric_limits<double>::infinity();
        return;
    }
    rho /= static_cast<double>(k);
    mae /= static_cast<double>(k);
}

JsonValue scoresJson(const std::vector<TargetScore>& scores)
{
    JsonValue arr = JsonValue::array();
    for (const auto& s : scores) {
        JsonValue o = JsonValue::object();
        o.set("name", s.name);
        o.set("mae", s.mae);
        o.set("spearman", s.spearman);
        arr.push(std::move(o));
    }
    return arr;
}

bool numberArray(const JsonValue* v, std::size_t size, std::vector<double>& out)
{
    if (!v || !v->isArray() || v->size() != size)
        return false;
    out.clear();
    for (const auto& x : v->toArray()) {
        if (!x.isNumber() || !std::isfinite(x.toNumber()))
            return false;
        out.push_back(x.toNumber());
    }
    return true;
}

} // namespace

std::string toString(MixtureModelKind kind)
{
    return kind == MixtureModelKind::Law ? "law" : "implicit";
}

std::string toString(ModelChoice choice)
{
    switch (choice) {
    case ModelChoice::Law:
        return "law";
    case ModelChoice::Implicit:
        return "implicit";
    case ModelChoice::Auto:
        break;
    }
    return "auto";
}

bool parseModelChoice(const std::string& text, ModelChoice& out)
{
    if (text == "law")
        out = ModelChoice::Law;
    else if (text == "implicit" || text == "gp")
        out = ModelChoice::Implicit;
    else if (text == "auto")
        out = ModelChoice::Auto;
    else
        return false;
    return true;
}

const std::vector<std::string>& MixtureModels::domains() const
{
    static const std::vector<std::string> none;
    if (law)
        return law->domains;
    return implicit ? implicit->domains : none;
}

std::vector<std::string> MixtureModels::targets() const
{
    std::vector<std::string> out;
    if (chosen == MixtureModelKind::Implicit && implicit)
        return implicit->targetNames;
    if (law)
        for (const auto& t : law->targets)
            out.push_back(t.target);
    else if (implicit)
        out = implicit->targetNames;
    return out;
}

std::vector<double> MixtureModels::weights() const
{
    if (chosen == MixtureModelKind::Implicit && implicit)
        return implicit->weights;
    return law ? law->weights : (implicit ? implicit->weights : std::vector<double>{});
}

bool MixtureModels::usable() const
{
    if (!has(chosen))
        return false;
    return chosen == MixtureModelKind::Law ? law->usable() : implicit->usable();
}

ModelSelection selectModel(const Experiments& e, const MixingLawFit& law, const ImplicitFit& implicit,
                           const MixingFitOptions& lawOptions, int folds, const fit::Control& control)
{
    const auto t0 = std::chrono::steady_clock::now();
    ModelSelection s;
    const std::size_t n = e.rows(), T = e.targets.size();
    folds = std::clamp(folds, 2, static_cast<int>(std::max<std::size_t>(2, n / 2)));
    s.folds = folds;
    std::vector<std::vector<double>> lawPred(
        n, std::vector<double>(T, std::numeric_limits<double>::quiet_NaN()));
    for (int f = 0; f < folds; ++f) {
        if (control.isCancelled && control.isCancelled())
            break;
        Experiments in;
        in.domains = e.domains;
        in.targets = e.targets;
        in.source = e.source;
        for (std::size_t i = 0; i < n; ++i)
            if (static_cast<int>(i % static_cast<std::size_t>(folds)) != f) {
                in.mixtures.push_back(e.mixtures[i]);
                in.losses.push_back(e.losses[i]);
            }
        MixingFitOptions o = lawOptions;
        o.weights = law.weights;
        const auto fold = fitMixingLaw(in, o);
        for (std::size_t i = static_cast<std::size_t>(f); i < n; i += static_cast<std::size_t>(folds))
            for (std::size_t ti = 0; ti < fold.targets.size() && ti < T; ++ti)
                if (fold.targets[ti].theta.size() == 1 + e.domains.size())
                    lawPred[i][ti] = evaluateTarget(fold.targets[ti], e.mixtures[i]);
    }
    s.law = scoreRows(e, lawPred);
    s.implicitOutOfFold = crossValidateImplicit(implicit, folds);
    s.implicit = scoreRows(e, s.implicitOutOfFold);
    s.lawOutOfFold = std::move(lawPred);
    means(s.law, s.lawSpearman, s.lawMae);
    means(s.implicit, s.implicitSpearman, s.implicitMae);
    const bool implicitBetter = s.implicitSpearman > s.lawSpearman ||
                                (s.implicitSpearman == s.lawSpearman && s.implicitMae <= s.lawMae);
    s.chosen = implicitBetter ? MixtureModelKind::Implicit : MixtureModelKind::Law;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

MixtureModels fitMixtureModels(const Experiments& e, const MixtureModelOptions& options,
                               const fit::Control& control)
{
    const auto t0 = std::chrono::steady_clock::now();
    MixtureModels m;
    if (options.model != ModelChoice::Implicit) {
        MixingFitOptions lo = options.law;
        m.law = fitMixingLaw(e, lo, control);
        m.chosen = MixtureModelKind::Law;
    }
    if (options.model != ModelChoice::Law && !(control.isCancelled && control.isCancelled())) {
        ImplicitOptions io = options.implicit;
        if (io.weights.empty())
            io.weights = options.law.weights;
        m.implicit = fitImplicitModel(e, io, control);
        m.chosen = MixtureModelKind::Implicit;
    }
    if (options.model == ModelChoice::Auto && m.law && m.implicit) {
        if (!m.law->usable())
            m.chosen = MixtureModelKind::Implicit;
        else if (!m.implicit->usable())
            m.chosen = MixtureModelKind::Law;
        else {
            m.selection = selectModel(e, *m.law, *m.implicit, options.law, options.folds, control);
            m.chosen = m.selection->chosen;
        }
    }
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return m;
}

MixturePrediction predictWith(const MixtureModels& m, MixtureModelKind kind, std::span<const double> r)
{
    return kind == MixtureModelKind::Law ? predictMixture(*m.law, r) : predictImplicit(*m.implicit, r);
}

Result<std::vector<TargetScore>> evaluateWith(const MixtureModels& m, MixtureModelKind kind,
                                              const Experiments& test)
{
    return kind == MixtureModelKind::Law ? evaluateMixingLaw(*m.law, test)
                                         : evaluateImplicit(*m.implicit, test);
}

MixtureOptimum optimizeWith(const MixtureModels& m, MixtureModelKind kind, std::span<const double> caps,
                            const ImplicitOptimizeOptions& implicitOptions)
{
    return kind == MixtureModelKind::Law ? optimizeMixture(*m.law, caps)
                                         : optimizeImplicit(*m.implicit, caps, implicitOptions);
}

std::string resolveModel(const MixtureModels& m, ModelChoice choice, MixtureModelKind& kind)
{
    if (choice == ModelChoice::Auto) {
        kind = m.chosen;
        return m.has(kind) ? "" : "the fit holds no usable model";
    }
    kind = choice == ModelChoice::Law ? MixtureModelKind::Law : MixtureModelKind::Implicit;
    if (m.has(kind))
        return "";
    return "the fit has no " + toString(kind) + " model (it was made with --model " + toString(m.chosen) +
           "; refit with --model " + toString(choice) + " or auto)";
}

JsonValue toJson(const ImplicitFit& fit)
{
    JsonValue v = JsonValue::object();
    v.set("law", kImplicitModelId);
    v.set("model", "implicit");
    v.set("formula", "per target: Gaussian process on standardised " + toString(fit.features) +
                         ", k(x,x') = sf^2*exp(-0.5*sum_d ((x_d-x'_d)/l_d)^2) + sn^2*delta; hyper-parameters "
                         "by marginal likelihood (Rasmussen & Williams 2006, Eq. 5.8)");
    v.set("features", toString(fit.features));
    v.set("log_floor", fit.logFloor);
    JsonValue domains = JsonValue::array();
    for (const auto& d : fit.domains)
        domains.push(d);
    v.set("domains", std::move(domains));
    v.set("feature_mean", namedNumbers(fit.domains, fit.featureMean));
    v.set("feature_scale", namedNumbers(fit.domains, fit.featureScale));
    JsonValue targets = JsonValue::array();
    for (std::size_t i = 0; i < fit.targets.size(); ++i) {
        const auto& t = fit.targets[i];
        JsonValue o = JsonValue::object();
        o.set("name", t.target);
        o.set("weight", fit.weights[i]);
        o.set("lengthscales", namedNumbers(fit.domains, t.lengthscales));
        o.set("signal_sd", t.signalSd);
        o.set("noise_sd", t.noiseSd);
        o.set("y_mean", t.yMean);
        o.set("y_scale", t.yScale);
        o.set("log_marginal_likelihood", t.logMarginalLikelihood);
        o.set("iterations", t.iterations);
        targets.push(std::move(o));
    }
    v.set("targets", std::move(targets));
    JsonValue train = JsonValue::object();
    JsonValue mix = JsonValue::array(), loss = JsonValue::array();
    for (std::size_t i = 0; i < fit.mixtures.size(); ++i) {
        JsonValue a = JsonValue::array(), b = JsonValue::array();
        for (double x : fit.mixtures[i])
            a.push(x);
        for (double x : fit.losses[i])
            b.push(x);
        mix.push(std::move(a));
        loss.push(std::move(b));
    }
    train.set("mixtures", std::move(mix));
    train.set("losses", std::move(loss));
    v.set("train", std::move(train));
    JsonValue f = summaryToJson(fit.summary);
    f.set("seconds", fit.seconds);
    v.set("fit", std::move(f));
    v.set("losscast_version", version());
    return v;
}

JsonValue selectionToJson(const ModelSelection& s)
{
    JsonValue o = JsonValue::object();
    o.set("criterion", s.criterion);
    o.set("folds", s.folds);
    o.set("chosen", toString(s.chosen));
    JsonValue law = JsonValue::object();
    law.set("spearman", s.lawSpearman);
    law.set("mae", s.lawMae);
    law.set("targets", scoresJson(s.law));
    JsonValue imp = JsonValue::object();
    imp.set("spearman", s.implicitSpearman);
    imp.set("mae", s.implicitMae);
    imp.set("targets", scoresJson(s.implicit));
    o.set("law", std::move(law));
    o.set("implicit", std::move(imp));
    o.set("seconds", s.seconds);
    return o;
}

JsonValue toJson(const MixtureModels& m)
{
    if (m.law && !m.implicit) {
        JsonValue v = toJson(*m.law);
        v.set("model", "law");
        return v;
    }
    if (m.implicit && !m.law)
        return toJson(*m.implicit);
    JsonValue v = JsonValue::object();
    v.set("law", kMixtureModelsId);
    v.set("model", toString(m.chosen));
    if (m.selection)
        v.set("selection", selectionToJson(*m.selection));
    JsonValue models = JsonValue::object();
    if (m.law)
        models.set("law", toJson(*m.law));
    if (m.implicit)
        models.set("implicit", toJson(*m.implicit));
    v.set("models", std::move(models));
    JsonValue f = JsonValue::object();
    f.set("seconds", m.seconds);
    v.set("fit", std::move(f));
    v.set("losscast_version", version());
    return v;
}

Result<ImplicitFit> implicitFitFromJson(const JsonValue& v, const std::string& name)
{
    using R = Result<ImplicitFit>;
    if (v.string("law") != kImplicitModelId)
        return R::failure(
            err(name, "law",
                std::string("not an implicit mixture model (\"law\" must be \"") + kImplicitModelId + "\")"));
    ImplicitFit fit;
    if (!parseImplicitFeatures(v.string("features"), fit.features))
        return R::failure(err(name, "features", "expected \"log_proportions\" or \"proportions\""));
    fit.logFloor = v.number("log_floor", 1e-3);
    if (!(fit.logFloor > 0.0 && fit.logFloor < 1.0))
        return R::failure(err(name, "log_floor", "must be in (0, 1)"));
    const JsonValue* domains = v.find("domains");
    if (!domains || !domains->isArray() || domains->size() == 0)
        return R::failure(err(name, "domains", "missing or empty array"));
    for (const auto& d : domains->toArray()) {
        if (!d.isString())
            return R::failure(err(name, "domains", "every domain must be a string"));
        fit.domains.push_back(d.toString());
    }
    const std::size_t D = fit.domains.size();
    auto named = [&](const JsonValue* o, const std::string& where, std::vector<double>& out,
                     bool positive) -> std::optional<Diagnostic> {
        if (!o || !o->isObject())
            return err(name, where, "expected an object with one number per domain");
        out.assign(D, 0.0);
        for (std::size_t j = 0; j < D; ++j) {
            const JsonValue* x = o->find(fit.domains[j]);
            if (!x || !x->isNumber() || !std::isfinite(x->toNumber()) || (positive && !(x->toNumber() > 0.0)))
                return err(name, where + "." + fit.domains[j],
                           positive ? "expected a finite number > 0" : "expected a finite number");
            out[j] = x->toNumber();
        }
        return std::nullopt;
    };
    if (auto d = named(v.find("feature_mean"), "feature_mean", fit.featureMean, false))
        return R::failure(*d);
    if (auto d = named(v.find("feature_scale"), "feature_scale", fit.featureScale, true))
        return R::failure(*d);
    const JsonValue* targets = v.find("targets");
    if (!targets || !targets->isArray() || targets->size() == 0)
        return R::failure(err(name, "targets", "missing or empty array"));
    for (std::size_t i = 0; i < targets->size(); ++i) {
        const JsonValue& o = targets->toArray()[i];
        const std::string where = "targets[" + std::to_string(i) + "]";
        GpTarget t;
        t.target = o.string("name");
        if (t.target.empty())
            return R::failure(err(name, where + ".name", "missing"));
        if (auto d = named(o.find("lengthscales"), where + ".lengthscales", t.lengthscales, true))
            return R::failure(*d);
        t.signalSd = o.number("signal_sd", NAN);
        t.noiseSd = o.number("noise_sd", NAN);
        t.yMean = o.number("y_mean", NAN);
        t.yScale = o.number("y_scale", NAN);
        for (auto [key, x] : {std::pair{"signal_sd", t.signalSd}, std::pair{"noise_sd", t.noiseSd},
                              std::pair{"y_scale", t.yScale}})
            if (!(x > 0.0) || !std::isfinite(x))
                return R::failure(err(name, where + "." + key, "expected a finite number > 0"));
        if (!std::isfinite(t.yMean))
            return R::failure(err(name, where + ".y_mean", "expected a finite number"));
        t.logMarginalLikelihood = o.number("log_marginal_likelihood", NAN);
        t.iterations = static_cast<int>(o.number("iterations", 0));
        const double w = o.number("weight", 1.0);
        if (!(w >= 0.0) || !std::isfinite(w))
            return R::failure(err(name, where + ".weight", "must be a finite number ≥ 0"));
        fit.weights.push_back(w);
        fit.targetNames.push_back(t.target);
        fit.targets.push_back(std::move(t));
    }
    double s = 0.0;
    for (double w : fit.weights)
        s += w;
    for (double& w : fit.weights)
        w = s > 0.0 ? w / s : 1.0 / static_cast<double>(fit.weights.size());
    const JsonValue* train = v.find("train");
    const JsonValue* mix = train ? train->find("mixtures") : nullptr;
    const JsonValue* loss = train ? train->find("losses") : nullptr;
    if (!mix || !mix->isArray() || !loss || !loss->isArray() || mix->size() != loss->size() ||
        mix->size() < 2)
        return R::failure(
            err(name, "train", "expected \"mixtures\" and \"losses\" arrays of the same length ≥ 2"));
    for (std::size_t i = 0; i < mix->size(); ++i) {
        std::vector<double> r, l;
        if (!numberArray(&mix->toArray()[i], D, r))
            return R::failure(err(name, "train.mixtures[" + std::to_string(i) + "]",
                                  "expected " + std::to_string(D) + " finite numbers"));
        if (!numberArray(&loss->toArray()[i], fit.targets.size(), l))
            return R::failure(err(name, "train.losses[" + std::to_string(i) + "]",
                                  "expected " + std::to_string(fit.targets.size()) + " finite numbers"));
        fit.mixtures.push_back(std::move(r));
        fit.losses.push_back(std::move(l));
    }
    if (const JsonValue* f = v.find("fit"))
        fit.seconds = f->number("seconds", 0.0);
    if (!buildPosterior(fit))
        return R::failure(err(name, "targets", "the kernel matrix of a target is not positive definite"));
    fit.summary.status = fit::Status::Converged;
    fit.summary.message = "read from " + name;
    return R::success(std::move(fit));
}

Result<MixtureModels> mixtureModelsFromJson(const JsonValue& v, const std::string& name)
{
    using R = Result<MixtureModels>;
    const std::string id = v.string("law");
    MixtureModels m;
    if (id == kMixingLawId) {
        auto law = mixingFitFromJson(v, name);
        if (!law)
            return R::failure(law.diagnostics.front());
        m.law = std::move(*law);
        m.chosen = MixtureModelKind::Law;
        return R::success(std::move(m));
    }
    if (id == kImplicitModelId) {
        auto imp = implicitFitFromJson(v, name);
        if (!imp)
            return R::failure(imp.diagnostics.front());
        m.implicit = std::move(*imp);
        m.chosen = MixtureModelKind::Implicit;
        return R::success(std::move(m));
    }
    if (id != kMixtureModelsId)
        return R::failure(err(name, "law",
                              std::string("not a mixture fit (\"law\" must be \"") + kMixingLawId + "\", \"" +
                                  kImplicitModelId + "\" or \"" + kMixtureModelsId + "\")"));
    const JsonValue* models = v.find("models");
    if (!models || !models->isObject())
        return R::failure(err(name, "models", "expected an object with \"law\" and/or \"implicit\""));
    if (const JsonValue* l = models->find("law")) {
        auto law = mixingFitFromJson(*l, name);
        if (!law) {
            auto d = law.diagnostics.front();
            d.where = "models.law." + d.where;
            return R::failure(d);
        }
        m.law = std::move(*law);
    }
    if (const JsonValue* i = models->find("implicit")) {
        auto imp = implicitFitFromJson(*i, name);
        if (!imp) {
            auto d = imp.diagnostics.front();
            d.where = "models.implicit." + d.where;
            return R::failure(d);
        }
        m.implicit = std::move(*imp);
    }
    const std::string chosen = v.string("model");
    if (chosen == "law")
        m.chosen = MixtureModelKind::Law;
    else if (chosen == "implicit")
        m.chosen = MixtureModelKind::Implicit;
    else
        return R::failure(err(name, "model", "expected \"law\" or \"implicit\""));
    if (!m.has(m.chosen))
        return R::failure(err(name, "models." + chosen, "the chosen model is missing"));
    if (m.law && m.implicit && m.law->domains != m.implicit->domains)
        return R::failure(err(name, "models", "the two models have different domains"));
    if (const JsonValue* f = v.find("fit"))
        m.seconds = f->number("seconds", 0.0);
    return R::success(std::move(m));
}

Result<MixtureModels> readMixtureModels(const std::string& path)
{
    auto text = readTextFile(path, 1u << 28);
    if (!text)
        return Result<MixtureModels>::failure(text.diagnostics.front());
    auto json = parseJson(*text);
    if (!json) {
        auto d = json.diagnostics.front();
        d.file = path;
        return Result<MixtureModels>::failure(d);
    }
    return mixtureModelsFromJson(*json, path);
}

JsonValue predictionToJson(const std::vector<std::string>& domains, const std::vector<std::string>& targets,
                           std::span<const double> mixture, const MixturePrediction& p, MixtureModelKind kind)
{
    JsonValue o = JsonValue::object();
    o.set("model", toString(kind));
    o.set("mixture", namedNumbers(domains, std::vector<double>(mixture.begin(), mixture.end())));
    o.set("loss", namedNumbers(targets, p.loss));
    o.set("stderr", namedNumbers(targets, p.stderrs));
    o.set("overall", p.overall);
    o.set("overall_stderr", p.overallStderr);
    JsonValue band = JsonValue::array();
    band.push(p.overall - 2.0 * p.overallStderr);
    band.push(p.overall + 2.0 * p.overallStderr);
    o.set("overall_band", std::move(band));
    return o;
}

} // namespace losscast::core::mixing
