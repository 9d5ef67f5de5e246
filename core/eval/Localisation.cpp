#include "core/eval/Localisation.h"

#include "core/eval/BinaryMetrics.h"
#include "core/eval/MetricsReport.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace timbre::eval {

QString Localisation::validate(const std::vector<TrackActivity> &tracks, int classes)
{
    if (classes <= 0)
        return QStringLiteral("localisation: %1 classes").arg(classes);
    for (const TrackActivity &t : tracks) {
        const size_t cells = size_t(std::max(t.frames, 0)) * size_t(classes);
        if (t.frames < 0 || t.scores.size() != cells || t.active.size() != cells)
            return QStringLiteral("localisation: track '%1' has %2 frames but %3 scores and %4 "
                                  "activity cells for %5 classes")
                    .arg(t.key)
                    .arg(t.frames)
                    .arg(t.scores.size())
                    .arg(t.active.size())
                    .arg(classes);
    }
    return {};
}

ResolutionAuroc Localisation::auroc(const std::vector<TrackActivity> &tracks, int classes,
                                    int windowFrames)
{
    ResolutionAuroc result;
    result.seconds = windowFrames;
    if (!validate(tracks, classes).isEmpty()) {
        result.perClass.assign(size_t(std::max(classes, 0)),
                               std::numeric_limits<double>::quiet_NaN());
        result.mean = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    std::vector<std::vector<float>> pooledScores(static_cast<size_t>(classes));
    std::vector<std::vector<uint8_t>> pooledActive(static_cast<size_t>(classes));
    for (const TrackActivity &t : tracks) {
        if (t.frames == 0)
            continue;
        const int window = windowFrames <= 0 ? t.frames : windowFrames;
        for (int start = 0; start < t.frames; start += window) {
            const int end = std::min(t.frames, start + window);
            for (int c = 0; c < classes; ++c) {
                float best = -std::numeric_limits<float>::infinity();
                uint8_t any = 0;
                for (int f = start; f < end; ++f) {
                    const size_t i = size_t(f) * size_t(classes) + size_t(c);
                    best = std::max(best, t.scores[i]);
                    any = any || t.active[i] ? 1 : 0;
                }
                pooledScores[size_t(c)].push_back(best);
                pooledActive[size_t(c)].push_back(any);
            }
        }
    }
    double sum = 0.0;
    for (int c = 0; c < classes; ++c) {
        const double a = timbre::eval::auroc(pooledScores[size_t(c)], pooledActive[size_t(c)]);
        result.perClass.push_back(a);
        if (std::isfinite(a)) {
            sum += a;
            ++result.classesUsed;
        }
    }
    result.mean = result.classesUsed > 0 ? sum / result.classesUsed
                                         : std::numeric_limits<double>::quiet_NaN();
    return result;
}

std::vector<ResolutionAuroc> Localisation::table(const std::vector<TrackActivity> &tracks,
                                                 int classes)
{
    return {auroc(tracks, classes, 1), auroc(tracks, classes, 5), auroc(tracks, classes, 10),
            auroc(tracks, classes, 0)};
}

std::vector<float> Localisation::instanceEvidence(const std::vector<float> &instanceScores,
                                                  const std::vector<float> &attention, int frames,
                                                  int classes)
{
    const size_t cells = size_t(std::max(frames, 0)) * size_t(std::max(classes, 0));
    std::vector<float> evidence(cells, 0.0f);
    if (instanceScores.size() != cells || attention.size() != cells)
        return {};
    for (size_t i = 0; i < cells; ++i)
        evidence[i] = instanceScores[i] * attention[i] * float(frames);
    return evidence;
}

QJsonObject Localisation::toJson(const std::vector<ResolutionAuroc> &rows,
                                 const QStringList &classNames)
{
    QJsonArray list;
    for (const ResolutionAuroc &r : rows) {
        QJsonObject o;
        o[QStringLiteral("resolution")]
                = r.seconds == 0 ? QStringLiteral("track") : QStringLiteral("%1s").arg(r.seconds);
        o[QStringLiteral("mean_auroc")] = jsonNumber(r.mean);
        o[QStringLiteral("classes_used")] = r.classesUsed;
        QJsonObject perClass;
        for (size_t c = 0; c < r.perClass.size(); ++c) {
            const QString name = int(c) < classNames.size() ? classNames.at(int(c))
                                                            : QStringLiteral("class%1").arg(c);
            perClass[name] = jsonNumber(r.perClass[c]);
        }
        o[QStringLiteral("per_class")] = perClass;
        list.append(o);
    }
    QJsonObject json;
    json[QStringLiteral("resolutions")] = list;
    return json;
}

} // namespace timbre::eval
