#pragma once
/// \file
/// \brief The Runs dock's columns and item data roles (shared by mainwindow.cpp and following.cpp).

#include <Qt>

namespace losscast::app {

enum RunColumn
{
    RunName,
    RunTrain,
    RunPoints,
    RunColumnCount
};
inline constexpr int kRunIndexRole = Qt::UserRole + 1;
inline constexpr int kMetricRole = Qt::UserRole + 2; ///< on a metric row of the Runs tree: the series name
inline constexpr int kNeedsLrRole =
    Qt::UserRole + 3; ///< on rows of a file that needs its LR: the file's path
inline constexpr int kRunOfMetricRole = Qt::UserRole + 4; ///< on a metric row: the index of its run

} // namespace losscast::app
