// SPDX-License-Identifier: GPL-3.0-or-later
// TiMidity++ as a second synthesiser (TimidityRenderer, through SynthRenderer given a .cfg):
// the part's MIDI file, the WAV reader, which presets a configuration has, clear errors for a
// missing or empty configuration, and a rendered note that starts when it should (TiMidity
// drops leading silence unless told not to) with silence outside its activity.
#include "core/datasets/generators/PartMidiFile.h"
#include "core/datasets/generators/SynthRenderer.h"
#include "core/datasets/generators/TimidityRenderer.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre::datasets;

namespace {

const QString kFreepats = QStringLiteral("/etc/timidity/freepats.cfg");

SynthPart pianoPart(double start, double end)
{
    SynthPart part;
    part.instrument = QStringLiteral("piano");
    part.sound.name = QStringLiteral("Acoustic grand piano");
    part.sound.bank = 0;
    part.sound.program = 0;
    part.volume = 100;
    part.notes.push_back({start, end, 60, 100});
    return part;
}

double energy(const std::vector<float> &stereo, double from, double to)
{
    double sum = 0.0;
    const size_t a = size_t(from * SynthRenderer::kSampleRate) * 2;
    const size_t b = std::min(stereo.size(), size_t(to * SynthRenderer::kSampleRate) * 2);
    for (size_t i = a; i < b; ++i)
        sum += double(stereo[i]) * stereo[i];
    return sum;
}

QByteArray pcm16Wav(const std::vector<qint16> &interleaved, int channels, int rate)
{
    QByteArray data;
    for (qint16 v : interleaved) {
        data.append(char(v & 0xff));
        data.append(char((v >> 8) & 0xff));
    }
    const auto le = [](quint32 v, int n) {
        QByteArray b;
        for (int i = 0; i < n; ++i)
            b.append(char((v >> (8 * i)) & 0xff));
        return b;
    };
    QByteArray wav("RIFF");
    wav += le(quint32(36 + data.size()), 4) + "WAVEfmt " + le(16, 4) + le(1, 2) + le(channels, 2)
            + le(rate, 4) + le(rate * channels * 2, 4) + le(channels * 2, 2) + le(16, 2) + "data"
            + le(quint32(data.size()), 4) + data;
    return wav;
}

bool haveTimidity()
{
    return !QStandardPaths::findExecutable(QStringLiteral("timidity")).isEmpty()
            && QFile::exists(kFreepats);
}

} // namespace

class TimidityRendererTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void midiFileHoldsThePart()
    {
        const QByteArray smf = partMidiFile(pianoPart(1.0, 2.0), 64);
        QVERIFY(smf.startsWith("MThd"));
        QCOMPARE(smf.mid(14, 4), QByteArray("MTrk"));
        // Division 480 ticks per quarter at 120 bpm.
        QCOMPARE(quint8(smf.at(12)) * 256 + quint8(smf.at(13)), 480);
        // Note on at tick 960 (1 s): delta 960 = 0x87 0x40 as a variable-length number.
        QVERIFY(smf.contains(QByteArray::fromHex("8740903c64")));
        QVERIFY(smf.endsWith(QByteArray::fromHex("00ff2f00")));
        // Percussion goes on channel 10 (9) with the kit as program, no bank select.
        SynthPart drums = pianoPart(0.0, 0.5);
        drums.sound.bank = 128;
        const QByteArray kit = partMidiFile(drums, 64);
        QVERIFY(kit.contains(QByteArray::fromHex("00c900")));
        QVERIFY(!kit.contains(QByteArray::fromHex("00b900")));
    }

    void readsPcm16Wav()
    {
        int rate = 0;
        QString why;
        const auto planar = TimidityRenderer::readPcm16Wav(
                pcm16Wav({0, 16384, -32768, 100}, 2, 44100), &rate, &why);
        QVERIFY2(!planar.empty(), qPrintable(why));
        QCOMPARE(rate, 44100);
        QCOMPARE(planar.size(), size_t(2));
        QCOMPARE(planar[0], (std::vector<float> {0.0f, -1.0f}));
        QCOMPARE(planar[1], (std::vector<float> {0.5f, 100.0f / 32768.0f}));
        QVERIFY(TimidityRenderer::readPcm16Wav("RIFFxxxxAVI ", &rate, &why).empty());
        QVERIFY(why.contains(QStringLiteral("WAVE")));
    }

    void badConfigurationsAreNamed()
    {
        SynthRenderer renderer;
        const SynthError missing = renderer.open(QStringLiteral("/nowhere/patches.cfg"));
        QCOMPARE(missing.code, SynthErrorCode::SoundFontMissing);
        QVERIFY(missing.toString().contains(QStringLiteral("/nowhere/patches.cfg")));
        if (QStandardPaths::findExecutable(QStringLiteral("timidity")).isEmpty())
            QSKIP("timidity is not installed (apt install timidity freepats)");
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.cfg"));
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# nothing mapped\ndir /tmp\n");
        file.close();
        const SynthError none = renderer.open(empty);
        QCOMPARE(none.code, SynthErrorCode::SoundFontUnreadable);
        QVERIFY(none.toString().contains(empty));
        QVERIFY(!renderer.isOpen());
    }

    void freepatsPresetsAreWhatItMaps()
    {
        if (!haveTimidity())
            QSKIP("timidity or freepats is not installed (apt install timidity freepats)");
        TimidityRenderer timidity;
        QVERIFY(!timidity.open(kFreepats).isError());
        QVERIFY(timidity.hasPreset(0, 0)); // acoustic grand piano
        QVERIFY(timidity.hasPreset(0, 40)); // violin
        QVERIFY(!timidity.hasPreset(0, 3)); // honky-tonk piano: not in freepats
        QVERIFY(!timidity.hasPreset(0, 41)); // viola: not in freepats
        QVERIFY(timidity.hasPreset(128, 0)); // drumset 0
        QVERIFY(!timidity.hasPreset(128, 25));
    }

    void aNoteSoundsWhenItShould()
    {
        if (!haveTimidity())
            QSKIP("timidity or freepats is not installed (apt install timidity freepats)");
        SynthRenderer renderer;
        QVERIFY(!renderer.open(kFreepats).isError());
        QVERIFY(renderer.isOpen());
        QCOMPARE(renderer.soundFontPath(), kFreepats);
        SynthArrangement arrangement;
        arrangement.seconds = 3.0;
        arrangement.parts.push_back(pianoPart(1.0, 2.0));
        RenderedClip clip;
        const SynthError error = renderer.render(arrangement, clip);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(clip.frames, 3 * SynthRenderer::kSampleRate);
        QCOMPARE(clip.stems.size(), size_t(1));
        QCOMPARE(clip.mix.size(), size_t(clip.frames) * 2);
        // Silent before the note (outside its activity) and sounding right after it starts.
        QCOMPARE(energy(clip.mix, 0.0, 0.99), 0.0);
        QVERIFY(energy(clip.mix, 1.0, 1.1) > 1.0);
        // Still sounding late in the note: had TiMidity dropped the leading second of silence,
        // the note would have ended (with its release) before 1.3 s.
        QVERIFY(energy(clip.mix, 1.5, 1.9) > 0.01 * energy(clip.mix, 1.0, 1.1));
        float peak = 0.0f;
        for (float v : clip.mix)
            peak = std::max(peak, std::abs(v));
        QVERIFY(std::abs(peak - SynthRenderer::kMixPeak) < 1e-4f);
    }
};

QTEST_GUILESS_MAIN(TimidityRendererTest)
#include "TimidityRenderer_test.moc"
