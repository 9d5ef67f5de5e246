// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/LibraryBags.h"

#include "core/features/FeatureFileReader.h"
#include "core/features/FeatureStore.h"
#include "core/library/CatalogReadSnapshot.h"
#include "core/library/ClipStore.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace timbre::datasets {

int LibraryBags::labelledBags() const
{
    int n = 0;
    const int classes = bags.numClasses;
    for (int b = 0; b < bags.numBags(); ++b) {
        const auto *o = bags.observed.data() + size_t(b) * classes;
        if (std::any_of(o, o + classes, [](uint8_t v) { return v != 0; }))
            ++n;
    }
    return n;
}

void LibraryBags::clipRows(double startS, double endS, double hopS, int rows, int *first, int *last)
{
    if (rows <= 0 || hopS <= 0) {
        *first = *last = 0;
        return;
    }
    // A small tolerance so that a clip starting at 9.6 s with a 0.96 s hop starts at row 10
    // despite binary rounding.
    constexpr double eps = 1e-6;
    int f = int(std::floor(startS / hopS + eps));
    int l = endS < 0 ? rows : int(std::ceil(endS / hopS - eps));
    f = std::clamp(f, 0, rows - 1);
    l = std::clamp(l, f + 1, rows);
    *first = f;
    *last = l;
}

LibraryBags LibraryBags::load(const library::Library &library, const QString &extractorKey,
                              const LibraryBagOptions &options)
{
    LibraryBags out;
    const auto fail = [&out](const QString &message) {
        out = LibraryBags();
        out.error = message;
        return out;
    };
    // Labels, clips and feature rows of one committed state, however long this takes and
    // whoever labels meanwhile (their edits are newer than the model's snapshot below).
    const library::CatalogReadSnapshot readSnapshot(library.database());
    // The snapshot comes first: labels written while this runs are newer than the model's
    // snapshot and count as "added since".
    auto snapshot = library.labels().latestBatchId();
    if (!snapshot)
        return fail(snapshot.error().message);
    out.labelSnapshot = *snapshot;

    const bool withTest = options.clips != LibraryBagOptions::Clips::Trainable;
    auto labels = library.labels().matrix(withTest, options.onlyLabelled);
    if (!labels)
        return fail(labels.error().message);
    auto clips = library.clips().list();
    if (!clips)
        return fail(clips.error().message);
    QHash<qint64, library::ClipRecord> clipById;
    for (const library::ClipRecord &c : *clips)
        clipById.insert(c.id, c);

    // feature_set rows by track, for the extractor key ("<id>-v<version>").
    const int dash = extractorKey.lastIndexOf(QStringLiteral("-v"));
    if (dash <= 0)
        return fail(QStringLiteral("%1: not an extractor key (<id>-v<version>)").arg(extractorKey));
    bool versionOk = false;
    const int version = extractorKey.mid(dash + 2).toInt(&versionOk);
    if (!versionOk)
        return fail(QStringLiteral("%1: not an extractor key (<id>-v<version>)").arg(extractorKey));
    auto sets = library.featureSets().ofExtractor(extractorKey.left(dash), version);
    if (!sets)
        return fail(sets.error().message);
    QHash<qint64, library::FeatureSetRecord> setByTrack;
    for (const library::FeatureSetRecord &s : *sets)
        setByTrack.insert(s.trackId, s);

    const QSet<qint64> wanted(options.clipIds.begin(), options.clipIds.end());
    const features::FeatureStore store(library.featuresPath());
    models::BagSet &bags = out.bags;
    const library::LabelMatrix &m = *labels;
    bags.numClasses = m.columns(); // the instruments in taxonomy order
    for (const QString &k : m.instrumentKeys)
        bags.classNames.push_back(k.toStdString());

    std::vector<float> rowLabels(size_t(bags.numClasses));
    std::vector<uint8_t> rowObserved(size_t(bags.numClasses));
    features::FeatureFileReader reader;
    qint64 openTrack = -1;
    std::vector<float> buffer;
    for (int r = 0; r < m.rows(); ++r) {
        const qint64 clipId = m.clipIds.at(r);
        if (!wanted.isEmpty() && !wanted.contains(clipId))
            continue;
        const auto clip = clipById.constFind(clipId);
        if (clip == clipById.constEnd())
            continue;
        if (options.clips == LibraryBagOptions::Clips::Test && !clip->isTest)
            continue;
        const auto set = setByTrack.constFind(clip->trackId);
        if (set == setByTrack.constEnd()) {
            out.skipped << QStringLiteral("clip %1 (track %2): no %3 features")
                                   .arg(clipId)
                                   .arg(clip->trackId)
                                   .arg(extractorKey);
            continue;
        }
        if (openTrack != clip->trackId) {
            const features::FeatureFileError e = reader.open(store.absolutePath(set->file));
            if (e.isError()) {
                openTrack = -1;
                out.skipped << QStringLiteral("clip %1: %2").arg(clipId).arg(e.message);
                continue;
            }
            openTrack = clip->trackId;
        }
        if (bags.featureDim == 0)
            bags.featureDim = reader.cols();
        if (reader.cols() != bags.featureDim || reader.rows() == 0) {
            out.skipped << QStringLiteral("%1: %2 x %3 features do not fit %4 columns")
                                   .arg(reader.path())
                                   .arg(reader.rows())
                                   .arg(reader.cols())
                                   .arg(bags.featureDim);
            continue;
        }
        int first = 0;
        int last = 0;
        clipRows(clip->startS, clip->endS.value_or(-1.0), set->instanceHopS, reader.rows(), &first,
                 &last);
        buffer.resize(size_t(last - first) * size_t(reader.cols()));
        reader.decodeRows(first, last - first, buffer.data());
        for (int c = 0; c < bags.numClasses; ++c) {
            rowObserved[size_t(c)] = m.isObserved(r, c) ? 1 : 0;
            rowLabels[size_t(c)] = m.isObserved(r, c) ? m.value(r, c) : 0.0f;
        }
        bags.appendBag(buffer.data(), last - first, rowLabels.data(), rowObserved.data(),
                       std::to_string(clipId));
        out.clipIds << clipId;
        out.trackIds << clip->trackId;
        out.clipStartS << first * set->instanceHopS;
    }
    return out;
}

} // namespace timbre::datasets
