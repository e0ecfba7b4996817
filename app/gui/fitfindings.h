#pragma once
/// \file
/// \brief What the Model dock says beside a fit besides its numbers: how Auto chose the law, what the robust
/// fit did, and the degeneracy warnings of core::fit::fitWarnings, worded (and translated) for the window.

#include "app/gui/runmodel.h"

#include <QCoreApplication>
#include <QString>

namespace losscast::app {

class FitFindings
{
    Q_DECLARE_TR_FUNCTIONS(FitFindings)

public:
    /// Rich text (one paragraph per finding) for the fit summary; empty when there is nothing to say.
    static QString html(const FitResult& fit);
    /// The warnings alone, one plain sentence each (the status bar, tests).
    static QStringList warnings(const FitResult& fit);
    /// How Auto chose, one plain sentence; empty without a choice.
    static QString choice(const FitResult& fit);
};

} // namespace losscast::app
