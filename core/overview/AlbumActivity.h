// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::overview {

// One album's tracks x instruments: the model's bag score of each track's whole-track clip
// (NaN: none) and its label, for the overview's activity grid. Tracks in track-number order,
// then by path (tracks without a number last). An album is its tag value, as the browser's
// album facet and the `album = "..."` filter see it.
struct AlbumActivity
{
    QString album;
    QStringList keys; // taxonomy order
    QStringList names;
    QList<qint64> trackIds;
    QStringList titles; // the file name when the tag is empty
    QStringList paths;
    QList<int> trackNumbers; // 0 = unknown
    std::vector<float> scores; // tracks x instruments
    std::vector<library::LabelState> labels; // tracks x instruments

    int trackCount() const { return int(trackIds.size()); }
    int instrumentCount() const { return int(keys.size()); }
    float score(int track, int instrument) const { return scores[cell(track, instrument)]; }
    library::LabelState label(int track, int instrument) const
    {
        return labels[cell(track, instrument)];
    }

    // Reads the album's tracks, labels and (modelId > 0) that model's scores. Any thread.
    static library::CatalogResult<AlbumActivity>
    loadBlocking(const library::Library &library, const QString &album, qint64 modelId);

private:
    size_t cell(int track, int instrument) const
    {
        return size_t(track) * size_t(keys.size()) + size_t(instrument);
    }
};

} // namespace timbre::overview
