#pragma once
/// \file
/// \brief The two mixture → loss models side by side — the parametric data mixing law (mixinglaw.h, Ye et
/// al. 2024) and the implicit GP (implicitmodel.h) — with the choice between them by k-fold cross-validation
/// on the training mixtures, one prediction/optimum/evaluation entry point, and their JSON file.
///
/// File forms (all read by readMixtureModels):
///  - `"law":"data_mixing_ye2024"`: the mixing law alone (mixjson.h, unchanged; `"model":"law"`).
///  - `"law":"mixture_gp_implicit"`: the implicit model alone: kernel hyper-parameters per target, the
///  feature
///    standardisation and the training rows (the posterior is rebuilt from them on reading).
///  - `"law":"mixture_models"`: both, `{"model": chosen, "selection": {...}, "models": {"law": {..},
///    "implicit": {..}}}`.

#include "core/mixing/implicitmodel.h"
#include "core/mixing/mixinglaw.h"
#include "core/util/json.h"

#include <optional>
#include <string>
#include <vector>

namespace losscast::core::mixing {

inline constexpr const char* kImplicitModelId = "mixture_gp_implicit";
inline constexpr const char* kMixtureModelsId = "mixture_models";

enum class MixtureModelKind
{
    Law,     ///< the data mixing law
    Implicit ///< the GP
};
/// \brief What the user asked for: one model, or the one cross-validation prefers.
enum class ModelChoice
{
    Law,
    Implicit,
    Auto
};
std::string toString(MixtureModelKind kind); ///< "law" / "implicit"
std::string toString(ModelChoice choice);    ///< "law" / "implicit" / "auto"
bool parseModelChoice(const std::string& text, ModelChoice& out);

/// \brief The k-fold comparison behind `auto`: out-of-fold predictions of every training mixture by each
/// model (the law refitted per fold; the GP's posterior refitted per fold with its hyper-parameters held),
/// scored by the mean Spearman over targets (ties: lower mean MAE).
struct ModelSelection
{
    int folds = 5;
    std::string criterion = "mean Spearman of out-of-fold predictions over the targets (k-fold on the "
                            "training mixtures; ties: lower MAE)";
    std::vector<TargetScore> law, implicit;                           ///< per target, out of fold
    std::vector<std::vector<double>> lawOutOfFold, implicitOutOfFold; ///< rows × targets (not saved)
    double lawSpearman = 0.0, implicitSpearman = 0.0, lawMae = 0.0, implicitMae = 0.0;
    MixtureModelKind chosen = MixtureModelKind::Implicit;
    double seconds = 0.0;
};

/// \brief One or both fitted models and the one in use.
struct MixtureModels
{
    std::optional<MixingLawFit> law;
    std::optional<ImplicitFit> implicit;
    MixtureModelKind chosen = MixtureModelKind::Law;
    std::optional<ModelSelection> selection;
    double seconds = 0.0; ///< fits and selection

    bool has(MixtureModelKind kind) const
    {
        return kind == MixtureModelKind::Law ? law.has_value() : implicit.has_value();
    }
    const std::vector<std::string>& domains() const;
    std::vector<std::string> targets() const;
    std::vector<double> weights() const;
    bool usable() const;
};

struct MixtureModelOptions
{
    ModelChoice model = ModelChoice::Auto;
    MixingFitOptions law;
    ImplicitOptions implicit;
    int folds = 5; ///< for Auto
};

/// \brief Fits the model(s) `options.model` asks for; with Auto both, and the choice by k-fold
/// cross-validation on `e` (the held-out rows of each fold are every k-th row).
MixtureModels fitMixtureModels(const Experiments& e, const MixtureModelOptions& options = {},
                               const fit::Control& control = {});

/// \brief Cross-validates both fitted models on their training rows `e` (see ModelSelection).
ModelSelection selectModel(const Experiments& e, const MixingLawFit& law, const ImplicitFit& implicit,
                           const MixingFitOptions& lawOptions, int folds, const fit::Control& control = {});

/// \brief Prediction (with band) by model `kind` (must be present).
MixturePrediction predictWith(const MixtureModels& m, MixtureModelKind kind, std::span<const double> r);
/// \brief Held-out MAE and Spearman per target by model `kind`.
Result<std::vector<TargetScore>> evaluateWith(const MixtureModels& m, MixtureModelKind kind,
                                              const Experiments& test);
/// \brief The optimum under caps: exact for the law (convex), sampled for the GP (optimizeImplicit).
MixtureOptimum optimizeWith(const MixtureModels& m, MixtureModelKind kind, std::span<const double> caps = {},
                            const ImplicitOptimizeOptions& implicitOptions = {});

/// \brief The model kind `choice` names in `m`: Auto → m.chosen. Empty message when present, else why not.
std::string resolveModel(const MixtureModels& m, ModelChoice choice, MixtureModelKind& kind);

JsonValue toJson(const ImplicitFit& fit);
JsonValue toJson(const MixtureModels& models);
JsonValue selectionToJson(const ModelSelection& s);
Result<ImplicitFit> implicitFitFromJson(const JsonValue& value, const std::string& name);
/// \brief Reads any of the three file forms. Errors name the file and the JSON member.
Result<MixtureModels> mixtureModelsFromJson(const JsonValue& value, const std::string& name);
Result<MixtureModels> readMixtureModels(const std::string& path);

/// \brief predictionToJson for any model: names from `domains` and `targets`, plus `"model"`.
JsonValue predictionToJson(const std::vector<std::string>& domains, const std::vector<std::string>& targets,
                           std::span<const double> mixture, const MixturePrediction& p,
                           MixtureModelKind kind);

} // namespace losscast::core::mixing
