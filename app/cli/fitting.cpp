#include "app/cli/fitting.h"

#include "app/cli/inputs.h"

#include <iostream>

namespace losscast::cli {

std::optional<core::fit::Options> fitOptionsFromArgs(Args& args)
{
    core::fit::Options o;
    if (!args.doubleValue("time-limit", o.timeLimitSeconds, o.timeLimitSeconds) ||
        !args.doubleValue("huber-delta", o.huberDelta, o.huberDelta)) {
        usageError(args, args.error());
        return std::nullopt;
    }
    if (const auto obj = args.value("objective")) {
        if (*obj == "log-huber")
            o.objective = core::fit::Objective::LogHuber;
        else if (*obj == "least-squares")
            o.objective = core::fit::Objective::LeastSquares;
        else {
            usageError(args, "--objective: expected log-huber or least-squares, got '" + *obj + "'");
            return std::nullopt;
        }
    }
    std::string why;
    if (!o.isValid(&why)) {
        usageError(args, why);
        return std::nullopt;
    }
    return o;
}

bool reportUnusable(const Args& args, const core::fit::Summary& summary)
{
    if (summary.isUsable())
        return false;
    std::cerr << "losscast-cli " << args.command()
              << ": the fit did not give usable parameters: " << summary.briefReport() << '\n';
    return true;
}

} // namespace losscast::cli
