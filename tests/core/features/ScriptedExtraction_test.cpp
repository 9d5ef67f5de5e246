// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file extraction through TrackFeatureExtractor with each kind of extractor: melstat
// through its spec (as before), a TorchScript module (the band-mean projection of
// tests/support/BandMeanLinear.h, so every value can be computed by hand from melstat's band
// means), VGGish post-processing with a tiny PCA file, batching that does not change the
// numbers, and bad modules refused with the .pt named.
#include "core/audio/AudioEncoder.h"
#include "core/features/ExtractorRegistry.h"
#include "core/features/TrackFeatureExtractor.h"
#include "support/BandMeanLinear.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace timbre;
using namespace timbre::features;

namespace {

QString makeModule(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TIMBRE_MAKE_SCRIPTED_MODULE), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QStringLiteral("make_scripted_module %1 failed: %2")
                .arg(arguments.join(QLatin1Char(' ')),
                     QString::fromUtf8(process.readAllStandardError()));
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Mono 16 kHz: a chirp from 200 Hz to 4 kHz plus a slow tremolo, so that every patch and band
// differs.
std::vector<float> chirp(double seconds)
{
    const int n = int(seconds * 16000);
    std::vector<float> x(static_cast<size_t>(n));
    double phase = 0;
    for (int i = 0; i < n; ++i) {
        const double t = double(i) / 16000;
        const double f = 200.0 + 3800.0 * t / seconds;
        phase += 2 * M_PI * f / 16000;
        x[size_t(i)] = float(0.3 * (1.0 + 0.5 * std::sin(2 * M_PI * 0.7 * t)) * std::sin(phase));
    }
    return x;
}

constexpr int kDim = 6;

// A 4 x 6 PCA whose components reach past [-2, 2] on this audio, so that clipping shows.
struct Pca
{
    double eigen[4][kDim];
    double means[kDim];
};

Pca tinyPca()
{
    Pca pca {};
    for (int k = 0; k < 4; ++k)
        for (int i = 0; i < kDim; ++i)
            pca.eigen[k][i] = (k == 3 ? 40.0 : 3.0) * std::cos(0.9 * k + 0.4 * i);
    for (int i = 0; i < kDim; ++i)
        pca.means[i] = -0.2 + 0.05 * i;
    return pca;
}

QByteArray pcaJson(const Pca &pca)
{
    QByteArray json = "{\"pca_eigen_vectors\": [";
    for (int k = 0; k < 4; ++k) {
        json += k ? ", [" : "[";
        for (int i = 0; i < kDim; ++i)
            json += (i ? ", " : "") + QByteArray::number(pca.eigen[k][i], 'g', 17);
        json += "]";
    }
    json += "], \"pca_means\": [";
    for (int i = 0; i < kDim; ++i)
        json += (i ? ", " : "") + QByteArray::number(pca.means[i], 'g', 17);
    return json + "]}";
}

} // namespace

class ScriptedExtractionTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_wav, m_library;
    ExtractorSpec m_bandMean, m_withPca;

    static bool sameValues(const FeatureMatrix &a, const FeatureMatrix &b, float tolerance = 0)
    {
        if (a.rows != b.rows || a.cols != b.cols || a.values.size() != b.values.size())
            return false;
        for (size_t i = 0; i < a.values.size(); ++i)
            if (std::abs(a.values[i] - b.values[i]) > tolerance)
                return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // 10.5 s: 1048 frames, 10 whole patches and 88 frames left over.
        m_wav = m_dir.filePath(QStringLiteral("chirp.wav"));
        const audio::AudioError error
                = audio::AudioEncoder::write(m_wav, chirp(10.5), 1, 16000, audio::AudioFormat::Wav);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));

        m_library = m_dir.filePath(QStringLiteral("library"));
        const QString pt = m_dir.filePath(QStringLiteral("band-mean.pt"));
        QString problem = makeModule({QStringLiteral("band-mean"), pt, QString::number(kDim)});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString pca = m_dir.filePath(QStringLiteral("pca.json"));
        QVERIFY(writeFile(pca, pcaJson(tinyPca())));
        auto spec = ExtractorRegistry::addTorchScript(m_library, QStringLiteral("band-mean"), pt,
                                                      QString(), &problem);
        QVERIFY2(spec, qPrintable(problem));
        m_bandMean = *spec;
        spec = ExtractorRegistry::addTorchScript(m_library, QStringLiteral("band-mean-pca"), pt,
                                                 pca, &problem);
        QVERIFY2(spec, qPrintable(problem));
        m_withPca = *spec;
        QCOMPARE(m_withPca.info.dimension, 4);
    }

    void melstatThroughItsSpec()
    {
        const auto melstat = ExtractorRegistry(m_library).find(QStringLiteral("melstat"));
        QVERIFY(melstat.has_value());
        TrackFeatureExtractor bySpec(*melstat);
        QVERIFY(bySpec.error().isEmpty());
        const FeatureMatrix a = bySpec.extract(m_wav);
        const FeatureMatrix b = TrackFeatureExtractor().extract(m_wav);
        QVERIFY2(a.ok(), qPrintable(a.error.toString()));
        QCOMPARE(a.rows, 10);
        QCOMPARE(a.cols, 128);
        QVERIFY(sameValues(a, b));
        QVERIFY(sameValues(a, bySpec.extract(m_wav))); // deterministic, buffers reused
    }

    void bandMeanProjectionOfEachPatch()
    {
        TrackFeatureExtractor extractor(m_bandMean);
        QVERIFY2(extractor.error().isEmpty(), qPrintable(extractor.error()));
        QCOMPARE(extractor.extractorKey(), QStringLiteral("band-mean-v1"));
        const FeatureMatrix m = extractor.extract(m_wav);
        QVERIFY2(m.ok(), qPrintable(m.error.toString()));
        QCOMPARE(m.rows, 10);
        QCOMPARE(m.cols, kDim);
        QCOMPARE(m.values.size(), size_t(10 * kDim));
        QVERIFY(std::abs(m.durationSeconds - 10.5) < 1e-3);

        // By hand: melstat's first 64 columns are the band means of the same patches.
        const FeatureMatrix melstat = TrackFeatureExtractor().extract(m_wav);
        QCOMPARE(melstat.rows, 10);
        for (int r = 0; r < 10; ++r)
            for (int j = 0; j < kDim; ++j) {
                const float expected = timbre::testing::bandMeanLinear(melstat.row(r), j);
                QVERIFY2(std::abs(m.row(r)[j] - expected) < 1e-4f,
                         qPrintable(QStringLiteral("row %1, column %2: %3 vs %4")
                                            .arg(r)
                                            .arg(j)
                                            .arg(m.row(r)[j])
                                            .arg(expected)));
            }
        // The rows differ (the chirp moves through the bands).
        QVERIFY(std::abs(m.row(0)[1] - m.row(9)[1]) > 1e-3f);

        // Deterministic, and independent of the batch size (4 patches per call: 3 batches).
        QVERIFY(sameValues(m, extractor.extract(m_wav)));
        TrackFeatureOptions small;
        small.batchPatches = 4;
        small.blockFrames = 1000;
        QVERIFY(sameValues(m, TrackFeatureExtractor(m_bandMean, small).extract(m_wav), 1e-6f));

        // A padded last patch: the 11th row is the projection of melstat's padded patch.
        TrackFeatureOptions padded;
        padded.lastPatch = dsp::InstancePatcher::LastPatch::PadRepeatEdge;
        padded.batchPatches = 3;
        const FeatureMatrix p = TrackFeatureExtractor(m_bandMean, padded).extract(m_wav);
        const FeatureMatrix melstatPadded
                = TrackFeatureExtractor(ExtractorInfo::melstat(), padded).extract(m_wav);
        QCOMPARE(p.rows, 11);
        QCOMPARE(melstatPadded.rows, 11);
        for (int j = 0; j < kDim; ++j)
            QVERIFY(std::abs(p.row(10)[j]
                             - timbre::testing::bandMeanLinear(melstatPadded.row(10), j))
                    < 1e-4f);
        QVERIFY(std::equal(m.values.begin(), m.values.end(), p.values.begin(),
                           [](float a, float b) { return std::abs(a - b) < 1e-6f; }));

        // A region shorter than a patch gives no instance (Drop) rather than an error.
        TrackFeatureOptions region;
        region.startSeconds = 2.0;
        region.endSeconds = 2.5;
        const FeatureMatrix none = TrackFeatureExtractor(m_bandMean, region).extract(m_wav);
        QVERIFY(none.ok());
        QCOMPARE(none.rows, 0);
        QCOMPARE(none.cols, kDim);
    }

    void vggishPostprocessing()
    {
        TrackFeatureExtractor extractor(m_withPca);
        QVERIFY2(extractor.error().isEmpty(), qPrintable(extractor.error()));
        const FeatureMatrix m = extractor.extract(m_wav);
        QVERIFY2(m.ok(), qPrintable(m.error.toString()));
        QCOMPARE(m.rows, 10);
        QCOMPARE(m.cols, 4);
        const FeatureMatrix raw = TrackFeatureExtractor(m_bandMean).extract(m_wav);
        const Pca pca = tinyPca();
        int clippedLow = 0, clippedHigh = 0;
        for (int r = 0; r < 10; ++r)
            for (int k = 0; k < 4; ++k) {
                double y = 0;
                for (int i = 0; i < kDim; ++i)
                    y += pca.eigen[k][i] * (double(raw.row(r)[i]) - pca.means[i]);
                clippedLow += y < -2;
                clippedHigh += y > 2;
                y = std::clamp(y, -2.0, 2.0);
                const float expected = float(std::floor((y + 2.0) * 255.0 / 4.0)) / 255.0f;
                const float value = m.row(r)[k];
                QVERIFY2(std::abs(value - expected) < 1e-6f,
                         qPrintable(QStringLiteral("row %1, component %2: %3 vs %4")
                                            .arg(r)
                                            .arg(k)
                                            .arg(value)
                                            .arg(expected)));
                // OpenMIC's domain: a uint8 times 1/255.
                const float level = value * 255.0f;
                QVERIFY(std::abs(level - std::round(level)) < 1e-3f);
                QVERIFY(value >= 0.0f && value <= 1.0f);
            }
        QVERIFY2(clippedLow > 0 && clippedHigh > 0,
                 qPrintable(QStringLiteral("%1 low, %2 high").arg(clippedLow).arg(clippedHigh)));
        QVERIFY(sameValues(m, extractor.extract(m_wav)));
    }

    void badModulesRefused()
    {
        const QString wrongShape = m_dir.filePath(QStringLiteral("wrong-shape.pt"));
        QString problem = makeModule({QStringLiteral("wrong-shape"), wrongShape});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.pt"));
        QVERIFY(writeFile(garbage, QByteArray(1000, '\x07')));

        ExtractorSpec spec = m_bandMean;
        const QList<QPair<QString, QString>> cases = {
                {wrongShape, QStringLiteral("output shape [2, 7, 3] does not fit")},
                {garbage, QStringLiteral("not a TorchScript module")},
                {m_dir.filePath(QStringLiteral("gone.pt")), QStringLiteral("no such file")},
        };
        for (const auto &[file, expected] : cases) {
            spec.modelFile = file;
            TrackFeatureExtractor extractor(spec);
            QVERIFY2(extractor.error().startsWith(file + QStringLiteral(": ")),
                     qPrintable(extractor.error()));
            QVERIFY2(extractor.error().contains(expected), qPrintable(extractor.error()));
            const FeatureMatrix m = extractor.extract(m_wav);
            QVERIFY(!m.ok());
            QCOMPARE(m.rows, 0);
            QVERIFY(m.values.empty());
            QVERIFY2(m.error.toString().contains(file), qPrintable(m.error.toString()));
            // The front end alone still works.
            QCOMPARE(extractor.logMel(m_wav).rows, 1048);
        }

        // A module whose width no longer matches its registration.
        spec = m_bandMean;
        spec.info.dimension = kDim + 1;
        TrackFeatureExtractor swapped(spec);
        QVERIFY2(swapped.error().contains(QStringLiteral("gives 6-d features but extractor "
                                                         "band-mean-v1 is registered as 7-d")),
                 qPrintable(swapped.error()));
        QVERIFY(!swapped.extract(m_wav).ok());

        // A PCA file that went bad after registration.
        spec = m_withPca;
        spec.postprocessFile = m_dir.filePath(QStringLiteral("missing-pca.json"));
        TrackFeatureExtractor noPca(spec);
        QVERIFY2(noPca.error().startsWith(spec.postprocessFile + QStringLiteral(": no such PCA")),
                 qPrintable(noPca.error()));
    }
};

QTEST_GUILESS_MAIN(ScriptedExtractionTest)
#include "ScriptedExtraction_test.moc"
