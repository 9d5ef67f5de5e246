// SPDX-License-Identifier: GPL-3.0-or-later
// The "cnn" embedding (docs/METHOD.md §2.3): PatchCnn's shapes, seeded determinism, the
// TorchScript export equal to the trained module in eval mode, label-true augmentations (the
// union of labels when mixing, a gain that is exactly a gain on the mel magnitudes), and the
// end-to-end trainer learning planted timbres, whose exported CNN script and ATT head
// checkpoint compose to the trained network's clip scores.
#include "models/api/PatchTraining.h"
#include "models/api/Predictor.h"
#include "models/api/ScriptedEmbedding.h"
#include "models/networks/PatchAttentionMil.h"
#include "models/networks/PatchCnn.h"
#include "models/networks/PatchCnnScript.h"
#include "models/training/PatchAugment.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace timbre::models;

namespace {

// Binary16 bits of a float (round to nearest even is not needed for the values used here).
uint16_t toHalf(float v)
{
    return at::Half(v).x;
}

// A planted set: every clip has 4 patches of background log-mel; class 0 adds a loud band
// around mel band 12 in two of them, class 1 one around band 44 (a different "timbre").
PatchBagSet plantedSet(int clips, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    std::bernoulli_distribution coin(0.5);
    PatchBagSet set;
    set.numClasses = 2;
    set.classNames = {"low", "high"};
    const int T = 4;
    for (int c = 0; c < clips; ++c) {
        const bool low = coin(rng);
        const bool high = coin(rng);
        for (int t = 0; t < T; ++t)
            for (int f = 0; f < 96; ++f)
                for (int b = 0; b < 64; ++b) {
                    float v = -3.0f + noise(rng);
                    if (low && t < 2 && std::abs(b - 12) < 3)
                        v += 4.0f;
                    if (high && t >= 2 && std::abs(b - 44) < 3)
                        v += 4.0f;
                    set.patches.push_back(toHalf(v));
                }
        set.bagOffsets.push_back(set.bagOffsets.back() + T);
        set.labels.push_back(low ? 1.0f : 0.0f);
        set.labels.push_back(high ? 1.0f : 0.0f);
        set.observed.push_back(1);
        set.observed.push_back(1);
        set.keys.push_back("clip" + std::to_string(c));
    }
    return set;
}

// The planted set twice, as if rendered by two synthesisers: the second render's patches
// carry the same music and labels plus a "sound set" of their own, a broad boost of the
// upper bands and a fainter lowest band, unrelated to the labels. Render r of clip c is bag
// r * clips + c (PatchTrainConfig::renders).
PatchBagSet twoRenders(int clips, uint64_t seed)
{
    const PatchBagSet first = plantedSet(clips, seed);
    PatchBagSet second = first;
    for (int64_t p = 0; p < second.numPatches(); ++p)
        for (int f = 0; f < 96; ++f)
            for (int b = 0; b < 64; ++b) {
                uint16_t &v = second.patches[size_t((p * 96 + f) * 64 + b)];
                at::Half h;
                h.x = v;
                v = toHalf(float(h) + (b >= 40 ? 3.0f : 0.0f) - (b < 8 ? 2.0f : 0.0f));
            }
    PatchBagSet both = first;
    ModelError error;
    both.append(second, &error);
    return both;
}

// A planted set where weak labels alone need not say *when*: a clip with the instrument has
// a loud broadband "room" in all 4 patches (tied to the label and far easier to hear), and
// the instrument's own faint band (around mel band 20) in a random run of 1-3 patches only;
// instance truth marks that run. One class.
PatchBagSet roomAndInstrumentSet(int clips, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    std::uniform_int_distribution<int> length(1, 3);
    std::bernoulli_distribution coin(0.5);
    PatchBagSet set;
    set.numClasses = 1;
    set.classNames = {"instrument"};
    const int T = 4;
    for (int c = 0; c < clips; ++c) {
        const bool present = coin(rng);
        const int run = length(rng);
        const int start = std::uniform_int_distribution<int>(0, T - run)(rng);
        for (int t = 0; t < T; ++t) {
            const bool sounds = present && t >= start && t < start + run;
            for (int f = 0; f < 96; ++f)
                for (int b = 0; b < 64; ++b) {
                    float v = -3.0f + noise(rng);
                    if (present)
                        v += 3.0f;
                    if (sounds && std::abs(b - 20) < 3)
                        v += 0.8f;
                    set.patches.push_back(toHalf(v));
                }
            set.instanceTruth.push_back(sounds ? 1 : 0);
        }
        set.bagOffsets.push_back(set.bagOffsets.back() + T);
        set.labels.push_back(present ? 1.0f : 0.0f);
        set.observed.push_back(1);
    }
    return set;
}

// Mean over the positive clips of `probe` of the AUROC of the exported pipeline's instance
// scores, sounding patches against silent ones of the same clip (Localisation's
// within-track measure); clips where the instrument sounds throughout are skipped.
double withinClipAuroc(const PatchTrainConfig &c, const PatchBagSet &probe)
{
    ModelError error;
    const auto embedding = ScriptedEmbedding::load(c.embeddingScript, &error);
    const auto head = Predictor::load(c.headCheckpoint, &error);
    if (!embedding || !head)
        return -1.0;
    double sum = 0.0;
    int used = 0;
    for (int b = 0; b < probe.numBags(); ++b) {
        if (probe.labels[size_t(b)] < 0.5f)
            continue;
        const int n = probe.bagSize(b);
        std::vector<float> patches(size_t(n) * PatchBagSet::kPatchValues);
        for (size_t k = 0; k < patches.size(); ++k) {
            at::Half h;
            h.x = probe.patches[size_t(probe.bagOffsets[b]) * PatchBagSet::kPatchValues + k];
            patches[k] = float(h);
        }
        std::vector<float> embedded;
        if (!embedding->embed(patches.data(), n, embedded, &error))
            return -1.0;
        BagSet one;
        one.featureDim = c.embedDim;
        one.numClasses = 1;
        one.appendBag(embedded.data(), n, &probe.labels[size_t(b)], &probe.observed[size_t(b)]);
        const std::vector<BagPrediction> p = head->predict(one, 16, &error);
        if (p.size() != 1)
            return -1.0;
        double wins = 0.0;
        int pairs = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const int64_t pi = probe.bagOffsets[b] + i, pj = probe.bagOffsets[b] + j;
                if (!probe.instanceTruth[size_t(pi)] || probe.instanceTruth[size_t(pj)])
                    continue;
                const float si = p[0].instanceScores[size_t(i)];
                const float sj = p[0].instanceScores[size_t(j)];
                wins += si > sj ? 1.0 : si == sj ? 0.5 : 0.0;
                ++pairs;
            }
        if (pairs > 0) {
            sum += wins / pairs;
            ++used;
        }
    }
    return used ? sum / used : -1.0;
}

// A few seconds of end-to-end training of smallCnn()'s size on 4-patch clips, one thread.
PatchTrainConfig smallTraining(uint64_t seed)
{
    PatchTrainConfig c;
    c.epochs = 4;
    c.batchBags = 8;
    c.patchesPerBag = 4;
    c.channels = {4, 8, 8, 16};
    c.embedDim = 16;
    c.attHidden = 16;
    c.threads = 1;
    c.seed = seed;
    return c;
}

// Non-trivial batch-norm statistics (and, with affine, scales and shifts), as after training.
void normsAsAfterTraining(PatchCnnImpl &cnn, bool affine)
{
    torch::NoGradGuard noGrad;
    for (auto &buffer : cnn.named_buffers())
        if (buffer.key().find("running_var") != std::string::npos)
            buffer.value().uniform_(0.5, 2.0);
        else if (buffer.key().find("running_mean") != std::string::npos)
            buffer.value().uniform_(-1.0, 1.0);
    if (affine)
        for (auto &p : cnn.named_parameters())
            if (p.key().find("norm") != std::string::npos)
                p.value().uniform_(0.5, 1.5);
}

PatchCnnOptions smallCnn()
{
    PatchCnnOptions o;
    o.channels({4, 8, 8, 16}).embedDim(16);
    return o;
}

} // namespace

class PatchCnnTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void shapes()
    {
        torch::manual_seed(1);
        PatchCnn cnn; // the shipped layout: 8-16-32-64, 128-d
        QCOMPARE(cnn->pooledBands(), int64_t(8));
        cnn->eval();
        const torch::Tensor out = cnn->forward(torch::randn({5, 1, 96, 64}));
        QCOMPARE(out.sizes().vec(), std::vector<int64_t>({5, 128}));

        AttentionMilOptions att(16, 3);
        PatchAttentionMil net(smallCnn(), att);
        net->eval();
        const MilOutput m = net->forward(torch::randn({2, 6, 96, 64}));
        QCOMPARE(m.clip.sizes().vec(), std::vector<int64_t>({2, 3}));
        QCOMPARE(m.instance.sizes().vec(), std::vector<int64_t>({2, 6, 3}));
        // Attention is normalised over each bag's instances (Eq. 3.4).
        QVERIFY(torch::allclose(m.attention.sum(1), torch::ones({2, 3}), 1e-5, 1e-5));
        QVERIFY((m.clip >= 0).all().item<bool>() && (m.clip <= 1).all().item<bool>());
    }

    void seededAndDeterministic()
    {
        const torch::Tensor x = torch::randn({3, 1, 96, 64});
        torch::manual_seed(7);
        PatchCnn a(smallCnn());
        torch::manual_seed(7);
        PatchCnn b(smallCnn());
        a->eval();
        b->eval();
        const torch::Tensor ya = a->forward(x);
        QVERIFY(torch::equal(ya, b->forward(x)));
        QVERIFY(torch::equal(ya, a->forward(x)));
        // One patch alone gives the same embedding as inside a batch (eval mode).
        QVERIFY(torch::allclose(a->forward(x.narrow(0, 1, 1)), ya.narrow(0, 1, 1), 1e-5, 1e-6));
    }

    void scriptEqualsModule()
    {
        torch::manual_seed(3);
        PatchCnn cnn(smallCnn());
        normsAsAfterTraining(*cnn, true);
        cnn->eval();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("cnn.pt")).toStdString();
        scriptPatchCnn(*cnn).save(path);
        ModelError error;
        const auto scripted = ScriptedEmbedding::load(path, &error);
        QVERIFY2(scripted, error.message.c_str());
        QCOMPARE(scripted->dimension(), 16);
        const torch::Tensor x = torch::randn({4, 1, 96, 64}) * 2.0 - 2.0;
        std::vector<float> out;
        QVERIFY(scripted->embed(x.data_ptr<float>(), 4, out, &error));
        torch::Tensor expected;
        {
            torch::NoGradGuard noGrad;
            expected = cnn->forward(x);
        }
        const torch::Tensor got = torch::from_blob(out.data(), {4, 16}).clone();
        QVERIFY2(torch::allclose(got, expected, 1e-4, 1e-4),
                 qPrintable(QString::number((got - expected).abs().max().item<double>())));
    }

    // An exported script loads back into a PatchCnn that computes the same, in training mode
    // too (its folded norms are fixed), and refuses a script of another shape.
    void scriptLoadsBackFolded()
    {
        torch::manual_seed(4);
        PatchCnn cnn(smallCnn());
        normsAsAfterTraining(*cnn, false);
        cnn->eval();
        const torch::jit::Module script = scriptPatchCnn(*cnn);
        torch::manual_seed(99); // other random weights, overwritten by the load
        PatchCnn loaded(smallCnn());
        loadPatchCnnScript(*loaded, script);
        QVERIFY(loaded->foldedNorms());
        const torch::Tensor x = torch::randn({6, 1, 96, 64}) * 2.0 - 2.0;
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = cnn->forward(x);
        loaded->train(); // batch statistics would change the output; fixed norms do not
        const torch::Tensor got = loaded->forward(x);
        QVERIFY2(torch::allclose(got, expected, 1e-4, 1e-4),
                 qPrintable(QString::number((got - expected).abs().max().item<double>())));
        QVERIFY(!loaded->norms[0]->weight.requires_grad());
        QVERIFY(loaded->norms[0]->bias.requires_grad()); // the conv's shift learns
        QVERIFY(!loaded->inputNorm->bias.requires_grad());

        PatchCnnOptions other = smallCnn();
        other.channels({4, 8, 16, 16});
        PatchCnn wrong(other);
        try {
            loadPatchCnnScript(*wrong, script);
            QFAIL("a script of other widths was taken");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("'w2'") != std::string::npos, e.what());
        }
    }

    // --paired with --pair-loss: the same seed trained on two renders with and without the
    // pull; with it the share of embedding variance between renders of the same patch falls
    // well below the plain run's, and the clips are still told apart.
    void pairLossPullsRendersTogether()
    {
        const PatchBagSet data = twoRenders(96, 13);
        QCOMPARE(data.validate(), std::string());
        PatchTrainConfig c = smallTraining(2);
        c.renders = 2;
        const PatchTrainResult plain = trainPatchEmbedding(c, data);
        QVERIFY2(plain.ok, plain.error.c_str());
        c.pairLossWeight = 3.0;
        const PatchTrainResult pulled = trainPatchEmbedding(c, data);
        QVERIFY2(pulled.ok, pulled.error.c_str());
        const double before = plain.history.back().validationPairRatio;
        const double after = pulled.history.back().validationPairRatio;
        qInfo("validation pair ratio %.3f plain, %.3f with the pair loss; AUROC %.3f / %.3f",
              before, after, plain.bestValidationAuroc, pulled.bestValidationAuroc);
        QVERIFY2(std::isfinite(before) && before > 0.02, qPrintable(QString::number(before)));
        QVERIFY2(after < 0.25 * before,
                 qPrintable(QStringLiteral("%1 / %2").arg(after).arg(before)));
        QVERIFY(std::isfinite(pulled.history.front().trainPairRatio));
        QVERIFY2(pulled.bestValidationAuroc > 0.9,
                 qPrintable(QString::number(pulled.bestValidationAuroc)));

        // One render: no pair figures, and no pair loss.
        PatchTrainConfig one = smallTraining(2);
        one.epochs = 1;
        const PatchTrainResult single = trainPatchEmbedding(one, plantedSet(40, 3));
        QVERIFY(single.ok);
        QVERIFY(std::isnan(single.history.back().validationPairRatio));
        one.pairLossWeight = 1.0;
        QVERIFY(trainPatchEmbedding(one, plantedSet(40, 3)).error.find("two renders")
                != std::string::npos);
    }

    // Renders must be the same clips, and are not augmented.
    void rendersMustMatch()
    {
        PatchBagSet data = twoRenders(10, 5);
        PatchTrainConfig c = smallTraining(1);
        c.renders = 2;
        data.labels[size_t(10 * 2 + 3 * 2)] = 1.0f - data.labels[size_t(3 * 2)];
        PatchTrainResult r = trainPatchEmbedding(c, data);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("render 2") != std::string::npos
                         && r.error.find("clip3") != std::string::npos,
                 r.error.c_str());
        c.renders = 3;
        r = trainPatchEmbedding(c, twoRenders(10, 5));
        QVERIFY2(r.error.find("not 3 renders") != std::string::npos, r.error.c_str());
        c.renders = 2;
        c.gainDb = 3.0;
        r = trainPatchEmbedding(c, twoRenders(10, 5));
        QVERIFY2(r.error.find("augmented") != std::string::npos, r.error.c_str());
    }

    // --init-cnn with --head-epochs and --cnn-lr: started from an exported CNN, a CNN whose
    // learning rate is nil comes out computing what it went in with (the load, the fixed
    // norms and the export agree), while one that learns comes out different; a file that is
    // no CNN is refused naming it.
    void fineTunesFromAnExportedCnn()
    {
        QTemporaryDir dir;
        torch::manual_seed(8);
        PatchCnn start(smallCnn());
        start->eval();
        const std::string startPath = dir.filePath(QStringLiteral("start.pt")).toStdString();
        scriptPatchCnn(*start).save(startPath);
        const PatchBagSet data = plantedSet(64, 17);
        PatchTrainConfig c = smallTraining(4);
        c.epochs = 2;
        c.headOnlyEpochs = 1;
        c.initEmbedding = startPath;
        c.embeddingLearningRate = 1e-30;
        c.embeddingScript = dir.filePath(QStringLiteral("still.pt")).toStdString();
        c.headCheckpoint = dir.filePath(QStringLiteral("still.ckpt")).toStdString();
        PatchTrainResult r = trainPatchEmbedding(c, data);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.history.front().headOnly);
        QVERIFY(!r.history.back().headOnly);
        const torch::Tensor x = torch::randn({5, 1, 96, 64}) - 2.0;
        auto embed = [&x](const std::string &path) {
            ModelError error;
            const auto e = ScriptedEmbedding::load(path, &error);
            std::vector<float> out;
            if (!e || !e->embed(x.data_ptr<float>(), 5, out, &error))
                return torch::Tensor();
            return torch::from_blob(out.data(), {5, 16}).clone();
        };
        const torch::Tensor before = embed(startPath);
        const torch::Tensor still = embed(c.embeddingScript);
        QVERIFY(before.defined() && still.defined());
        QVERIFY2(torch::allclose(still, before, 1e-4, 1e-4),
                 qPrintable(QString::number((still - before).abs().max().item<double>())));

        c.embeddingLearningRate = 1e-2;
        c.embeddingScript = dir.filePath(QStringLiteral("moved.pt")).toStdString();
        c.headCheckpoint = dir.filePath(QStringLiteral("moved.ckpt")).toStdString();
        r = trainPatchEmbedding(c, data);
        QVERIFY2(r.ok, r.error.c_str());
        const torch::Tensor moved = embed(c.embeddingScript);
        QVERIFY(moved.defined());
        QVERIFY2((moved - before).abs().max().item<double>() > 1e-2,
                 qPrintable(QString::number((moved - before).abs().max().item<double>())));
        ModelError error;
        const auto head = Predictor::load(c.headCheckpoint, &error);
        QVERIFY2(head, error.message.c_str());
        QVERIFY(head->info().metricsJson.find("startedFrom") != std::string::npos);

        QFile junk(dir.filePath(QStringLiteral("junk.pt")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a model");
        junk.close();
        c.initEmbedding = junk.fileName().toStdString();
        r = trainPatchEmbedding(c, data);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("junk.pt") != std::string::npos, r.error.c_str());
    }

    void augmentKeepsLabelsTrue()
    {
        auto generator = at::make_generator<at::CPUGeneratorImpl>(5);
        const torch::Tensor x = torch::rand({4, 2, 96, 64}) * 4.0 - 3.0;
        const torch::Tensor y
                = torch::tensor({1.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 0.f}).view({4, 2});
        torch::Tensor o = torch::ones({4, 2});
        o[3][1] = 0.0f; // bag 3's second label unknown

        PatchAugmentOptions none;
        AugmentedBatch same = augmentPatches(x, y, o, none, generator);
        QVERIFY(torch::equal(same.patches, x));

        // Gain only: every bag's mel magnitudes scaled by one factor.
        PatchAugmentOptions gain;
        gain.gainDb = 6.0;
        const AugmentedBatch g = augmentPatches(x, y, o, gain, generator);
        const torch::Tensor ratio = (g.patches.exp() - 0.01) / (x.exp() - 0.01);
        for (int b = 0; b < 4; ++b) {
            const torch::Tensor r = ratio[b];
            QVERIFY(torch::allclose(r, r.mean().expand_as(r), 1e-3, 1e-3));
            QVERIFY(r.mean().item<double>() >= 0.5 - 1e-3 && r.mean().item<double>() <= 2.0 + 1e-3);
        }
        QVERIFY(torch::equal(g.labels, y));

        // Mixing every bag: labels are the union; absent only where both are known absent.
        PatchAugmentOptions mix;
        mix.mixProbability = 1.0;
        const AugmentedBatch m = augmentPatches(x, y, o, mix, generator);
        QVERIFY((m.patches >= x - 1e-4).all().item<bool>()); // energy only added
        for (int b = 0; b < 4; ++b) {
            // Find the partner: the bag whose mel, added at some level, explains the mixture.
            const torch::Tensor added = (m.patches[b].exp() - 0.01) - (x[b].exp() - 0.01);
            int partner = -1;
            for (int p = 0; p < 4; ++p) {
                if (p == b)
                    continue;
                const torch::Tensor level = added / (x[p].exp() - 0.01);
                if (torch::allclose(level, level.mean().expand_as(level), 1e-2, 1e-3))
                    partner = p;
            }
            QVERIFY2(partner >= 0, "a mixed bag is the sum of two bags");
            for (int c = 0; c < 2; ++c) {
                const bool posA = y[b][c].item<float>() > 0 && o[b][c].item<float>() > 0;
                const bool posB
                        = y[partner][c].item<float>() > 0 && o[partner][c].item<float>() > 0;
                const bool bothKnown = o[b][c].item<float>() > 0 && o[partner][c].item<float>() > 0;
                QCOMPARE(m.labels[b][c].item<float>(), (posA || posB) ? 1.0f : 0.0f);
                QCOMPARE(m.observed[b][c].item<float>(), (posA || posB || bothKnown) ? 1.0f : 0.0f);
            }
        }

        // Everything at once stays finite and in the log-mel range.
        PatchAugmentOptions all;
        all.gainDb = 6;
        all.tiltDb = 6;
        all.pitchBands = 1.5;
        all.stretch = 0.1;
        all.mixProbability = 0.5;
        all.noiseProbability = 0.5;
        const AugmentedBatch a = augmentPatches(x, y, o, all, generator);
        QCOMPARE(a.patches.sizes(), x.sizes());
        QVERIFY(torch::isfinite(a.patches).all().item<bool>());
        QVERIFY((a.patches >= std::log(0.01) - 1e-4).all().item<bool>());
    }

    void trainerLearnsPlantedTimbres()
    {
        const PatchBagSet data = plantedSet(160, 11);
        QCOMPARE(data.validate(), std::string());
        QTemporaryDir dir;
        PatchTrainConfig c = smallTraining(3);
        c.gainDb = 3.0; // a label-true augmentation on, to run that path
        c.embeddingScript = dir.filePath(QStringLiteral("cnn.pt")).toStdString();
        c.headCheckpoint = dir.filePath(QStringLiteral("head.ckpt")).toStdString();
        const PatchTrainResult r = trainPatchEmbedding(c, data);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(int(r.history.size()), 4);
        QVERIFY2(r.bestValidationAuroc > 0.95, qPrintable(QString::number(r.bestValidationAuroc)));
        QVERIFY(r.history.back().validationLoss < r.history.front().trainLoss);

        // The exported pieces compose: CNN script -> features -> ATT head checkpoint.
        ModelError error;
        const auto embedding = ScriptedEmbedding::load(c.embeddingScript, &error);
        QVERIFY2(embedding, error.message.c_str());
        QCOMPARE(embedding->dimension(), 16);
        const auto head = Predictor::load(c.headCheckpoint, &error);
        QVERIFY2(head, error.message.c_str());
        QCOMPARE(head->info().kind, std::string("att"));
        QCOMPARE(head->info().extractorId, std::string("cnn"));
        QCOMPARE(head->info().featureDim, 16);
        QCOMPARE(head->info().classNames, data.classNames);
        BagSet features;
        features.featureDim = 16;
        features.numClasses = 2;
        const PatchBagSet probe = plantedSet(40, 99);
        for (int b = 0; b < probe.numBags(); ++b) {
            std::vector<float> patches(size_t(probe.bagSize(b)) * PatchBagSet::kPatchValues);
            for (size_t k = 0; k < patches.size(); ++k) {
                at::Half h;
                h.x = probe.patches[size_t(probe.bagOffsets[b]) * PatchBagSet::kPatchValues + k];
                patches[k] = float(h);
            }
            std::vector<float> embedded;
            QVERIFY(embedding->embed(patches.data(), probe.bagSize(b), embedded, &error));
            features.appendBag(embedded.data(), probe.bagSize(b), &probe.labels[size_t(b) * 2],
                               &probe.observed[size_t(b) * 2]);
        }
        const std::vector<BagPrediction> scores = head->predict(features, 256, &error);
        QCOMPARE(int(scores.size()), probe.numBags());
        // Unseen planted clips are told apart by the exported pipeline.
        int right = 0;
        for (int b = 0; b < probe.numBags(); ++b)
            for (int k = 0; k < 2; ++k)
                right += (scores[size_t(b)].clipScores[size_t(k)] > 0.5f)
                        == (probe.labels[size_t(b) * 2 + k] > 0.5f);
        QVERIFY2(right >= 72, qPrintable(QString::number(right))); // >= 90 % of 80 labels
    }

    // The frame-level auxiliary loss in the CNN's own training (--instance-loss): the same
    // network and seed trained with and without it on clips whose label is also carried by a
    // "room" in every patch; with the strong labels the exported pipeline's instance scores
    // tell the sounding patches of a clip from its silent ones, and better than without.
    void instanceLossTeachesWhen()
    {
        const PatchBagSet data = roomAndInstrumentSet(160, 21);
        QCOMPARE(data.validate(), std::string());
        const PatchBagSet probe = roomAndInstrumentSet(60, 77);
        QTemporaryDir dir;
        PatchTrainConfig c = smallTraining(5);
        c.embeddingScript = dir.filePath(QStringLiteral("weak.pt")).toStdString();
        c.headCheckpoint = dir.filePath(QStringLiteral("weak.ckpt")).toStdString();
        const PatchTrainResult weak = trainPatchEmbedding(c, data);
        QVERIFY2(weak.ok, weak.error.c_str());
        QVERIFY(std::isnan(weak.history.back().trainInstanceLoss));
        const double weakWithin = withinClipAuroc(c, probe);

        c.instanceLossWeight = 3.0;
        c.embeddingScript = dir.filePath(QStringLiteral("strong.pt")).toStdString();
        c.headCheckpoint = dir.filePath(QStringLiteral("strong.ckpt")).toStdString();
        const PatchTrainResult strong = trainPatchEmbedding(c, data);
        QVERIFY2(strong.ok, strong.error.c_str());
        QVERIFY(strong.history.back().trainInstanceLoss < strong.history.front().trainInstanceLoss);
        const double strongWithin = withinClipAuroc(c, probe);
        qInfo("within-clip AUROC of the instance scores: weak labels only %.3f, with the "
              "instance loss %.3f; clip AUROC %.3f / %.3f",
              weakWithin, strongWithin, weak.bestValidationAuroc, strong.bestValidationAuroc);
        QVERIFY2(strongWithin >= 0.9, qPrintable(QString::number(strongWithin)));
        QVERIFY2(strongWithin > weakWithin + 0.05,
                 qPrintable(QStringLiteral("%1 vs %2").arg(strongWithin).arg(weakWithin)));
        QVERIFY2(strong.bestValidationAuroc > 0.95,
                 qPrintable(QString::number(strong.bestValidationAuroc)));

        // Its metrics say how it was trained.
        ModelError error;
        const auto head = Predictor::load(c.headCheckpoint, &error);
        QVERIFY2(head, error.message.c_str());
        QVERIFY2(head->info().metricsJson.find("\"instanceLoss\":3") != std::string::npos,
                 head->info().metricsJson.c_str());
    }

    // Instance truth goes along with subset and append, and is required by the loss.
    void instanceTruthTravelsAndIsRequired()
    {
        const PatchBagSet data = roomAndInstrumentSet(12, 3);
        const PatchBagSet part = data.subset({2, 5});
        QCOMPARE(part.instanceTruth.size(), size_t(8));
        QVERIFY(std::equal(part.instanceTruth.begin(), part.instanceTruth.begin() + 4,
                           data.instanceTruth.begin() + 8));
        PatchBagSet joined = part;
        ModelError error;
        QVERIFY(joined.append(data.subset({0}), &error));
        QCOMPARE(joined.instanceTruth.size(), size_t(12));
        QCOMPARE(joined.validate(), std::string());
        PatchBagSet withoutTruth = data.subset({1});
        withoutTruth.instanceTruth.clear();
        QVERIFY(joined.append(withoutTruth, &error));
        QVERIFY(!joined.hasInstanceTruth()); // only when every part has it
        PatchBagSet wrong = data;
        wrong.instanceTruth.pop_back();
        QVERIFY(wrong.validate().find("instance truth") != std::string::npos);

        PatchTrainConfig c;
        c.instanceLossWeight = 1.0;
        PatchTrainResult r = trainPatchEmbedding(c, joined);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("activity") != std::string::npos, r.error.c_str());
        c.mixProbability = 0.5;
        r = trainPatchEmbedding(c, data);
        QVERIFY2(r.error.find("mix") != std::string::npos, r.error.c_str());
    }

    void refusesBadInput()
    {
        PatchBagSet empty;
        empty.numClasses = 2;
        PatchTrainConfig c;
        const PatchTrainResult r = trainPatchEmbedding(c, empty);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("no bags") != std::string::npos, r.error.c_str());
        PatchBagSet data = plantedSet(10, 1);
        data.labels.pop_back();
        QVERIFY(trainPatchEmbedding(c, data).error.find("labels") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(PatchCnnTest)
#include "PatchCnn_test.moc"
