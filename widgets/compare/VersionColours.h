// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QColor>

namespace timbre::widgets {

// One colour per compared version, the same in every chart of the comparison (bars, ROC
// curves, lineage lines), so a version is recognised at a glance across tabs.
inline QColor versionColour(int index)
{
    static const QColor colours[]
            = {QColor(0x1e, 0x88, 0xe5), QColor(0xe5, 0x39, 0x35), QColor(0x43, 0xa0, 0x47),
               QColor(0x8e, 0x24, 0xaa), QColor(0xfb, 0x8c, 0x00), QColor(0x00, 0x89, 0x7b),
               QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};
    constexpr int count = int(sizeof(colours) / sizeof(colours[0]));
    return colours[((index % count) + count) % count];
}

} // namespace timbre::widgets
