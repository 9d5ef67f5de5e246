// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/PlantedBagGenerator.h"

#include "core/datasets/interchange/NpzArchive.h"
#include "core/datasets/trainsets/OpenMicDataset.h"
#include "core/util/OpenMicClasses.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace timbre::datasets {

namespace {

// splitmix64 with a Box-Muller Gaussian: the same stream on every platform and standard
// library (std::normal_distribution is implementation-defined).
class Rng
{
public:
    explicit Rng(uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) { }
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    int below(int n) { return int(next() % uint64_t(std::max(n, 1))); }
    double gaussian()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0.0)
            u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * M_PI * u2);
    }
    // First k entries of a random permutation of 0..n-1.
    std::vector<int> sample(int n, int k)
    {
        std::vector<int> order(size_t(std::max(n, 0)));
        std::iota(order.begin(), order.end(), 0);
        k = std::min(k, n);
        for (int i = 0; i < k; ++i)
            std::swap(order[size_t(i)], order[size_t(i + below(n - i))]);
        order.resize(size_t(std::max(k, 0)));
        return order;
    }

private:
    uint64_t m_state;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

// Instrument families of the OpenMIC-2018 classes, in class order: keys 0, plucked 1, bass 2,
// bowed 3, winds 4, percussion 5, brass 6, voice 7.
const int kFamily[20] = {0, 1, 2, 3, 4, 5, 5, 4, 1, 5, 1, 0, 0, 4, 0, 6, 6, 1, 3, 7};

// Genres (rock/pop, classical, jazz, folk, electronic) and the classes each favours.
const std::vector<std::vector<int>> kGenreFavours = {
        {2, 5, 6, 8, 19, 14}, // rock/pop: bass cymbals drums guitar voice synthesizer
        {3, 4, 7, 12, 18, 15}, // classical: cello clarinet flute piano violin trombone
        {2, 6, 12, 13, 15, 16, 5}, // jazz: bass drums piano saxophone trombone trumpet cymbals
        {0, 1, 8, 10, 17, 19}, // folk: accordion banjo guitar mandolin ukulele voice
        {14, 6, 5, 11, 9}, // electronic: synthesizer drums cymbals organ mallet_percussion
};

void normalise(std::vector<double> *v)
{
    double n = 0.0;
    for (double x : *v)
        n += x * x;
    n = std::sqrt(std::max(n, 1e-30));
    for (double &x : *v)
        x /= n;
}

NpzError writeText(const QString &path, const QByteArray &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) < 0 || !util::commitSaveFile(f))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    return {};
}

} // namespace

std::vector<double> PlantedBagGenerator::defaultPositiveRates()
{
    // OpenMIC-like: common band instruments around 25-40 %, rarer ones 5-12 %.
    return {0.05, 0.06, 0.25, 0.10, 0.06, 0.20, 0.40, 0.08, 0.35, 0.07,
            0.05, 0.10, 0.30, 0.10, 0.25, 0.06, 0.10, 0.05, 0.12, 0.35};
}

QString PlantedBagOptions::validate() const
{
    const int classes = classNames.isEmpty() ? 20 : int(classNames.size());
    if (bags < 2 || instances < 1 || dim < 1)
        return QStringLiteral("need at least 2 bags, 1 instance and 1 dimension");
    if (observedFraction < 0.0 || observedFraction > 1.0 || testObservedFraction > 1.0)
        return QStringLiteral("observed fraction must lie in [0, 1]");
    if (labelledBagFraction > 1.0)
        return QStringLiteral("labelled bag fraction must lie in [0, 1]");
    if (testFraction <= 0.0 || testFraction >= 1.0)
        return QStringLiteral("test fraction must lie in (0, 1)");
    if (bagsPerArtist < 1 || maxEvidenceInstances < 1)
        return QStringLiteral("bags per artist and evidence instances must be at least 1");
    if (!positiveRates.empty() && int(positiveRates.size()) != classes)
        return QStringLiteral("%1 positive rates for %2 classes")
                .arg(positiveRates.size())
                .arg(classes);
    for (double r : positiveRates) {
        if (r < 0.0 || r > 1.0)
            return QStringLiteral("positive rates must lie in [0, 1]");
    }
    if (familyCorrelation < 0.0 || familyCorrelation >= 1.0)
        return QStringLiteral("family correlation must lie in [0, 1)");
    return {};
}

QJsonObject PlantedBagOptions::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("bags")] = bags;
    o[QStringLiteral("instances")] = instances;
    o[QStringLiteral("dim")] = dim;
    o[QStringLiteral("observed_fraction")] = observedFraction;
    o[QStringLiteral("test_observed_fraction")]
            = testObservedFraction < 0 ? observedFraction : testObservedFraction;
    if (labelledBagFraction >= 0.0)
        o[QStringLiteral("labelled_bag_fraction")] = labelledBagFraction;
    o[QStringLiteral("test_fraction")] = testFraction;
    o[QStringLiteral("bags_per_artist")] = bagsPerArtist;
    o[QStringLiteral("max_evidence_instances")] = maxEvidenceInstances;
    o[QStringLiteral("signal")] = signal;
    o[QStringLiteral("artist_spread")] = artistSpread;
    o[QStringLiteral("family_correlation")] = familyCorrelation;
    o[QStringLiteral("quant_scale")] = quantScale;
    o[QStringLiteral("seed")] = QString::number(seed);
    return o;
}

NpzError PlantedBagGenerator::generate(const PlantedBagOptions &options, PlantedBagData *out)
{
    if (const QString problem = options.validate(); !problem.isEmpty())
        return NpzError::make(NpzErrorCode::BadContents, {},
                              QStringLiteral("planted data set: %1").arg(problem));
    const QStringList names
            = options.classNames.isEmpty() ? timbre::openMicClasses() : options.classNames;
    const bool openMicTaxonomy = names == timbre::openMicClasses();
    const int C = int(names.size());
    const int N = options.bags, T = options.instances, D = options.dim;
    const std::vector<double> rates
            = options.positiveRates.empty() ? defaultPositiveRates() : options.positiveRates;
    Rng rng(options.seed);

    // Prototypes: unit vectors, those of one family sharing sqrt(rho) of a common direction.
    const int families = openMicTaxonomy ? 8 : C;
    std::vector<std::vector<double>> family(static_cast<size_t>(families),
                                            std::vector<double>(static_cast<size_t>(D)));
    for (auto &f : family) {
        for (double &x : f)
            x = rng.gaussian();
        normalise(&f);
    }
    std::vector<std::vector<double>> proto(static_cast<size_t>(C),
                                           std::vector<double>(static_cast<size_t>(D)));
    const double rho = options.familyCorrelation;
    for (int c = 0; c < C; ++c) {
        std::vector<double> own(static_cast<size_t>(D));
        for (double &x : own)
            x = rng.gaussian();
        normalise(&own);
        const auto &f = family[size_t(openMicTaxonomy ? kFamily[c] : c)];
        for (int d = 0; d < D; ++d)
            proto[size_t(c)][size_t(d)]
                    = std::sqrt(1.0 - rho) * own[size_t(d)] + std::sqrt(rho) * f[size_t(d)];
        normalise(&proto[size_t(c)]);
    }

    // Genres: per-class rates that keep each class's marginal rate (co-occurrence through the
    // artist's genre). Without the OpenMIC taxonomy every genre uses the marginal rates.
    const int genres = openMicTaxonomy ? int(kGenreFavours.size()) : 1;
    std::vector<std::vector<double>> genreRate(static_cast<size_t>(genres),
                                               std::vector<double>(static_cast<size_t>(C)));
    for (int c = 0; c < C; ++c) {
        std::vector<double> m(static_cast<size_t>(genres), 1.0);
        if (openMicTaxonomy) {
            for (int g = 0; g < genres; ++g) {
                const auto &fav = kGenreFavours[size_t(g)];
                m[size_t(g)] = std::find(fav.begin(), fav.end(), c) != fav.end() ? 2.5 : 0.5;
            }
        }
        const double mean = std::accumulate(m.begin(), m.end(), 0.0) / genres;
        for (int g = 0; g < genres; ++g)
            genreRate[size_t(g)][size_t(c)]
                    = std::min(0.95, rates[size_t(c)] * m[size_t(g)] / mean);
    }

    // Artists: a genre and a constant offset each.
    const int artists = std::max(2, N / options.bagsPerArtist);
    std::vector<int> artistGenre(static_cast<size_t>(artists));
    std::vector<std::vector<double>> artistOffset(static_cast<size_t>(artists),
                                                  std::vector<double>(static_cast<size_t>(D)));
    for (int a = 0; a < artists; ++a) {
        artistGenre[size_t(a)] = rng.below(genres);
        for (double &x : artistOffset[size_t(a)])
            x = options.artistSpread * rng.gaussian();
    }
    const std::vector<int> artistOrder = rng.sample(artists, artists);
    const int testArtists
            = std::clamp(int(std::lround(options.testFraction * artists)), 1, artists - 1);
    std::vector<uint8_t> artistIsTest(static_cast<size_t>(artists), 0);
    for (int i = 0; i < testArtists; ++i)
        artistIsTest[size_t(artistOrder[size_t(i)])] = 1;

    PlantedBagData data;
    data.bags = N;
    data.instances = T;
    data.dim = D;
    data.classes = C;
    data.classNames = names;
    data.x.resize(size_t(N) * T * D);
    data.yTrue.assign(size_t(N) * C, 0.0f);
    data.yMask.assign(size_t(N) * C, 0);
    data.instanceTruth.assign(size_t(N) * T * C, 0);
    std::vector<double> instance(static_cast<size_t>(T) * D);
    std::vector<int> trainRows, testRows;
    for (int b = 0; b < N; ++b) {
        const int artist = rng.below(artists);
        const int genre = artistGenre[size_t(artist)];
        for (int t = 0; t < T; ++t) {
            for (int d = 0; d < D; ++d)
                instance[size_t(t) * D + d]
                        = rng.gaussian() + artistOffset[size_t(artist)][size_t(d)];
        }
        for (int c = 0; c < C; ++c) {
            if (rng.uniform() >= genreRate[size_t(genre)][size_t(c)])
                continue;
            data.yTrue[size_t(b) * C + c] = 1.0f;
            const int carriers = 1 + rng.below(std::min(options.maxEvidenceInstances, T));
            for (int t : rng.sample(T, carriers)) {
                data.instanceTruth[(size_t(b) * T + t) * C + c] = 1;
                const double amplitude = options.signal * (0.5 + rng.uniform());
                for (int d = 0; d < D; ++d)
                    instance[size_t(t) * D + d] += amplitude * proto[size_t(c)][size_t(d)];
            }
        }
        for (size_t i = 0; i < instance.size(); ++i) {
            const double q = std::round(128.0 + options.quantScale * instance[i]);
            data.x[size_t(b) * T * D + i] = uint8_t(std::clamp(q, 0.0, 255.0));
        }
        const QString key = QStringLiteral("%1_%2")
                                    .arg(b, 6, 10, QLatin1Char('0'))
                                    .arg(10 * rng.below(30) * 96);
        data.keys << key;
        if (artistIsTest[size_t(artist)]) {
            data.testKeys << key;
            testRows.push_back(b);
        } else {
            data.trainKeys << key;
            trainRows.push_back(b);
        }
    }

    // Observed labels: exactly round(fraction * cells) of each split, drawn uniformly.
    auto observe = [&](const std::vector<int> &rows, double fraction) {
        const int cells = int(rows.size()) * C;
        const int wanted = int(std::lround(fraction * cells));
        for (int cell : rng.sample(cells, wanted))
            data.yMask[size_t(rows[size_t(cell / C)]) * C + size_t(cell % C)] = 1;
    };
    if (options.labelledBagFraction >= 0.0) {
        const int wanted = int(std::lround(options.labelledBagFraction * double(trainRows.size())));
        for (int i : rng.sample(int(trainRows.size()), wanted))
            std::fill_n(data.yMask.begin() + ptrdiff_t(trainRows[size_t(i)]) * C, C, uint8_t(1));
    } else {
        observe(trainRows, options.observedFraction);
    }
    observe(testRows,
            options.testObservedFraction < 0 ? options.observedFraction
                                             : options.testObservedFraction);
    *out = std::move(data);
    return {};
}

NpzError PlantedBagGenerator::write(const QString &dir, const PlantedBagData &data,
                                    const PlantedBagOptions &options)
{
    const QDir d(dir);
    if (!QDir().mkpath(d.filePath(QStringLiteral("partitions"))))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot create").arg(dir));
    const int64_t N = data.bags, T = data.instances, D = data.dim, C = data.classes;
    std::vector<NpyArray> arrays;
    arrays.push_back(NpyArray::fromUint8(QStringLiteral("X"), {N, T, D}, data.x));
    std::vector<double> y(data.yTrue.begin(), data.yTrue.end());
    arrays.push_back(NpyArray::fromFloat64(QStringLiteral("Y_true"), {N, C}, y));
    arrays.push_back(NpyArray::fromBool(QStringLiteral("Y_mask"), {N, C}, data.yMask));
    arrays.push_back(NpyArray::fromStrings(QStringLiteral("sample_key"), data.keys));
    arrays.push_back(
            NpyArray::fromUint8(QStringLiteral("instance_truth"), {N, T, C}, data.instanceTruth));
    if (NpzError e = NpzArchive::write(d.filePath(OpenMicDataset::npzFileName()), arrays, false);
        !e.ok())
        return e;
    const QString split = QStringLiteral("split01");
    if (NpzError e
        = writeText(d.filePath(OpenMicDataset::partitionPath(split, QStringLiteral("train"))),
                    (data.trainKeys.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        !e.ok())
        return e;
    if (NpzError e
        = writeText(d.filePath(OpenMicDataset::partitionPath(split, QStringLiteral("test"))),
                    (data.testKeys.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        !e.ok())
        return e;
    QJsonObject classMap;
    for (int c = 0; c < data.classNames.size(); ++c)
        classMap[data.classNames.at(c)] = c;
    if (NpzError e = writeText(d.filePath(OpenMicDataset::classMapFileName()),
                               QJsonDocument(classMap).toJson());
        !e.ok())
        return e;

    // What was planted, for the record.
    QJsonObject info = options.toJson();
    QJsonArray rates;
    int64_t observed = 0;
    for (int64_t c = 0; c < C; ++c) {
        int64_t positives = 0;
        for (int64_t b = 0; b < N; ++b)
            positives += data.yTrue[size_t(b * C + c)] >= 0.5f ? 1 : 0;
        rates.append(double(positives) / double(std::max<int64_t>(N, 1)));
    }
    for (uint8_t m : data.yMask)
        observed += m ? 1 : 0;
    info[QStringLiteral("realised_positive_rates")] = rates;
    info[QStringLiteral("observed_labels")] = double(observed);
    info[QStringLiteral("train_bags")] = int(data.trainKeys.size());
    info[QStringLiteral("test_bags")] = int(data.testKeys.size());
    info[QStringLiteral("classes")] = QJsonArray::fromStringList(data.classNames);
    return writeText(d.filePath(QStringLiteral("planted.json")), QJsonDocument(info).toJson());
}

} // namespace timbre::datasets
