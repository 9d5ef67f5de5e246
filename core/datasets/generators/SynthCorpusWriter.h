// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioEncoder.h"
#include "core/datasets/generators/SynthArrangement.h"
#include "core/datasets/generators/SynthError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace timbre::datasets {

struct RenderedClip;
struct SynthOptions;

// What the corpus files say about one clip.
struct SynthClipRecord
{
    QString name; // "clip_0042"
    QString mixPath; // relative to the corpus folder
    QStringList stemPaths; // relative, in part order
    QString title;
    QString artist;
    QString album;
    int year = 0;
    int track = 0;
    SynthArrangement arrangement; // key, style, tempo, chords, parts (notes not written)
    std::vector<std::vector<ActivityRegion>> regions; // per part
    std::vector<int> noteCounts; // per part
};

// Writes the tables and descriptions of a corpus: labels.csv, activity.csv, mask.csv,
// corpus.json and README.md (see SynthCorpusGenerator). Each is written whole or not at all.
class SynthCorpusWriter
{
public:
    // Writes one clip's audio under `dir` (whose mixes/ the caller has created):
    // mixes/<name>.<ext> in `format`, tagged, and, when
    // `stemFormat` is given, stems/<name>/<instrument>.<ext>. Fills record.mixPath,
    // record.stemPaths and record.regions (record.name must be set) and counts files written.
    // Files an earlier run left under the clip's name are removed first, so that a rerun never
    // leaves a stem or a mix that contradicts the new labels.
    static SynthError writeClipAudio(const QString &dir, const RenderedClip &rendered,
                                     audio::AudioFormat format, const audio::AudioTags &tags,
                                     std::optional<audio::AudioFormat> stemFormat,
                                     SynthClipRecord &record, int *files);
    // observed[clip][classIndex]; empty: no mask file.
    static SynthError writeTables(const QString &dir, const QList<SynthClipRecord> &clips,
                                  const std::vector<std::vector<bool>> &observed,
                                  QStringList *written);
    static SynthError writeCorpusJson(const QString &dir, const SynthOptions &options,
                                      const QString &soundFont, const QStringList &usableClasses,
                                      const QList<SynthClipRecord> &clips, bool cancelled,
                                      QStringList *written);
    static SynthError writeReadme(const QString &dir, const SynthOptions &options, bool withMask,
                                  QStringList *written);

    // The hidden-label mask: exactly round((1 - observedFraction) * clips * classes) labels
    // hidden, chosen uniformly over ALL (clip, class) pairs from the seed, positives and
    // negatives alike (as OpenMIC-2018 leaves labels unannotated).
    static std::vector<std::vector<bool>> observedMask(int clips, int classes,
                                                       double observedFraction, quint32 seed);

    // Writes dir/name whole or not at all (QSaveFile) and appends name to `written`.
    static SynthError saveFile(const QString &dir, const QString &name, const QByteArray &content,
                               QStringList *written);

    static QString formatSeconds(double seconds);
    // A part as corpus.json describes it: instrument, sound, bank, program, notes, stem.
    static QJsonObject partJson(const SynthPart &part, int notes, const QString &stemPath);
};

} // namespace timbre::datasets
