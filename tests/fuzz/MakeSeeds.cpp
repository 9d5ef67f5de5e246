// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz_make_seeds CORPUS_DIR: writes the seed inputs of every fuzz target, small valid files
// made with the project's own writers, as CORPUS_DIR/<target>/seed-*. Files of other names
// there (crash-*: minimised inputs of fixed bugs) are left alone. scripts/fuzz/make_seeds.sh
// runs it over tests/fuzz/corpus.
#include "core/audio/AudioEncoder.h"
#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/AudacityLabels.h"
#include "core/datasets/interchange/JsonExport.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/interchange/NpzArchive.h"
#include "core/features/FeatureFile.h"
#include "models/api/TrainConfig.h"
#include "models/checkpoints/CheckpointFile.h"
#include "tests/core/datasets/midi/MidiBytes.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace timbre;

namespace {

QDir g_root;

QString seedPath(const QString &target, const QString &name)
{
    g_root.mkpath(target);
    return g_root.filePath(target + QStringLiteral("/seed-") + name);
}

void check(bool ok, const QString &what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_make_seeds: cannot write %s\n", qPrintable(what));
        std::exit(1);
    }
}

void writeBytes(const QString &target, const QString &name, const QByteArray &bytes)
{
    const QString path = seedPath(target, name);
    check(testing::writeBytes(path, bytes), path);
}

void npySeeds()
{
    using datasets::NpyArray;
    const QString t = QStringLiteral("npy");
    writeBytes(t, QStringLiteral("f4.npy"),
               NpyArray::fromFloat32(QStringLiteral("X"), {2, 3}, {0.f, 1.f, -2.5f, 3.f, 4.f, 1e9f})
                       .toNpy());
    writeBytes(t, QStringLiteral("f8.npy"),
               NpyArray::fromFloat64(QStringLiteral("Y"), {3}, {0.5, -1.0, 1e-300}).toNpy());
    writeBytes(t, QStringLiteral("u1.npy"),
               NpyArray::fromUint8(QStringLiteral("X"), {2, 2, 2}, {0, 1, 2, 3, 252, 253, 254, 255})
                       .toNpy());
    writeBytes(t, QStringLiteral("b1.npy"),
               NpyArray::fromBool(QStringLiteral("mask"), {2, 2}, {1, 0, 0, 1}).toNpy());
    writeBytes(t, QStringLiteral("i8.npy"),
               NpyArray::fromInt64(QStringLiteral("n"), {2}, {-1, 1LL << 40}).toNpy());
    writeBytes(t, QStringLiteral("U.npy"),
               NpyArray::fromStrings(QStringLiteral("sample_key"),
                                     {QStringLiteral("000046_3840"), QStringLiteral("ü")})
                       .toNpy());
    NpyArray bytesArray;
    bytesArray.descr = QStringLiteral("|S3");
    bytesArray.shape = {2};
    bytesArray.data = QByteArray("ab\0cde", 6);
    writeBytes(t, QStringLiteral("S.npy"), bytesArray.toNpy());
    NpyArray ints;
    ints.descr = QStringLiteral("<i4");
    ints.shape = {};
    ints.data = QByteArray("\x07\x00\x00\x00", 4);
    writeBytes(t, QStringLiteral("i4-scalar.npy"), ints.toNpy());
    NpyArray empty = NpyArray::fromFloat32(QStringLiteral("e"), {0, 4}, {});
    writeBytes(t, QStringLiteral("f4-empty.npy"), empty.toNpy());
}

void npzSeeds()
{
    using datasets::NpyArray;
    const std::vector<NpyArray> openMic
            = {NpyArray::fromUint8(QStringLiteral("X"), {2, 2, 3},
                                   {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
               NpyArray::fromFloat32(QStringLiteral("Y_true"), {2, 2}, {0.f, 1.f, 0.5f, 0.25f}),
               NpyArray::fromBool(QStringLiteral("Y_mask"), {2, 2}, {1, 1, 0, 1}),
               NpyArray::fromStrings(
                       QStringLiteral("sample_key"),
                       {QStringLiteral("000046_3840"), QStringLiteral("000135_483840")})};
    for (bool compress : {false, true}) {
        const QString path = seedPath(QStringLiteral("npz"),
                                      compress ? QStringLiteral("deflated.npz")
                                               : QStringLiteral("stored.npz"));
        check(datasets::NpzArchive::write(path, openMic, compress).ok(), path);
    }
    const QString one = seedPath(QStringLiteral("npz"), QStringLiteral("one.npz"));
    check(datasets::NpzArchive::write(one, {NpyArray::fromFloat64(QStringLiteral("x"), {1}, {2.0})},
                                      false)
                  .ok(),
          one);
}

void textSeeds()
{
    using datasets::LabelRecord;
    using library::LabelState;
    QString error;
    const QString labels = seedPath(QStringLiteral("labels_csv"), QStringLiteral("generic.csv"));
    check(datasets::LabelsCsv::write(labels,
                                     {LabelRecord {QStringLiteral("clip_0001"),
                                                   QStringLiteral("violin"), LabelState::Present},
                                      LabelRecord {QStringLiteral("a, \"quoted\" clip"),
                                                   QStringLiteral("piano"), LabelState::Absent},
                                      LabelRecord {QStringLiteral("clip_0001#1.5-3"),
                                                   QStringLiteral("drums"), LabelState::Unknown}},
                                     &error),
          labels);
    const QString l = QStringLiteral("labels_csv");
    writeBytes(l, QStringLiteral("corpus.csv"),
               "clip,instrument,present,observed\nclip_0001,violin,1,1\nclip_0001,piano,0,0\n"
               "clip_0002,voice,1,\n");
    writeBytes(l, QStringLiteral("corpus-mask.csv"),
               QByteArray("clip,instrument,present\nclip_0001,violin,1\nclip_0002,piano,0\n") + '\0'
                       + "clip,instrument,observed\nclip_0001,violin,0\nclip_0002,piano,1\n");
    writeBytes(l, QStringLiteral("openmic.csv"),
               "\xEF\xBB\xBFsample_key,instrument,relevance,num_responses\r\n"
               "000046_3840,accordion,0.0,3\r\n000135_483840,voice,0.83,3\r\n"
               "000139_119040,drums,0.5,2\r\n");
    writeBytes(l, QStringLiteral("paths.csv"),
               "Path,Label_Name,Label\n\"/music/My Album/01 - Intro.flac\",Violin,yes\n"
               "mixes/clip_0003.ogg,piano,-\n../other/x.wav,drums,?\n");

    const QString activity = seedPath(QStringLiteral("activity_csv"), QStringLiteral("corpus.csv"));
    check(datasets::ActivityCsv::write(
                  activity,
                  {datasets::ActivityRecord {QStringLiteral("clip_0001"), QStringLiteral("violin"),
                                             0.0, 2.5},
                   datasets::ActivityRecord {QStringLiteral("a,b"), QStringLiteral("piano"), 1.25,
                                             7.000001}},
                  &error),
          activity);
    writeBytes(QStringLiteral("activity_csv"), QStringLiteral("reordered.csv"),
               "End,Start,Instrument,Clip\n3,1,voice,\"x \"\"y\"\"\"\n10.5,0.001,drums,z\n");

    writeBytes(QStringLiteral("audacity_labels"), QStringLiteral("track.txt"),
               datasets::AudacityLabels::format({{0.0, 1.5, QStringLiteral("violin")},
                                                 {2.25, 2.25, QStringLiteral("piano\tnote")}}));
    writeBytes(QStringLiteral("audacity_labels"), QStringLiteral("spectral.txt"),
               "0.500000\t3.000000\tdrums\n\\\t100.0\t8000.0\n4\t5\n");
}

void jsonSeeds()
{
    datasets::LabelSnapshot snapshot;
    snapshot.instruments = {QStringLiteral("violin"), QStringLiteral("piano")};
    datasets::ExportedClip whole;
    whole.id = 1;
    whole.key = QStringLiteral("clip_0001");
    whole.trackId = 1;
    whole.trackPath = QStringLiteral("/music/clip_0001.flac");
    datasets::ExportedClip region = whole;
    region.id = 2;
    region.key = QStringLiteral("clip_0001#1.5-3");
    region.startS = 1.5;
    region.endS = 3.0;
    region.isTest = true;
    snapshot.clips = {whole, region};
    using library::LabelSource;
    using library::LabelState;
    snapshot.labels
            = {{whole.key, QStringLiteral("violin"), LabelState::Present, LabelSource::User,
                QStringLiteral("ann"), 1700000000000},
               {whole.key, QStringLiteral("piano"), LabelState::Absent, LabelSource::Import, {}, 0},
               {region.key, QStringLiteral("violin"), LabelState::Present,
                LabelSource::AcceptedPrediction, QStringLiteral("bob"), 1}};
    snapshot.predictions = {{QStringLiteral("v1"), whole.key, QStringLiteral("violin"), 0.75f},
                            {QStringLiteral("v1"), whole.key, QStringLiteral("piano"), 0.125f}};
    QString error;
    const QString path = seedPath(QStringLiteral("labels_json"), QStringLiteral("export.json"));
    check(datasets::JsonExport::write(path, snapshot, &error), path);
    writeBytes(QStringLiteral("labels_json"), QStringLiteral("minimal.json"),
               "{\"format\":\"timbre-labels\",\"version\":1,\"instruments\":[\"drums\"],"
               "\"clips\":[{\"key\":\"k#0-1\",\"end\":1,\"labels\":{\"drums\":{\"value\":"
               "\"present\",\"source\":\"user\"}}}]}");
}

void featureSeeds()
{
    features::FeatureFileMeta meta;
    meta.extractorId = QStringLiteral("melstat");
    meta.extractorVersion = 1;
    meta.instanceHopS = 0.96;
    meta.source = {12345, 1700000000000, QByteArray("0123456789abcdef")};
    const std::vector<float> values = {0.f, 1.f, -1.f, 0.5f, 65504.f, 1e-3f};
    using features::FeatureEncoding;
    const struct
    {
        const char *name;
        int rows;
        int cols;
        FeatureEncoding encoding;
    } seeds[] = {{"f16.tfeat", 2, 3, FeatureEncoding::Float16},
                 {"u8.tfeat", 3, 2, FeatureEncoding::UInt8},
                 {"empty.tfeat", 0, 4, FeatureEncoding::Float16}};
    for (const auto &s : seeds) {
        QByteArray bytes;
        const QString path = seedPath(QStringLiteral("feature_file"), QString::fromLatin1(s.name));
        check(!features::FeatureFile::encode(path, meta, values.data(), s.rows, s.cols, s.encoding,
                                             &bytes)
                       .isError(),
              path);
        writeBytes(QStringLiteral("feature_file"), QString::fromLatin1(s.name), bytes);
    }
}

void midiSeeds()
{
    using testing::MidiTrackBytes;
    const QString t = QStringLiteral("midi");
    MidiTrackBytes single;
    single.name(0, "Song").tempo(0, 500000).program(0, 0, 40).noteOn(0, 0, 60).noteOff(480, 0, 60);
    writeBytes(t, QStringLiteral("format0.mid"), testing::midiFile({single}, 0));

    MidiTrackBytes tempo;
    tempo.tempo(0, 600000).tempo(960, 400000);
    MidiTrackBytes melody;
    melody.program(0, 1, 0)
            .event(0, {0xB1, 7, 90}) // volume
            .event(0, {0xB1, 11, 100}) // expression
            .event(0, {0xB1, 10, 20}) // pan
            .noteOn(0, 1, 64, 90)
            .event(240, {67, 80}) // running status: another note-on
            .event(240, {64, 0}) // note-on velocity 0 = note-off
            .noteOff(0, 1, 67)
            .program(0, 1, 73) // a new part on the same channel
            .noteOn(0, 1, 72);
    MidiTrackBytes drums;
    drums.event(0, {0xF0, 0x03, 0x43, 0x12, 0xF7}) // sysex
            .noteOn(0, 9, 36)
            .noteOff(0, 9, 36)
            .event(120, {0xE9, 0x00, 0x40}) // pitch bend
            .noteOn(0, 9, 42, 127);
    writeBytes(t, QStringLiteral("format1.mid"), testing::midiFile({tempo, melody, drums}, 1, 96));

    MidiTrackBytes smpte;
    smpte.noteOn(0, 2, 50).noteOff(25, 2, 50);
    QByteArray file = testing::midiFile({smpte}, 0, 0);
    file[12] = char(0xE7); // -25 frames per second
    file[13] = char(40); // ticks per frame
    writeBytes(t, QStringLiteral("smpte.mid"), file);
}

void filterSeeds()
{
    const char *expressions[] = {
            "violin > 0.7 and unlabelled",
            "piano is present or (drums:absent && !voice)",
            "artist:\"Miles Davis\" genre = \"Jazz\" year >= 1959",
            "title = \"The \"\"Blue\"\" Album\" || path:flac",
            "not (duration < 60.5) album = \"\"",
            "voice != unknown violin <= 0.25 labelled",
            "present",
            "\"kind of\" blue -1e3",
    };
    int i = 0;
    for (const char *e : expressions)
        writeBytes(QStringLiteral("filter"), QStringLiteral("%1.txt").arg(++i), QByteArray(e));
}

void audioSeeds()
{
    // 0.15 s of a decaying two-tone chord in stereo at 8 kHz: a few KB in every format.
    const int rate = 8000;
    const int frames = rate * 15 / 100;
    std::vector<float> samples(size_t(frames) * 2);
    for (int i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        const double envelope = std::exp(-4.0 * t);
        samples[size_t(2 * i)] = float(0.4 * envelope * std::sin(2 * M_PI * 440 * t));
        samples[size_t(2 * i + 1)] = float(0.3 * envelope * std::sin(2 * M_PI * 660 * t));
    }
    audio::AudioTags tags;
    tags.title = QStringLiteral("Tone");
    for (audio::AudioFormat format : audio::AudioEncoder::allFormats()) {
        const QString path
                = seedPath(QStringLiteral("decoder"),
                           QStringLiteral("tone.") + audio::AudioEncoder::extension(format));
        const audio::AudioError e
                = audio::AudioEncoder::write(path, samples, 2, rate, format, tags);
        check(!e.isError(), path + QStringLiteral(": ") + e.toString());
    }
}

void checkpointSeeds()
{
    models::CheckpointFile checkpoint;
    checkpoint.info.kind = "att";
    checkpoint.info.hyperParametersJson = models::TrainConfig::defaultsFor("att").toJson();
    checkpoint.info.extractorId = "melstat";
    checkpoint.info.extractorVersion = 1;
    checkpoint.info.featureDim = 128;
    checkpoint.info.classNames = {"violin", "piano"};
    checkpoint.info.labelSnapshot = "batch 3";
    checkpoint.info.metricsJson = "{\"mAP\":0.5}";
    checkpoint.info.created = "2024-01-01T00:00:00Z";
    checkpoint.blobs["student"] = std::string("not a torch archive", 19);
    checkpoint.blobs["teacher"] = std::string();
    for (const char *name : {"att.ckpt", "no-blobs.ckpt"}) {
        const QString path = seedPath(QStringLiteral("checkpoint"), QString::fromLatin1(name));
        models::ModelError error;
        check(checkpoint.save(QFile::encodeName(path).toStdString(), &error),
              path + QStringLiteral(": ") + QString::fromStdString(error.message));
        checkpoint.blobs.clear();
        checkpoint.info.kind = "rf";
        checkpoint.info.hyperParametersJson = "{\"modelKind\":\"rf\",\"seed\":\"7\"}";
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds CORPUS_DIR\n");
        return 2;
    }
    g_root = QDir(QString::fromLocal8Bit(argv[1]));
    check(g_root.mkpath(QStringLiteral(".")), g_root.path());
    npySeeds();
    npzSeeds();
    textSeeds();
    jsonSeeds();
    featureSeeds();
    midiSeeds();
    filterSeeds();
    audioSeeds();
    checkpointSeeds();
    std::printf("seeds written under %s\n", qPrintable(g_root.absolutePath()));
    return 0;
}
