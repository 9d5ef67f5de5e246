// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/ContentHash.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/TagReader.h"
#include "core/library/TrackStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace timbre;
using namespace timbre::library;

namespace {

// A tiny 16-bit mono PCM WAV whose samples depend on `seed`, so every file hashes apart.
bool writeTinyWav(const QString &path, int seed, int frames = 400, int rate = 8000)
{
    QByteArray data;
    data.reserve(44 + frames * 2);
    auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            data.append(char((v >> (8 * i)) & 0xff));
    };
    auto u16 = [&](quint16 v) {
        data.append(char(v & 0xff));
        data.append(char(v >> 8));
    };
    data.append("RIFF");
    u32(36 + frames * 2);
    data.append("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    data.append("data");
    u32(frames * 2);
    for (int i = 0; i < frames; ++i)
        u16(quint16(qint16(1000 * std::sin(0.01 * (i + 1) * (seed % 97 + 1)) + seed % 13)));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

std::vector<float> tone(int rate, double seconds, int channels, double freq)
{
    std::vector<float> samples(size_t(rate * seconds) * size_t(channels));
    for (size_t i = 0; i < samples.size() / size_t(channels); ++i)
        for (int c = 0; c < channels; ++c)
            samples[i * size_t(channels) + size_t(c)]
                    = float(0.3 * std::sin(2 * M_PI * freq * double(i) / rate));
    return samples;
}

void setMtime(const QString &path, const QDateTime &when)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(when, QFileDevice::FileModificationTime));
}

} // namespace

class LibraryScannerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void extensionsAndHash()
    {
        QVERIFY(TagReader::hasAudioExtension(QStringLiteral("/a/b/Song.MP3")));
        QVERIFY(TagReader::hasAudioExtension(QStringLiteral("x.aif")));
        QVERIFY(!TagReader::hasAudioExtension(QStringLiteral("/a.mp3/readme")));
        QVERIFY(!TagReader::hasAudioExtension(QStringLiteral("notes.txt")));

        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.bin"));
        const QString b = dir.filePath(QStringLiteral("b.bin"));
        // 3 MiB files that differ only in the middle MiB hash the same (by design); a change in
        // the last MiB or in the size does not.
        QByteArray big(3 << 20, 'x');
        QFile fa(a);
        QVERIFY(fa.open(QIODevice::WriteOnly));
        fa.write(big);
        fa.close();
        big[1 << 20 | 12345] = 'y';
        QFile fb(b);
        QVERIFY(fb.open(QIODevice::WriteOnly));
        fb.write(big);
        fb.close();
        const QByteArray ha = ContentHash::computeBlocking(a);
        QCOMPARE(ha.size(), 20);
        QCOMPARE(ContentHash::computeBlocking(b), ha);
        big[(3 << 20) - 1] = 'z';
        QVERIFY(fb.open(QIODevice::WriteOnly));
        fb.write(big);
        fb.close();
        QVERIFY(ContentHash::computeBlocking(b) != ha);
        QString error;
        QVERIFY(ContentHash::computeBlocking(dir.filePath(QStringLiteral("none")), &error)
                        .isEmpty());
        QVERIFY(error.contains(QStringLiteral("none")));
    }

    void scanFindsEveryFileWithTags()
    {
        QTemporaryDir root;
        QTemporaryDir libDir;
        const QList<audio::AudioFormat> formats = audio::AudioEncoder::allFormats();
        QHash<QString, audio::AudioTags> expected;
        int n = 0;
        for (audio::AudioFormat format : formats) {
            audio::AudioTags tags;
            tags.title = QStringLiteral("Ständchen 夜曲 %1 🎻").arg(n);
            tags.artist = QStringLiteral("Дмитрий Шостакович");
            tags.album = QStringLiteral("Ελληνικά");
            tags.genre = QStringLiteral("Classical");
            tags.year = 1990 + n;
            tags.track = n + 1;
            const QString path = root.filePath(QStringLiteral("sub%1/track é %1.").arg(n)
                                               + audio::AudioEncoder::extension(format));
            QDir().mkpath(QFileInfo(path).absolutePath());
            const int rate = format == audio::AudioFormat::Opus ? 48000 : 44100;
            const audio::AudioError written = audio::AudioEncoder::write(
                    path, tone(rate, 2.0, 2, 440), 2, rate, format, tags);
            QVERIFY2(!written.isError(), qPrintable(written.toString()));
            expected.insert(QFileInfo(path).absoluteFilePath(), tags);
            ++n;
        }
        // Not audio by extension: ignored. Audio by extension but text inside: an error row.
        QFile text(root.filePath(QStringLiteral("notes.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("hello");
        text.close();
        QFile fake(root.filePath(QStringLiteral("fake.mp3")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write(QByteArray("this is not an mp3 file at all, just some text\n").repeated(50));
        fake.close();

        auto lib = Library::open(libDir.path());
        QVERIFY2(lib, qPrintable(lib.error().message));
        LibraryScanner scanner((*lib)->database(), ScanOptions {{root.path()}, 2, 3});
        int progressCalls = 0;
        LibraryScanner::Callbacks callbacks;
        callbacks.progress = [&](const ScanStatus &) { ++progressCalls; };
        auto result = scanner.runBlocking(callbacks);
        QVERIFY2(result, qPrintable(result.error().message));
        QVERIFY(!result->cancelled);
        QCOMPARE(result->counts.seen, qint64(formats.size() + 1));
        QCOMPARE(result->counts.added, qint64(formats.size() + 1));
        QCOMPARE(result->counts.failed, qint64(1));
        QCOMPARE(result->failures.size(), 1);
        QVERIFY(result->failures.first().contains(QStringLiteral("fake.mp3")));
        QVERIFY(progressCalls > 0);

        const TrackStore &tracks = (*lib)->tracks();
        QCOMPARE(*tracks.count(), qint64(formats.size() + 1));
        QCOMPARE(*tracks.count(ScanState::Error), qint64(1));
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            auto found = tracks.findByPath(it.key());
            QVERIFY(found && found->has_value());
            const TrackRecord &t = **found;
            QCOMPARE(t.scanState, ScanState::Ok);
            QVERIFY2(t.title == it->title,
                     qPrintable(t.path + QStringLiteral(" title=") + t.title
                                + QStringLiteral(" artist=") + t.artist));
            QCOMPARE(t.artist, it->artist);
            QCOMPARE(t.album, it->album);
            QCOMPARE(t.genre, it->genre);
            QCOMPARE(t.year, it->year);
            QCOMPARE(t.trackNumber, it->track);
            QVERIFY2(std::abs(t.durationS - 2.0) < 0.1,
                     qPrintable(QString::number(t.durationS) + t.path));
            QCOMPARE(t.channels, 2);
            QVERIFY(t.sampleRate == 44100 || t.sampleRate == 48000);
            QVERIFY(!t.codec.isEmpty());
            QCOMPARE(t.contentHash.size(), 20);
            auto clip = (*lib)->clips().wholeTrackClip(t.id);
            QVERIFY(clip && clip->has_value());
        }
        auto bad = tracks.findByPath(QFileInfo(fake).absoluteFilePath());
        QVERIFY(bad && bad->has_value());
        QCOMPARE((*bad)->scanState, ScanState::Error);
        QVERIFY((*bad)->errorText.contains(QStringLiteral("fake.mp3")));

        // A second scan reads nothing.
        auto again = scanner.runBlocking();
        QVERIFY(again);
        QCOMPARE(again->counts.unchanged, qint64(formats.size() + 1));
        QCOMPARE(again->counts.read, qint64(0));
    }

    void parallelScanNumbersTracksInPathOrder()
    {
        // 150 files in three folders, written in an order unlike their paths' and of sizes that
        // make readers finish out of turn; four readers and small batches, so a reader runs up
        // against the write window. Both scans must give every track the id of its path rank.
        QTemporaryDir root;
        QStringList paths;
        for (int i = 0; i < 150; ++i) {
            const int j = (i * 61) % 150; // a permutation: files are created out of path order
            const QString path = root.filePath(QStringLiteral("d%1/f%2.wav")
                                                       .arg(j % 3)
                                                       .arg(j, 3, 10, QLatin1Char('0')));
            QVERIFY(writeTinyWav(path, j, j % 7 == 0 ? 40000 : 400));
            paths << QFileInfo(path).absoluteFilePath();
        }
        std::sort(paths.begin(), paths.end());
        QList<QStringList> numbered;
        for (int run = 0; run < 2; ++run) {
            QTemporaryDir libDir;
            auto lib = Library::open(libDir.path());
            QVERIFY2(lib, qPrintable(lib.error().message));
            LibraryScanner scanner((*lib)->database(), ScanOptions {{root.path()}, 4, 3});
            auto result = scanner.runBlocking();
            QVERIFY2(result, qPrintable(result.error().message));
            QCOMPARE(result->counts.added, qint64(150));
            QSqlQuery q((*lib)->database().connection());
            QVERIFY(q.exec(QStringLiteral("SELECT t.path FROM track t JOIN clip c ON "
                                          "c.track_id = t.id ORDER BY t.id, c.id")));
            QStringList byId;
            while (q.next())
                byId << q.value(0).toString();
            numbered << byId;
        }
        QCOMPARE(numbered.at(0), paths);
        QCOMPARE(numbered.at(1), paths);
    }

    void rescanAfterTouchMoveDeleteCorrupt()
    {
        QTemporaryDir root;
        QTemporaryDir libDir;
        const QStringList names
                = {QStringLiteral("touch"), QStringLiteral("move"), QStringLiteral("delete"),
                   QStringLiteral("corrupt"), QStringLiteral("same")};
        for (int i = 0; i < names.size(); ++i)
            QVERIFY(writeTinyWav(root.filePath(names[i] + QStringLiteral(".wav")), i));
        auto lib = Library::open(libDir.path());
        QVERIFY(lib);
        const TrackStore &tracks = (*lib)->tracks();
        LibraryScanner scanner((*lib)->database(), ScanOptions {{root.path()}, 2, 2});
        auto first = scanner.runBlocking();
        QVERIFY(first);
        QCOMPARE(first->counts.added, qint64(5));
        QHash<QString, qint64> ids;
        QHash<QString, qint64> clipIds;
        for (const QString &name : names) {
            auto t = tracks.findByPath(
                    QDir(root.path()).absoluteFilePath(name + QStringLiteral(".wav")));
            QVERIFY(t && t->has_value());
            ids[name] = (*t)->id;
            clipIds[name] = (*(*lib)->clips().wholeTrackClip((*t)->id)).value();
        }

        const QString touched = root.filePath(QStringLiteral("touch.wav"));
        setMtime(touched, QDateTime::currentDateTime().addSecs(-3600));
        QDir(root.path()).mkpath(QStringLiteral("elsewhere/deeper"));
        const QString movedTo = root.filePath(QStringLiteral("elsewhere/deeper/moved.wav"));
        QVERIFY(QFile::rename(root.filePath(QStringLiteral("move.wav")), movedTo));
        QVERIFY(QFile::remove(root.filePath(QStringLiteral("delete.wav"))));
        const QString corrupt = root.filePath(QStringLiteral("corrupt.wav"));
        {
            QFile file(corrupt);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray(300, '\x7f'));
        }
        setMtime(corrupt, QDateTime::currentDateTime().addSecs(60));

        auto second = scanner.runBlocking();
        QVERIFY2(second, qPrintable(second.error().message));
        QCOMPARE(second->counts.seen, qint64(4));
        QCOMPARE(second->counts.unchanged, qint64(1));
        QCOMPARE(second->counts.updated, qint64(2)); // touched + corrupted
        QCOMPARE(second->counts.moved, qint64(1));
        QCOMPARE(second->counts.added, qint64(0));
        QCOMPARE(second->counts.missing, qint64(1));
        QCOMPARE(second->counts.failed, qint64(1));

        auto moved = tracks.findByPath(QFileInfo(movedTo).absoluteFilePath());
        QVERIFY(moved && moved->has_value());
        QCOMPARE((*moved)->id, ids[QStringLiteral("move")]);
        QCOMPARE((*moved)->scanState, ScanState::Ok);
        QCOMPARE(*(*lib)->clips().wholeTrackClip((*moved)->id), clipIds[QStringLiteral("move")]);
        auto oldPath
                = tracks.findByPath(QDir(root.path()).absoluteFilePath(QStringLiteral("move.wav")));
        QVERIFY(oldPath && !oldPath->has_value());

        auto deleted = tracks.findById(ids[QStringLiteral("delete")]);
        QVERIFY(deleted && deleted->has_value());
        QCOMPARE((*deleted)->scanState, ScanState::Missing);
        QCOMPARE(*(*lib)->clips().wholeTrackClip(ids[QStringLiteral("delete")]),
                 clipIds[QStringLiteral("delete")]);

        auto broken = tracks.findById(ids[QStringLiteral("corrupt")]);
        QVERIFY(broken && broken->has_value());
        QCOMPARE((*broken)->scanState, ScanState::Error);
        QVERIFY((*broken)->errorText.contains(QStringLiteral("corrupt.wav")));

        auto touchedRow = tracks.findById(ids[QStringLiteral("touch")]);
        QCOMPARE((*touchedRow)->scanState, ScanState::Ok);
        QCOMPARE((*touchedRow)->path, QFileInfo(touched).absoluteFilePath());

        // The deleted file comes back (a copy of it elsewhere): same track, state ok again.
        QVERIFY(writeTinyWav(root.filePath(QStringLiteral("restored/delete.wav")), 2));
        auto third = scanner.runBlocking();
        QVERIFY(third);
        QCOMPARE(third->counts.moved, qint64(1));
        QCOMPARE(third->counts.missing, qint64(0));
        auto back = tracks.findById(ids[QStringLiteral("delete")]);
        QCOMPARE((*back)->scanState, ScanState::Ok);
        QVERIFY((*back)->path.endsWith(QStringLiteral("restored/delete.wav")));
        QCOMPARE(*tracks.count(ScanState::Missing), qint64(0));
    }

    void missingRootLeavesTracksAlone()
    {
        QTemporaryDir root;
        QTemporaryDir libDir;
        QVERIFY(writeTinyWav(root.filePath(QStringLiteral("a.wav")), 1));
        auto lib = Library::open(libDir.path());
        QVERIFY(lib);
        LibraryScanner scanner((*lib)->database(), ScanOptions {{root.path()}, 1, 10});
        QVERIFY(scanner.runBlocking());
        const QString rootPath = root.path();
        root.remove();
        auto again = scanner.runBlocking();
        QVERIFY(again);
        QCOMPARE(again->rootErrors.size(), 1);
        QVERIFY(again->rootErrors.first().contains(rootPath));
        QCOMPARE(*(*lib)->tracks().count(ScanState::Ok), qint64(1));
    }
};

QTEST_GUILESS_MAIN(LibraryScannerTest)
#include "LibraryScanner_test.moc"
