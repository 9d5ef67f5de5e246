// SPDX-License-Identifier: GPL-3.0-or-later
// ScriptedEmbedding forwards to the model engine (models/api/ModelEngine.h).
#include "models/api/ScriptedEmbedding.h"

#include "models/api/ModelEngine.h"

namespace timbre::models {

ScriptedEmbedding::ScriptedEmbedding(std::unique_ptr<EmbeddingBackend> backend)
    : d(std::move(backend))
{ }

ScriptedEmbedding::~ScriptedEmbedding() = default;

std::unique_ptr<ScriptedEmbedding> ScriptedEmbedding::load(const std::string &path,
                                                           ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    if (!engine)
        return nullptr;
    std::unique_ptr<EmbeddingBackend> backend = engine->loadEmbedding(path, error);
    if (!backend)
        return nullptr;
    return std::unique_ptr<ScriptedEmbedding>(new ScriptedEmbedding(std::move(backend)));
}

std::unique_ptr<ScriptedEmbedding>
ScriptedEmbedding::loadBytes(const std::string &name, const std::string &bytes, ModelError *error)
{
    ModelEngine *engine = modelEngine(error);
    if (!engine)
        return nullptr;
    std::unique_ptr<EmbeddingBackend> backend = engine->loadEmbeddingBytes(name, bytes, error);
    if (!backend)
        return nullptr;
    return std::unique_ptr<ScriptedEmbedding>(new ScriptedEmbedding(std::move(backend)));
}

const std::string &ScriptedEmbedding::path() const
{
    return d->path();
}

int ScriptedEmbedding::dimension() const
{
    return d->dimension();
}

bool ScriptedEmbedding::embed(const float *patches, int count, std::vector<float> &out,
                              ModelError *error) const
{
    return d->embed(patches, count, out, error);
}

} // namespace timbre::models
