// SPDX-License-Identifier: GPL-3.0-or-later
// trainModel on the bag networks: learning, determinism, cancel, budgets, early stopping,
// warm start and heads-only fine-tuning (docs/METHOD.md §5.2, §9).
#include "SyntheticBags.h"
#include "models/api/Predictor.h"
#include "models/api/Training.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/checkpoints/MilCheckpoint.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

using namespace timbre::models;
using timbre::models::testing::syntheticBags;

namespace {

TrainConfig smallConfig(const std::string &kind, int epochs)
{
    TrainConfig c = TrainConfig::defaultsFor(kind);
    c.epochs = epochs;
    c.batchSize = 32;
    c.seed = 42;
    c.threads = 1;
    c.extra["hidden"] = 32;
    c.extra["fc_hidden1"] = 64;
    c.extra["fc_hidden2"] = 32;
    c.extra["fc_hidden3"] = 16;
    c.extra["fc_bag_instances"] = 6;
    c.extra["gru_hidden"] = 16;
    if (kind == "mt") {
        c.learningRate = 2e-3;
        c.consistencyRampEpochs = 3;
    } else {
        c.learningRate = 3e-3;
    }
    return c;
}

std::vector<float> predictAll(const std::string &path, const BagSet &bags)
{
    ModelError error;
    auto predictor = Predictor::load(path, &error);
    if (!predictor)
        return {};
    std::vector<float> all;
    for (const auto &p : predictor->predict(bags, 64, &error))
        all.insert(all.end(), p.clipScores.begin(), p.clipScores.end());
    return all;
}

} // namespace

class TrainingTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    BagSet data = syntheticBags(400, 16, 4, 3, 8, 0.6, 1);

    std::string path(const char *name) { return dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void eachKindLearns_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"att", "mt", "fct", "fc", "rnn"})
            QTest::newRow(kind) << QString(kind);
    }

    void eachKindLearns()
    {
        QFETCH(QString, kind);
        TrainConfig c = smallConfig(kind.toStdString(), 8);
        c.outputCheckpoint = path("learn.ckpt");
        int reports = 0;
        const TrainResult r = trainModel(
                c, data, nullptr, [&](const EpochReport &e) { reports += !e.partial; }, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(static_cast<int>(r.history.size()), 8);
        QCOMPARE(reports, 8);
        QCOMPARE(r.checkpointPath, c.outputCheckpoint);
        // 60 of 400 bags validate; the best validation loss clearly beats the first epoch's.
        // FC sees a bag cropped / zero-padded to 6 instances and learns the slowest.
        const double factor = kind == "fc" ? 0.95 : 0.9;
        QVERIFY2(r.bestValidationLoss < factor * r.history.front().validationLoss,
                 (std::to_string(r.bestValidationLoss) + " vs "
                  + std::to_string(r.history.front().validationLoss))
                         .c_str());
        QVERIFY(r.history.back().trainLosses.at("bce") < r.history.front().trainLosses.at("bce"));
        if (kind == "mt")
            QVERIFY(r.history.back().trainLosses.count("consistency") == 1);
        CheckpointInfo info;
        ModelError error;
        QVERIFY2(Predictor::readInfo(r.checkpointPath, &info, &error), error.message.c_str());
        QCOMPARE(info.kind, c.modelKind);
        QCOMPARE(info.classNames, data.classNames);
        QVERIFY(info.metricsJson.find("\"bestEpoch\":" + std::to_string(r.bestEpoch))
                != std::string::npos);
    }

    void sameSeedSameWeights()
    {
        for (const char *kind : {"att", "mt"}) {
            TrainConfig c = smallConfig(kind, 2);
            c.outputCheckpoint = path("a.ckpt");
            QVERIFY(trainModel(c, data, nullptr, {}, nullptr).ok);
            c.outputCheckpoint = path("b.ckpt");
            QVERIFY(trainModel(c, data, nullptr, {}, nullptr).ok);
            c.seed = 43;
            c.outputCheckpoint = path("c.ckpt");
            QVERIFY(trainModel(c, data, nullptr, {}, nullptr).ok);
            const auto a = predictAll(path("a.ckpt"), data);
            QVERIFY(!a.empty());
            QVERIFY(a == predictAll(path("b.ckpt"), data));
            QVERIFY(a != predictAll(path("c.ckpt"), data));
        }
    }

    void cancelStopsWithinAStep()
    {
        TrainConfig c = smallConfig("mt", 50);
        c.progressEverySteps = 1;
        std::atomic<bool> cancel {false};
        int lastStep = 0;
        int callsAfterCancel = 0;
        const TrainResult r = trainModel(
                c, data, nullptr,
                [&](const EpochReport &e) {
                    if (cancel)
                        ++callsAfterCancel;
                    lastStep = e.steps;
                    if (e.partial && e.steps == 3)
                        cancel = true;
                },
                &cancel);
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QCOMPARE(lastStep, 3);
        QCOMPARE(callsAfterCancel, 0);
        QVERIFY(r.history.empty());
    }

    // A cancel keeps what was trained: without validation, the last finished epoch, exactly
    // the weights a run of that many epochs ends with (a schedule that does not depend on the
    // planned epochs: no learning-rate ramps).
    void cancelKeepsTheLastFinishedEpoch()
    {
        for (const char *kind : {"att", "mt"}) {
            TrainConfig c = smallConfig(kind, 2);
            c.validationFraction = 0.0;
            c.lrRampUpEpochs = 0;
            c.lrRampDownEpochs = 0;
            c.lrHalvingEpochs = 0;
            c.outputCheckpoint = path("two-epochs.ckpt");
            const TrainResult reference = trainModel(c, data, nullptr, {}, nullptr);
            QVERIFY2(reference.ok, reference.error.c_str());
            QCOMPARE(reference.checkpointEpoch, 2);

            c.epochs = 50;
            c.progressEverySteps = 1;
            c.outputCheckpoint = path("cancelled.ckpt");
            std::atomic<bool> cancel {false};
            std::vector<EpochReport> finished;
            const TrainResult r = trainModel(
                    c, data, nullptr,
                    [&](const EpochReport &e) {
                        QCOMPARE(e.learningRate, c.learningRate);
                        if (e.partial)
                            return;
                        finished.push_back(e);
                        if (e.epoch == 2)
                            cancel = true;
                    },
                    &cancel);
            QVERIFY(r.cancelled);
            QVERIFY(!r.ok);
            QCOMPARE(r.history.size(), size_t(2));
            QCOMPARE(r.checkpointEpoch, 2);
            QCOMPARE(r.checkpointPath, c.outputCheckpoint);
            const auto kept = predictAll(c.outputCheckpoint, data);
            QVERIFY(!kept.empty());
            QVERIFY(kept == predictAll(path("two-epochs.ckpt"), data));
            CheckpointInfo info;
            ModelError error;
            QVERIFY(Predictor::readInfo(c.outputCheckpoint, &info, &error));
            QVERIFY(info.metricsJson.find("\"cancelled\":true") != std::string::npos);

            // The consistency weight of the last step: Mean Teacher's ramp (3 epochs) rising
            // towards its full weight, 0 for the other kinds.
            QCOMPARE(finished.size(), size_t(2));
            if (std::string(kind) == "mt") {
                QVERIFY(finished[0].consistencyWeight > 0);
                QVERIFY(finished[1].consistencyWeight > finished[0].consistencyWeight);
                QVERIFY(finished[1].consistencyWeight < c.consistencyWeight);
            } else {
                QCOMPARE(finished[1].consistencyWeight, 0.0);
            }
        }
    }

    void learningRateFollowsTheSchedule()
    {
        TrainConfig c = smallConfig("mt", 6);
        c.lrRampUpEpochs = 2;
        c.lrRampDownEpochs = 0;
        c.lrHalvingEpochs = 0;
        std::vector<double> rates;
        std::vector<double> weights;
        const TrainResult r = trainModel(
                c, data, nullptr,
                [&](const EpochReport &e) {
                    if (!e.partial) {
                        rates.push_back(e.learningRate);
                        weights.push_back(e.consistencyWeight);
                    }
                },
                nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(rates.size(), size_t(6));
        // Ramped up over two epochs, then the base rate; the consistency weight at full beta
        // once its 3-epoch ramp is over. The history keeps the same values.
        QVERIFY(rates[0] < rates[1]);
        QVERIFY(rates[1] <= c.learningRate);
        QCOMPARE(rates[5], c.learningRate);
        QCOMPARE(weights[5], c.consistencyWeight);
        QCOMPARE(r.history[5].learningRate, rates[5]);
        QCOMPARE(r.history[0].consistencyWeight, weights[0]);
    }

    void timeBudgetStops()
    {
        TrainConfig c = smallConfig("att", 100000);
        c.timeBudgetSeconds = 0.3;
        const TrainResult r = trainModel(c, data, nullptr, {}, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.seconds < 5.0);
        QVERIFY(!r.history.empty());
        QVERIFY(r.history.size() < 100000);
    }

    void earlyStoppingHonoursPatience()
    {
        TrainConfig c = smallConfig("att", 60);
        c.learningRate = 2e-2; // overfits quickly on 340 bags
        c.earlyStoppingPatience = 2;
        const TrainResult r = trainModel(c, data, nullptr, {}, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(static_cast<int>(r.history.size()), std::min(60, r.bestEpoch + 2));
        QVERIFY(r.history.size() < 60);
    }

    void warmStartContinuesTraining()
    {
        TrainConfig att = smallConfig("att", 6);
        att.outputCheckpoint = path("parent.ckpt");
        const TrainResult parent = trainModel(att, data, nullptr, {}, nullptr);
        QVERIFY2(parent.ok, parent.error.c_str());

        // Continue as Mean Teacher on an updated label set: more labels observed.
        const BagSet updated = syntheticBags(400, 16, 4, 3, 8, 0.9, 1);
        TrainConfig mt = smallConfig("mt", 2);
        mt.warmStartCheckpoint = parent.checkpointPath;
        mt.outputCheckpoint = path("child.ckpt");
        const TrainResult child = trainModel(mt, updated, nullptr, {}, nullptr);
        QVERIFY2(child.ok, child.error.c_str());
        TrainConfig fresh = smallConfig("mt", 1);
        const TrainResult scratch = trainModel(fresh, updated, nullptr, {}, nullptr);
        QVERIFY(child.history.front().validationLoss < scratch.history.front().validationLoss);
        CheckpointInfo info;
        QVERIFY(Predictor::readInfo(child.checkpointPath, &info, nullptr));
        QCOMPARE(info.parentModel, parent.checkpointPath);

        // A checkpoint of another feature dimension is refused, naming the file.
        const BagSet other = syntheticBags(50, 8, 4, 2, 3, 0.5, 2);
        const TrainResult refused = trainModel(mt, other, nullptr, {}, nullptr);
        QVERIFY(!refused.ok);
        QVERIFY(refused.error.find(parent.checkpointPath) != std::string::npos);
    }

    void headsOnlyFineTuningFreezesTheEmbedding()
    {
        TrainConfig att = smallConfig("att", 2);
        att.outputCheckpoint = path("base.ckpt");
        QVERIFY(trainModel(att, data, nullptr, {}, nullptr).ok);
        TrainConfig ft = smallConfig("att", 2);
        ft.warmStartCheckpoint = path("base.ckpt");
        ft.fineTune = "heads";
        ft.balanced = true;
        ft.outputCheckpoint = path("heads.ckpt");
        const TrainResult r = trainModel(ft, data, nullptr, {}, nullptr);
        QVERIFY2(r.ok, r.error.c_str());

        CheckpointFile before, after;
        QVERIFY(before.load(path("base.ckpt"), nullptr));
        QVERIFY(after.load(path("heads.ckpt"), nullptr));
        auto a = loadMilNet(before, "student", "base", nullptr);
        auto b = loadMilNet(after, "student", "heads", nullptr);
        QVERIFY(a && b);
        auto pa = a->named_parameters();
        int changed = 0;
        for (const auto &item : b->named_parameters()) {
            const bool head = item.key().rfind("instanceHead", 0) == 0
                    || item.key().rfind("attentionHead", 0) == 0;
            const bool same = torch::equal(item.value(), pa[item.key()]);
            if (head)
                changed += same ? 0 : 1;
            else
                QVERIFY2(same, item.key().c_str());
        }
        QCOMPARE(changed, 4);
    }

    void separateUnlabelledBatches()
    {
        // Sec. 5.5: disjoint labelled and unlabelled bags.
        BagSet mixed = data;
        for (int b = 0; b < mixed.numBags(); b += 2)
            for (int c = 0; c < mixed.numClasses; ++c)
                mixed.observed[static_cast<size_t>(b) * mixed.numClasses + c] = 0;
        TrainConfig c = smallConfig("mt", 4);
        c.separateUnlabelledBatches = true;
        c.lrRampUpEpochs = 1;
        c.lrRampDownEpochs = 2;
        const TrainResult r = trainModel(c, mixed, nullptr, {}, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.bestValidationLoss < r.history.front().validationLoss || r.bestEpoch == 1);
        QVERIFY(r.history.back().trainLosses.at("bce") < r.history.front().trainLosses.at("bce"));
    }

    void badRequestsAreErrors()
    {
        TrainResult r = trainModel(smallConfig("nope", 1), data, nullptr, {}, nullptr);
        QVERIFY(!r.ok);
        QVERIFY(r.error.find("nope") != std::string::npos);
        BagSet broken = data;
        broken.labels.pop_back();
        r = trainModel(smallConfig("att", 1), broken, nullptr, {}, nullptr);
        QVERIFY(!r.ok);
        QVERIFY(r.error.find("labels") != std::string::npos);
        TrainConfig heads = smallConfig("att", 1);
        heads.fineTune = "heads";
        r = trainModel(heads, data, nullptr, {}, nullptr);
        QVERIFY(!r.ok);
        QVERIFY(r.error.find("warm-start") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TrainingTest)
#include "Training_test.moc"
