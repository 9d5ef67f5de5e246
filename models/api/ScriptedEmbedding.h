// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/ModelError.h"

#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

class EmbeddingBackend;

// A user's TorchScript feature extractor: a module whose forward takes a float batch of
// VGGish log-mel patches [batch, 1, 96, 64] (frames x bands, row-major as
// dsp::InstancePatcher cuts them) and returns [batch, D]. load() probes it on a [2, 1, 96, 64]
// batch, so a module of another shape is refused up front with a message naming the file,
// never later in the middle of a long extraction. Nothing here throws: LibTorch's exceptions
// become error strings. The first load loads the model engine (models/api/ModelEngine.h).
//
// embed() runs in inference mode; TorchScript's interpreter runs forward concurrently from
// several threads, so one loaded instance may serve several extraction threads.
class ScriptedEmbedding
{
public:
    static constexpr int kFrames = 96;
    static constexpr int kBands = 64;
    static constexpr int kProbeBatch = 2;

    ~ScriptedEmbedding();
    ScriptedEmbedding(const ScriptedEmbedding &) = delete;
    ScriptedEmbedding &operator=(const ScriptedEmbedding &) = delete;

    // nullptr and *error ("<path>: ...") when the file is missing, not a TorchScript module,
    // has no forward, fails on the probe batch, or returns anything but a [2, D] tensor.
    static std::unique_ptr<ScriptedEmbedding> load(const std::string &path, ModelError *error);
    // The same from a module's bytes already in memory (e.g. a Qt resource compiled into the
    // program); `name` stands for the file in messages and path().
    static std::unique_ptr<ScriptedEmbedding>
    loadBytes(const std::string &name, const std::string &bytes, ModelError *error);

    const std::string &path() const;
    int dimension() const; // D, from the probe

    // patches: count x 96 x 64 floats. Appends count x dimension() floats to out; false and
    // *error (naming the file, out unchanged) when forward fails or its output no longer
    // fits [count, D].
    bool embed(const float *patches, int count, std::vector<float> &out,
               ModelError *error = nullptr) const;

private:
    explicit ScriptedEmbedding(std::unique_ptr<EmbeddingBackend> backend);
    std::unique_ptr<EmbeddingBackend> d;
};

} // namespace timbre::models
