// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/scoring/DgmScorer.h"

#include "models/inputs/DgmInputs.h"

#include <sstream>
#include <stdexcept>

namespace timbre::models {

torch::Tensor DgmScorer::inputRows(const BagSet &bags) const
{
    int rowDim = 0;
    std::vector<float> rows = DgmInputs::rows(bags, flatten, instances, &rowDim);
    DgmInputs::scaleToUnit(&rows, low, high);
    return torch::from_blob(rows.data(), {bags.numBags(), rowDim}, torch::kFloat).clone();
}

torch::Tensor DgmScorer::classProbabilities(const torch::Tensor &rows)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> columns;
    for (int c = 0; c < numClasses(); ++c) {
        if (fallback[c] >= 0) {
            columns.push_back(torch::full({rows.size(0)}, fallback[c]));
        } else {
            nets[c]->eval();
            columns.push_back(torch::sigmoid(nets[c]->classifierLogit(rows)));
        }
    }
    return torch::stack(columns, 1);
}

std::vector<BagPrediction> DgmScorer::predict(const BagSet &bags, int batchSize)
{
    if (bags.featureDim * (flatten ? instances : 1) != options.inputDim)
        throw std::runtime_error("the bags' feature dimension does not match the DGM");
    const int n = bags.numBags();
    const int C = numClasses();
    std::vector<BagPrediction> out(static_cast<size_t>(n));
    const int chunk = std::max(1, batchSize);
    for (int first = 0; first < n; first += chunk) {
        std::vector<int> idx;
        for (int b = first; b < std::min(n, first + chunk); ++b)
            idx.push_back(b);
        const BagSet part = bags.subset(idx);
        const torch::Tensor clip = classProbabilities(inputRows(part)).contiguous();
        torch::Tensor inst;
        if (!flatten) {
            // Every instance as a bag of one: same mean-pooled input space.
            std::vector<float> rows(part.features);
            DgmInputs::scaleToUnit(&rows, low, high);
            torch::Tensor x = torch::from_blob(rows.data(), {part.numInstances(), part.featureDim},
                                               torch::kFloat);
            inst = classProbabilities(x).contiguous();
        }
        for (size_t i = 0; i < idx.size(); ++i) {
            BagPrediction &p = out[idx[i]];
            p.instances = part.bagSize(static_cast<int>(i));
            p.numClasses = C;
            const float *src = clip.data_ptr<float>() + i * C;
            p.clipScores.assign(src, src + C);
            if (inst.defined()) {
                const float *isrc = inst.data_ptr<float>() + part.bagOffsets[i] * C;
                p.instanceScores.assign(isrc, isrc + static_cast<size_t>(p.instances) * C);
            }
        }
    }
    return out;
}

std::string DgmScorer::toBytes() const
{
    torch::serialize::OutputArchive archive;
    const std::vector<int64_t> shape = {options.inputDim,
                                        options.latentDim,
                                        static_cast<int64_t>(options.hidden.size()),
                                        static_cast<int64_t>(options.classifierHidden.size()),
                                        options.gaussianDecoder ? 1 : 0,
                                        flatten ? 1 : 0,
                                        instances,
                                        numClasses()};
    archive.write("shape", torch::tensor(shape, torch::kLong));
    archive.write("hidden",
                  torch::tensor(std::vector<int64_t>(options.hidden.begin(), options.hidden.end()),
                                torch::kLong));
    archive.write("classifierHidden",
                  torch::tensor(std::vector<int64_t>(options.classifierHidden.begin(),
                                                     options.classifierHidden.end()),
                                torch::kLong));
    archive.write("dropout", torch::tensor({options.classifierDropout}, torch::kDouble));
    archive.write("low", torch::tensor(low));
    archive.write("high", torch::tensor(high));
    archive.write("fallback", torch::tensor(fallback));
    for (int c = 0; c < numClasses(); ++c) {
        torch::serialize::OutputArchive net;
        nets[c]->save(net);
        archive.write("net" + std::to_string(c), net);
    }
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

namespace {

std::vector<int64_t> longs(const torch::Tensor &t)
{
    const torch::Tensor c = t.to(torch::kLong).contiguous();
    return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

std::vector<float> floats(const torch::Tensor &t)
{
    const torch::Tensor c = t.to(torch::kFloat).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

} // namespace

std::unique_ptr<DgmScorer> DgmScorer::fromBytes(const std::string &bytes)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size());
    // A fresh tensor per key: reading into a defined tensor tries to resize its storage.
    auto read = [&archive](const char *key) {
        torch::Tensor t;
        archive.read(key, t);
        return t;
    };
    const std::vector<int64_t> shape = longs(read("shape"));
    torch::Tensor t;
    if (shape.size() != 8)
        throw std::runtime_error("bad DGM shape record");
    auto scorer = std::make_unique<DgmScorer>();
    scorer->options.inputDim = static_cast<int>(shape[0]);
    scorer->options.latentDim = static_cast<int>(shape[1]);
    scorer->options.gaussianDecoder = shape[4] != 0;
    scorer->flatten = shape[5] != 0;
    scorer->instances = static_cast<int>(shape[6]);
    const int C = static_cast<int>(shape[7]);
    scorer->options.hidden.clear();
    t = read("hidden");
    for (int64_t h : longs(t))
        scorer->options.hidden.push_back(static_cast<int>(h));
    scorer->options.classifierHidden.clear();
    t = read("classifierHidden");
    for (int64_t h : longs(t))
        scorer->options.classifierHidden.push_back(static_cast<int>(h));
    t = read("dropout");
    scorer->options.classifierDropout = t.item<double>();
    if (scorer->options.hidden.size() != static_cast<size_t>(shape[2])
        || scorer->options.classifierHidden.size() != static_cast<size_t>(shape[3]))
        throw std::runtime_error("bad DGM layer records");
    t = read("low");
    scorer->low = floats(t);
    t = read("high");
    scorer->high = floats(t);
    t = read("fallback");
    scorer->fallback = floats(t);
    const size_t rowDim = static_cast<size_t>(scorer->options.inputDim);
    if (scorer->low.size() != rowDim || scorer->high.size() != rowDim
        || scorer->fallback.size() != static_cast<size_t>(C))
        throw std::runtime_error("DGM scaling or class records have the wrong size");
    for (int c = 0; c < C; ++c) {
        DgmNet net(scorer->options);
        torch::serialize::InputArchive netArchive;
        archive.read("net" + std::to_string(c), netArchive);
        net->load(netArchive);
        net->eval();
        scorer->nets.push_back(net);
    }
    return scorer;
}

std::unique_ptr<BagScorer> DgmScorer::fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error)
{
    auto fail = [&](const std::string &why) -> std::unique_ptr<BagScorer> {
        setModelError(error, ModelError::Code::Corrupt, path,
                      (path.empty() ? std::string("checkpoint") : path) + ": " + why);
        return nullptr;
    };
    const auto it = checkpoint.blobs.find("dgm");
    if (it == checkpoint.blobs.end())
        return fail("no \"dgm\" blob in a dgm checkpoint");
    try {
        std::unique_ptr<DgmScorer> scorer = fromBytes(it->second);
        const int featureDim = checkpoint.info.featureDim;
        if (scorer->numClasses() != static_cast<int>(checkpoint.info.classNames.size())
            || featureDim * (scorer->flatten ? scorer->instances : 1) != scorer->options.inputDim)
            return fail("DGM weights do not match the metadata's classes or feature dimension");
        return scorer;
    } catch (const c10::Error &e) {
        return fail(std::string("unreadable DGM weights (") + e.what_without_backtrace() + ")");
    } catch (const std::exception &e) {
        return fail(std::string("unreadable DGM weights (") + e.what() + ")");
    }
}

} // namespace timbre::models
