// SPDX-License-Identifier: GPL-3.0-or-later
// Common base of the strongly labelled instrument activity models of Sec. 2.4 (MLP, CNN,
// CRNN): 1 s log-mel patches [N x bands x frames] in, one logit per instrument out.
// Internal header (torch types); the public entry points are models/api/StrongTraining.h.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>

namespace timbre::models {

struct StrongNetOptions
{
    int bands = 96;
    int frames = 86;
    int numClasses = 18; // Table 2.1's output layer; any taxonomy size works
    double dropout = 0.5; // MLP only (keep probability 0.5 in Sec. 2.4)
};

class StrongNetImpl : public torch::nn::Module
{
public:
    explicit StrongNetImpl(const StrongNetOptions &options);

    // Logits [N x C] for inputs [N x bands x frames] in dB; inputs are standardised per mel
    // band with the statistics of the training set first (setInputStatistics).
    torch::Tensor logits(const torch::Tensor &input);
    // Sigmoid outputs in (0, 1), [N x C].
    torch::Tensor forward(const torch::Tensor &input) { return torch::sigmoid(logits(input)); }

    // Per-band mean and standard deviation ([bands] each). The thesis does not say how the dB
    // values were scaled; raw dB (about -80..0) with SGD at lr 1e-4 trains the MLP poorly, so
    // every model sees zero-mean unit-variance bands. Stored as buffers, so they are saved.
    void setInputStatistics(const torch::Tensor &mean, const torch::Tensor &std);

    const StrongNetOptions &options() const { return m_options; }
    virtual std::string kind() const = 0;

protected:
    // Standardised input [N x 1 x bands x frames] -> logits [N x C].
    virtual torch::Tensor forwardStandardised(const torch::Tensor &input) = 0;

private:
    StrongNetOptions m_options;
    torch::Tensor m_bandMean;
    torch::Tensor m_bandStd;
};

// "mlp", "cnn" or "crnn"; nullptr for another kind.
std::shared_ptr<StrongNetImpl> makeStrongNet(const std::string &kind,
                                             const StrongNetOptions &options);

} // namespace timbre::models
