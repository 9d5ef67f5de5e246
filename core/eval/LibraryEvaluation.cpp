// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/LibraryEvaluation.h"

#include "core/eval/LibraryLocalisation.h"

#include "core/datasets/trainsets/LibraryBags.h"
#include "core/eval/BagScoring.h"
#include "core/eval/MultiLabelEvaluator.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackStore.h"

#include "models/api/Predictor.h"
#include "models/api/TorchInfo.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <map>
#include <numeric>

namespace timbre::eval {

namespace {

struct LoadedModel
{
    library::ModelRecord record;
    QString checkpoint;
    QString extractorKey;
    std::unique_ptr<models::Predictor> predictor;
};

// The bags with their label columns in the checkpoint's class order (the taxonomy may have
// grown since the model was trained). False and *error when a class is not an instrument.
bool labelsInClassOrder(const models::BagSet &bags, const std::vector<std::string> &classes,
                        models::BagSet *out, QString *error)
{
    if (bags.classNames == classes) {
        *out = bags;
        return true;
    }
    std::vector<int> column;
    for (const std::string &name : classes) {
        const auto at = std::find(bags.classNames.begin(), bags.classNames.end(), name);
        if (at == bags.classNames.end()) {
            *error = QStringLiteral("class '%1' is not an instrument of the library")
                             .arg(QString::fromStdString(name));
            return false;
        }
        column.push_back(int(at - bags.classNames.begin()));
    }
    *out = bags;
    const int C = int(classes.size());
    out->numClasses = C;
    out->classNames = classes;
    out->labels.assign(size_t(bags.numBags()) * size_t(C), 0.0f);
    out->observed.assign(out->labels.size(), 0);
    for (int b = 0; b < bags.numBags(); ++b)
        for (int c = 0; c < C; ++c) {
            const size_t from = size_t(b) * size_t(bags.numClasses) + size_t(column[size_t(c)]);
            out->labels[size_t(b) * size_t(C) + size_t(c)] = bags.labels[from];
            out->observed[size_t(b) * size_t(C) + size_t(c)] = bags.observed[from];
        }
    return true;
}

} // namespace

RocCurve LibraryEvaluator::rocCurve(const std::vector<float> &scores,
                                    const std::vector<uint8_t> &positive)
{
    RocCurve roc;
    const size_t n = std::min(scores.size(), positive.size());
    int64_t P = 0;
    for (size_t i = 0; i < n; ++i)
        P += positive[i] ? 1 : 0;
    const int64_t N = int64_t(n) - P;
    if (P == 0 || N == 0)
        return roc;
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return scores[a] > scores[b]; });
    roc.fpr.push_back(0.0);
    roc.tpr.push_back(0.0);
    int64_t tp = 0, fp = 0;
    for (size_t i = 0; i < n; ++i) {
        (positive[order[i]] ? tp : fp) += 1;
        // Tied scores are one threshold: one point after the last of them.
        if (i + 1 < n && scores[order[i + 1]] == scores[order[i]])
            continue;
        roc.fpr.push_back(double(fp) / double(N));
        roc.tpr.push_back(double(tp) / double(P));
    }
    return roc;
}

LibraryEvaluation LibraryEvaluator::evaluate(const library::Library &library,
                                             const LibraryEvaluationOptions &options)
{
    LibraryEvaluation out;
    const auto fail = [&out](const QString &message) {
        out = LibraryEvaluation();
        out.error = message;
        return out;
    };
    if (options.modelIds.isEmpty())
        return fail(QStringLiteral("no model to evaluate"));
    if (options.threads > 0)
        models::setTorchThreads(options.threads);

    std::vector<LoadedModel> loaded;
    for (qint64 id : options.modelIds) {
        auto found = library.models().findById(id);
        if (!found)
            return fail(found.error().message);
        if (!*found)
            return fail(
                    QStringLiteral("%1: no model with id %2").arg(library.databasePath()).arg(id));
        LoadedModel m;
        m.record = **found;
        const QString name = QStringLiteral("model %1 ('%2')").arg(id).arg(m.record.name);
        m.checkpoint = QDir(library.modelsPath()).filePath(m.record.checkpointFile);
        if (m.record.checkpointFile.isEmpty() || !QFileInfo(m.checkpoint).isFile())
            return fail(QStringLiteral("%1: checkpoint %2 does not exist").arg(name, m.checkpoint));
        models::ModelError error;
        m.predictor = models::Predictor::load(m.checkpoint.toStdString(), &error);
        if (!m.predictor)
            return fail(QStringLiteral("%1: %2").arg(name, QString::fromStdString(error.message)));
        const QString extractor = m.record.extractorId.isEmpty()
                ? QString::fromStdString(m.predictor->info().extractorId)
                : m.record.extractorId;
        const int version = m.record.extractorId.isEmpty() ? m.predictor->info().extractorVersion
                                                           : m.record.extractorVersion;
        m.extractorKey = QStringLiteral("%1-v%2").arg(extractor).arg(version);
        loaded.push_back(std::move(m));
    }

    // One bag set per extractor; the clips evaluated are those every one of them has.
    datasets::LibraryBagOptions bagOptions;
    bagOptions.clips = options.clips == LibraryEvaluationOptions::Clips::Test
            ? datasets::LibraryBagOptions::Clips::Test
            : datasets::LibraryBagOptions::Clips::All;
    bagOptions.clipIds = options.clipIds;
    std::map<QString, datasets::LibraryBags> bagsByKey;
    for (const LoadedModel &m : loaded) {
        if (bagsByKey.count(m.extractorKey))
            continue;
        datasets::LibraryBags b = datasets::LibraryBags::load(library, m.extractorKey, bagOptions);
        if (!b.ok())
            return fail(b.error);
        out.skipped << b.skipped;
        bagsByKey.emplace(m.extractorKey, std::move(b));
    }
    const datasets::LibraryBags &first = bagsByKey.at(loaded.front().extractorKey);
    for (int b = 0; b < first.clipIds.size(); ++b) {
        const qint64 clip = first.clipIds.at(b);
        bool everywhere = true;
        for (const auto &[key, other] : bagsByKey)
            everywhere = everywhere && other.clipIds.contains(clip);
        if (everywhere) {
            out.clipIds << clip;
            out.trackIds << first.trackIds.at(b);
        }
    }
    if (out.clipIds.isEmpty())
        return fail(QStringLiteral("%1: no %2 clip has the features every model needs")
                            .arg(library.folder(),
                                 options.clips == LibraryEvaluationOptions::Clips::Test
                                         ? QStringLiteral("test")
                                         : QStringLiteral("catalogued")));

    std::vector<models::BagSet> modelBags; // per model: the evaluated clips, its class order
    for (LoadedModel &m : loaded) {
        const datasets::LibraryBags &source = bagsByKey.at(m.extractorKey);
        models::BagSet bags;
        if (source.clipIds == out.clipIds) {
            bags = source.bags;
        } else {
            QHash<qint64, int> row;
            for (int b = 0; b < source.clipIds.size(); ++b)
                row.insert(source.clipIds.at(b), b);
            std::vector<int> keep;
            for (qint64 clip : out.clipIds)
                keep.push_back(row.value(clip));
            bags = source.bags.subset(keep);
        }
        models::BagSet ordered;
        QString error;
        if (!labelsInClassOrder(bags, m.predictor->info().classNames, &ordered, &error))
            return fail(QStringLiteral("model %1 ('%2'), %3: %4")
                                .arg(m.record.id)
                                .arg(m.record.name, m.checkpoint, error));
        models::ModelError predictError;
        const std::vector<models::BagPrediction> predictions
                = m.predictor->predict(ordered, 256, &predictError);
        if (predictions.size() != size_t(ordered.numBags()))
            return fail(QString::fromStdString(predictError.message));

        // What ModelRunner::evaluate does for `timbre evaluate`'s threshold-0.5 line.
        const ScoreTable table = BagScoring::scoreTable(ordered, predictions);
        ModelEvaluation e;
        e.modelId = m.record.id;
        e.name = m.record.name;
        e.checkpoint = m.checkpoint;
        e.report = MultiLabelEvaluator::evaluate(table);
        e.classKeys = table.classNames;
        e.scores = table.scores;
        e.labels.resize(table.scores.size());
        for (int64_t r = 0; r < table.rows; ++r)
            for (int c = 0; c < table.classes; ++c) {
                const size_t cell = size_t(r) * size_t(table.classes) + size_t(c);
                if (!table.isObserved(r, c))
                    e.labels[cell] = -1;
                else
                    e.labels[cell] = table.labels[cell] >= 0.5f ? 1 : 0;
            }
        for (int c = 0; c < table.classes; ++c) {
            std::vector<float> scores;
            std::vector<uint8_t> positive;
            MultiLabelEvaluator::observedColumn(table, c, &scores, &positive);
            RocCurve roc = rocCurve(scores, positive);
            roc.instrument = table.classNames.value(c);
            e.roc.push_back(std::move(roc));
        }
        out.models.push_back(std::move(e));
        modelBags.push_back(std::move(ordered));
        m.predictor.reset(); // free the model before loading the next one's scores
    }
    // Where imported activity regions give strong labels (thesis Table 2.3).
    for (const ModelEvaluation &e : out.models) {
        LibraryLocalisationResult loc = LibraryLocalisation::evaluate(
                library, e.modelId, out.trackIds, options.localisation);
        out.localisation.push_back(std::move(loc.table));
        out.localisationWithinTrack.push_back(loc.withinTrack);
        out.localisationNote = loc.note;
    }

    if (out.models.size() < 2)
        return out;

    // Disagreement between the first two models, on the instruments both know.
    const ModelEvaluation &A = out.models[0];
    const ModelEvaluation &B = out.models[1];
    const models::BagSet &labels = modelBags[0];
    const int CA = int(A.classKeys.size());
    const int CB = int(B.classKeys.size());
    QHash<qint64, QString> paths;
    const auto pathOf = [&](qint64 track) {
        auto cached = paths.constFind(track);
        if (cached != paths.constEnd())
            return *cached;
        auto found = library.tracks().findById(track);
        const QString path = found && *found ? (*found)->path : QString();
        paths.insert(track, path);
        return path;
    };
    const auto make = [&](int row, int ca, int cb) {
        Disagreement d;
        d.clipId = out.clipIds.at(row);
        d.trackId = out.trackIds.at(row);
        d.instrument = A.classKeys.at(ca);
        d.scoreA = A.scores[size_t(row) * size_t(CA) + size_t(ca)];
        d.scoreB = B.scores[size_t(row) * size_t(CB) + size_t(cb)];
        d.difference = std::abs(double(d.scoreA) - double(d.scoreB));
        const size_t cell = size_t(row) * size_t(CA) + size_t(ca);
        d.label = labels.observed[cell] ? (labels.labels[cell] >= 0.5f ? 1 : 0) : -1;
        return d;
    };
    const auto byDifference = [](const Disagreement &x, const Disagreement &y) {
        return x.difference != y.difference ? x.difference > y.difference : x.clipId < y.clipId;
    };
    const auto top = [&](std::vector<Disagreement> list) {
        const size_t keep = std::min(list.size(), size_t(std::max(options.disagreements, 0)));
        std::partial_sort(list.begin(), list.begin() + int64_t(keep), list.end(), byDifference);
        list.resize(keep);
        for (Disagreement &d : list)
            d.trackPath = pathOf(d.trackId);
        return list;
    };
    const int rows = out.clipIds.size();
    std::vector<Disagreement> perClip(static_cast<size_t>(rows));
    std::vector<bool> clipSeen(static_cast<size_t>(rows), false);
    for (int ca = 0; ca < CA; ++ca) {
        const int cb = B.classKeys.indexOf(A.classKeys.at(ca));
        std::vector<Disagreement> column;
        if (cb >= 0) {
            column.reserve(size_t(rows));
            for (int r = 0; r < rows; ++r) {
                column.push_back(make(r, ca, cb));
                if (!clipSeen[size_t(r)]
                    || column.back().difference > perClip[size_t(r)].difference) {
                    perClip[size_t(r)] = column.back();
                    clipSeen[size_t(r)] = true;
                }
            }
        }
        out.disagreementsByInstrument.push_back(top(std::move(column)));
    }
    std::vector<Disagreement> overall;
    for (int r = 0; r < rows; ++r)
        if (clipSeen[size_t(r)])
            overall.push_back(perClip[size_t(r)]);
    out.disagreements = top(std::move(overall));
    return out;
}

} // namespace timbre::eval
