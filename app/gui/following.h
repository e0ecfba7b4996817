#pragma once
/// \file
/// \brief Following runs in the window (issue #15): the Follow toggle of a file, its live forecast, the
/// Forecast dock, the pinned forecast and the alarm banner. The MainWindow members of the "Following" part
/// of mainwindow.h are defined in following.cpp.
///
/// A followed file is read by a Follower (off the GUI thread, woken by notifications and a timer); its runs'
/// points replace the window's as they arrive and are drawn at once. The run's final loss is forecast on a
/// TaskRunner of its own (fit::forecast through core::workspace::forecastFollowed, the CLI's `forecast
/// --follow`) when enough new points arrived: a refit asked for while one runs waits for it and then takes
/// the newest points (latest wins; a truncated or replaced file cancels the running fit).

#include "app/gui/follower.h"
#include "core/session/session.h"

#include <QMetaType>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QDockWidget;
class QFrame;
class QLabel;

namespace losscast::widgets {
class ForecastPanel;
class TaskRunner;
} // namespace losscast::widgets

namespace losscast::app {

/// A refit starts when a followed run gained this many points since the last forecast, or 0.5 % of its
/// points if more: a log written every step refits about every 200 steps late in a 100k-step run, not on
/// every line.
inline constexpr std::size_t kFollowMinNewPoints = 5;
inline constexpr double kFollowNewPointsFraction = 0.005;
/// The alarm: this many consecutive measured points outside the pinned forecast's 95 % band.
inline constexpr int kFollowAlarmPoints = 5;

/// \brief A live forecast as the window draws it (computed in the worker).
struct LiveForecastOutput
{
    bool ok = false;
    QString problem; ///< why there is none (ok false)
    QString law;     ///< the law fitted ("mpl")
    std::int64_t step = 0, finalStep = 0;
    std::size_t points = 0, fitPoints = 0;
    double finalLoss = 0.0, lower = 0.0, upper = 0.0, seconds = 0.0;
    QStringList warnings;
    std::vector<double> steps, loss, curveLower, curveUpper; ///< the forecast curve and its band
    std::optional<std::int64_t> targetStep;                  ///< first step at or below the target
};

/// \brief One file the window follows, or followed (its settings stay for the session).
struct FollowEntry
{
    QString path;     ///< absolute
    QString run;      ///< the run forecast (window name; "" = the file's first)
    QString schedule; ///< planned schedule, text form ("" = not given yet)
    std::optional<double> target;
    std::optional<core::SessionPin> pin;
    QPointer<Follower> follower; ///< null: not followed now
    widgets::TaskRunner* runner = nullptr;
    std::optional<LiveForecastOutput> live;
    std::size_t pointsAtLastFit = 0;
    bool refitPending = false;
    QString status, readError;
    // The alarm: measured points after the pin checked against its band.
    std::int64_t checkedUpTo = -1;
    int outside = 0;                       ///< consecutive points outside so far
    std::int64_t firstOutside = -1;        ///< step of the first of them
    std::optional<std::int64_t> alarmStep; ///< where the loss left the band (set once per pin)
    bool alarmAbove = false;
    bool alarmDismissed = false; ///< the banner's Dismiss was pressed for this alarm
};

/// \brief The window's following state (owned by MainWindow).
struct FollowState
{
    std::vector<std::unique_ptr<FollowEntry>> entries;
    QString current; ///< the file the Forecast dock shows
    QDockWidget* dock = nullptr;
    widgets::ForecastPanel* panel = nullptr;
    QFrame* banner = nullptr;
    QLabel* bannerText = nullptr;
    int pollMs = 1000;
};

} // namespace losscast::app

Q_DECLARE_METATYPE(losscast::app::LiveForecastOutput)
