// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ExtractorInfo.h"

#include "core/dsp/MelStatEmbedding.h"
#include "core/features/BuiltInCnn.h"

namespace timbre::features {

ExtractorInfo ExtractorInfo::melstat()
{
    ExtractorInfo info;
    info.id = dsp::MelStatEmbedding::id();
    info.version = dsp::MelStatEmbedding::kVersion;
    info.frontEnd = dsp::LogMelConfig::vggish();
    info.dimension = 2 * info.frontEnd.melBands;
    info.framesPerPatch = 96;
    return info;
}

ExtractorInfo ExtractorInfo::cnn()
{
    ExtractorInfo info;
    info.id = BuiltInCnn::id();
    info.version = BuiltInCnn::kVersion;
    info.frontEnd = dsp::LogMelConfig::vggish();
    info.dimension = BuiltInCnn::kDimension;
    info.framesPerPatch = 96;
    return info;
}

QList<ExtractorInfo> ExtractorInfo::builtins()
{
    return {melstat(), cnn()};
}

std::optional<ExtractorInfo> ExtractorInfo::builtin(const QString &id)
{
    for (const ExtractorInfo &info : builtins())
        if (info.id == id)
            return info;
    return std::nullopt;
}

} // namespace timbre::features
