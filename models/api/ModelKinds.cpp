// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ModelKinds.h"

#include <cstring>

namespace timbre::models {

const std::vector<ModelKind> &modelKinds()
{
    using F = KindFamily;
    // key, display name, family, bag, semi-supervised, iterative, teacher, network
    static const std::vector<ModelKind> kinds = {
            {"mt", "Mean Teacher", F::MilNetwork, true, true, true, true, "att"},
            {"att", "Attention MIL (ATT)", F::MilNetwork, true, false, true, false, "att"},
            {"fct", "Mean-pooled instance scores (FC_T)", F::MilNetwork, true, false, true, false,
             "fct"},
            {"fc", "Fully connected (FC)", F::MilNetwork, true, false, true, false, "fc"},
            {"rnn", "Bidirectional GRU (RNN)", F::MilNetwork, true, false, true, false, "rnn"},
            {"dgm", "Deep generative model (DGM)", F::Generative, true, true, true, false, "dgm"},
            {"rf", "Random forests (RF-BR)", F::Forest, true, false, false, false, "rf"},
            {"cnn", "Per-second CNN", F::StrongNetwork, false, false, true, false, "cnn"},
            {"crnn", "Per-second CRNN", F::StrongNetwork, false, false, true, false, "crnn"},
            {"mlp", "Per-second MLP", F::StrongNetwork, false, false, true, false, "mlp"},
    };
    return kinds;
}

const ModelKind *findModelKind(const std::string &key)
{
    for (const ModelKind &kind : modelKinds())
        if (key == kind.key)
            return &kind;
    return nullptr;
}

const char *defaultLibraryKind()
{
    return modelKinds().front().key;
}

std::vector<std::string> bagKindKeys()
{
    std::vector<std::string> keys;
    for (const ModelKind &kind : modelKinds())
        if (kind.bag)
            keys.emplace_back(kind.key);
    return keys;
}

bool warmStartFits(const std::string &from, const std::string &to)
{
    const ModelKind *a = findModelKind(from);
    const ModelKind *b = findModelKind(to);
    return a && b && std::strcmp(a->network, b->network) == 0;
}

} // namespace timbre::models
