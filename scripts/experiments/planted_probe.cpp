// SPDX-License-Identifier: GPL-3.0-or-later
// A model-free probe of a planted data set: per class, the difference of the mean instance of
// observed-positive and observed-negative TRAIN bags is used as a linear direction; test bags
// are scored by the mean (or the max) of their instances' projections on it. It shows how much
// planted signal a trivial linear read-out finds, next to the trained models in RESULTS.md.
//
// Build (from the repository root, after building timbre_core_datasets and timbre_core_eval):
//   g++ -std=c++17 -O2 -DQT_NO_KEYWORDS -I. $(pkg-config --cflags Qt6Core) \
//       scripts/experiments/planted_probe.cpp -o /tmp/planted_probe \
//       build/core/libtimbre_core_datasets.a build/core/libtimbre_core_eval.a \
//       build/models/libtimbre_models.a $(pkg-config --libs Qt6Core) -lzip
//   /tmp/planted_probe /tmp/timbre-planted/obs15
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/eval/BinaryMetrics.h"
#include <cstdio>
#include <cmath>
using namespace timbre;
int main(int argc, char **argv) {
    datasets::NpzDataset d;
    auto e = datasets::NpzDataset::open(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/timbre-planted/obs15"), &d);
    if (!e.ok()) { printf("%s\n", qPrintable(e.message)); return 1; }
    const auto &tr = d.train, &te = d.test;
    int D = tr.featureDim, C = tr.numClasses;
    double sumAuc = 0, sumMax = 0; int n = 0;
    for (int c = 0; c < C; ++c) {
        std::vector<double> mp(D, 0), mn(D, 0); int np_ = 0, nn = 0;
        for (int b = 0; b < tr.numBags(); ++b) {
            if (!tr.observed[b * C + c]) continue;
            bool pos = tr.labels[b * C + c] > 0.5;
            for (int64_t i = tr.bagOffsets[b]; i < tr.bagOffsets[b + 1]; ++i)
                for (int k = 0; k < D; ++k) (pos ? mp : mn)[k] += tr.features[i * D + k];
            (pos ? np_ : nn) += 10;
        }
        std::vector<double> dir(D);
        for (int k = 0; k < D; ++k) dir[k] = mp[k] / np_ - mn[k] / nn;
        std::vector<float> sMean, sMax; std::vector<uint8_t> y;
        for (int b = 0; b < te.numBags(); ++b) {
            if (!te.observed[b * C + c]) continue;
            double sm = 0, mx = -1e9;
            for (int64_t i = te.bagOffsets[b]; i < te.bagOffsets[b + 1]; ++i) {
                double p = 0; for (int k = 0; k < D; ++k) p += dir[k] * te.features[i * D + k];
                sm += p; mx = std::max(mx, p);
            }
            sMean.push_back(sm); sMax.push_back(mx); y.push_back(te.labels[b * C + c] > 0.5);
        }
        double a = eval::auroc(sMean, y), a2 = eval::auroc(sMax, y);
        printf("class %2d pos %4d: mean-pool AUROC %.3f max-pool %.3f\n", c, np_ / 10, a, a2);
        sumAuc += a; sumMax += a2; ++n;
    }
    printf("mean over classes: mean-pool AUROC %.3f, max-pool AUROC %.3f\n", sumAuc / n, sumMax / n);
}
