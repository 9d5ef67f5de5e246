#pragma once
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
struct SynthError
{
    SynthErrorCode code = SynthErrorCode::None;
    QString path;
    QString message;

    bool isError() const { return code != SynthErrorCode::None; }
    // "<path>: <message>"; empty when there is no error.
    QString toString() const
    {
        if (!isError())
            return {};
        return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    }
    static SynthError make(SynthErrorCode code, const QString &path, const QString &message)
    {
        return SynthError {code, path, message};
    }
};

} // namespace timbre::datasets
