// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioEncoder.h"

#include <QList>
#include <QString>

#include <optional>

namespace timbre::cli {

// The --formats option of the corpus writers ("wav,flac,ogg,mp3"): the formats in order, or,
// for an unknown name or an empty list, nullopt after the usage error "<command>: ...".
std::optional<QList<timbre::audio::AudioFormat>> parseFormatsOption(const QString &value,
                                                                    const QString &command);

} // namespace timbre::cli
