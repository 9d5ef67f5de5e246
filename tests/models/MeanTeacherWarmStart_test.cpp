// SPDX-License-Identifier: GPL-3.0-or-later
// Warm-starting Mean Teacher (incremental retraining, docs/METHOD.md §6.1, §9.3): from an "mt"
// checkpoint both the student and the teacher are loaded, and the teacher's average is
// continued at the full EMA decay instead of being replaced by the student on the first step;
// from an "att" checkpoint both nets start as the ATT model.
#include "SyntheticBags.h"
#include "models/api/Training.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/checkpoints/MilCheckpoint.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre::models;
using timbre::models::testing::syntheticBags;

namespace {

TrainConfig smallConfig(const std::string &kind, int epochs)
{
    TrainConfig c = TrainConfig::defaultsFor(kind);
    c.epochs = epochs;
    c.batchSize = 32;
    c.seed = 7;
    c.threads = 1;
    c.learningRate = 3e-3;
    c.consistencyRampEpochs = 2;
    c.validationFraction = 0.0;
    c.extra["hidden"] = 16;
    return c;
}

std::shared_ptr<MilNetImpl> net(const std::string &path, const std::string &blob)
{
    CheckpointFile file;
    if (!file.load(path, nullptr))
        return nullptr;
    return loadMilNet(file, blob, path, nullptr);
}

double maxAbsDifference(MilNetImpl &a, MilNetImpl &b)
{
    double worst = 0.0;
    auto pb = b.named_parameters();
    for (const auto &item : a.named_parameters())
        worst = std::max(worst, (item.value() - pb[item.key()]).abs().max().item<double>());
    return worst;
}

} // namespace

class MeanTeacherWarmStartTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    BagSet data = syntheticBags(320, 12, 3, 3, 6, 0.7, 3);
    std::string path(const char *name) const { return dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void teacherIsContinuedNotReplaced()
    {
        TrainConfig parent = smallConfig("mt", 3);
        parent.emaDecay = 0.99; // the teacher lags the student visibly after 30 steps
        parent.outputCheckpoint = path("parent.ckpt");
        const TrainResult p = trainModel(parent, data, nullptr, {}, nullptr);
        QVERIFY2(p.ok, p.error.c_str());
        auto s0 = net(p.checkpointPath, "student");
        auto t0 = net(p.checkpointPath, "teacher");
        QVERIFY(s0 && t0);
        QVERIFY(maxAbsDifference(*s0, *t0) > 1e-3);

        // Learning rate 0: the student's weights stay put, so after k steps at decay alpha the
        // teacher's weights must be alpha^k T0 + (1 - alpha^k) S0 exactly. The warm-up schedule
        // would have copied S0 over T0 on the first step instead.
        TrainConfig child = smallConfig("mt", 1);
        child.learningRate = 0.0;
        child.emaDecay = 0.9;
        child.consistencyRampEpochs = 0;
        child.fineTune = "all";
        child.warmStartCheckpoint = p.checkpointPath;
        child.outputCheckpoint = path("child.ckpt");
        const TrainResult c = trainModel(child, data, nullptr, {}, nullptr);
        QVERIFY2(c.ok, c.error.c_str());
        auto s1 = net(c.checkpointPath, "student");
        auto t1 = net(c.checkpointPath, "teacher");
        QVERIFY(s1 && t1);
        QVERIFY(maxAbsDifference(*s1, *s0) < 1e-7); // loaded and not moved
        const int steps = (data.numBags() + child.batchSize - 1) / child.batchSize;
        const double keep = std::pow(child.emaDecay, steps);
        auto ps = s0->named_parameters();
        auto pt = t1->named_parameters();
        for (const auto &item : t0->named_parameters()) {
            const torch::Tensor expected = keep * item.value() + (1.0 - keep) * ps[item.key()];
            QVERIFY2(torch::allclose(pt[item.key()], expected, 1e-4, 1e-5), item.key().c_str());
        }
        QVERIFY(maxAbsDifference(*t1, *s0) > 1e-4);
    }

    void attCheckpointStartsBothNets()
    {
        TrainConfig att = smallConfig("att", 3);
        att.outputCheckpoint = path("att.ckpt");
        const TrainResult a = trainModel(att, data, nullptr, {}, nullptr);
        QVERIFY2(a.ok, a.error.c_str());

        // An ATT checkpoint has no teacher: both nets start as the ATT student, and with a
        // learning rate of 0 both stay exactly that model.
        TrainConfig mt = smallConfig("mt", 1);
        mt.learningRate = 0.0;
        mt.fineTune = "all";
        mt.warmStartCheckpoint = a.checkpointPath;
        mt.outputCheckpoint = path("mt-from-att.ckpt");
        const TrainResult m = trainModel(mt, data, nullptr, {}, nullptr);
        QVERIFY2(m.ok, m.error.c_str());
        auto source = net(a.checkpointPath, "student");
        auto student = net(m.checkpointPath, "student");
        auto teacher = net(m.checkpointPath, "teacher");
        QVERIFY(source && student && teacher);
        QVERIFY(maxAbsDifference(*student, *source) < 1e-7);
        QVERIFY(maxAbsDifference(*teacher, *source) < 1e-6);

        // And it learns on from there: a few epochs at the usual rate beat a scratch run of the
        // same length on the first epoch's validation loss.
        TrainConfig warm = smallConfig("mt", 2);
        warm.validationFraction = 0.2;
        warm.fineTune = "all";
        warm.warmStartCheckpoint = a.checkpointPath;
        const TrainResult w = trainModel(warm, data, nullptr, {}, nullptr);
        TrainConfig scratch = smallConfig("mt", 2);
        scratch.validationFraction = 0.2;
        const TrainResult s = trainModel(scratch, data, nullptr, {}, nullptr);
        QVERIFY2(w.ok && s.ok, (w.error + s.error).c_str());
        QVERIFY(w.history.front().validationLoss < s.history.front().validationLoss);
    }
};

QTEST_GUILESS_MAIN(MeanTeacherWarmStartTest)
#include "MeanTeacherWarmStart_test.moc"
