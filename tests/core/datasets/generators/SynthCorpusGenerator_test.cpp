// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/FfmpegDecoder.h"
#include "core/datasets/generators/SynthCorpusGenerator.h"
#include "core/datasets/generators/SynthCorpusWriter.h"
#include "core/util/OpenMicClasses.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cmath>

using namespace timbre::datasets;
using timbre::audio::AudioFormat;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QStringList> readCsv(const QString &path)
{
    QList<QStringList> rows;
    const QList<QByteArray> lines = readAll(path).split('\n');
    for (const QByteArray &line : lines) {
        if (!line.isEmpty())
            rows.append(QString::fromUtf8(line).split(QLatin1Char(',')));
    }
    return rows;
}

// Minimal reader for the 16-bit PCM wav stems the encoder writes (RIFF chunks walked, so any
// LIST/INFO chunk before "data" is skipped). Returns interleaved samples in [-1, 1].
std::vector<float> readWav16(const QString &path, int *channels, int *rate)
{
    const QByteArray bytes = readAll(path);
    std::vector<float> samples;
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return samples;
    int pos = 12;
    int bits = 0;
    while (pos + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(pos, 4);
        const quint32 size = qFromLittleEndian<quint32>(bytes.constData() + pos + 4);
        const char *body = bytes.constData() + pos + 8;
        if (id == "fmt ") {
            *channels = qFromLittleEndian<quint16>(body + 2);
            *rate = int(qFromLittleEndian<quint32>(body + 4));
            bits = qFromLittleEndian<quint16>(body + 14);
        } else if (id == "data" && bits == 16) {
            const int count = int(std::min<qint64>(size, bytes.size() - pos - 8) / 2);
            samples.resize(size_t(count));
            for (int i = 0; i < count; ++i)
                samples[size_t(i)] = qFromLittleEndian<qint16>(body + 2 * i) / 32768.0f;
            return samples;
        }
        pos += 8 + int(size) + int(size & 1);
    }
    return samples;
}

double rms(const std::vector<float> &samples, size_t begin, size_t end)
{
    double sum = 0.0;
    end = std::min(end, samples.size());
    for (size_t i = begin; i < end; ++i)
        sum += double(samples[i]) * samples[i];
    return end > begin ? std::sqrt(sum / double(end - begin)) : 0.0;
}

SynthOptions smallOptions(const QString &dir, quint32 seed, int clips)
{
    SynthOptions options;
    options.outDir = dir;
    options.clips = clips;
    options.clipSeconds = 4.0;
    options.seed = seed;
    options.formats = {AudioFormat::Wav};
    options.stemFormat = AudioFormat::Wav;
    return options;
}

bool fontAvailable()
{
    return QFileInfo::exists(SynthCorpusGenerator::defaultSoundFont());
}

} // namespace

class SynthCorpusGeneratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!fontAvailable())
            QFAIL("FluidR3_GM.sf2 is missing: install fluid-soundfont-gm");
    }

    void sameSeedSameCorpus()
    {
        QTemporaryDir a, b, c;
        SynthCorpusGenerator first(smallOptions(a.path(), 11, 4));
        SynthCorpusGenerator second(smallOptions(b.path(), 11, 4));
        SynthCorpusGenerator other(smallOptions(c.path(), 12, 4));
        QVERIFY2(!first.run().isError(), qPrintable(first.run().toString()));
        QVERIFY(!second.run().isError());
        QVERIFY(!other.run().isError());
        for (const char *name : {"labels.csv", "activity.csv"}) {
            const QByteArray x = readAll(QDir(a.path()).filePath(QLatin1String(name)));
            QVERIFY(!x.isEmpty());
            QCOMPARE(x, readAll(QDir(b.path()).filePath(QLatin1String(name))));
        }
        QVERIFY(readAll(a.filePath(QStringLiteral("labels.csv")))
                        != readAll(c.filePath(QStringLiteral("labels.csv")))
                || readAll(a.filePath(QStringLiteral("activity.csv")))
                        != readAll(c.filePath(QStringLiteral("activity.csv"))));

        // Identical stem samples, in memory and on disk, and a different seed sounds different.
        for (int clip = 0; clip < 4; ++clip) {
            SynthArrangement arrangementA, arrangementB, arrangementC;
            RenderedClip renderedA, renderedB, renderedC;
            QVERIFY(!first.renderClip(clip, arrangementA, renderedA).isError());
            QVERIFY(!second.renderClip(clip, arrangementB, renderedB).isError());
            QVERIFY(!other.renderClip(clip, arrangementC, renderedC).isError());
            QCOMPARE(renderedA.stems.size(), renderedB.stems.size());
            for (size_t s = 0; s < renderedA.stems.size(); ++s) {
                QCOMPARE(renderedA.stems[s].instrument, renderedB.stems[s].instrument);
                QVERIFY(renderedA.stems[s].samples == renderedB.stems[s].samples);
            }
            QVERIFY(renderedA.mix != renderedC.mix);
        }
        const QDir stems(a.filePath(QStringLiteral("stems/clip_0000")));
        const QStringList files = stems.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &file : files) {
            QCOMPARE(readAll(stems.filePath(file)),
                     readAll(QDir(b.filePath(QStringLiteral("stems/clip_0000"))).filePath(file)));
        }
        // Clip k depends on (seed, k) only: a longer run extends a shorter one.
        SynthArrangement shortRun, longRun;
        RenderedClip r1, r2;
        SynthCorpusGenerator more(smallOptions(a.path(), 11, 50));
        QVERIFY(!more.renderClip(3, longRun, r2).isError());
        QVERIFY(!first.renderClip(3, shortRun, r1).isError());
        QVERIFY(r1.mix == r2.mix);
    }

    void labelsAgreeWithStems()
    {
        QTemporaryDir dir;
        // An earlier corpus in the same folder leaves nothing behind that contradicts the new
        // labels (stems of instruments a clip no longer has).
        SynthCorpusGenerator earlier(smallOptions(dir.path(), 6, 8));
        QVERIFY(!earlier.run().isError());
        SynthCorpusGenerator generator(smallOptions(dir.path(), 5, 8));
        const SynthError error = generator.run();
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        const QList<QStringList> labels = readCsv(dir.filePath(QStringLiteral("labels.csv")));
        const QStringList classes = timbre::openMicClasses();
        QCOMPARE(labels.first(), QStringList({"clip", "instrument", "present"}));
        QCOMPARE(labels.size(), 1 + 8 * classes.size());
        int positives = 0;
        for (int i = 1; i < labels.size(); ++i) {
            const QStringList &row = labels[i];
            QCOMPARE(row.size(), 3);
            QCOMPARE(row[1], classes[(i - 1) % classes.size()]);
            const QString stem
                    = dir.filePath(QStringLiteral("stems/%1/%2.wav").arg(row[0], row[1]));
            if (row[2] == QLatin1String("1")) {
                ++positives;
                int channels = 0, rate = 0;
                const std::vector<float> samples = readWav16(stem, &channels, &rate);
                QCOMPARE(channels, 2);
                QCOMPARE(rate, 44100);
                QCOMPARE(int(samples.size()), 2 * 4 * 44100);
                QVERIFY2(rms(samples, 0, samples.size()) > 1e-3, qPrintable(stem));
            } else {
                QCOMPARE(row[2], QStringLiteral("0"));
                QVERIFY2(!QFileInfo::exists(stem), qPrintable(stem));
            }
        }
        QVERIFY(positives >= 8); // every clip has at least one instrument
        for (const QString &unused : GeneralMidiMap::unusedClasses()) {
            for (int i = 1; i < labels.size(); ++i) {
                if (labels[i][1] == unused)
                    QCOMPARE(labels[i][2], QStringLiteral("0"));
            }
        }
    }

    void activityMatchesStems()
    {
        QTemporaryDir dir;
        SynthCorpusGenerator generator(smallOptions(dir.path(), 21, 6));
        QVERIFY(!generator.run().isError());
        const QList<QStringList> activity = readCsv(dir.filePath(QStringLiteral("activity.csv")));
        QCOMPARE(activity.first(), QStringList({"clip", "instrument", "start", "end"}));
        int row = 1;
        for (int clip = 0; clip < 6; ++clip) {
            SynthArrangement arrangement;
            RenderedClip rendered;
            QVERIFY(!generator.renderClip(clip, arrangement, rendered).isError());
            const int frames = rendered.frames;
            QCOMPARE(frames, 4 * 44100);
            // The mix is the sum of the stems and peaks at the headroom.
            float peak = 0.0f;
            for (size_t i = 0; i < rendered.mix.size(); ++i) {
                float sum = 0.0f;
                for (const RenderedStem &stem : rendered.stems)
                    sum += stem.samples[i];
                QVERIFY(std::abs(sum - rendered.mix[i]) < 1e-5f);
                peak = std::max(peak, std::abs(rendered.mix[i]));
            }
            QVERIFY(peak <= SynthRenderer::kMixPeak + 1e-5f && peak > 0.5f);

            // Rows of activity.csv come in class order; build this clip's expected rows.
            QList<QStringList> expected;
            for (const QString &instrument : timbre::openMicClasses()) {
                for (const RenderedStem &stem : rendered.stems) {
                    if (stem.instrument != instrument)
                        continue;
                    for (const ActivityRegion &region : stem.regions) {
                        expected.append({SynthCorpusGenerator::clipName(clip, 6), instrument,
                                         SynthCorpusWriter::formatSeconds(region.start),
                                         SynthCorpusWriter::formatSeconds(region.end)});
                    }
                }
            }
            for (const QStringList &e : expected)
                QCOMPARE(activity.value(row++), e);

            for (const RenderedStem &stem : rendered.stems) {
                QVERIFY(!stem.regions.empty());
                std::vector<bool> inside(size_t(frames), false);
                double previousEnd = -1.0;
                for (const ActivityRegion &region : stem.regions) {
                    QVERIFY(region.start >= 0.0 && region.end <= 4.0 + 1e-9);
                    QVERIFY(region.start < region.end);
                    QVERIFY(region.start > previousEnd); // sorted, merged
                    previousEnd = region.end;
                    const size_t begin = size_t(std::llround(region.start * 44100));
                    const size_t end
                            = std::min(size_t(frames), size_t(std::llround(region.end * 44100)));
                    for (size_t f = begin; f < end; ++f)
                        inside[f] = true;
                    // Sound starts with the region (FluidSynth works in 64-frame blocks).
                    std::vector<float> mono(end - begin);
                    for (size_t f = begin; f < end; ++f)
                        mono[f - begin] = stem.samples[2 * f] + stem.samples[2 * f + 1];
                    const size_t onset = std::min(mono.size(), size_t(0.12 * 44100));
                    QVERIFY2(rms(mono, 0, onset) > 1e-4,
                             qPrintable(QStringLiteral("%1 silent at the start of %2..%3 s")
                                                .arg(stem.instrument)
                                                .arg(region.start)
                                                .arg(region.end)));
                }
                // Outside its regions a stem is silent.
                for (int f = 0; f < frames; ++f) {
                    if (!inside[size_t(f)]) {
                        QCOMPARE(stem.samples[size_t(2 * f)], 0.0f);
                        QCOMPARE(stem.samples[size_t(2 * f + 1)], 0.0f);
                    }
                }
            }
        }
        QCOMPARE(row, activity.size());
    }

    // A sliver of activity under half a millisecond at the clip's end (a MIDI excerpt's cut)
    // would print as an empty region; it is not written.
    void noEmptyRegionWritten()
    {
        QTemporaryDir dir;
        SynthClipRecord clip;
        clip.name = QStringLiteral("clip_0");
        SynthPart piano;
        piano.instrument = QStringLiteral("piano");
        clip.arrangement.parts.push_back(piano);
        clip.regions.push_back({{0.0, 5.0}, {9.9996, 10.0}});
        QStringList written;
        const SynthError e = SynthCorpusWriter::writeTables(dir.path(), {clip}, {}, &written);
        QVERIFY2(!e.isError(), qPrintable(e.toString()));
        QFile activity(QDir(dir.path()).filePath(QStringLiteral("activity.csv")));
        QVERIFY(activity.open(QIODevice::ReadOnly));
        QCOMPARE(activity.readAll(),
                 QByteArray("clip,instrument,start,end\nclip_0,piano,0.000,5.000\n"));
    }

    void observedFractionHidesLabels()
    {
        const auto mask = SynthCorpusWriter::observedMask(100, 20, 0.7, 9);
        int hidden = 0;
        for (const auto &rowMask : mask)
            hidden += int(std::count(rowMask.begin(), rowMask.end(), false));
        QCOMPARE(hidden, 600);
        QVERIFY(mask != SynthCorpusWriter::observedMask(100, 20, 0.7, 10));
        QVERIFY(mask == SynthCorpusWriter::observedMask(100, 20, 0.7, 9));

        QTemporaryDir dir;
        SynthOptions options = smallOptions(dir.path(), 3, 10);
        options.observedFraction = 0.5;
        options.writeStems = false;
        SynthCorpusGenerator generator(options);
        QVERIFY(!generator.run().isError());
        const QList<QStringList> labels = readCsv(dir.filePath(QStringLiteral("labels.csv")));
        const QList<QStringList> masked = readCsv(dir.filePath(QStringLiteral("mask.csv")));
        QCOMPARE(masked.first(), QStringList({"clip", "instrument", "observed"}));
        QCOMPARE(masked.size(), labels.size());
        int hiddenPositive = 0, hiddenNegative = 0, hiddenTotal = 0;
        for (int i = 1; i < masked.size(); ++i) {
            QCOMPARE(masked[i][0], labels[i][0]);
            QCOMPARE(masked[i][1], labels[i][1]);
            if (masked[i][2] == QLatin1String("0")) {
                ++hiddenTotal;
                (labels[i][2] == QLatin1String("1") ? hiddenPositive : hiddenNegative)++;
            }
        }
        QCOMPARE(hiddenTotal, 100);
        QVERIFY(hiddenPositive > 0 && hiddenNegative > 0);
        QCOMPARE(generator.summary().hiddenLabels, 100);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("stems"))));

        QTemporaryDir full;
        SynthOptions all = smallOptions(full.path(), 3, 2);
        all.writeStems = false;
        SynthCorpusGenerator complete(all);
        QVERIFY(!complete.run().isError());
        QVERIFY(!QFileInfo::exists(full.filePath(QStringLiteral("mask.csv"))));
    }

    void badInputsGiveErrors()
    {
        QTemporaryDir dir;
        SynthOptions options = smallOptions(dir.filePath(QStringLiteral("out")), 1, 1);
        options.soundFont = dir.filePath(QStringLiteral("missing.sf2"));
        SynthCorpusGenerator missing(options);
        SynthError error = missing.run();
        QCOMPARE(error.code, SynthErrorCode::SoundFontMissing);
        QVERIFY(error.toString().contains(QStringLiteral("missing.sf2")));
        QVERIFY(!QFileInfo::exists(options.outDir));

        const QString text = dir.filePath(QStringLiteral("notes.sf2"));
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("this is not a SoundFont, just some text\n");
        }
        options.soundFont = text;
        SynthCorpusGenerator unreadable(options);
        error = unreadable.run();
        QCOMPARE(error.code, SynthErrorCode::SoundFontUnreadable);
        QVERIFY(error.toString().contains(QStringLiteral("notes.sf2")));

        // An output folder below a regular file cannot be created, even by root.
        options.soundFont.clear();
        options.outDir = text + QStringLiteral("/corpus");
        SynthCorpusGenerator unwritable(options);
        QCOMPARE(unwritable.run().code, SynthErrorCode::OutputNotWritable);

        options.outDir = dir.filePath(QStringLiteral("ok"));
        options.observedFraction = 0.0;
        SynthCorpusGenerator invalid(options);
        QCOMPARE(invalid.run().code, SynthErrorCode::InvalidOptions);
    }

    void cancelStopsBetweenClips()
    {
        QTemporaryDir dir;
        SynthCorpusGenerator generator(smallOptions(dir.path(), 2, 20));
        std::atomic<bool> cancel {false};
        int calls = 0;
        const SynthError error = generator.run(
                [&](const SynthProgress &progress) {
                    ++calls;
                    QCOMPARE(progress.clipsDone, calls);
                    if (progress.clipsDone == 2)
                        cancel = true;
                },
                &cancel);
        QCOMPARE(error.code, SynthErrorCode::Cancelled);
        QCOMPARE(calls, 2);
        QCOMPARE(generator.summary().clips, 2);
        // What was finished is consistent: the labels cover exactly the two clips.
        QCOMPARE(readCsv(dir.filePath(QStringLiteral("labels.csv"))).size(),
                 1 + 2 * int(timbre::openMicClasses().size()));
    }

    void tenClipCorpus()
    {
        QTemporaryDir dir;
        SynthOptions options;
        options.outDir = dir.path();
        options.clips = 10;
        options.seed = 42;
        SynthCorpusGenerator generator(options);
        QElapsedTimer timer;
        timer.start();
        const SynthError error = generator.run();
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        qInfo("10 clips of 10 s with stems in %.2f s", timer.elapsed() / 1000.0);
        QCOMPARE(generator.summary().clips, 10);

        const QStringList extensions = {"wav", "flac", "ogg", "mp3"};
        for (int clip = 0; clip < 10; ++clip) {
            const QString mix = dir.filePath(QStringLiteral("mixes/clip_%1.%2")
                                                     .arg(clip, 4, 10, QLatin1Char('0'))
                                                     .arg(extensions[clip % 4]));
            QVERIFY2(QFileInfo(mix).size() > 10000, qPrintable(mix));
            // Every format decodes back to a 10 s, 44.1 kHz stereo clip that is not silent.
            timbre::audio::DecodeOptions decode;
            decode.sampleRate = 44100;
            const timbre::audio::DecodedAudio audio
                    = timbre::audio::FfmpegDecoder::decodeFile(mix, decode);
            QVERIFY2(audio.ok(), qPrintable(audio.error.toString()));
            QCOMPARE(audio.info.channels, 2);
            QCOMPARE(audio.info.sampleRate, 44100);
            QVERIFY2(std::abs(audio.durationSeconds() - 10.0) < 0.005,
                     qPrintable(QStringLiteral("%1: %2 s").arg(mix).arg(audio.durationSeconds())));
            QVERIFY(rms(audio.samples, 0, audio.samples.size()) > 0.01);
        }
        QFile json(dir.filePath(QStringLiteral("corpus.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("seed")).toInt(), 42);
        QCOMPARE(root.value(QStringLiteral("classes")).toArray().size(), 20);
        const QJsonArray clips = root.value(QStringLiteral("clips")).toArray();
        QCOMPARE(clips.size(), 10);
        int files = 0;
        for (const QJsonValue &value : clips) {
            const QJsonObject clip = value.toObject();
            QVERIFY(QFileInfo::exists(dir.filePath(clip.value(QStringLiteral("mix")).toString())));
            QVERIFY(clip.value(QStringLiteral("title"))
                            .toString()
                            .startsWith(QStringLiteral("Clip ")));
            QVERIFY(!clip.value(QStringLiteral("artist")).toString().isEmpty());
            const double bpm = clip.value(QStringLiteral("bpm")).toDouble();
            QVERIFY(bpm >= 70 && bpm <= 160);
            const QJsonArray parts = clip.value(QStringLiteral("parts")).toArray();
            QVERIFY(parts.size() >= 1 && parts.size() <= 5);
            for (const QJsonValue &part : parts) {
                QVERIFY(QFileInfo::exists(
                        dir.filePath(part.toObject().value(QStringLiteral("stem")).toString())));
                ++files;
            }
            ++files;
        }
        QCOMPARE(generator.summary().files, files + 4); // labels, activity, corpus.json, README
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("README.md"))));
    }
};

QTEST_GUILESS_MAIN(SynthCorpusGeneratorTest)
#include "SynthCorpusGenerator_test.moc"
