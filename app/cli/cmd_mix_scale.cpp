// losscast-cli mix autoscale | align | heuristic (verbs of `mix`, registered in cmd_mix.cpp).
#include "app/cli/cmd_mix.h"
#include "app/cli/inputs.h"
#include "app/cli/registry.h"

namespace losscast::cli {

int runAutoScale(Args& args)
{
    return usageError(args, "not yet");
}
int runAlign(Args& args)
{
    return usageError(args, "not yet");
}
int runHeuristic(Args& args)
{
    return usageError(args, "not yet");
}

} // namespace losscast::cli
