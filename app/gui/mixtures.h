#pragma once
/// \file
/// \brief The Mixtures part of the main window: mixture experiments, RegMix mixture + loss pairs and
/// AutoScale files opened into the Mixtures view and fitted in the background. The MainWindow members
/// documented as "Defined in mixtures.cpp" in mainwindow.h are defined there.

#include <QString>

namespace losscast::app {

/// The kind of mixture file a path is, from its first 64 KiB (None for folders, sessions and logs).
enum class MixKind
{
    None,
    AutoScale,
    Table,
    Mixtures,
    Losses
};
MixKind mixKindOf(const QString& path);

/// How alike two file names are: the length of their common prefix plus their common suffix
/// ("data_train_mixture_1m.csv" is closer to "data_train_pile_loss_1m.csv" than to "data_test_…"); pairs
/// RegMix's mixture and loss files.
int nameLikeness(const QString& a, const QString& b);

} // namespace losscast::app
