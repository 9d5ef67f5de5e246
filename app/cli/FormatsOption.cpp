// SPDX-License-Identifier: GPL-3.0-or-later
#include "FormatsOption.h"

#include "CliCommand.h"

namespace timbre::cli {

std::optional<QList<audio::AudioFormat>> parseFormatsOption(const QString &value,
                                                            const QString &command)
{
    QList<audio::AudioFormat> formats;
    for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto format = audio::AudioEncoder::formatFromExtension(name.trimmed());
        if (!format) {
            err() << command << ": unknown format '" << name
                  << "' (use wav, flac, ogg, opus, mp3, m4a, aiff)\n";
            return std::nullopt;
        }
        formats.append(*format);
    }
    if (formats.isEmpty()) {
        err() << command << ": --formats needs at least one format\n";
        return std::nullopt;
    }
    return formats;
}

} // namespace timbre::cli
