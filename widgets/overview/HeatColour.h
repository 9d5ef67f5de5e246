// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QColor>

#include <algorithm>

namespace timbre::widgets {

// The overview's cell colours: a single-hue ramp from near white (nothing) to deep blue (the
// most), so that empty cells stay quiet and a table of counts reads at a glance; text turns
// white where the cell is dark.
inline QColor heatColour(double fraction)
{
    const double f = std::clamp(fraction, 0.0, 1.0);
    const QColor low(0xf4, 0xf8, 0xfc);
    const QColor high(0x0b, 0x3d, 0x7a);
    return QColor::fromRgbF(float(low.redF() + (high.redF() - low.redF()) * f),
                            float(low.greenF() + (high.greenF() - low.greenF()) * f),
                            float(low.blueF() + (high.blueF() - low.blueF()) * f));
}

inline QColor heatTextColour(double fraction)
{
    return fraction > 0.5 ? QColor(Qt::white) : QColor(Qt::black);
}

} // namespace timbre::widgets
