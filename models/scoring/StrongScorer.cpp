// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/scoring/StrongScorer.h"

#include <sstream>
#include <stdexcept>

namespace timbre::models {

bool StrongScorer::isStrongKind(const std::string &kind)
{
    return kind == "mlp" || kind == "cnn" || kind == "crnn";
}

std::vector<float> StrongScorer::scorePatches(const float *patches, int64_t n, int batchSize) const
{
    torch::NoGradGuard noGrad;
    m_net->eval();
    const StrongNetOptions &o = m_net->options();
    const int64_t patch = static_cast<int64_t>(o.bands) * o.frames;
    std::vector<float> out(static_cast<size_t>(n) * o.numClasses);
    const int64_t chunk = std::max(1, batchSize);
    for (int64_t first = 0; first < n; first += chunk) {
        const int64_t count = std::min(chunk, n - first);
        torch::Tensor x = torch::from_blob(const_cast<float *>(patches) + first * patch,
                                           {count, o.bands, o.frames}, torch::kFloat);
        const torch::Tensor p = m_net->forward(x).contiguous();
        std::copy_n(p.data_ptr<float>(), count * o.numClasses, out.begin() + first * o.numClasses);
    }
    return out;
}

std::vector<BagPrediction> StrongScorer::predict(const BagSet &bags, int batchSize)
{
    const StrongNetOptions &o = m_net->options();
    if (bags.featureDim != o.bands * o.frames)
        throw std::runtime_error("instances are not " + std::to_string(o.bands) + " x "
                                 + std::to_string(o.frames) + " log-mel patches");
    const std::vector<float> scores
            = scorePatches(bags.features.data(), bags.numInstances(), batchSize);
    const int C = o.numClasses;
    std::vector<BagPrediction> out(static_cast<size_t>(bags.numBags()));
    for (int b = 0; b < bags.numBags(); ++b) {
        BagPrediction &p = out[b];
        p.instances = bags.bagSize(b);
        p.numClasses = C;
        const auto first = scores.begin() + bags.bagOffsets[b] * C;
        p.instanceScores.assign(first, first + static_cast<size_t>(p.instances) * C);
        p.clipScores.assign(C, 0.0f);
        for (int i = 0; i < p.instances; ++i) {
            for (int c = 0; c < C; ++c)
                p.clipScores[c] = std::max(p.clipScores[c], p.instanceScores[i * C + c]);
        }
    }
    return out;
}

std::string StrongScorer::toBytes(StrongNetImpl &net)
{
    const StrongNetOptions &o = net.options();
    torch::serialize::OutputArchive archive;
    archive.write(
            "shape",
            torch::tensor(std::vector<int64_t> {o.bands, o.frames, o.numClasses}, torch::kLong));
    archive.write("dropout", torch::tensor({o.dropout}, torch::kDouble));
    torch::serialize::OutputArchive weights;
    net.save(weights);
    archive.write("net", weights);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

std::shared_ptr<StrongNetImpl> StrongScorer::netFromBytes(const std::string &kind,
                                                          const std::string &bytes)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size());
    torch::Tensor shape;
    archive.read("shape", shape);
    shape = shape.to(torch::kLong).contiguous();
    if (shape.numel() != 3)
        throw std::runtime_error("bad shape record");
    torch::Tensor dropout;
    archive.read("dropout", dropout);
    StrongNetOptions o;
    o.bands = static_cast<int>(shape[0].item<int64_t>());
    o.frames = static_cast<int>(shape[1].item<int64_t>());
    o.numClasses = static_cast<int>(shape[2].item<int64_t>());
    o.dropout = dropout.item<double>();
    if (o.bands < 1 || o.frames < 1 || o.numClasses < 1)
        throw std::runtime_error("bad shape record");
    std::shared_ptr<StrongNetImpl> net = makeStrongNet(kind, o);
    if (!net)
        throw std::runtime_error("\"" + kind + "\" is not a strong-label model kind");
    torch::serialize::InputArchive weights;
    archive.read("net", weights);
    net->load(weights);
    net->eval();
    return net;
}

std::unique_ptr<BagScorer> StrongScorer::fromCheckpoint(const CheckpointFile &checkpoint,
                                                        const std::string &path, ModelError *error)
{
    auto fail = [&](const std::string &why) -> std::unique_ptr<BagScorer> {
        setModelError(error, ModelError::Code::Corrupt, path,
                      (path.empty() ? std::string("checkpoint") : path) + ": " + why);
        return nullptr;
    };
    const auto it = checkpoint.blobs.find("strong");
    if (it == checkpoint.blobs.end())
        return fail("no \"strong\" blob in a " + checkpoint.info.kind + " checkpoint");
    try {
        std::shared_ptr<StrongNetImpl> net = netFromBytes(checkpoint.info.kind, it->second);
        const StrongNetOptions &o = net->options();
        if (o.bands * o.frames != checkpoint.info.featureDim
            || o.numClasses != static_cast<int>(checkpoint.info.classNames.size()))
            return fail("weights do not match the metadata's classes or input size");
        return std::make_unique<StrongScorer>(net);
    } catch (const c10::Error &e) {
        return fail(std::string("unreadable weights (") + e.what_without_backtrace() + ")");
    } catch (const std::exception &e) {
        return fail(std::string("unreadable weights (") + e.what() + ")");
    }
}

} // namespace timbre::models
