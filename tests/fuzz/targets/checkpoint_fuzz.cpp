// SPDX-License-Identifier: GPL-3.0-or-later
// The checkpoint container (models/checkpoints/CheckpointFile: magic, version, metadata JSON,
// named blobs, FNV-1a checksum) on the bytes as a file, as they are and once more with the
// last 8 bytes replaced by the right checksum so the parsing behind it is reached; then the
// training configuration JSON it carries (TrainConfig::fromJson). The blobs themselves are
// LibTorch archives read by torch's own deserialiser, not fuzzed here (docs/RELIABILITY.md).
#include "FuzzFiles.h"
#include "models/api/TrainConfig.h"
#include "models/checkpoints/CheckpointFile.h"

#include <cstring>

using namespace timbre::models;

namespace {

void load(const QByteArray &bytes)
{
    const std::string path
            = QFile::encodeName(timbre::fuzz::writeFile(QStringLiteral("input.ckpt"), bytes))
                      .toStdString();
    CheckpointFile checkpoint;
    ModelError error;
    if (!checkpoint.load(path, &error)) {
        TIMBRE_FUZZ_CHECK(error.code == ModelError::Code::Corrupt, "a failed load says why");
        return;
    }
    TIMBRE_FUZZ_CHECK(!checkpoint.info.kind.empty() && checkpoint.info.featureDim > 0
                              && !checkpoint.info.classNames.empty(),
                      "a loaded checkpoint has a kind, a dimension and classes");
    ModelError configError;
    const TrainConfig config
            = TrainConfig::fromJson(checkpoint.info.hyperParametersJson, &configError);
    (void)TrainConfig::fromJson(config.toJson());
    CheckpointFile info;
    TIMBRE_FUZZ_CHECK(info.loadInfo(path, &error), "loadInfo reads what load reads");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes = timbre::fuzz::bytesOf(data, size);
    load(bytes);
    if (bytes.size() >= 32) {
        const uint64_t sum = CheckpointFile::checksum(bytes.constData(), size_t(bytes.size() - 8));
        std::memcpy(bytes.data() + bytes.size() - 8, &sum, 8);
        load(bytes);
    }
    return 0;
}
