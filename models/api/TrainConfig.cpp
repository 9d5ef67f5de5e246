// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <limits>
#include <type_traits>

namespace timbre::models {

double TrainConfig::extraOr(const std::string &key, double fallback) const
{
    auto it = extra.find(key);
    return it == extra.end() ? fallback : it->second;
}

TrainConfig TrainConfig::defaultsFor(const std::string &kind)
{
    TrainConfig c;
    c.modelKind = kind;
    if (kind == "att") {
        // Sec. 3.2.2: Adam 5e-4, batch 128, 250 epochs, dropout 0.6.
    } else if (kind == "fct") {
        // Sec. 3.3.1: ATT's embedding with mean pooling, trained like ATT; the author's code uses
        // dropout 0.5 for the baselines.
        c.dropout = 0.5;
        c.extra = {{"fct_embedding", 1}};
    } else if (kind == "fc") {
        c.dropout = 0.5;
    } else if (kind == "rnn") {
        // Three-layer bidirectional GRU with dropout 0.5 between layers (author's code).
        c.dropout = 0.5;
    } else if (kind == "mt") {
        // Ch. 5.4.2: Adam 1e-3 halved every 30 epochs, 200 epochs, beta = 3 ramped up over 100.
        c.epochs = 200;
        c.learningRate = 1e-3;
        c.lrHalvingEpochs = 30;
    } else if (kind == "dgm") {
        // Ch. 4 (docs/METHOD.md §7): Adam 1e-4, weight decay 1e-5, 100 epochs, beta 32.
        c.epochs = 100;
        c.learningRate = 1e-4;
        c.weightDecay = 1e-5;
        c.dropout = 0.5;
        c.extra = {{"dgm_latent", 64},
                   {"dgm_h1", 512},
                   {"dgm_h2", 256},
                   {"dgm_h3", 0},
                   {"dgm_beta", 32}};
    } else if (kind == "rf") {
        c.epochs = 1;
        c.extra = {{"rf_trees", 100}, {"rf_max_depth", 25}};
    } else if (kind == "mlp" || kind == "cnn" || kind == "crnn") {
        // Sec. 2.4: SGD lr 1e-4, momentum 0.9, batch 32, 20 epochs; MLP dropout 0.5.
        c.epochs = 20;
        c.batchSize = 32;
        c.learningRate = 1e-4;
        c.dropout = 0.5;
        c.extra = {{"momentum", 0.9}};
    }
    return c;
}

std::string TrainConfig::toJson() const
{
    nlohmann::json j = nlohmann::json::object();
    j["modelKind"] = modelKind;
    j["epochs"] = epochs;
    j["batchSize"] = batchSize;
    j["learningRate"] = learningRate;
    j["weightDecay"] = weightDecay;
    j["dropout"] = dropout;
    // As a string: a JSON number (double) cannot hold every 64-bit seed.
    j["seed"] = std::to_string(seed);
    j["validationFraction"] = validationFraction;
    j["earlyStoppingPatience"] = earlyStoppingPatience;
    j["timeBudgetSeconds"] = timeBudgetSeconds;
    j["threads"] = threads;
    j["progressEverySteps"] = progressEverySteps;
    j["lossAlpha"] = lossAlpha;
    j["lossBeta"] = lossBeta;
    j["lossGamma"] = lossGamma;
    j["balanced"] = balanced;
    j["fineTune"] = fineTune;
    j["emaDecay"] = emaDecay;
    j["consistencyWeight"] = consistencyWeight;
    j["consistencyRampEpochs"] = consistencyRampEpochs;
    j["lrHalvingEpochs"] = lrHalvingEpochs;
    j["lrRampUpEpochs"] = lrRampUpEpochs;
    j["lrRampDownEpochs"] = lrRampDownEpochs;
    j["separateUnlabelledBatches"] = separateUnlabelledBatches;
    j["warmStartCheckpoint"] = warmStartCheckpoint;
    j["outputCheckpoint"] = outputCheckpoint;
    j["extractorId"] = extractorId;
    j["extractorVersion"] = extractorVersion;
    j["labelSnapshot"] = labelSnapshot;
    j["parentModel"] = parentModel;
    nlohmann::json e = nlohmann::json::object();
    for (const auto &[key, value] : extra)
        e[key] = value;
    j["extra"] = e;
    // Paths may hold bytes that are not UTF-8: replaced rather than throwing (type_error 316).
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

struct Reader
{
    const nlohmann::json &root;
    std::string problem;

    // nullptr when absent.
    const nlohmann::json *find(const char *key) const
    {
        const auto it = root.find(key);
        return it == root.end() ? nullptr : &*it;
    }

    template<typename T> void number(const char *key, T &out)
    {
        const nlohmann::json *v = find(key);
        if (!v)
            return;
        if (!v->is_number()) {
            problem = std::string("\"") + key + "\" is not a number";
            return;
        }
        const double d = v->get<double>();
        // Converting a double outside the integer's range is undefined (found by fuzzing).
        if constexpr (std::is_integral_v<T>) {
            if (!(d >= double(std::numeric_limits<T>::min())
                  && d <= double(std::numeric_limits<T>::max()))) {
                problem = std::string("\"") + key + "\" is out of range";
                return;
            }
        }
        out = static_cast<T>(d);
    }
    void text(const char *key, std::string &out)
    {
        const nlohmann::json *v = find(key);
        if (!v)
            return;
        if (!v->is_string()) {
            problem = std::string("\"") + key + "\" is not a string";
            return;
        }
        out = v->get<std::string>();
    }
    void flag(const char *key, bool &out)
    {
        const nlohmann::json *v = find(key);
        if (!v)
            return;
        if (!v->is_boolean()) {
            problem = std::string("\"") + key + "\" is not true or false";
            return;
        }
        out = v->get<bool>();
    }
};

} // namespace

TrainConfig TrainConfig::fromJson(const std::string &json, ModelError *error)
{
    std::string parseError;
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception &e) { // parse_error, or out_of_range for "1e400"
        parseError = e.what();
    }
    if (!root.is_object()) {
        setModelError(error, ModelError::Code::BadConfiguration, {},
                      parseError.empty() ? "training configuration is not a JSON object"
                                         : "training configuration: " + parseError);
        return TrainConfig();
    }
    TrainConfig c;
    Reader r {root, {}};
    const nlohmann::json *kind = r.find("modelKind");
    if (kind && kind->is_string())
        c = defaultsFor(kind->get<std::string>());
    r.text("modelKind", c.modelKind);
    r.number("epochs", c.epochs);
    r.number("batchSize", c.batchSize);
    r.number("learningRate", c.learningRate);
    r.number("weightDecay", c.weightDecay);
    r.number("dropout", c.dropout);
    if (const nlohmann::json *seed = r.find("seed")) {
        if (seed->is_string())
            c.seed = std::strtoull(seed->get<std::string>().c_str(), nullptr, 10);
        else if (seed->is_number() && seed->get<double>() >= 0
                 && seed->get<double>() < 18446744073709551616.0) // 2^64
            c.seed = static_cast<uint64_t>(seed->get<double>());
    }
    r.number("validationFraction", c.validationFraction);
    r.number("earlyStoppingPatience", c.earlyStoppingPatience);
    r.number("timeBudgetSeconds", c.timeBudgetSeconds);
    r.number("threads", c.threads);
    r.number("progressEverySteps", c.progressEverySteps);
    r.number("lossAlpha", c.lossAlpha);
    r.number("lossBeta", c.lossBeta);
    r.number("lossGamma", c.lossGamma);
    r.flag("balanced", c.balanced);
    r.text("fineTune", c.fineTune);
    r.number("emaDecay", c.emaDecay);
    r.number("consistencyWeight", c.consistencyWeight);
    r.number("consistencyRampEpochs", c.consistencyRampEpochs);
    r.number("lrHalvingEpochs", c.lrHalvingEpochs);
    r.number("lrRampUpEpochs", c.lrRampUpEpochs);
    r.number("lrRampDownEpochs", c.lrRampDownEpochs);
    r.flag("separateUnlabelledBatches", c.separateUnlabelledBatches);
    r.text("warmStartCheckpoint", c.warmStartCheckpoint);
    r.text("outputCheckpoint", c.outputCheckpoint);
    r.text("extractorId", c.extractorId);
    r.number("extractorVersion", c.extractorVersion);
    r.text("labelSnapshot", c.labelSnapshot);
    r.text("parentModel", c.parentModel);
    if (const nlohmann::json *e = r.find("extra")) {
        if (!e->is_object()) {
            r.problem = "\"extra\" is not an object";
        } else {
            for (const auto &item : e->items()) {
                if (item.value().is_number())
                    c.extra[item.key()] = item.value().get<double>();
                else
                    r.problem = "\"extra." + item.key() + "\" is not a number";
            }
        }
    }
    if (!r.problem.empty()) {
        setModelError(error, ModelError::Code::BadConfiguration, {},
                      "training configuration: " + r.problem);
        return TrainConfig();
    }
    if (error)
        *error = ModelError();
    return c;
}

} // namespace timbre::models
