// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/checkpoints/MilCheckpoint.h"
#include "models/api/ModelKinds.h"

#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace timbre::models {

bool isMilKind(const std::string &kind)
{
    const ModelKind *k = findModelKind(kind);
    return k && k->family == KindFamily::MilNetwork;
}

std::string moduleBytes(torch::nn::Module &module)
{
    torch::serialize::OutputArchive archive;
    module.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void loadModuleBytes(torch::nn::Module &module, const std::string &bytes)
{
    // Module::load replaces each tensor with the stored one whatever its shape, so the shapes
    // the architecture expects are checked afterwards.
    std::vector<std::pair<std::string, std::vector<int64_t>>> expected;
    for (const auto &item : module.named_parameters())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto &item : module.named_buffers())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    torch::serialize::InputArchive archive;
    std::istringstream in(bytes);
    archive.load_from(in);
    module.load(archive);
    auto params = module.named_parameters();
    auto buffers = module.named_buffers();
    for (const auto &[name, shape] : expected) {
        const torch::Tensor *t = params.find(name);
        if (!t)
            t = buffers.find(name);
        if (!t || t->sizes().vec() != shape)
            throw std::runtime_error("tensor " + name + " has another shape than the model's");
    }
}

std::string optimizerBytes(torch::optim::Optimizer &optimizer)
{
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void loadOptimizerBytes(torch::optim::Optimizer &optimizer, const std::string &bytes)
{
    torch::serialize::InputArchive archive;
    std::istringstream in(bytes);
    archive.load_from(in);
    optimizer.load(archive);
}

TrainConfig checkpointConfig(const CheckpointFile &checkpoint)
{
    ModelError error;
    TrainConfig config = TrainConfig::fromJson(checkpoint.info.hyperParametersJson, &error);
    if (error.isError())
        config = TrainConfig::defaultsFor(checkpoint.info.kind);
    return config;
}

std::shared_ptr<MilNetImpl> loadMilNet(const CheckpointFile &checkpoint, const std::string &blob,
                                       const std::string &path, ModelError *error)
{
    const CheckpointInfo &info = checkpoint.info;
    auto fail = [&](const std::string &why,
                    ModelError::Code code
                    = ModelError::Code::Mismatch) -> std::shared_ptr<MilNetImpl> {
        setModelError(error, code, path, "checkpoint " + path + ": " + why);
        return nullptr;
    };
    if (!isMilKind(info.kind))
        return fail("model kind \"" + info.kind + "\" is not a bag network",
                    ModelError::Code::WrongKind);
    auto it = checkpoint.blobs.find(blob);
    if (it == checkpoint.blobs.end())
        return fail("has no \"" + blob + "\" weights", ModelError::Code::Corrupt);
    const TrainConfig config = checkpointConfig(checkpoint);
    auto net = createMilNet(info.kind, info.featureDim, static_cast<int>(info.classNames.size()),
                            config.dropout, config.extra);
    try {
        loadModuleBytes(*net, it->second);
    } catch (const c10::Error &e) {
        return fail("weights do not match a " + info.kind + " model with "
                    + std::to_string(info.featureDim) + "-d input and "
                    + std::to_string(info.classNames.size()) + " classes ("
                    + e.what_without_backtrace() + ")");
    } catch (const std::exception &e) {
        return fail("weights do not match a " + info.kind + " model with "
                    + std::to_string(info.featureDim) + "-d input and "
                    + std::to_string(info.classNames.size()) + " classes (" + e.what() + ")");
    }
    net->eval();
    return net;
}

} // namespace timbre::models
