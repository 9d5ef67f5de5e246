// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/PatchTraining.h"

#include <QString>

namespace timbre::datasets {

// A labelled corpus folder (what `timbre synth` writes: mixes/<clip>.<ext> and labels.csv,
// with mask.csv when labels are hidden) as bags of VGGish log-mel patches for training the
// "cnn" embedding (models/api/PatchTraining.h): each mix is decoded, resampled to 16 kHz and
// cut into whole 96 x 64 patches (0.96 s, the last partial one dropped, as the extractors do).
//
// The patches are cached as binary16 in one file (by default <corpus>/patches-vggish.f16), so
// a second run and every training epoch read them instead of decoding audio again; the cache
// is used only when it holds exactly the clips of labels.csv, in order. It knows the clips by
// name only: delete it (or pass useCache = false) after re-rendering a corpus in place.
class CorpusPatches
{
public:
    struct Options
    {
        int threads = 2; // decoding threads
        QString cacheFile; // "" = <corpus>/patches-vggish.f16
        bool useCache = true;
    };

    // With an activity.csv beside labels.csv, each patch also gets its strong labels
    // (PatchBagSet::instanceTruth: the instrument sounds in more than a tenth of its 0.96 s);
    // rows of it that cannot be used are left out and named in *warnings (file:line: why).
    // Classes: the OpenMIC-2018 taxonomy in its order, then any other instrument of
    // labels.csv in order of first appearance. False and *error (naming the file) when the
    // labels cannot be read, a mix is missing or cannot be decoded.
    static bool load(const QString &corpusDir, models::PatchBagSet *out, QString *error,
                     const Options &options, QStringList *warnings = nullptr);
    static bool load(const QString &corpusDir, models::PatchBagSet *out, QString *error)
    {
        return load(corpusDir, out, error, Options());
    }
};

} // namespace timbre::datasets
