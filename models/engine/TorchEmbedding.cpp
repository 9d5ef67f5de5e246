// SPDX-License-Identifier: GPL-3.0-or-later
// The engine side of ScriptedEmbedding (models/api/ScriptedEmbedding.h): a TorchScript module,
// probed once on load.
#include "models/engine/TorchEngine.h"

#include "models/api/ScriptedEmbedding.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <fstream>
#include <sstream>

namespace timbre::models::engine {

namespace {

constexpr int kFrames = ScriptedEmbedding::kFrames;
constexpr int kBands = ScriptedEmbedding::kBands;
constexpr int kProbeBatch = ScriptedEmbedding::kProbeBatch;

std::string shapeText(const at::Tensor &t)
{
    std::ostringstream s;
    s << '[';
    for (int64_t i = 0; i < t.dim(); ++i)
        s << (i ? ", " : "") << t.size(i);
    s << ']';
    return s.str();
}

// LibTorch's messages run to many lines (TorchScript source excerpts, backtraces): the first
// line says what happened.
std::string firstLine(const std::string &text)
{
    const size_t end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// Checks forward's result against [batch, D]; empty when it fits, else why not.
std::string checkOutput(const c10::IValue &output, int64_t batch, int64_t dimension)
{
    if (!output.isTensor())
        return "forward returns " + output.tagKind()
                + ", not a tensor: an extractor must "
                  "return [batch, D]";
    const at::Tensor t = output.toTensor();
    if (t.dim() != 2 || t.size(0) != batch || t.size(1) < 1
        || (dimension > 0 && t.size(1) != dimension))
        return "output shape " + shapeText(t)
                + " does not fit: an extractor must return "
                  "[batch, D]"
                + (dimension > 0 ? " with D = " + std::to_string(dimension) : "");
    if (!t.is_floating_point())
        return "output is of type " + std::string(c10::toString(t.scalar_type()))
                + ", not floating point";
    return {};
}

class TorchEmbedding : public EmbeddingBackend
{
public:
    std::string modulePath;
    // forward is not const in LibTorch's API although inference leaves the module unchanged.
    mutable torch::jit::Module module;
    int outputDimension = 0;

    const std::string &path() const override { return modulePath; }
    int dimension() const override { return outputDimension; }
    bool embed(const float *patches, int count, std::vector<float> &out,
               ModelError *error) const override;

    // Runs forward on [count, 1, 96, 64]; the output as a contiguous float [count, D] tensor or
    // an error.
    at::Tensor run(const at::Tensor &input, int64_t expectedDim, ModelError *error) const
    {
        c10::IValue output;
        try {
            c10::InferenceMode inference;
            output = module.forward({input});
        } catch (const c10::Error &e) {
            *error = ModelError::make(ModelError::Code::Failed, modulePath,
                                      modulePath + ": forward fails on a " + shapeText(input)
                                              + " log-mel batch: "
                                              + firstLine(e.what_without_backtrace()));
            return {};
        } catch (const std::exception &e) {
            *error = ModelError::make(ModelError::Code::Failed, modulePath,
                                      modulePath + ": forward fails on a " + shapeText(input)
                                              + " log-mel batch: " + firstLine(e.what()));
            return {};
        }
        const std::string problem = checkOutput(output, input.size(0), expectedDim);
        if (!problem.empty()) {
            *error = ModelError::make(ModelError::Code::Mismatch, modulePath,
                                      modulePath + ": " + problem);
            return {};
        }
        return output.toTensor().to(torch::kCPU, torch::kFloat).contiguous();
    }
};

// Checks and probes a loaded module (loadEmbedding and loadEmbeddingBytes alike).
std::unique_ptr<EmbeddingBackend> probe(std::unique_ptr<TorchEmbedding> impl, ModelError &message)
{
    const std::string &path = impl->modulePath;
    if (!impl->module.find_method("forward")) {
        message = ModelError::make(ModelError::Code::WrongKind, path,
                                   path + ": the TorchScript module has no forward method");
        return nullptr;
    }
    impl->module.eval();
    // A fixed pseudo-random probe (log-mel-like values around ln(0.01)..ln(10)) rather than
    // zeros, so a module that happens to map zeros to a special case is still exercised; a
    // generator of its own leaves the global torch seed alone.
    at::Tensor probe;
    {
        c10::InferenceMode inference;
        auto generator = at::make_generator<at::CPUGeneratorImpl>(0x7e3b);
        probe = torch::rand({kProbeBatch, 1, kFrames, kBands}, generator, torch::kFloat) * 7.0f
                - 4.6f;
    }
    const at::Tensor output = impl->run(probe, 0, &message);
    if (!output.defined())
        return nullptr;
    impl->outputDimension = int(output.size(1));
    return impl;
}

bool TorchEmbedding::embed(const float *patches, int count, std::vector<float> &out,
                           ModelError *error) const
{
    if (count <= 0)
        return true;
    ModelError scratch;
    ModelError &message = error ? *error : scratch;
    at::Tensor output;
    try {
        // from_blob does not copy: the caller's buffer outlives the call.
        const at::Tensor input = torch::from_blob(const_cast<float *>(patches),
                                                  {count, 1, kFrames, kBands}, torch::kFloat);
        output = run(input, outputDimension, &message);
    } catch (const std::exception &e) {
        message = ModelError::make(ModelError::Code::Failed, modulePath,
                                   modulePath + ": " + firstLine(e.what()));
        return false;
    }
    if (!output.defined())
        return false;
    const float *values = output.data_ptr<float>();
    out.insert(out.end(), values, values + static_cast<size_t>(count) * outputDimension);
    return true;
}

// Loads the module with `load` (from a file or from bytes), then probes it; `name` stands for
// the module in every message.
template<typename Load>
std::unique_ptr<EmbeddingBackend> loadModule(const std::string &name, ModelError *error, Load load)
{
    ModelError scratch;
    ModelError &message = error ? *error : scratch;
    auto impl = std::make_unique<TorchEmbedding>();
    impl->modulePath = name;
    try {
        impl->module = load();
    } catch (const c10::Error &e) {
        message = ModelError::make(ModelError::Code::Corrupt, name,
                                   name + ": not a TorchScript module ("
                                           + firstLine(e.what_without_backtrace()) + ")");
        return nullptr;
    } catch (const std::exception &e) {
        message = ModelError::make(ModelError::Code::Corrupt, name,
                                   name + ": not a TorchScript module (" + firstLine(e.what())
                                           + ")");
        return nullptr;
    }
    return probe(std::move(impl), message);
}

} // namespace

std::unique_ptr<EmbeddingBackend> loadEmbedding(const std::string &path, ModelError *error)
{
    if (!std::ifstream(path, std::ios::binary).good()) {
        setModelError(error, ModelError::Code::NotFound, path,
                      path + ": no such file (or not readable)");
        return nullptr;
    }
    return loadModule(path, error, [&path] { return torch::jit::load(path, torch::kCPU); });
}

std::unique_ptr<EmbeddingBackend> loadEmbeddingBytes(const std::string &name,
                                                     const std::string &bytes, ModelError *error)
{
    return loadModule(name, error, [&bytes] {
        std::istringstream in(bytes);
        return torch::jit::load(in, torch::kCPU);
    });
}

} // namespace timbre::models::engine
