// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/MilNet.h"

#include "models/networks/AttentionMil.h"
#include "models/networks/FlatFc.h"
#include "models/networks/GruMil.h"
#include "models/networks/MeanPoolMil.h"

namespace timbre::models {

namespace {

int64_t option(const std::map<std::string, double> &extra, const char *key, int64_t fallback)
{
    auto it = extra.find(key);
    return it == extra.end() ? fallback : static_cast<int64_t>(it->second);
}

} // namespace

std::shared_ptr<MilNetImpl> createMilNet(const std::string &kind, int featureDim, int numClasses,
                                         double dropout, const std::map<std::string, double> &extra)
{
    // "legacy_init": the old initialisation, only to rerun its measurement (LegacyInit.h).
    const bool legacy = option(extra, "legacy_init", 0) != 0;
    // "temporal_context" K > 1: a temporal convolution over K neighbouring instances before
    // the heads (AttentionMilOptions::temporalContext); absent in older checkpoints (off).
    if (kind == "att" || kind == "mt")
        return std::make_shared<AttentionMilImpl>(
                AttentionMilOptions(featureDim, numClasses)
                        .hidden(option(extra, "hidden", 128))
                        .dropout(dropout)
                        .legacyInit(legacy)
                        .temporalContext(option(extra, "temporal_context", 0)));
    // "fct_embedding" 1: ATT's batch-normed embedding with mean pooling, the thesis' FC_T (the
    // default since issue 23); 0: the earlier plain embedding (MeanPoolMil.h), which FC_T
    // checkpoints written before carry no key for.
    if (kind == "fct" && option(extra, "fct_embedding", 0) != 0)
        return std::make_shared<AttentionMilImpl>(AttentionMilOptions(featureDim, numClasses)
                                                          .hidden(option(extra, "hidden", 128))
                                                          .dropout(dropout)
                                                          .meanPooling(true)
                                                          .legacyInit(legacy));
    if (kind == "fct")
        return std::make_shared<MeanPoolMilImpl>(MeanPoolMilOptions(featureDim, numClasses)
                                                         .hidden(option(extra, "hidden", 128))
                                                         .dropout(dropout)
                                                         .legacyInit(legacy));
    if (kind == "fc") {
        std::vector<int64_t> hidden {option(extra, "fc_hidden1", 512),
                                     option(extra, "fc_hidden2", 512),
                                     option(extra, "fc_hidden3", 128)};
        return std::make_shared<FlatFcImpl>(
                FlatFcOptions(featureDim, numClasses)
                        .instances(option(extra, "fc_bag_instances", 10))
                        .hidden(hidden)
                        .dropout(dropout)
                        .legacyInit(legacy));
    }
    if (kind == "rnn")
        return std::make_shared<GruMilImpl>(GruMilOptions(featureDim, numClasses)
                                                    .hidden(option(extra, "gru_hidden", 64))
                                                    .layers(option(extra, "gru_layers", 3))
                                                    .dropout(dropout));
    return nullptr;
}

MilOutput meanPooled(const torch::Tensor &f, const BagBatch &batch)
{
    MilOutput out;
    if (batch.validRows.defined()) {
        out.instance = scatterRows(f, batch);
        out.clip = out.instance.sum(1) / batch.mask.sum(1, true);
    } else {
        out.instance = f.view({batch.features.size(0), batch.features.size(1), f.size(1)});
        out.clip = out.instance.mean(1);
    }
    return out;
}

torch::Tensor scatterRows(const torch::Tensor &rows, const BagBatch &batch)
{
    const auto B = batch.features.size(0);
    const auto T = batch.features.size(1);
    torch::Tensor full = torch::zeros({B * T, rows.size(1)}, rows.options());
    full = full.index_copy(0, batch.validRows, rows);
    return full.view({B, T, rows.size(1)});
}

} // namespace timbre::models
