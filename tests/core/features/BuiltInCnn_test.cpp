// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in "cnn" extractor (docs/METHOD.md §2.3): the weights compiled into the program
// load and match their recorded hash; the registry lists it; extraction gives one 128-d row per
// 0.96 s patch, deterministically, and tells different sounds apart; a missing, corrupt or
// non-TorchScript weights file is refused with a message naming it; the shipped starter model
// is an ATT checkpoint over the cnn's features.
#include "core/audio/AudioEncoder.h"
#include "core/features/BuiltInCnn.h"
#include "core/features/ExtractorRegistry.h"
#include "core/features/TrackFeatureExtractor.h"
#include "models/api/Predictor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre;
using namespace timbre::features;

namespace {

// Mono 16 kHz: `seconds` of a harmonic tone at f0 with a slow tremolo.
std::vector<float> tone(double seconds, double f0, int harmonics)
{
    const int n = int(seconds * 16000);
    std::vector<float> x(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const double t = double(i) / 16000;
        double v = 0;
        for (int h = 1; h <= harmonics; ++h)
            v += std::sin(2 * M_PI * f0 * h * t) / h;
        x[size_t(i)] = float(0.2 * (1.0 + 0.3 * std::sin(2 * M_PI * 0.5 * t)) * v);
    }
    return x;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

double distance(const FeatureMatrix &a, int ra, const FeatureMatrix &b, int rb)
{
    double sum = 0;
    for (int k = 0; k < a.cols; ++k)
        sum += std::pow(double(a.row(ra)[k]) - b.row(rb)[k], 2);
    return std::sqrt(sum);
}

} // namespace

class BuiltInCnnTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_low = m_dir.filePath(QStringLiteral("low.wav"));
        m_high = m_dir.filePath(QStringLiteral("high.wav"));
        QVERIFY(!audio::AudioEncoder::write(m_low, tone(5.0, 110.0, 12), 1, 16000,
                                            audio::AudioFormat::Wav)
                         .isError());
        QVERIFY(!audio::AudioEncoder::write(m_high, tone(5.0, 1760.0, 2), 1, 16000,
                                            audio::AudioFormat::Wav)
                         .isError());
    }

    void shippedWeightsMatchTheirHash()
    {
        QString error;
        const QByteArray bytes = BuiltInCnn::readVerified(BuiltInCnn::weightsFile(),
                                                          BuiltInCnn::weightsHash(), &error);
        QVERIFY2(!bytes.isEmpty(), qPrintable(error));
        QCOMPARE(BuiltInCnn::hashOf(bytes), BuiltInCnn::weightsHash());
        QVERIFY(bytes.size() < 4 * 1024 * 1024); // "a few MB at most"
        QVERIFY(QFile::exists(BuiltInCnn::modelCardFile()));
    }

    void listedAsBuiltIn()
    {
        const ExtractorRegistry registry;
        const auto cnn = registry.find(QStringLiteral("cnn"));
        QVERIFY(cnn.has_value());
        QCOMPARE(cnn->kind, ExtractorSpec::Kind::BuiltIn);
        QCOMPARE(cnn->info.key(), QStringLiteral("cnn-v%1").arg(BuiltInCnn::kVersion));
        QCOMPARE(cnn->info.dimension, 128);
        QCOMPARE(cnn->weightsHash, BuiltInCnn::weightsHash());
        QVERIFY(cnn->runsModule());
        QVERIFY(!ExtractorRegistry::isValidId(QStringLiteral("cnn")));
        QCOMPARE(ExtractorRegistry::defaultId(), QStringLiteral("melstat"));
    }

    void extractsShapesDeterministically()
    {
        TrackFeatureExtractor extractor(ExtractorInfo::cnn());
        QVERIFY2(extractor.error().isEmpty(), qPrintable(extractor.error()));
        const FeatureMatrix low = extractor.extract(m_low);
        QVERIFY2(low.ok(), qPrintable(low.error.toString()));
        QCOMPARE(low.cols, 128);
        QCOMPARE(low.rows, 5); // 5 s -> 5 whole 0.96 s patches
        QCOMPARE(extractor.extractorKey(), QStringLiteral("cnn-v%1").arg(BuiltInCnn::kVersion));
        for (float v : low.values)
            QVERIFY(std::isfinite(v));
        // Same file, same numbers: again, and from another extractor instance.
        const FeatureMatrix again = extractor.extract(m_low);
        QCOMPARE(again.values, low.values);
        TrackFeatureOptions small;
        small.batchPatches = 2; // batching does not change the numbers
        const FeatureMatrix other
                = TrackFeatureExtractor(ExtractorInfo::cnn(), small).extract(m_low);
        QCOMPARE(other.rows, low.rows);
        for (size_t k = 0; k < low.values.size(); ++k)
            QVERIFY(std::abs(other.values[k] - low.values[k]) < 1e-4f);
        // A bass tone and a high whistle are further apart than two seconds of the bass tone.
        const FeatureMatrix high = extractor.extract(m_high);
        QCOMPARE(high.rows, 5);
        QVERIFY(distance(low, 1, high, 1) > 2.0 * distance(low, 1, low, 2));
    }

    void missingWeightsNamed()
    {
        ExtractorSpec spec = ExtractorSpec::builtIn(ExtractorInfo::cnn());
        spec.modelFile = m_dir.filePath(QStringLiteral("gone/cnn-v1.pt"));
        TrackFeatureExtractor extractor(spec);
        QVERIFY(extractor.error().startsWith(spec.modelFile + QStringLiteral(": no such file")));
        const FeatureMatrix m = extractor.extract(m_low);
        QVERIFY(!m.ok());
        QVERIFY(m.error.toString().contains(spec.modelFile));
        QCOMPARE(m.rows, 0);
    }

    void corruptWeightsNamed()
    {
        QString error;
        QByteArray bytes = BuiltInCnn::readVerified(BuiltInCnn::weightsFile(), {}, &error);
        QVERIFY(!bytes.isEmpty());
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
        ExtractorSpec spec = ExtractorSpec::builtIn(ExtractorInfo::cnn());
        spec.modelFile = m_dir.filePath(QStringLiteral("flipped.pt"));
        QVERIFY(writeFile(spec.modelFile, bytes));
        TrackFeatureExtractor flipped(spec);
        QVERIFY2(flipped.error().startsWith(spec.modelFile + QStringLiteral(": weights hash ")),
                 qPrintable(flipped.error()));
        QVERIFY(flipped.error().contains(BuiltInCnn::weightsHash()));

        // A file whose hash is as recorded but which is no TorchScript module.
        spec.modelFile = m_dir.filePath(QStringLiteral("garbage.pt"));
        const QByteArray garbage("not a module at all");
        QVERIFY(writeFile(spec.modelFile, garbage));
        spec.weightsHash = BuiltInCnn::hashOf(garbage);
        TrackFeatureExtractor notModule(spec);
        QVERIFY2(notModule.error().startsWith(spec.modelFile
                                              + QStringLiteral(": not a TorchScript module")),
                 qPrintable(notModule.error()));
        QVERIFY(!notModule.extract(m_low).ok());
    }

    void starterModelIsAnAttHeadOverCnn()
    {
        QString error;
        const QByteArray bytes
                = BuiltInCnn::readVerified(BuiltInCnn::starterModelFile(), {}, &error);
        QVERIFY2(!bytes.isEmpty(), qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("starter.ckpt"));
        QVERIFY(writeFile(path, bytes));
        models::CheckpointInfo info;
        models::ModelError why;
        QVERIFY2(models::Predictor::readInfo(path.toStdString(), &info, &why), why.message.c_str());
        QCOMPARE(info.kind, std::string("att"));
        QCOMPARE(info.extractorId, std::string("cnn"));
        QCOMPARE(info.extractorVersion, BuiltInCnn::kVersion);
        QCOMPARE(info.featureDim, BuiltInCnn::kDimension);
        QCOMPARE(int(info.classNames.size()), 20);
        QCOMPARE(info.classNames.front(), std::string("accordion"));
    }

private:
    QTemporaryDir m_dir;
    QString m_low;
    QString m_high;
};

QTEST_GUILESS_MAIN(BuiltInCnnTest)
#include "BuiltInCnn_test.moc"
