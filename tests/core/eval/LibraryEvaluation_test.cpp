// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/eval/LibraryEvaluation.h"
#include "core/eval/LibraryEvaluationTable.h"
#include "core/modelling/ModelRunner.h"
#include "core/features/FeatureFileReader.h"

#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace timbre;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

namespace {

constexpr int kTracks = 240;
constexpr int kShadowColumn = 5; // not a planted instrument's column
constexpr float kSignal = 5.0f;

// Rewrites every track's cached features through `edit(track index, matrix)`, as a new
// extraction would (file and feature_set row).
QString rewriteFeatures(const library::Library &lib, const testing::PlantedLibrary &planted,
                        const std::function<void(int, features::FeatureMatrix &)> &edit)
{
    const features::ExtractorInfo info = features::ExtractorInfo::melstat();
    const features::FeatureStore store(lib.featuresPath());
    for (int t = 0; t < planted.trackIds.size(); ++t) {
        const qint64 track = planted.trackIds.at(t);
        const QString relative = features::FeatureStore::relativePath(track, info.key());
        features::FeatureFileReader reader;
        const features::FeatureFileError opened = reader.open(store.absolutePath(relative));
        if (opened.isError())
            return opened.message;
        features::FeatureMatrix m = reader.toMatrix();
        reader.close();
        edit(t, m);
        const features::SourceStamp stamp {1000 + t, 1000, QByteArray::number(t)};
        features::FeatureFileHeader header;
        const features::FeatureFileError written = store.write(
                track, info, m, 0.96, stamp, features::FeatureEncoding::Float16, &header);
        if (written.isError())
            return written.message;
        library::FeatureSetRecord set;
        set.trackId = track;
        set.extractorId = info.id;
        set.extractorVersion = info.version;
        set.instanceHopS = 0.96;
        set.instanceCount = m.rows;
        set.dimension = m.cols;
        set.file = relative;
        set.checksum = header.checksumHex();
        set.contentHash = stamp.contentHash;
        auto row = lib.featureSets().upsert(set);
        if (!row)
            return row.error().message;
    }
    return {};
}

void addOnEvenRows(features::FeatureMatrix &m, int column, float value)
{
    for (int i = 0; i < m.rows; i += 2)
        m.values[size_t(i) * size_t(m.cols) + size_t(column)] += value;
}

bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class LibraryEvaluationTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;
    testing::TrainedLibraryModel m_a, m_b;
    QSet<qint64> m_plantedDisagreement; // test clips where A and B must disagree on instrument 0
    eval::LibraryEvaluation m_eval;

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = lib.take();
        testing::PlantedLibraryOptions o;
        o.tracks = kTracks;
        o.testFraction = 0.25;
        o.signal = kSignal;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));

        // A learns instrument 0 from column 0 (as planted).
        m_a = testing::trainLibraryModel(*m_lib, {QStringLiteral("a"), "att", 40, 3e-3, 1, true});
        QVERIFY2(m_a.error.isEmpty(), qPrintable(m_a.error));
        // B learns it from the shadow column: the signal moved there while B trains.
        QString e = rewriteFeatures(*m_lib, m_planted, [this](int t, features::FeatureMatrix &m) {
            if (m_planted.truth[size_t(t)][0]) {
                addOnEvenRows(m, 0, -kSignal);
                addOnEvenRows(m, kShadowColumn, kSignal);
            }
        });
        QVERIFY2(e.isEmpty(), qPrintable(e));
        m_b = testing::trainLibraryModel(*m_lib, {QStringLiteral("b"), "att", 40, 3e-3, 2, false});
        QVERIFY2(m_b.error.isEmpty(), qPrintable(m_b.error));
        // Both columns carry the signal again, so A and B agree, except on three test clips
        // with instrument 0 where the shadow column stays empty: A says present, B absent.
        const int testFrom = kTracks - kTracks / 4;
        QList<int> disagree;
        for (int t = testFrom; t < kTracks && disagree.size() < 3; ++t)
            if (m_planted.truth[size_t(t)][0])
                disagree << t;
        QCOMPARE(disagree.size(), 3);
        for (int t : disagree)
            m_plantedDisagreement.insert(m_planted.clipIds.at(t));
        e = rewriteFeatures(*m_lib, m_planted, [&disagree](int t, features::FeatureMatrix &m) {
            if (disagree.contains(t))
                addOnEvenRows(m, kShadowColumn, -kSignal);
        });
        QVERIFY2(e.isEmpty(), qPrintable(e));
        e = rewriteFeatures(*m_lib, m_planted, [this](int t, features::FeatureMatrix &m) {
            if (m_planted.truth[size_t(t)][0])
                addOnEvenRows(m, 0, kSignal);
        });
        QVERIFY2(e.isEmpty(), qPrintable(e));

        eval::LibraryEvaluationOptions options;
        options.modelIds = {m_a.id, m_b.id};
        options.disagreements = 10;
        m_eval = eval::LibraryEvaluator::evaluate(*m_lib, options);
        QVERIFY2(m_eval.ok(), qPrintable(m_eval.error));
    }

    void evaluatesTheTestClipsOfEveryModel()
    {
        QCOMPARE(m_eval.clipIds.size(), kTracks / 4);
        QCOMPARE(int(m_eval.models.size()), 2);
        QCOMPARE(m_eval.models[0].modelId, m_a.id);
        QCOMPARE(m_eval.models[1].modelId, m_b.id);
        const auto taxonomy = *m_lib->taxonomy().keys();
        for (const eval::ModelEvaluation &m : m_eval.models) {
            QCOMPARE(m.classKeys, taxonomy);
            QCOMPARE(int(m.scores.size()), m_eval.clipIds.size() * int(taxonomy.size()));
            QCOMPARE(m.report.bags, qint64(m_eval.clipIds.size()));
            // Every planted instrument has labels on every test clip.
            QCOMPARE(m.report.instrumentsWithLabels, 4);
        }
        QVERIFY(m_eval.models[0].report.auroc > 0.9);
        // No activity regions in this library: one empty localisation table per model.
        QCOMPARE(m_eval.localisation.size(), m_eval.models.size());
        for (const auto &table : m_eval.localisation)
            QVERIFY(table.empty());
        QVERIFY(m_eval.localisationNote.contains(QStringLiteral("strong labels")));
    }

    void numbersAreThoseOfTimbreEvaluate()
    {
        datasets::LibraryBagOptions testClips;
        testClips.clips = datasets::LibraryBagOptions::Clips::Test;
        const datasets::LibraryBags bags
                = datasets::LibraryBags::load(*m_lib, QStringLiteral("melstat-v1"), testClips);
        QVERIFY(bags.ok());
        QCOMPARE(bags.clipIds, m_eval.clipIds);
        for (size_t k = 0; k < 2; ++k) {
            modelling::RunData data;
            data.test = &bags.bags;
            const QString checkpoint = k == 0 ? m_a.checkpoint : m_b.checkpoint;
            const QByteArray before = fileBytes(checkpoint);
            const modelling::RunOutcome runner = modelling::ModelRunner::evaluate(checkpoint, data);
            QVERIFY2(runner.ok, qPrintable(runner.error));
            // Evaluating leaves the model file as it was (a registered model's bytes are its
            // identity; `timbre evaluate` used to write its metrics into it).
            QVERIFY(!before.isEmpty());
            QVERIFY(fileBytes(checkpoint) == before);
            const eval::MetricsReport &mine = m_eval.models[k].report;
            QCOMPARE(modelling::ModelRunner::summaryLine(mine),
                     modelling::ModelRunner::summaryLine(runner.test));
            QVERIFY(sameNumber(mine.precision, runner.test.precision));
            QVERIFY(sameNumber(mine.recall, runner.test.recall));
            QVERIFY(sameNumber(mine.f1, runner.test.f1));
            QVERIFY(sameNumber(mine.auroc, runner.test.auroc));
            QVERIFY(sameNumber(mine.meanAveragePrecision, runner.test.meanAveragePrecision));
            QCOMPARE(mine.instruments.size(), runner.test.instruments.size());
            for (size_t i = 0; i < mine.instruments.size(); ++i) {
                const eval::InstrumentMetrics &x = mine.instruments[i];
                const eval::InstrumentMetrics &y = runner.test.instruments[i];
                QCOMPARE(x.name, y.name);
                QCOMPARE(x.truePositives, y.truePositives);
                QCOMPARE(x.falsePositives, y.falsePositives);
                QVERIFY(sameNumber(x.f1, y.f1));
                QVERIFY(sameNumber(x.auroc, y.auroc));
                QVERIFY(sameNumber(x.averagePrecision, y.averagePrecision));
            }
        }
    }

    void rocCurvesAreMonotoneFromOriginToOne()
    {
        int curves = 0;
        for (const eval::ModelEvaluation &m : m_eval.models) {
            QCOMPARE(m.roc.size(), m.report.instruments.size());
            for (size_t i = 0; i < m.roc.size(); ++i) {
                const eval::RocCurve &roc = m.roc[i];
                QCOMPARE(roc.instrument, m.report.instruments[i].name);
                if (std::isnan(m.report.instruments[i].auroc)) {
                    QVERIFY(roc.fpr.empty());
                    continue;
                }
                ++curves;
                QVERIFY(roc.fpr.size() >= 2);
                QCOMPARE(roc.fpr.size(), roc.tpr.size());
                QCOMPARE(roc.fpr.front(), 0.0);
                QCOMPARE(roc.tpr.front(), 0.0);
                QCOMPARE(roc.fpr.back(), 1.0);
                QCOMPARE(roc.tpr.back(), 1.0);
                double area = 0;
                for (size_t p = 1; p < roc.fpr.size(); ++p) {
                    QVERIFY(roc.fpr[p] >= roc.fpr[p - 1]);
                    QVERIFY(roc.tpr[p] >= roc.tpr[p - 1]);
                    area += (roc.fpr[p] - roc.fpr[p - 1]) * (roc.tpr[p] + roc.tpr[p - 1]) / 2;
                }
                // The trapezoids under the points are the Mann-Whitney AUROC.
                QVERIFY(std::abs(area - m.report.instruments[i].auroc) < 1e-9);
            }
        }
        QVERIFY(curves >= 6);
        // Ties are one point.
        const eval::RocCurve tied = eval::LibraryEvaluator::rocCurve({0.5f, 0.5f, 0.2f}, {1, 0, 0});
        QCOMPARE(int(tied.fpr.size()), 3);
        QCOMPARE(tied.fpr[1], 0.5);
        QCOMPARE(tied.tpr[1], 1.0);
    }

    void disagreementNamesThePlantedClips()
    {
        const QString first = m_planted.instrumentKeys.at(0);
        QCOMPARE(int(m_eval.disagreements.size()), 10);
        for (size_t i = 1; i < m_eval.disagreements.size(); ++i)
            QVERIFY(m_eval.disagreements[i - 1].difference >= m_eval.disagreements[i].difference);
        QSet<qint64> top;
        for (int i = 0; i < 3; ++i) {
            const eval::Disagreement &d = m_eval.disagreements[size_t(i)];
            top.insert(d.clipId);
            QCOMPARE(d.instrument, first);
            QVERIFY2(d.scoreA > 0.5f && d.scoreB < 0.5f,
                     qPrintable(QStringLiteral("%1 %2").arg(d.scoreA).arg(d.scoreB)));
            QCOMPARE(d.label, 1);
            QVERIFY(d.trackPath.startsWith(QStringLiteral("/planted/track")));
            QCOMPARE(d.difference, std::abs(double(d.scoreA) - double(d.scoreB)));
        }
        QCOMPARE(top, m_plantedDisagreement);

        const auto taxonomy = *m_lib->taxonomy().keys();
        QCOMPARE(int(m_eval.disagreementsByInstrument.size()), int(taxonomy.size()));
        const std::vector<eval::Disagreement> &byFirst = m_eval.disagreementsByInstrument[0];
        QSet<qint64> topFirst;
        for (int i = 0; i < 3; ++i)
            topFirst.insert(byFirst[size_t(i)].clipId);
        QCOMPARE(topFirst, m_plantedDisagreement);
        for (size_t i = 1; i < byFirst.size(); ++i)
            QVERIFY(byFirst[i - 1].difference >= byFirst[i].difference);
    }

    void tableShowsBothModelsSideBySide()
    {
        eval::LibraryEvaluationTable table;
        table.setEvaluation(m_eval);
        const int instruments = int(m_eval.models[0].report.instruments.size());
        QCOMPARE(table.rowCount(), instruments + 1);
        using T = eval::LibraryEvaluationTable;
        const QModelIndex f1a = table.index(0, T::column(T::F1, T::SideA));
        const QModelIndex f1b = table.index(0, T::column(T::F1, T::SideB));
        const QModelIndex f1d = table.index(0, T::column(T::F1, T::SideDifference));
        const double a = m_eval.models[0].report.instruments[0].f1;
        const double b = m_eval.models[1].report.instruments[0].f1;
        QCOMPARE(table.data(f1a, Qt::UserRole).toDouble(), a);
        QCOMPARE(table.data(f1b, Qt::UserRole).toDouble(), b);
        QCOMPARE(table.data(f1d, Qt::UserRole).toDouble(), b - a);
        QCOMPARE(table.data(f1a).toString(), QString::number(100 * a, 'f', 2));
        QCOMPARE(table.data(table.index(0, 0)).toString(), m_planted.instrumentKeys.at(0));
        QVERIFY(table.headerData(T::column(T::Auroc, T::SideB), Qt::Horizontal)
                        .toString()
                        .contains(QStringLiteral("b")));
        // An instrument without labels shows a dash, and the last row is the overall one.
        QCOMPARE(table.data(table.index(instruments - 1, T::column(T::F1, T::SideA))).toString(),
                 QStringLiteral("—"));
        QCOMPARE(table.data(table.index(instruments, T::column(T::Auroc, T::SideA)), Qt::UserRole)
                         .toDouble(),
                 m_eval.models[0].report.auroc);
    }

    void givenClipsAndErrors()
    {
        eval::LibraryEvaluationOptions options;
        options.modelIds = {m_a.id};
        options.clipIds = m_eval.clipIds.mid(0, 5);
        const eval::LibraryEvaluation some = eval::LibraryEvaluator::evaluate(*m_lib, options);
        QVERIFY2(some.ok(), qPrintable(some.error));
        QCOMPARE(some.clipIds, options.clipIds);
        QVERIFY(some.disagreements.empty());

        options.clips = eval::LibraryEvaluationOptions::Clips::All;
        options.clipIds.clear();
        QCOMPARE(eval::LibraryEvaluator::evaluate(*m_lib, options).clipIds.size(), kTracks);

        options.modelIds = {m_a.id, 424242};
        const eval::LibraryEvaluation missing = eval::LibraryEvaluator::evaluate(*m_lib, options);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.contains(QStringLiteral("424242")), qPrintable(missing.error));
    }
};

QTEST_GUILESS_MAIN(LibraryEvaluationTest)
#include "LibraryEvaluation_test.moc"
