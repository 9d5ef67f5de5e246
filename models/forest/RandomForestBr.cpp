// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/forest/RandomForestBr.h"

#include "models/api/SeededOrder.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/inputs/DgmInputs.h"
#include "models/training/TrainingCommon.h"

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

namespace timbre::models {

namespace {

const char kMagic[8] = {'T', 'R', 'F', 'B', 'R', 'Z', '0', '1'};

std::string compress(const std::string &text)
{
    uLongf size = compressBound(text.size());
    std::string out(sizeof kMagic + 8 + size, '\0');
    std::copy(kMagic, kMagic + sizeof kMagic, out.begin());
    const uint64_t raw = text.size();
    for (int i = 0; i < 8; ++i)
        out[sizeof kMagic + i] = static_cast<char>((raw >> (8 * i)) & 0xff);
    if (::compress2(reinterpret_cast<Bytef *>(&out[sizeof kMagic + 8]), &size,
                    reinterpret_cast<const Bytef *>(text.data()), text.size(), 6)
        != Z_OK)
        return {};
    out.resize(sizeof kMagic + 8 + size);
    return out;
}

bool decompress(const std::string &bytes, std::string *text)
{
    const size_t header = sizeof kMagic + 8;
    if (bytes.size() < header || !std::equal(kMagic, kMagic + sizeof kMagic, bytes.begin()))
        return false;
    uint64_t raw = 0;
    for (int i = 0; i < 8; ++i)
        raw |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[sizeof kMagic + i]))
                << (8 * i);
    if (raw > (uint64_t(1) << 34))
        return false;
    text->assign(raw, '\0');
    uLongf size = raw;
    return ::uncompress(reinterpret_cast<Bytef *>(text->data()), &size,
                        reinterpret_cast<const Bytef *>(bytes.data() + header),
                        bytes.size() - header)
            == Z_OK
            && size == raw;
}

} // namespace

struct RandomForestBr::Impl
{
    Options options;
    int featureDim = 0;
    int rowDim = 0;
    std::vector<cv::Ptr<cv::ml::RTrees>> forests; // empty Ptr where fallback applies
    std::vector<float> fallback; // < 0 when the forest is used

    cv::Mat rows(const BagSet &bags, std::vector<float> *storage) const
    {
        int dim = 0;
        *storage = DgmInputs::rows(bags, options.flatten, options.instances, &dim);
        return cv::Mat(bags.numBags(), dim, CV_32F, storage->data());
    }
};

RandomForestBr::RandomForestBr() : d(std::make_unique<Impl>()) { }

RandomForestBr::~RandomForestBr() = default;

int RandomForestBr::numClasses() const
{
    return static_cast<int>(d->fallback.size());
}

int RandomForestBr::featureDim() const
{
    return d->featureDim;
}

std::string RandomForestBr::train(const BagSet &train, const Options &options, uint64_t seed,
                                  int threads, const std::atomic<bool> *cancel)
{
    const std::string problem = train.validate();
    if (!problem.empty())
        return "training set: " + problem;
    if (options.trees < 1 || options.maxDepth < 1 || options.minSamples < 1)
        return "rf_trees, rf_max_depth and rf_min_samples must be at least 1";
    d->options = options;
    if (d->options.flatten && d->options.instances <= 0)
        d->options.instances = DgmInputs::typicalBagLength(train);
    if (!d->options.flatten)
        d->options.instances = 1;
    d->featureDim = train.featureDim;
    std::vector<float> storage;
    const cv::Mat x = d->rows(train, &storage);
    d->rowDim = x.cols;
    const int C = train.numClasses;
    d->forests.assign(static_cast<size_t>(C), cv::Ptr<cv::ml::RTrees>());
    d->fallback.assign(static_cast<size_t>(C), -1.0f);

    auto trainClass = [&](int c) {
        std::vector<int> rowsOfClass;
        int positives = 0;
        for (int b = 0; b < train.numBags(); ++b) {
            const size_t k = static_cast<size_t>(b) * C + c;
            if (!train.observed[k])
                continue;
            rowsOfClass.push_back(b);
            positives += train.labels[k] > 0.5f ? 1 : 0;
        }
        const int n = static_cast<int>(rowsOfClass.size());
        if (n == 0 || positives == 0 || positives == n) {
            d->fallback[c] = n == 0 ? 0.5f : static_cast<float>(positives) / n;
            return;
        }
        // RTrees draws from the calling thread's cv::theRNG() as well as from a generator of
        // its own with a fixed start; seeding the thread's generator and ordering the rows by
        // the seed make every forest depend on (seed, class) only, whichever thread trains it.
        const uint64_t classSeed = seed * 1000003ULL + static_cast<uint64_t>(c);
        std::mt19937_64 rng(classSeed);
        seededShuffle(rowsOfClass, rng);
        cv::setRNGSeed(static_cast<int>(classSeed & 0x7fffffff));
        cv::Mat samples(n, x.cols, CV_32F);
        cv::Mat targets(n, 1, CV_32F);
        for (int i = 0; i < n; ++i) {
            x.row(rowsOfClass[i]).copyTo(samples.row(i));
            targets.at<float>(i)
                    = train.labels[static_cast<size_t>(rowsOfClass[i]) * C + c] > 0.5f ? 1.f : 0.f;
        }
        cv::Ptr<cv::ml::RTrees> forest = cv::ml::RTrees::create();
        forest->setMaxDepth(options.maxDepth);
        forest->setMinSampleCount(options.minSamples);
        forest->setRegressionAccuracy(0.0f);
        forest->setUseSurrogates(false);
        forest->setCVFolds(0);
        forest->setActiveVarCount(options.activeVars);
        forest->setCalculateVarImportance(false);
        forest->setTermCriteria(cv::TermCriteria(cv::TermCriteria::MAX_ITER, options.trees, 0.0));
        forest->train(cv::ml::TrainData::create(samples, cv::ml::ROW_SAMPLE, targets));
        d->forests[c] = forest;
    };

    // OpenCV's split search runs over the variables in parallel and keeps whichever of equally
    // good splits a thread reports first, so forests would depend on thread timing. Its pool
    // is switched off while training (and restored after); the classes run in parallel instead.
    const int openCvThreads = cv::getNumThreads();
    cv::setNumThreads(0);
    const int workers = std::max(1, std::min(threads > 0 ? threads : 1, C));
    std::vector<std::thread> pool;
    std::atomic<int> next {0};
    std::vector<std::string> errors(static_cast<size_t>(workers));
    for (int w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            for (int c = next++; c < C; c = next++) {
                if (cancel && cancel->load())
                    return;
                try {
                    trainClass(c);
                } catch (const cv::Exception &e) {
                    errors[w] = "class " + std::to_string(c) + ": " + e.what();
                    return;
                }
            }
        });
    }
    for (std::thread &t : pool)
        t.join();
    cv::setNumThreads(openCvThreads);
    for (const std::string &e : errors) {
        if (!e.empty())
            return "random forest training failed: " + e;
    }
    if (cancel && cancel->load())
        return "training was cancelled";
    return {};
}

std::vector<float> RandomForestBr::clipScores(const BagSet &bags) const
{
    const int C = numClasses();
    const int n = bags.numBags();
    std::vector<float> out(static_cast<size_t>(n) * C, 0.0f);
    if (n == 0)
        return out;
    std::vector<float> storage;
    const cv::Mat x = d->rows(bags, &storage);
    for (int c = 0; c < C; ++c) {
        cv::Mat predicted;
        if (d->forests[c])
            d->forests[c]->predict(x, predicted);
        for (int b = 0; b < n; ++b) {
            out[static_cast<size_t>(b) * C + c] = d->forests[c]
                    ? std::clamp(predicted.at<float>(b), 0.0f, 1.0f)
                    : d->fallback[c];
        }
    }
    return out;
}

std::vector<BagPrediction> RandomForestBr::predict(const BagSet &bags, int)
{
    if (bags.featureDim != d->featureDim)
        throw std::runtime_error("the bags' feature dimension does not match the forests'");
    const std::vector<float> scores = clipScores(bags);
    const int C = numClasses();
    std::vector<BagPrediction> out(static_cast<size_t>(bags.numBags()));
    for (int b = 0; b < bags.numBags(); ++b) {
        out[b].instances = bags.bagSize(b);
        out[b].numClasses = C;
        out[b].clipScores.assign(scores.begin() + static_cast<size_t>(b) * C,
                                 scores.begin() + static_cast<size_t>(b + 1) * C);
    }
    return out;
}

std::string RandomForestBr::toBytes() const
{
    cv::FileStorage fs(".yml", cv::FileStorage::WRITE | cv::FileStorage::MEMORY);
    fs << "featureDim" << d->featureDim << "flatten" << (d->options.flatten ? 1 : 0) << "instances"
       << d->options.instances << "trees" << d->options.trees << "maxDepth" << d->options.maxDepth
       << "minSamples" << d->options.minSamples << "activeVars" << d->options.activeVars
       << "fallback" << d->fallback;
    for (int c = 0; c < numClasses(); ++c) {
        if (!d->forests[c])
            continue;
        fs << ("forest" + std::to_string(c)) << "{";
        d->forests[c]->write(fs);
        fs << "}";
    }
    return compress(fs.releaseAndGetString());
}

std::unique_ptr<RandomForestBr> RandomForestBr::fromBytes(const std::string &bytes,
                                                          ModelError *error)
{
    auto fail = [&](const std::string &why) -> std::unique_ptr<RandomForestBr> {
        setModelError(error, ModelError::Code::Corrupt, {}, why);
        return nullptr;
    };
    std::string text;
    if (!decompress(bytes, &text))
        return fail("the random-forest blob is not a compressed forest set");
    try {
        cv::FileStorage fs(text, cv::FileStorage::READ | cv::FileStorage::MEMORY);
        auto model = std::make_unique<RandomForestBr>();
        Impl &m = *model->d;
        m.featureDim = static_cast<int>(fs["featureDim"]);
        m.options.flatten = static_cast<int>(fs["flatten"]) != 0;
        m.options.instances = static_cast<int>(fs["instances"]);
        m.options.trees = static_cast<int>(fs["trees"]);
        m.options.maxDepth = static_cast<int>(fs["maxDepth"]);
        m.options.minSamples = static_cast<int>(fs["minSamples"]);
        m.options.activeVars = static_cast<int>(fs["activeVars"]);
        fs["fallback"] >> m.fallback;
        if (m.featureDim <= 0 || m.options.instances <= 0 || m.fallback.empty())
            return fail("the random-forest blob lacks its header fields");
        m.rowDim = m.featureDim * (m.options.flatten ? m.options.instances : 1);
        m.forests.assign(m.fallback.size(), cv::Ptr<cv::ml::RTrees>());
        for (size_t c = 0; c < m.fallback.size(); ++c) {
            if (m.fallback[c] >= 0)
                continue;
            const cv::FileNode node = fs["forest" + std::to_string(c)];
            if (node.empty())
                return fail("forest " + std::to_string(c) + " is missing");
            cv::Ptr<cv::ml::RTrees> forest = cv::ml::RTrees::create();
            forest->read(node);
            if (!forest->isTrained() || forest->getVarCount() != m.rowDim)
                return fail("forest " + std::to_string(c) + " does not fit the input size");
            m.forests[c] = forest;
        }
        return model;
    } catch (const cv::Exception &e) {
        return fail(std::string("unreadable random forest (") + e.what() + ")");
    }
}

std::unique_ptr<BagScorer> RandomForestBr::fromCheckpoint(const CheckpointFile &checkpoint,
                                                          const std::string &path,
                                                          ModelError *error)
{
    const std::string where = path.empty() ? std::string("checkpoint") : path;
    const auto it = checkpoint.blobs.find("rf");
    if (it == checkpoint.blobs.end()) {
        setModelError(error, ModelError::Code::Corrupt, path,
                      where + ": no \"rf\" blob in an rf checkpoint");
        return nullptr;
    }
    ModelError why;
    std::unique_ptr<RandomForestBr> model = fromBytes(it->second, &why);
    if (model
        && (model->featureDim() != checkpoint.info.featureDim
            || model->numClasses() != static_cast<int>(checkpoint.info.classNames.size()))) {
        model.reset();
        why = ModelError::make(ModelError::Code::Mismatch, {},
                               "forests do not match the metadata's classes or feature dimension");
    }
    if (!model)
        setModelError(error, why.code, path, where + ": " + why.message);
    return model;
}

namespace {

// BCEp (Eq. 3.5 defaults): mean over bags with an observed label of their mean observed BCE.
double partialBce(const std::vector<float> &scores, const BagSet &bags)
{
    return meanPartialBce(scores.data(), bags);
}

} // namespace

TrainResult trainRandomForest(const TrainConfig &c, const BagSet &train, const BagSet *validation,
                              const ProgressCallback &progress, const std::atomic<bool> *cancel)
{
    TrainResult result;
    const auto start = std::chrono::steady_clock::now();
    result.error = checkBagInputs(c, train, validation);
    if (!result.error.empty())
        return result;
    RandomForestBr::Options options;
    options.trees = static_cast<int>(c.extraOr("rf_trees", 100));
    options.maxDepth = static_cast<int>(c.extraOr("rf_max_depth", 25));
    options.minSamples = static_cast<int>(c.extraOr("rf_min_samples", 2));
    options.activeVars = static_cast<int>(c.extraOr("rf_active_vars", 0));
    options.flatten = c.extraOr("rf_flatten", 1) != 0;
    options.instances = static_cast<int>(c.extraOr("rf_instances", 0));
    const int threads = c.threads > 0
            ? c.threads
            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    RandomForestBr model;
    result.error = model.train(train, options, c.seed, threads, cancel);
    auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (!result.error.empty()) {
        result.cancelled = cancel && cancel->load();
        result.seconds = seconds();
        return result;
    }
    EpochReport report;
    report.epoch = 1;
    report.steps = 1;
    report.trainLosses["bce"] = partialBce(model.clipScores(train), train);
    report.validationLoss = validation ? partialBce(model.clipScores(*validation), *validation)
                                       : std::numeric_limits<double>::quiet_NaN();
    report.validated = validation != nullptr;
    report.improved = validation != nullptr;
    report.seconds = seconds();
    report.trainSeconds = report.seconds;
    result.history.push_back(report);
    result.bestEpoch = 1;
    result.bestValidationLoss = report.validationLoss;
    if (progress)
        progress(report);

    if (!c.outputCheckpoint.empty()) {
        CheckpointFile checkpoint;
        checkpoint.info
                = checkpointInfoFor(c, "rf", train.featureDim, train.classNames, train.numClasses);
        nlohmann::json metrics = nlohmann::json::object();
        metrics["trainLoss"] = report.trainLosses["bce"];
        if (!std::isnan(report.validationLoss))
            metrics["validationLoss"] = report.validationLoss;
        checkpoint.info.metricsJson = metrics.dump();
        checkpoint.info.created = utcNow();
        checkpoint.blobs["rf"] = model.toBytes();
        if (checkpoint.blobs["rf"].empty()) {
            result.error = "could not compress the forests";
            return result;
        }
        ModelError error;
        if (!checkpoint.save(c.outputCheckpoint, &error)) {
            result.error = error.message;
            return result;
        }
        result.checkpointPath = c.outputCheckpoint;
    }
    result.seconds = seconds();
    result.ok = true;
    return result;
}

} // namespace timbre::models
