// SPDX-License-Identifier: GPL-3.0-or-later
// The library browser's filter language: TrackFilter::parse (FilterLexer, FilterParser, bare
// state resolution) on the bytes as UTF-8 text, and every compiled filter evaluated on a small
// table with scores, labels and text fields.
#include "FuzzFiles.h"
#include "core/library/TrackFilter.h"
#include "core/library/TrackTable.h"

using namespace timbre::library;

namespace {

const TrackTable &table()
{
    static const TrackTable t = [] {
        TrackTable table;
        table.setInstruments({QStringLiteral("violin"), QStringLiteral("piano"),
                              QStringLiteral("drums"), QStringLiteral("voice")});
        const QString titles[]
                = {QStringLiteral("Blue \"Train\""), QString(), QStringLiteral("Ünïcode")};
        for (int r = 0; r < 3; ++r) {
            TrackTable::Row row;
            row.trackId = r + 1;
            row.clipId = r ? r + 10 : 0;
            row.path = QStringLiteral("/music/a%1.flac").arg(r);
            row.title = titles[r];
            row.artist = QStringLiteral("Miles Davis");
            row.album = r == 1 ? QString() : QStringLiteral("Kind of Blue");
            row.genre = QStringLiteral("Jazz");
            row.year = 1959 + r;
            row.durationS = 30.5f * float(r);
            const int index = table.addRow(row);
            for (int i = 0; i < table.instrumentCount(); ++i) {
                if ((r + i) % 3)
                    table.setScore(index, i, 0.25f * float(i + r));
                table.setLabel(index, i, LabelState((r + i) % 3 - 1)); // unknown, absent, present
            }
        }
        return table;
    }();
    return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const TrackTable &t = table();
    auto filter = TrackFilter::parse(text, t.instrumentKeys());
    if (!filter)
        return 0;
    for (int i : filter->instruments())
        TIMBRE_FUZZ_CHECK(i >= 0 && i < t.instrumentCount(), "mentioned instruments are columns");
    for (int r = 0; r < t.rowCount(); ++r)
        (void)filter->matches(t, r);
    return 0;
}
