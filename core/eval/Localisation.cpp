// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Localisation.h"

#include "core/eval/BinaryMetrics.h"
#include "core/eval/MetricsReport.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace timbre::eval {

namespace {

// The mean over the classes where both states occur (NaN classes skipped).
void finishMean(ResolutionAuroc &result)
{
    double sum = 0.0;
    result.classesUsed = 0;
    for (double a : result.perClass) {
        if (std::isfinite(a)) {
            sum += a;
            ++result.classesUsed;
        }
    }
    result.mean = result.classesUsed > 0 ? sum / result.classesUsed
                                         : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

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
    for (int c = 0; c < classes; ++c) {
        const double a = timbre::eval::auroc(pooledScores[size_t(c)], pooledActive[size_t(c)]);
        result.perClass.push_back(a);
    }
    finishMean(result);
    return result;
}

ResolutionAuroc Localisation::withinTrack(const std::vector<TrackActivity> &tracks, int classes)
{
    ResolutionAuroc result;
    result.seconds = 1;
    if (!validate(tracks, classes).isEmpty()) {
        result.perClass.assign(size_t(std::max(classes, 0)),
                               std::numeric_limits<double>::quiet_NaN());
        result.mean = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    std::vector<float> column;
    std::vector<uint8_t> active;
    double allConcordant = 0.0;
    double allPairs = 0.0;
    for (int c = 0; c < classes; ++c) {
        double u = 0.0; // concordant pairs (ties half), summed over tracks
        double pairs = 0.0;
        int tracksUsed = 0;
        for (const TrackActivity &t : tracks) {
            column.clear();
            active.clear();
            int64_t positives = 0;
            for (int f = 0; f < t.frames; ++f) {
                const size_t i = size_t(f) * size_t(classes) + size_t(c);
                column.push_back(t.scores[i]);
                active.push_back(t.active[i] ? 1 : 0);
                positives += t.active[i] ? 1 : 0;
            }
            const double p = double(positives) * double(int64_t(t.frames) - positives);
            if (p <= 0.0)
                continue; // the instrument sounds throughout or never: nothing to tell apart
            u += timbre::eval::auroc(column, active) * p;
            pairs += p;
            ++tracksUsed;
        }
        const double a = pairs > 0.0 ? u / pairs : std::numeric_limits<double>::quiet_NaN();
        result.perClass.push_back(a);
        result.perClassPairs.push_back(pairs);
        result.perClassTracks.push_back(tracksUsed);
        allConcordant += u;
        allPairs += pairs;
    }
    finishMean(result);
    if (allPairs > 0.0)
        result.pairWeightedMean = allConcordant / allPairs;
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

namespace {

const char *scoreName(LocalisationScoring::Score s)
{
    switch (s) {
    case LocalisationScoring::Score::Evidence:
        return "evidence";
    case LocalisationScoring::Score::Instance:
        return "instance";
    case LocalisationScoring::Score::ClipAttention:
        return "clip-attention";
    case LocalisationScoring::Score::ClipEvidence:
        return "clip-evidence";
    case LocalisationScoring::Score::Clip:
        return "clip";
    case LocalisationScoring::Score::ClipInstance:
        return "clip-instance";
    }
    return "evidence";
}

} // namespace

QString LocalisationScoring::name() const
{
    QString n = QString::fromLatin1(scoreName(score));
    if (overlap)
        n += QStringLiteral("+overlap");
    if (level)
        n += levelWindow > 0 ? QStringLiteral("+level%1").arg(levelWindow)
                             : QStringLiteral("+level");
    if (smoothing == Smoothing::Mean && window > 1)
        n += QStringLiteral("+mean%1").arg(window);
    else if (smoothing == Smoothing::Median && window > 1)
        n += QStringLiteral("+median%1").arg(window);
    return n;
}

std::optional<LocalisationScoring> LocalisationScoring::parse(const QString &text)
{
    QStringList parts = text.trimmed().split(QLatin1Char('+'));
    if (parts.isEmpty() || parts.size() > 4)
        return std::nullopt;
    LocalisationScoring s;
    bool known = false;
    for (Score candidate : {Score::Evidence, Score::Instance, Score::ClipAttention,
                            Score::ClipEvidence, Score::Clip, Score::ClipInstance})
        if (parts.at(0) == QLatin1String(scoreName(candidate))) {
            s.score = candidate;
            known = true;
        }
    if (!known)
        return std::nullopt;
    if (parts.size() > 1 && parts.at(1) == QLatin1String("overlap")) {
        s.overlap = true;
        parts.removeAt(1);
    }
    if (parts.size() > 1 && parts.at(1).startsWith(QLatin1String("level"))) {
        const QString window = parts.at(1).mid(5);
        if (!window.isEmpty()) {
            bool ok = false;
            s.levelWindow = window.toInt(&ok);
            if (!ok || s.levelWindow < 3 || s.levelWindow % 2 == 0)
                return std::nullopt;
        }
        s.level = true;
        parts.removeAt(1);
    }
    if (parts.size() == 1)
        return s;
    if (parts.size() > 2)
        return std::nullopt;
    QString rest = parts.at(1);
    if (rest.startsWith(QLatin1String("mean"))) {
        s.smoothing = Smoothing::Mean;
        rest = rest.mid(4);
    } else if (rest.startsWith(QLatin1String("median"))) {
        s.smoothing = Smoothing::Median;
        rest = rest.mid(6);
    } else {
        return std::nullopt;
    }
    bool ok = false;
    s.window = rest.toInt(&ok);
    if (!ok || s.window < 3 || s.window % 2 == 0)
        return std::nullopt;
    return s;
}

std::vector<float> Localisation::perSecond(const std::vector<float> &instanceScores,
                                           const std::vector<float> &attention,
                                           const std::vector<float> &clipScores, int frames,
                                           int classes, const LocalisationScoring &scoring)
{
    using Score = LocalisationScoring::Score;
    const size_t cells = size_t(std::max(frames, 0)) * size_t(std::max(classes, 0));
    const bool hasAttention = !attention.empty();
    if (instanceScores.size() != cells || (hasAttention && attention.size() != cells)
        || (scoring.score != Score::Evidence && scoring.score != Score::Instance
            && clipScores.size() != size_t(std::max(classes, 0))))
        return {};
    std::vector<float> out(cells, 0.0f);
    for (size_t i = 0; i < cells; ++i) {
        const size_t c = i % size_t(classes);
        // a_i * N; 1 for a model without attention (uniform weights).
        const float weight = hasAttention ? attention[i] * float(frames) : 1.0f;
        const float s = instanceScores[i];
        switch (scoring.score) {
        case Score::Evidence:
            out[i] = s * weight;
            break;
        case Score::Instance:
            out[i] = s;
            break;
        case Score::ClipAttention:
            out[i] = clipScores[c] * weight;
            break;
        case Score::ClipEvidence:
            out[i] = std::sqrt(std::max(0.0f, clipScores[c] * s * weight));
            break;
        case Score::Clip:
            out[i] = clipScores[c];
            break;
        case Score::ClipInstance:
            out[i] = std::sqrt(std::max(0.0f, clipScores[c] * s));
            break;
        }
    }
    if (scoring.smoothing == LocalisationScoring::Smoothing::None || scoring.window <= 1)
        return out;
    return smooth(out, frames, classes, scoring.smoothing, scoring.window);
}

std::vector<float> Localisation::smooth(const std::vector<float> &scores, int frames, int classes,
                                        LocalisationScoring::Smoothing smoothing, int window)
{
    const size_t cells = size_t(std::max(frames, 0)) * size_t(std::max(classes, 0));
    if (scores.size() != cells)
        return {};
    if (smoothing == LocalisationScoring::Smoothing::None || window <= 1)
        return scores;
    const int half = window / 2;
    std::vector<float> out(cells, 0.0f);
    std::vector<float> buffer;
    buffer.reserve(size_t(window));
    for (int c = 0; c < classes; ++c) {
        for (int f = 0; f < frames; ++f) {
            const int lo = std::max(0, f - half);
            const int hi = std::min(frames - 1, f + half);
            buffer.clear();
            for (int g = lo; g <= hi; ++g)
                buffer.push_back(scores[size_t(g) * size_t(classes) + size_t(c)]);
            float value = 0.0f;
            if (smoothing == LocalisationScoring::Smoothing::Mean) {
                double sum = 0.0;
                for (float v : buffer)
                    sum += v;
                value = float(sum / double(buffer.size()));
            } else {
                std::sort(buffer.begin(), buffer.end());
                const size_t n = buffer.size();
                value = n % 2 == 1 ? buffer[n / 2] : 0.5f * (buffer[n / 2 - 1] + buffer[n / 2]);
            }
            out[size_t(f) * size_t(classes) + size_t(c)] = value;
        }
    }
    return out;
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
