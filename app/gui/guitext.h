#pragma once
/// \file
/// \brief How the window words core values: counts of runs, std strings, diagnostics without CLI names.

#include "core/util/diagnostic.h"

#include <QFileInfo>
#include <QObject>
#include <QString>
#include <QStringList>

#include <string>

namespace losscast::app {

/// "1 run", "3 runs": English plural forms come from translations/losscast_en.ts.
inline QString runsText(int n)
{
    return QObject::tr("%n run(s)", nullptr, n);
}

inline QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

/// A diagnostic as the window words it: "file.csv:12: message", without the CLI's argument name
/// ("--lr: error: ...") that losscast-cli users need and window users do not.
inline QString plainText(const core::Diagnostic& d)
{
    QString s;
    if (!d.file.empty())
        s = QFileInfo(fromStd(d.file)).fileName() +
            (d.line > 0 ? QStringLiteral(":%1").arg(d.line) : QString()) + QStringLiteral(": ");
    if (!d.where.empty() && d.where.rfind("--", 0) != 0)
        s += fromStd(d.where) + QStringLiteral(": ");
    return s + fromStd(d.message);
}

template <class T> QString plainErrors(const core::Result<T>& r)
{
    QStringList out;
    for (const auto& d : r.diagnostics)
        if (d.severity == core::Diagnostic::Severity::Error)
            out << plainText(d);
    return out.join('\n');
}

} // namespace losscast::app
