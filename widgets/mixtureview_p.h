#pragma once
/// \file
/// \brief Helpers shared by the Mixtures view's source files (mixtureview.cpp, mixtureview_autoscale.cpp,
/// mixtureview_models.cpp); not part of the widget's interface.

#include <QColor>
#include <QString>

#include <cstring>
#include <string>

namespace losscast::widgets::mixview {

inline constexpr int kSliderSteps = 1000;

inline QColor domainColor(int j)
{
    static const QColor palette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                     QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    return palette[j % 10];
}

/// A short label: the part after the common "train_"/"metric/" prefixes and before "_val_loss".
inline QString shortName(const std::string& s)
{
    QString n = QString::fromStdString(s);
    for (const char* p : {"metric/", "train_", "valid_", "val_", "the_pile_"})
        if (n.startsWith(QLatin1String(p)))
            n = n.mid(static_cast<int>(std::strlen(p)));
    for (const char* p : {"_val_loss", "_loss"})
        if (n.endsWith(QLatin1String(p)))
            n.chop(static_cast<int>(std::strlen(p)));
    return n;
}

} // namespace losscast::widgets::mixview
