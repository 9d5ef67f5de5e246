// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/networks/AttentionMil.h"

#include "models/networks/LegacyInit.h"

namespace timbre::models {

AttentionMilImpl::AttentionMilImpl(const AttentionMilOptions &opts) : options(opts)
{
    using namespace torch::nn;
    // The author's code batch-normalises the input and uses bias-free layers before each batch
    // norm (docs/METHOD.md §3.2).
    inputNorm = register_module("inputNorm", BatchNorm1d(opts.inputDim()));
    for (int64_t i = 0; i < opts.layers(); ++i) {
        const int64_t in = i == 0 ? opts.inputDim() : opts.hidden();
        layers.push_back(register_module("linear" + std::to_string(i),
                                         Linear(LinearOptions(in, opts.hidden()).bias(false))));
        norms.push_back(register_module("norm" + std::to_string(i), BatchNorm1d(opts.hidden())));
    }
    if (opts.inputDim() != opts.hidden())
        projection = register_module(
                "projection", Linear(LinearOptions(opts.inputDim(), opts.hidden()).bias(false)));
    instanceHead = register_module("instanceHead", Linear(opts.hidden(), opts.numClasses()));
    if (!opts.meanPooling())
        attentionHead = register_module("attentionHead", Linear(opts.hidden(), opts.numClasses()));
    if (opts.temporalContext() > 1) {
        const int64_t k = opts.temporalContext() | 1; // odd, so it stays centred
        context = register_module(
                "context",
                Conv1d(Conv1dOptions(opts.hidden(), opts.hidden(), k).padding(k / 2).bias(true)));
    }
    // Every layer keeps LibTorch's default initialisation (PyTorch's); see LegacyInit.h.
    if (opts.legacyInit()) {
        for (auto &layer : layers)
            heUniformLegacy(layer);
        heUniformLegacy(instanceHead);
        if (attentionHead)
            heUniformLegacy(attentionHead);
    }
}

namespace {

FusedNorm fusedView(torch::nn::BatchNorm1d &norm)
{
    FusedNorm f;
    f.weight = norm->weight;
    f.bias = norm->bias;
    if (norm->options.track_running_stats()) {
        f.runningMean = norm->running_mean;
        f.runningVar = norm->running_var;
        f.batchesTracked = norm->num_batches_tracked;
    }
    f.eps = norm->options.eps();
    f.momentum = norm->options.momentum() ? *norm->options.momentum() : -1.0;
    return f;
}

} // namespace

bool AttentionMilImpl::trainsWithFusedKernels() const
{
    return fusedKernels && is_training() && inputNorm->options.affine();
}

bool AttentionMilImpl::infersWithFoldedNorms() const
{
    if (!fusedKernels || is_training() || torch::GradMode::is_enabled()
        || !inputNorm->options.affine() || !inputNorm->options.track_running_stats())
        return false;
    for (const auto &norm : norms)
        if (!norm->options.track_running_stats())
            return false;
    return true;
}

FusedEmbedding AttentionMilImpl::fusedEmbedding()
{
    FusedEmbedding e;
    e.input = fusedView(inputNorm);
    for (size_t i = 0; i < layers.size(); ++i) {
        e.linear.push_back(layers[i]->weight);
        e.norms.push_back(fusedView(norms[i]));
    }
    e.dropout = options.dropout();
    e.masks = &m_dropout;
    return e;
}

torch::Tensor AttentionMilImpl::embed(const torch::Tensor &x)
{
    const torch::Tensor skip = projection ? projection(x) : x;
    if (trainsWithFusedKernels()) {
        const FusedEmbedding e = fusedEmbedding();
        return fusedEmbeddingTraining(x, e) + skip;
    }
    if (infersWithFoldedNorms())
        return foldedEmbeddingInference(x, fusedEmbedding()).add_(skip);
    torch::Tensor h = inputNorm(x);
    const bool drop = is_training() && options.dropout() > 0.0;
    for (size_t i = 0; i < layers.size(); ++i) {
        h = torch::relu(norms[i](layers[i](h)));
        if (drop)
            h = m_dropout.apply(h, options.dropout());
    }
    // Skip connection from the raw input, as in the author's code; projected when the
    // extractor's dimension is not the embedding's.
    return h + skip;
}

torch::Tensor AttentionMilImpl::withContext(const torch::Tensor &h, const BagBatch &batch)
{
    const auto B = batch.features.size(0);
    const auto T = batch.features.size(1);
    const auto H = h.size(1);
    torch::Tensor grid = batch.validRows.defined()
            ? torch::zeros({B * T, H}, h.options()).index_copy(0, batch.validRows, h)
            : h;
    // [B, H, T] for the convolution over time, and back.
    const torch::Tensor mixed = context(grid.view({B, T, H}).transpose(1, 2)).transpose(1, 2);
    torch::Tensor out = grid + torch::relu(mixed).reshape({B * T, H});
    if (batch.validRows.defined())
        out = out.index_select(0, batch.validRows);
    return out;
}

MilOutput AttentionMilImpl::forward(const BagBatch &batch)
{
    const auto B = batch.features.size(0);
    const auto T = batch.features.size(1);
    torch::Tensor rows = batch.features.reshape({B * T, batch.features.size(2)});
    // Batch norm must see only real instances, or padding would shift its statistics.
    if (batch.validRows.defined())
        rows = rows.index_select(0, batch.validRows);
    torch::Tensor h = embed(rows);
    if (context)
        h = withContext(h, batch);
    if (options.meanPooling())
        return meanPooled(torch::sigmoid(instanceHead(h)), batch);
    const bool fusedHeads
            = infersWithFoldedNorms() || (trainsWithFusedKernels() && !instanceGradients);
    if (fusedHeads && !batch.validRows.defined()) {
        FusedHeadsOutput heads = fusedAttentionHeads(h, T, instanceHead->weight, instanceHead->bias,
                                                     attentionHead->weight, attentionHead->bias);
        return {heads.clip, heads.instance, heads.attention};
    }
    const torch::Tensor f = torch::sigmoid(instanceHead(h));
    // Clamped like the author's code so the normaliser never divides by zero.
    const torch::Tensor a = torch::sigmoid(attentionHead(h)).clamp(1e-7, 1.0 - 1e-7);

    MilOutput out;
    if (batch.validRows.defined()) {
        // Padding gets zero attention before normalising (Eq. 3.4 over the bag's instances).
        out.instance = scatterRows(f, batch);
        const torch::Tensor att = scatterRows(a, batch);
        out.attention = att / att.sum(1, true);
    } else {
        const auto C = f.size(1);
        out.instance = f.view({B, T, C});
        const torch::Tensor att = a.view({B, T, C});
        out.attention = att / att.sum(1, true);
    }
    // Eq. 3.3: S(X) = sum_x w_x f(x); rounding can push it a hair outside [0, 1].
    out.clip = (out.attention * out.instance).sum(1).clamp(0.0, 1.0);
    return out;
}

std::vector<torch::Tensor> AttentionMilImpl::headParameters()
{
    std::vector<torch::Tensor> p = instanceHead->parameters();
    if (attentionHead)
        for (const auto &t : attentionHead->parameters())
            p.push_back(t);
    return p;
}

} // namespace timbre::models
