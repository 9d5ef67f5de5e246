// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/SynthRenderer.h"

#include "core/datasets/generators/SonivoxRenderer.h"
#include "core/datasets/generators/TimidityRenderer.h"

#include <QFileInfo>

#include <fluidsynth.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace timbre::datasets {

namespace {

// FluidSynth logs to stderr by default; library code never prints, so the messages are kept
// (per thread) and quoted in the error values instead.
thread_local std::string lastFluidMessage;

void keepFluidMessage(int level, const char *message, void *)
{
    if (level <= FLUID_WARN && message)
        lastFluidMessage = message;
}

void silenceFluidSynth()
{
    static const bool done = [] {
        for (int level = 0; level < LAST_LOG_LEVEL; ++level)
            fluid_set_log_function(level, level <= FLUID_WARN ? keepFluidMessage : nullptr,
                                   nullptr);
        return true;
    }();
    (void)done;
}

QString fluidMessage()
{
    return QString::fromStdString(lastFluidMessage).trimmed();
}

enum class EventKind { NoteOff = 0, SoundOff = 1, NoteOn = 2 };

struct Event
{
    qint64 frame;
    EventKind kind;
    int channel;
    int key;
    int velocity;
};

// Pan positions for the parts: rhythm section in the middle, the others spread out.
int panFor(const SynthPart &part, int index)
{
    switch (part.role) {
    case PartRole::Bass:
    case PartRole::DrumGroove:
        return 64;
    case PartRole::Melody:
        return 60;
    default:
        break;
    }
    static const int spread[] = {40, 88, 50, 78, 34, 94};
    return spread[index % 6];
}

} // namespace

SynthRenderer::SynthRenderer() = default;

SynthRenderer::~SynthRenderer()
{
    close();
}

void SynthRenderer::close()
{
    if (m_synth)
        delete_fluid_synth(m_synth);
    if (m_settings)
        delete_fluid_settings(m_settings);
    m_synth = nullptr;
    m_settings = nullptr;
    m_soundFontId = -1;
    m_path.clear();
    m_timidity.reset();
    m_sonivox.reset();
}

SynthError SynthRenderer::open(const QString &soundFontPath)
{
    close();
    if (soundFontPath.endsWith(QLatin1String(".cfg"), Qt::CaseInsensitive)) {
        auto timidity = std::make_unique<TimidityRenderer>();
        if (SynthError error = timidity->open(soundFontPath); error.isError())
            return error;
        m_timidity = std::move(timidity);
        m_path = soundFontPath;
        return {};
    }
    if (SonivoxRenderer::isSonivox(soundFontPath)) {
        auto sonivox = std::make_unique<SonivoxRenderer>();
        if (SynthError error = sonivox->open(); error.isError())
            return error;
        m_sonivox = std::move(sonivox);
        m_path = SonivoxRenderer::name();
        return {};
    }
    silenceFluidSynth();
    const QFileInfo info(soundFontPath);
    if (soundFontPath.isEmpty() || !info.exists())
        return SynthError::make(SynthErrorCode::SoundFontMissing, soundFontPath,
                                QStringLiteral("SoundFont not found"));
    if (!info.isFile() || !info.isReadable())
        return SynthError::make(SynthErrorCode::SoundFontUnreadable, soundFontPath,
                                QStringLiteral("SoundFont is not a readable file"));

    // Check the container ourselves: FluidSynth hands files it does not recognise to
    // libinstpatch, which complains on stderr before failing.
    {
        QFile file(soundFontPath);
        const QByteArray head = file.open(QIODevice::ReadOnly) ? file.read(12) : QByteArray();
        const QByteArray form = head.mid(8, 4);
        if (head.size() < 12 || !head.startsWith("RIFF") || (form != "sfbk" && form != "DLS "))
            return SynthError::make(SynthErrorCode::SoundFontUnreadable, soundFontPath,
                                    QStringLiteral("not a SoundFont (no RIFF sfbk header)"));
    }

    m_settings = new_fluid_settings();
    if (!m_settings)
        return SynthError::make(SynthErrorCode::SynthFailed, soundFontPath,
                                QStringLiteral("cannot create FluidSynth settings"));
    fluid_settings_setnum(m_settings, "synth.sample-rate", kSampleRate);
    fluid_settings_setint(m_settings, "synth.reverb.active", 0);
    fluid_settings_setint(m_settings, "synth.chorus.active", 0);
    fluid_settings_setint(m_settings, "synth.audio-groups", kMaxParts);
    fluid_settings_setint(m_settings, "synth.audio-channels", kMaxParts);
    fluid_settings_setint(m_settings, "synth.midi-channels", 16);
    fluid_settings_setint(m_settings, "synth.cpu-cores", 1);
    fluid_settings_setint(m_settings, "synth.polyphony", 512);
    m_synth = new_fluid_synth(m_settings);
    if (!m_synth) {
        const QString detail = fluidMessage();
        close();
        return SynthError::make(
                SynthErrorCode::SynthFailed, soundFontPath,
                QStringLiteral("cannot create the FluidSynth synthesizer")
                        + (detail.isEmpty() ? QString()
                                            : QStringLiteral(" (") + detail + QLatin1Char(')')));
    }
    lastFluidMessage.clear();
    const QByteArray path = QFile::encodeName(soundFontPath);
    const int id = fluid_synth_sfload(m_synth, path.constData(), 0);
    if (id == FLUID_FAILED) {
        const QString detail = fluidMessage();
        close();
        return SynthError::make(
                SynthErrorCode::SoundFontUnreadable, soundFontPath,
                QStringLiteral("FluidSynth cannot load this file as a SoundFont")
                        + (detail.isEmpty() ? QString()
                                            : QStringLiteral(" (") + detail + QLatin1Char(')')));
    }
    m_soundFontId = id;
    m_path = soundFontPath;
    return {};
}

bool SynthRenderer::hasPreset(int bank, int program) const
{
    if (m_timidity)
        return m_timidity->hasPreset(bank, program);
    if (m_sonivox)
        return SonivoxRenderer::hasPreset(bank, program);
    if (!isOpen())
        return false;
    fluid_sfont_t *font = fluid_synth_get_sfont_by_id(m_synth, m_soundFontId);
    return font && fluid_sfont_get_preset(font, bank, program) != nullptr;
}

SynthError SynthRenderer::render(const SynthArrangement &arrangement, RenderedClip &clip)
{
    clip = RenderedClip {};
    if (!isOpen())
        return SynthError::make(SynthErrorCode::SynthFailed, {},
                                QStringLiteral("no SoundFont loaded"));
    const int parts = int(arrangement.parts.size());
    if (parts > kMaxParts)
        return SynthError::make(SynthErrorCode::InvalidOptions, m_path,
                                QStringLiteral("%1 parts; at most %2 can be rendered at once")
                                        .arg(parts)
                                        .arg(kMaxParts));
    const qint64 frames = std::llround(arrangement.seconds * kSampleRate);
    clip.frames = int(frames);
    clip.sampleRate = kSampleRate;
    std::vector<int> pans;
    for (int p = 0; p < parts; ++p) {
        const SynthPart &part = arrangement.parts[size_t(p)];
        pans.push_back(part.pan >= 0 ? std::min(part.pan, 127) : panFor(part, p));
    }
    std::vector<std::vector<float>> planar;
    if (SynthError error = m_timidity ? m_timidity->renderParts(arrangement, pans, frames, planar)
                : m_sonivox           ? m_sonivox->renderParts(arrangement, pans, frames, planar)
                                      : renderFluid(arrangement, pans, frames, planar);
        error.isError())
        return error;
    for (const SynthPart &part : arrangement.parts) {
        RenderedStem stem;
        stem.instrument = part.instrument;
        stem.regions = activityRegions(part, arrangement.seconds);
        stem.samples.assign(size_t(frames) * 2, 0.0f);
        clip.stems.push_back(std::move(stem));
    }

    // Outside its regions a stem is exactly silent; a region cut before the clip ends fades
    // out over kFadeSeconds so that the forced stop does not click.
    const qint64 fade = std::llround(kFadeSeconds * kSampleRate);
    for (int p = 0; p < parts; ++p) {
        RenderedStem &stem = clip.stems[size_t(p)];
        const std::vector<float> &left = planar[size_t(2 * p)];
        const std::vector<float> &right = planar[size_t(2 * p + 1)];
        for (const ActivityRegion &region : stem.regions) {
            const qint64 begin
                    = std::clamp<qint64>(std::llround(region.start * kSampleRate), 0, frames);
            const qint64 end
                    = std::clamp<qint64>(std::llround(region.end * kSampleRate), 0, frames);
            const qint64 fadeFrom = end < frames ? std::max(begin, end - fade) : end;
            for (qint64 i = begin; i < end; ++i) {
                float g = 1.0f;
                if (i >= fadeFrom)
                    g = float(end - i) / float(std::max<qint64>(1, end - fadeFrom));
                stem.samples[size_t(2 * i)] = left[size_t(i)] * g;
                stem.samples[size_t(2 * i + 1)] = right[size_t(i)] * g;
            }
        }
    }

    clip.mix.assign(size_t(frames) * 2, 0.0f);
    for (const RenderedStem &stem : clip.stems) {
        for (size_t i = 0; i < clip.mix.size(); ++i)
            clip.mix[i] += stem.samples[i];
    }
    // The stems share the mix's gain; one louder than the mix (parts cancelling) must not
    // clip either.
    float peak = 0.0f;
    for (float v : clip.mix)
        peak = std::max(peak, std::abs(v));
    for (const RenderedStem &stem : clip.stems) {
        for (float v : stem.samples)
            peak = std::max(peak, std::abs(v));
    }
    clip.gain = peak > 0.0f ? kMixPeak / peak : 1.0f;
    for (float &v : clip.mix)
        v *= clip.gain;
    for (RenderedStem &stem : clip.stems) {
        for (float &v : stem.samples)
            v *= clip.gain;
    }
    return {};
}

SynthError SynthRenderer::renderFluid(const SynthArrangement &arrangement,
                                      const std::vector<int> &pans, qint64 frames,
                                      std::vector<std::vector<float>> &planar)
{
    const int parts = int(arrangement.parts.size());

    // A fresh synth per clip, sharing the SoundFont loaded once by m_synth: FluidSynth keeps
    // state across fluid_synth_system_reset (reused voice filters and envelopes, the rest of
    // its 64-frame block), so a reused synth would make a clip depend on the clips rendered
    // before it. Creating a synth costs about a millisecond; loading FluidR3 half a second.
    fluid_sfont_t *font = fluid_synth_get_sfont_by_id(m_synth, m_soundFontId);
    fluid_synth_t *synth = new_fluid_synth(m_settings);
    if (!synth || !font)
        return SynthError::make(SynthErrorCode::SynthFailed, m_path,
                                QStringLiteral("cannot create the FluidSynth synthesizer"));
    const int fontId = fluid_synth_add_sfont(synth, font);
    struct SynthGuard
    {
        fluid_synth_t *synth;
        fluid_sfont_t *font;
        ~SynthGuard()
        {
            // The SoundFont belongs to m_synth: take it back before the clip's synth goes.
            fluid_synth_remove_sfont(synth, font);
            delete_fluid_synth(synth);
        }
    } guard {synth, font};
    if (fontId == FLUID_FAILED)
        return SynthError::make(SynthErrorCode::SynthFailed, m_path,
                                QStringLiteral("cannot share the SoundFont with a new synth"));
    std::vector<Event> events;
    for (int channel = 0; channel < parts; ++channel) {
        const SynthPart &part = arrangement.parts[size_t(channel)];
        const bool percussion = GeneralMidiMap::isPercussion(part.sound);
        fluid_synth_set_channel_type(synth, channel,
                                     percussion ? CHANNEL_TYPE_DRUM : CHANNEL_TYPE_MELODIC);
        if (fluid_synth_program_select(synth, channel, fontId, part.sound.bank, part.sound.program)
            != FLUID_OK) {
            return SynthError::make(
                    SynthErrorCode::SynthFailed, m_path,
                    QStringLiteral("SoundFont has no preset bank %1 program %2 (%3)")
                            .arg(part.sound.bank)
                            .arg(part.sound.program)
                            .arg(part.sound.name));
        }
        fluid_synth_cc(synth, channel, 7, std::clamp(part.volume, 0, 127));
        fluid_synth_cc(synth, channel, 10, pans[size_t(channel)]);

        for (const SynthNote &note : part.notes) {
            const qint64 on = std::llround(note.start * kSampleRate);
            const qint64 off = std::llround(note.end * kSampleRate);
            if (on >= frames || off <= on)
                continue;
            events.push_back({on, EventKind::NoteOn, channel, note.key, note.velocity});
            events.push_back({std::min(off, frames), EventKind::NoteOff, channel, note.key, 0});
        }
        for (const ActivityRegion &region : activityRegions(part, arrangement.seconds)) {
            const qint64 end = std::llround(region.end * kSampleRate);
            if (end < frames)
                events.push_back({end, EventKind::SoundOff, channel, 0, 0});
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        return a.frame != b.frame ? a.frame < b.frame : int(a.kind) < int(b.kind);
    });

    // Planar buffers: FluidSynth adds group g's dry signal to out[2g] and out[2g + 1].
    planar.assign(size_t(2 * parts), std::vector<float>(size_t(frames), 0.0f));
    std::vector<float> scratch(size_t(frames), 0.0f);
    float *out[2 * kMaxParts];
    qint64 position = 0;
    const auto renderTo = [&](qint64 frame) {
        frame = std::min(frame, frames);
        while (position < frame) {
            const int length = int(std::min<qint64>(frame - position, 1 << 16));
            for (int g = 0; g < kMaxParts; ++g) {
                for (int side = 0; side < 2; ++side) {
                    out[2 * g + side] = g < parts ? planar[size_t(2 * g + side)].data() + position
                                                  : scratch.data() + position;
                }
            }
            fluid_synth_process(synth, length, 0, nullptr, 2 * kMaxParts, out);
            position += length;
        }
    };
    for (const Event &event : events) {
        renderTo(event.frame);
        switch (event.kind) {
        case EventKind::NoteOn:
            fluid_synth_noteon(synth, event.channel, event.key, event.velocity);
            break;
        case EventKind::NoteOff:
            fluid_synth_noteoff(synth, event.channel, event.key);
            break;
        case EventKind::SoundOff:
            fluid_synth_all_sounds_off(synth, event.channel);
            break;
        }
    }
    renderTo(frames);
    return {};
}

} // namespace timbre::datasets
