// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/generators/SynthArrangement.h"
#include "core/datasets/generators/SynthError.h"

#include <QString>

#include <memory>
#include <vector>

struct _fluid_hashtable_t;
struct _fluid_synth_t;

namespace timbre::datasets {

class SonivoxRenderer;
class TimidityRenderer;

// One rendered part: interleaved stereo samples and where it sounds.
struct RenderedStem
{
    QString instrument;
    std::vector<float> samples; // frames x 2, interleaved
    std::vector<ActivityRegion> regions; // from the note events (activityRegions())
};

// A rendered clip: the stems and their sum. Stems and mix carry the same gain, chosen so
// the mix peaks at kMixPeak: the mix is exactly the sum of the stems.
struct RenderedClip
{
    int sampleRate = 44100;
    int channels = 2;
    int frames = 0;
    float gain = 1.0f;
    std::vector<RenderedStem> stems; // in arrangement part order
    std::vector<float> mix; // frames x 2, interleaved
};

// Renders arrangements with FluidSynth. The SoundFont is loaded once (loading FluidR3 takes
// about half a second) and shared by a fresh synth per clip; every part gets its own MIDI
// channel, and each channel is routed to its own stereo output (synth.audio-groups), so one
// pass over the clip renders every stem alone. Reverb and chorus are off so that silence between
// notes is silence. Not thread-safe: one renderer per thread.
// Given a TiMidity++ configuration (.cfg, e.g. /etc/timidity/freepats.cfg) instead of a
// SoundFont, the parts are rendered by TiMidity++ (TimidityRenderer) and everything else is
// the same: another synthesiser, not only another set of samples. Given the name `sonivox`,
// Sonivox EAS and its built-in wavetable render them (SonivoxRenderer).
class SynthRenderer
{
public:
    static constexpr int kSampleRate = 44100;
    static constexpr int kMaxParts = 8;
    static constexpr float kMixPeak = 0.891f; // -1 dBFS of headroom
    static constexpr double kFadeSeconds = 0.02; // fade before a region's forced end

    SynthRenderer();
    ~SynthRenderer();
    SynthRenderer(const SynthRenderer &) = delete;
    SynthRenderer &operator=(const SynthRenderer &) = delete;

    // Loads a .sf2/.sf3 (or reads a TiMidity++ .cfg, or starts Sonivox for `sonivox`);
    // replaces whatever was loaded before.
    SynthError open(const QString &soundFontPath);
    bool isOpen() const
    {
        return m_soundFontId >= 0 || m_timidity != nullptr || m_sonivox != nullptr;
    }
    QString soundFontPath() const { return m_path; }
    // Whether the loaded SoundFont has the preset (bank 128 = percussion kits).
    bool hasPreset(int bank, int program) const;

    SynthError render(const SynthArrangement &arrangement, RenderedClip &clip);

private:
    void close();
    // The parts' dry signals as [2 * parts] planar buffers, by FluidSynth.
    SynthError renderFluid(const SynthArrangement &arrangement, const std::vector<int> &pans,
                           qint64 frames, std::vector<std::vector<float>> &planar);

    _fluid_hashtable_t *m_settings = nullptr; // fluid_settings_t
    _fluid_synth_t *m_synth = nullptr;
    int m_soundFontId = -1;
    QString m_path;
    std::unique_ptr<TimidityRenderer> m_timidity; // set instead of the above for a .cfg
    std::unique_ptr<SonivoxRenderer> m_sonivox; // set instead of the above for `sonivox`
};

} // namespace timbre::datasets
