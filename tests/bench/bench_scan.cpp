// SPDX-License-Identifier: GPL-3.0-or-later
// Scan throughput (goal, docs/ARCHITECTURE.md §9: 1000 tag reads per second, warm cache):
// TagLib tag reads alone, a first scan into an empty catalog (tags + content hash + batched
// inserts + clips), and a rescan where every file is unchanged. The fixture is a tree of tagged
// 1-second files in five formats (mp3, flac, ogg, m4a, wav), written once per process so that
// the page cache is warm. Run: build-<you>/tests/bench/bench_scan [--benchmark_filter=...]
#include "core/audio/AudioEncoder.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/TagReader.h"
#include "core/library/TrackStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <memory>

using namespace timbre;

namespace {

constexpr int kCopiesPerFormat = 400; // 5 formats -> 2000 files

struct Fixture
{
    QTemporaryDir dir;
    QStringList files;
};

Fixture &fixture()
{
    static std::unique_ptr<Fixture> f = [] {
        auto made = std::make_unique<Fixture>();
        const QList<audio::AudioFormat> formats
                = {audio::AudioFormat::Mp3, audio::AudioFormat::Flac, audio::AudioFormat::Ogg,
                   audio::AudioFormat::M4a, audio::AudioFormat::Wav};
        std::vector<float> tone(44100 * 2);
        for (size_t i = 0; i < tone.size(); ++i)
            tone[i] = float(0.2 * std::sin(2 * M_PI * 440.0 * double(i / 2) / 44100.0));
        for (audio::AudioFormat format : formats) {
            const QString ext = audio::AudioEncoder::extension(format);
            const QString templ = made->dir.filePath(QStringLiteral("template.") + ext);
            audio::AudioTags tags;
            tags.title = QStringLiteral("Ständchen %1").arg(ext);
            tags.artist = QStringLiteral("Benchmark Ensemble");
            tags.album = QStringLiteral("Scan");
            tags.genre = QStringLiteral("Test");
            tags.year = 2026;
            tags.track = 1;
            if (audio::AudioEncoder::write(templ, tone, 2, 44100, format, tags).isError())
                std::abort();
            for (int i = 0; i < kCopiesPerFormat; ++i) {
                const QString path = made->dir.filePath(
                        QStringLiteral("tree/%1/%2/f%3.%1").arg(ext).arg(i / 50).arg(i));
                QDir().mkpath(QFileInfo(path).absolutePath());
                QFile::copy(templ, path);
                made->files.append(path);
            }
            QFile::remove(templ);
        }
        return made;
    }();
    return *f;
}

void BM_TagRead(benchmark::State &state)
{
    const QStringList &files = fixture().files;
    qint64 read = 0;
    for (auto _ : state) {
        for (const QString &path : files) {
            const library::TagReadResult result = library::TagReader::readBlocking(path);
            benchmark::DoNotOptimize(result.info.durationS);
            if (!result.ok())
                state.SkipWithError("tag read failed");
        }
        read += files.size();
    }
    state.counters["files/s"] = benchmark::Counter(double(read), benchmark::Counter::kIsRate);
}

void BM_ScanIntoEmptyCatalog(benchmark::State &state)
{
    Fixture &f = fixture();
    const int threads = int(state.range(0));
    qint64 scanned = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir libDir;
        auto lib = library::Library::open(libDir.path());
        if (!lib) {
            state.SkipWithError("cannot open a library");
            return;
        }
        library::LibraryScanner scanner(
                (*lib)->database(),
                library::ScanOptions {{f.dir.filePath(QStringLiteral("tree"))}, threads, 500});
        state.ResumeTiming();
        auto result = scanner.runBlocking();
        state.PauseTiming();
        if (!result || result->counts.added != f.files.size())
            state.SkipWithError("scan failed");
        scanned += f.files.size();
        lib->reset();
        state.ResumeTiming();
    }
    state.counters["files/s"] = benchmark::Counter(double(scanned), benchmark::Counter::kIsRate);
}

void BM_RescanUnchanged(benchmark::State &state)
{
    Fixture &f = fixture();
    QTemporaryDir libDir;
    auto lib = library::Library::open(libDir.path());
    library::LibraryScanner scanner(
            (*lib)->database(),
            library::ScanOptions {{f.dir.filePath(QStringLiteral("tree"))}, 0, 500});
    if (!scanner.runBlocking()) {
        state.SkipWithError("first scan failed");
        return;
    }
    qint64 scanned = 0;
    for (auto _ : state) {
        auto result = scanner.runBlocking();
        if (!result || result->counts.unchanged != f.files.size())
            state.SkipWithError("rescan read files");
        scanned += f.files.size();
    }
    state.counters["files/s"] = benchmark::Counter(double(scanned), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_TagRead)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ScanIntoEmptyCatalog)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->MinTime(2.0)
        ->UseRealTime();
BENCHMARK(BM_RescanUnchanged)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
