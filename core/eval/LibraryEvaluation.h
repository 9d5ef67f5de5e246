// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/Localisation.h"
#include "core/eval/MetricsReport.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::eval {

struct LibraryEvaluationOptions
{
    QList<qint64> modelIds; // one or several models of the library's registry
    enum class Clips { Test, All };
    Clips clips = Clips::Test; // the held-out test clips (default) or every clip
    QList<qint64> clipIds; // when not empty: only these clips (an imported split), still
                           // filtered by `clips`
    int disagreements = 20; // length of each disagreement list
    int threads = 0; // LibTorch intra-op threads; 0 = leave alone
    // The per-second score the localisation table measures (LibraryLocalisation).
    LocalisationScoring localisation = LocalisationScoring::defaults();
};

// One ROC curve: (false positive rate, true positive rate) at every distinct score taken as
// the threshold, from (0, 0) to (1, 1). Empty when the instrument lacks a class.
struct RocCurve
{
    QString instrument;
    std::vector<double> fpr;
    std::vector<double> tpr;
};

// One model on the evaluated clips.
struct ModelEvaluation
{
    qint64 modelId = 0;
    QString name;
    QString checkpoint;
    MetricsReport report; // threshold 0.5, the thesis' numbers (same as `timbre evaluate`)
    std::vector<RocCurve> roc; // one per instrument of the report
    QStringList classKeys; // the checkpoint's classes, column order of `scores`
    std::vector<float> scores; // clip scores [clips x classKeys]
    // The labels the metrics were computed on, [clips x classKeys]: 1 present, 0 absent,
    // -1 unknown (a view lists a version's errors at threshold 0.5 from these and `scores`).
    std::vector<int8_t> labels;
};

// A clip where two models' scores differ.
struct Disagreement
{
    qint64 clipId = 0;
    qint64 trackId = 0;
    QString trackPath;
    QString instrument;
    float scoreA = 0; // the first model's
    float scoreB = 0; // the second model's
    double difference = 0; // |scoreA - scoreB|
    int label = -1; // 1 present, 0 absent, -1 unknown
};

struct LibraryEvaluation
{
    QString error; // non-empty = nothing evaluated
    QList<qint64> clipIds; // the clips evaluated, row order of every model's scores
    QList<qint64> trackIds;
    QStringList skipped; // clips without readable features
    std::vector<ModelEvaluation> models; // in the order asked for
    // Between the first two models: per clip its largest difference over the instruments both
    // know (which instrument is named), largest first.
    std::vector<Disagreement> disagreements;
    // The same per instrument (instrument order of the first model's report), every label
    // whether known or not, largest first.
    std::vector<std::vector<Disagreement>> disagreementsByInstrument;
    // Per model: localisation AUROC at 1 s, 5 s, 10 s and whole track on the evaluated tracks
    // that have strong labels (imported activity regions, LibraryLocalisation); empty tables
    // when none has, and `localisationNote` says which.
    std::vector<std::vector<ResolutionAuroc>> localisation;
    // Per model, beside `localisation`: the within-track 1 s AUROC (Localisation::withinTrack).
    std::vector<ResolutionAuroc> localisationWithinTrack;
    QString localisationNote;

    bool ok() const { return error.isEmpty(); }
};

// Evaluation of model versions on a library's clips (docs/ARCHITECTURE.md §5, step 9;
// docs/METHOD.md §10.4): the per-instrument metrics of core/eval (MultiLabelEvaluator over
// BagScoring's score table, exactly as ModelRunner::evaluate computes `timbre evaluate`'s "test
// (threshold 0.5)" line), ROC points, and the clips where two versions disagree most. Every
// model is scored on the same clips: those with features of every model's extractor.
class LibraryEvaluator
{
public:
    static LibraryEvaluation evaluate(const library::Library &library,
                                      const LibraryEvaluationOptions &options);

    // ROC points of one instrument's observed scores (descending thresholds, ties together).
    static RocCurve rocCurve(const std::vector<float> &scores,
                             const std::vector<uint8_t> &positive);
};

} // namespace timbre::eval
