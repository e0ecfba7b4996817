#pragma once
/// \file
/// \brief The fit's time limit and cancel check, visible to a law's start search.
///
/// CurveLaw::initialGuessesFromData() takes no options: a law whose start search is long (MPL with free β, γ
/// scans 150 shape combinations over every point) polls startSearchShouldStop() between combinations and
/// returns the candidates it has. The fitter sets the check for the duration of the call, on its own thread.

#include <functional>

namespace losscast::core {

/// True once the running fit (on this thread) has passed its time limit or been cancelled.
bool startSearchShouldStop();

/// Installs `stop` as this thread's check while alive.
class StartSearchGuard
{
public:
    explicit StartSearchGuard(std::function<bool()> stop);
    ~StartSearchGuard();
    StartSearchGuard(const StartSearchGuard&) = delete;
    StartSearchGuard& operator=(const StartSearchGuard&) = delete;

private:
    std::function<bool()> m_previous;
};

} // namespace losscast::core
