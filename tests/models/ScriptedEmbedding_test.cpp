// SPDX-License-Identifier: GPL-3.0-or-later
// TorchScript extractors through the public ScriptedEmbedding: modules built and saved here,
// loaded through the api; values equal to the projection computed by hand, deterministic and
// independent of the batch size; wrong shapes, wrong types and files that are not modules
// refused with messages naming the file.
#include "models/api/ScriptedEmbedding.h"
#include "support/ScriptedModules.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using timbre::models::ScriptedEmbedding;
namespace fixtures = timbre::testing;

namespace {

constexpr int kPatch = ScriptedEmbedding::kFrames * ScriptedEmbedding::kBands;

// count patches of log-mel-like values that differ per patch, frame and band.
std::vector<float> patches(int count)
{
    std::vector<float> x(size_t(count) * kPatch);
    for (int p = 0; p < count; ++p)
        for (int f = 0; f < 96; ++f)
            for (int b = 0; b < 64; ++b)
                x[size_t(p) * kPatch + size_t(f) * 64 + size_t(b)]
                        = float(std::sin(0.7 * p + 0.05 * f * (b % 5) + 0.11 * b) * 3.0 - 1.0);
    return x;
}

// The band means of patch p (over its 96 frames), as the module's torch.mean(x, [2]).
std::vector<float> bandMeans(const std::vector<float> &x, int p)
{
    std::vector<float> means(64);
    for (int b = 0; b < 64; ++b) {
        double sum = 0;
        for (int f = 0; f < 96; ++f)
            sum += x[size_t(p) * kPatch + size_t(f) * 64 + size_t(b)];
        means[size_t(b)] = float(sum / 96.0);
    }
    return means;
}

} // namespace

class ScriptedEmbeddingTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    std::string path(const char *name)
    {
        return dir.filePath(QString::fromLatin1(name)).toStdString();
    }

    // Loads `file`, expecting a refusal; returns the message.
    QString refusal(const std::string &file)
    {
        timbre::models::ModelError error;
        const auto embedding = ScriptedEmbedding::load(file, &error);
        if (embedding)
            return QStringLiteral("<loaded>");
        return QString::fromStdString(error.message);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir.isValid()); }

    void bandMeanProjection()
    {
        const std::string file = path("band-mean.pt");
        fixtures::bandMeanLinearModule(5).save(file);
        timbre::models::ModelError error;
        const auto embedding = ScriptedEmbedding::load(file, &error);
        QVERIFY2(embedding, error.message.c_str());
        QCOMPARE(embedding->dimension(), 5);
        QCOMPARE(embedding->path(), file);

        const std::vector<float> x = patches(7);
        std::vector<float> out = {42.0f}; // embed appends
        QVERIFY2(embedding->embed(x.data(), 7, out, &error), error.message.c_str());
        QCOMPARE(out.size(), size_t(1 + 7 * 5));
        QCOMPARE(out[0], 42.0f);
        for (int p = 0; p < 7; ++p) {
            const std::vector<float> means = bandMeans(x, p);
            for (int j = 0; j < 5; ++j) {
                const float expected = fixtures::bandMeanLinear(means.data(), j);
                QVERIFY2(std::abs(out[1 + size_t(p) * 5 + size_t(j)] - expected) < 1e-5f,
                         qPrintable(QStringLiteral("patch %1, column %2: %3 vs %4")
                                            .arg(p)
                                            .arg(j)
                                            .arg(out[1 + size_t(p) * 5 + size_t(j)])
                                            .arg(expected)));
            }
        }
        // Deterministic, and a patch's features do not depend on its batch.
        std::vector<float> again;
        QVERIFY(embedding->embed(x.data(), 7, again));
        QVERIFY(std::equal(again.begin(), again.end(), out.begin() + 1));
        std::vector<float> single;
        for (int p = 0; p < 7; ++p)
            QVERIFY(embedding->embed(x.data() + size_t(p) * kPatch, 1, single));
        QCOMPARE(single.size(), again.size());
        for (size_t i = 0; i < single.size(); ++i)
            QVERIFY(std::abs(single[i] - again[i]) < 1e-6f);
        // Nothing to embed is not an error.
        std::vector<float> none;
        QVERIFY(embedding->embed(x.data(), 0, none));
        QVERIFY(none.empty());
    }

    void wrongOutputShapeRefused()
    {
        const std::string file = path("wrong-shape.pt");
        fixtures::wrongShapeModule().save(file);
        const QString error = refusal(file);
        QVERIFY2(error.startsWith(QString::fromStdString(file) + QStringLiteral(": ")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("output shape [2, 7, 3] does not fit: an "
                                               "extractor must return [batch, D]")),
                 qPrintable(error));
    }

    void otherOutputsRefused()
    {
        const std::string tuple = path("tuple.pt");
        fixtures::tupleModule().save(tuple);
        QString error = refusal(tuple);
        QVERIFY2(error.startsWith(QString::fromStdString(tuple)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not a tensor")), qPrintable(error));

        const std::string integer = path("integer.pt");
        fixtures::integerModule().save(integer);
        error = refusal(integer);
        QVERIFY2(error.startsWith(QString::fromStdString(integer)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not floating point")), qPrintable(error));

        const std::string input = path("wrong-input.pt");
        fixtures::wrongInputModule().save(input);
        error = refusal(input);
        QVERIFY2(error.startsWith(QString::fromStdString(input)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("forward fails on a [2, 1, 96, 64] log-mel "
                                               "batch")),
                 qPrintable(error));
    }

    void notAModuleRefused()
    {
        const std::string garbage = path("garbage.pt");
        QFile file(QString::fromStdString(garbage));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x').prepend("PK\x03\x04 not really a zip"));
        file.close();
        QString error = refusal(garbage);
        QVERIFY2(error.startsWith(QString::fromStdString(garbage)
                                  + QStringLiteral(": not a "
                                                   "TorchScript "
                                                   "module")),
                 qPrintable(error));

        const std::string empty = path("empty.pt");
        QVERIFY(QFile(QString::fromStdString(empty)).open(QIODevice::WriteOnly));
        error = refusal(empty);
        QVERIFY2(error.startsWith(QString::fromStdString(empty) + QStringLiteral(": not a")),
                 qPrintable(error));

        const std::string missing = path("missing.pt");
        error = refusal(missing);
        QVERIFY2(error.startsWith(QString::fromStdString(missing)
                                  + QStringLiteral(": no such "
                                                   "file")),
                 qPrintable(error));
        // No error pointer: still no exception, just nullptr.
        QVERIFY(!ScriptedEmbedding::load(garbage, nullptr));
    }
};

QTEST_GUILESS_MAIN(ScriptedEmbeddingTest)
#include "ScriptedEmbedding_test.moc"
