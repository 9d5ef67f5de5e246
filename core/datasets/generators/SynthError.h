// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QString>

namespace timbre::datasets {

enum class SynthErrorCode {
    None,
    SoundFontMissing, // no file at the path
    SoundFontUnreadable, // a file, but FluidSynth cannot load it as a SoundFont
    SynthFailed, // FluidSynth could not be set up or refused a preset
    NoUsableInstruments, // the SoundFont has none of the presets GeneralMidiMap needs
    OutputNotWritable, // the output folder cannot be created or written
    EncodeFailed, // the audio encoder failed on a mix or stem
    WriteFailed, // a CSV / JSON / README could not be written
    InvalidOptions,
    Cancelled,
};

// A corpus-generation failure as a value: what, on which file, and the details.
struct SynthErrorCodes
{
    using Code = SynthErrorCode;
};
using SynthError = util::ErrorValue<SynthErrorCodes>;

} // namespace timbre::datasets
