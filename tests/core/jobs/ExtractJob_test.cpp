// SPDX-License-Identifier: GPL-3.0-or-later
// ExtractJob on a generated library of tone files: every track extracted once, with the same
// numbers as extracting the file directly; a second run finds everything fresh; a changed file
// is redone alone; an undecodable file is a per-item failure persisted with the job; cancel
// takes effect within a second keeping finished tracks; a killed extraction is marked
// interrupted, and resuming it adopts or skips what the killed run finished.
#include "core/audio/AudioEncoder.h"
#include "core/features/FeatureFileReader.h"
#include "core/features/FeatureStore.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/jobs/ExtractJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobFactory.h"
#include "core/jobs/JobRecorder.h"
#include "core/jobs/Shard.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/ContentHash.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "core/library/MissingWork.h"
#include "core/library/TrackStore.h"
#include "support/SelfChild.h"

#include "core/jobs/JobThreads.h"
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre;

namespace {

constexpr int kRate = 16000;

QString writeTone(const QString &path, double hz, double seconds)
{
    std::vector<float> s(size_t(seconds * kRate));
    for (size_t i = 0; i < s.size(); ++i)
        s[i] = 0.3f * float(std::sin(2.0 * M_PI * hz * double(i) / kRate));
    const auto e = audio::AudioEncoder::write(path, s, 1, kRate, audio::AudioFormat::Wav);
    return e.isError() ? e.message : QString();
}

// Registers files as scanned tracks (what LibraryScanner would store).
QList<qint64> addTracks(const library::Library &lib, const QStringList &paths)
{
    QList<library::TrackRecord> records;
    for (const QString &p : paths) {
        library::TrackRecord r;
        r.path = QFileInfo(p).absoluteFilePath();
        const QFileInfo info(p);
        r.size = info.size();
        r.mtimeMs = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
        r.contentHash = library::ContentHash::computeBlocking(p);
        records << r;
    }
    auto ids = lib.tracks().upsertBatch(records);
    return ids ? *ids : QList<qint64>();
}

struct Ran
{
    jobs::JobState state = jobs::JobState::Failed;
    QVariantMap result;
    QString error;
    QStringList failedItems;
};

Ran runExtract(const jobs::ExtractOptions &o, bool record = false)
{
    timbre::jobs::JobThreads jobThreads;
    jobs::Job job(std::make_unique<jobs::ExtractJob>(o));
    std::unique_ptr<jobs::JobRecorder> recorder;
    if (record)
        recorder = std::make_unique<jobs::JobRecorder>(o.libraryFolder, &job);
    Ran ran;
    QObject::connect(&job, &jobs::Job::itemFailed,
                     [&ran](const QString &item, const QString &) { ran.failedItems << item; });
    job.startAsync(&jobThreads);
    QElapsedTimer t;
    t.start();
    while (!job.isDone() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents();
    ran.state = job.state();
    ran.result = job.result();
    ran.error = job.errorText();
    return ran;
}

} // namespace

class ExtractJobTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void extractsOnceAndMatchesDirectExtraction();
    void everyFormatExtracted();
    void changedFileRedoneAlone();
    void undecodableFileIsAnItemFailure();
    void unknownExtractorRefused();
    void cancelWithinASecondKeepsFinishedTracks();
    void killedExtractionResumesWithoutRedoing();
    void shardsSplitTheTracksAndTheManifestFindsTheRest();

private:
    QStringList makeTones(const QString &folder, int count, double seconds);
};

void ExtractJobTest::initTestCase()
{
    // Child mode for killedExtractionResumesWithoutRedoing: extract, printing progress.
    const QByteArray lib = qgetenv("TIMBRE_EXTRACT_CHILD_LIBRARY");
    if (lib.isEmpty())
        return;
    jobs::ExtractOptions o;
    o.libraryFolder = QString::fromLocal8Bit(lib);
    o.threads = 1;
    o.batchTracks = 1;
    timbre::jobs::JobThreads jobThreads;
    jobs::Job job(std::make_unique<jobs::ExtractJob>(o));
    jobs::JobRecorder recorder(o.libraryFolder, &job);
    bool said = false;
    QObject::connect(&job, &jobs::Job::progressChanged, [&said](const jobs::JobProgress &p) {
        // Progress is throttled: say it once, when at least six tracks are recorded.
        if (!said && p.stage == QLatin1String("extracting") && p.done >= 6) {
            said = true;
            printf("six done\n");
            fflush(stdout);
        }
    });
    job.startAsync(&jobThreads);
    while (!job.isDone())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    ::exit(0);
}

QStringList ExtractJobTest::makeTones(const QString &folder, int count, double seconds)
{
    QDir().mkpath(folder);
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const QString p = QDir(folder).filePath(
                QStringLiteral("tone%1.wav").arg(i, 3, 10, QLatin1Char('0')));
        const QString e = writeTone(p, 220.0 * (1 + i % 7), seconds);
        if (!e.isEmpty())
            qWarning("%s", qPrintable(e));
        paths << p;
    }
    return paths;
}

void ExtractJobTest::extractsOnceAndMatchesDirectExtraction()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    const QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 6, 3.0);
    const QList<qint64> ids = addTracks(**lib, files);
    QCOMPARE(ids.size(), 6);
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    o.threads = 2;
    const Ran first = runExtract(o, true);
    QCOMPARE(first.state, jobs::JobState::Finished);
    QCOMPARE(first.result.value(QStringLiteral("extracted")).toInt(), 6);
    QCOMPARE(first.result.value(QStringLiteral("failed")).toInt(), 0);
    QCOMPARE(first.result.value(QStringLiteral("instances")).toInt(), 6 * 3); // 3 s = 3 x 0.96 s
    auto rows = (*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1);
    QCOMPARE(rows->size(), 6);
    const features::FeatureStore store((*lib)->featuresPath());
    features::TrackFeatureExtractor direct;
    for (int i = 0; i < 6; ++i) {
        const library::FeatureSetRecord &row = rows->at(i);
        QCOMPARE(row.trackId, ids.at(i));
        QCOMPARE(row.instanceCount, 3);
        QCOMPARE(row.dimension, 128);
        QCOMPARE(row.instanceHopS, 0.96);
        features::FeatureFileReader reader;
        QVERIFY(!store.open(row.trackId, QStringLiteral("melstat-v1"), &reader).isError());
        QCOMPARE(reader.header().checksumHex(), row.checksum);
        const features::FeatureMatrix m = direct.extract(files.at(i));
        const std::vector<float> stored = reader.decodeRows(0, reader.rows());
        QCOMPARE(int(stored.size()), m.rows * m.cols);
        for (size_t k = 0; k < stored.size(); ++k) // float16 in the file
            QVERIFY(std::abs(stored[k] - m.values[k]) <= 2e-3f * (1.0f + std::abs(m.values[k])));
    }
    // The job row: finished, 6 of 6.
    auto recorded = (*lib)->jobs().list();
    QCOMPARE(recorded->size(), 1);
    QCOMPARE(recorded->first().state, QStringLiteral("finished"));
    QCOMPARE(recorded->first().done, qint64(6));
    QVERIFY(recorded->first().parametersJson.contains(QStringLiteral("melstat")));

    const Ran second = runExtract(o);
    QCOMPARE(second.state, jobs::JobState::Finished);
    QCOMPARE(second.result.value(QStringLiteral("fresh")).toInt(), 6);
    QCOMPARE(second.result.value(QStringLiteral("extracted")).toInt(), 0);
}

// mp3 and flac once crashed the decoder on a fresh machine while wav passed
// (docs/ARCHITECTURE.md §1.7). A library of every format the encoder writes, stereo at 44.1 kHz
// as people's files are: every track extracted, each the same as extracting the file directly.
void ExtractJobTest::everyFormatExtracted()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    const QString folder = dir.filePath(QStringLiteral("audio"));
    QDir().mkpath(folder);
    const std::vector<std::pair<audio::AudioFormat, QString>> formats {
            {audio::AudioFormat::Wav, QStringLiteral("wav")},
            {audio::AudioFormat::Flac, QStringLiteral("flac")},
            {audio::AudioFormat::Ogg, QStringLiteral("ogg")},
            {audio::AudioFormat::Opus, QStringLiteral("opus")},
            {audio::AudioFormat::Mp3, QStringLiteral("mp3")},
            {audio::AudioFormat::M4a, QStringLiteral("m4a")},
            {audio::AudioFormat::Aiff, QStringLiteral("aiff")}};
    constexpr int kFileRate = 44100;
    std::vector<float> stereo(size_t(4.0 * kFileRate) * 2);
    for (size_t i = 0; i < stereo.size() / 2; ++i) {
        const float v = 0.3f * float(std::sin(2.0 * M_PI * 440.0 * double(i) / kFileRate));
        stereo[2 * i] = v;
        stereo[2 * i + 1] = 0.5f * v;
    }
    QStringList files;
    for (const auto &[format, ext] : formats) {
        const QString p = QDir(folder).filePath(QStringLiteral("tone.") + ext);
        const auto e = audio::AudioEncoder::write(p, stereo, 2, kFileRate, format);
        QVERIFY2(!e.isError(), qPrintable(e.message));
        files << p;
    }
    const QList<qint64> ids = addTracks(**lib, files);
    QCOMPARE(ids.size(), int(formats.size()));
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    o.threads = 2;
    const Ran ran = runExtract(o);
    QVERIFY2(ran.failedItems.isEmpty(), qPrintable(ran.failedItems.join(QLatin1Char(' '))));
    QCOMPARE(ran.state, jobs::JobState::Finished);
    QCOMPARE(ran.result.value(QStringLiteral("extracted")).toInt(), int(formats.size()));
    auto rows = (*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1);
    QCOMPARE(rows->size(), int(formats.size()));
    const features::FeatureStore store((*lib)->featuresPath());
    features::TrackFeatureExtractor direct;
    for (int i = 0; i < int(formats.size()); ++i) {
        const library::FeatureSetRecord &row = rows->at(i);
        QCOMPARE(row.trackId, ids.at(i));
        QVERIFY2(row.instanceCount >= 4, qPrintable(files.at(i))); // 4 s, and codec padding
        features::FeatureFileReader reader;
        QVERIFY(!store.open(row.trackId, QStringLiteral("melstat-v1"), &reader).isError());
        const features::FeatureMatrix m = direct.extract(files.at(i));
        const std::vector<float> stored = reader.decodeRows(0, reader.rows());
        QCOMPARE(int(stored.size()), m.rows * m.cols);
        for (size_t k = 0; k < stored.size(); ++k)
            QVERIFY(std::abs(stored[k] - m.values[k]) <= 2e-3f * (1.0f + std::abs(m.values[k])));
    }
}

void ExtractJobTest::changedFileRedoneAlone()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    const QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 4, 2.0);
    addTracks(**lib, files);
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    QCOMPARE(runExtract(o).result.value(QStringLiteral("extracted")).toInt(), 4);
    // The same length, another tone: only the content hash and mtime tell.
    QTest::qWait(20);
    QVERIFY(writeTone(files.at(2), 3000.0, 2.0).isEmpty());
    const Ran again = runExtract(o);
    QCOMPARE(again.result.value(QStringLiteral("extracted")).toInt(), 1);
    QCOMPARE(again.result.value(QStringLiteral("fresh")).toInt(), 3);
    // --force recomputes everything.
    o.force = true;
    QCOMPARE(runExtract(o).result.value(QStringLiteral("extracted")).toInt(), 4);
}

void ExtractJobTest::undecodableFileIsAnItemFailure()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 3, 2.0);
    const QString bad = dir.filePath(QStringLiteral("audio/broken.mp3"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    files << bad;
    addTracks(**lib, files);
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    const Ran ran = runExtract(o, true);
    QCOMPARE(ran.state, jobs::JobState::Finished);
    QCOMPARE(ran.result.value(QStringLiteral("extracted")).toInt(), 3);
    QCOMPARE(ran.result.value(QStringLiteral("failed")).toInt(), 1);
    QCOMPARE(ran.failedItems, QStringList {QFileInfo(bad).absoluteFilePath()});
    auto job = (*lib)->jobs().list(1);
    auto failures = (*lib)->jobs().failures(job->first().id);
    QCOMPARE(failures->size(), 1);
    QCOMPARE(failures->first().item, QFileInfo(bad).absoluteFilePath());
    QVERIFY(!failures->first().message.isEmpty());
    QCOMPARE(job->first().failed, qint64(1));
    QCOMPARE((*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1)->size(), 3);
}

void ExtractJobTest::unknownExtractorRefused()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    o.extractorId = QStringLiteral("nosuch");
    const Ran ran = runExtract(o);
    QCOMPARE(ran.state, jobs::JobState::Failed);
    QVERIFY2(ran.error.contains(QStringLiteral("nosuch"))
                     && ran.error.contains(QStringLiteral("melstat")),
             qPrintable(ran.error));
}

void ExtractJobTest::cancelWithinASecondKeepsFinishedTracks()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    const QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 40, 20.0);
    addTracks(**lib, files);
    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    o.threads = 2;
    o.batchTracks = 4;
    timbre::jobs::JobThreads jobThreads;
    jobs::Job job(std::make_unique<jobs::ExtractJob>(o));
    bool cancelRequested = false;
    QElapsedTimer sinceCancel;
    QObject::connect(&job, &jobs::Job::progressChanged, [&](const jobs::JobProgress &p) {
        if (!cancelRequested && p.stage == QLatin1String("extracting") && p.done >= 2) {
            cancelRequested = true;
            sinceCancel.start();
            job.cancel();
        }
    });
    job.startAsync(&jobThreads);
    QElapsedTimer t;
    t.start();
    while (!job.isDone() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QVERIFY(cancelRequested);
    QCOMPARE(job.state(), jobs::JobState::Cancelled);
    QVERIFY2(sinceCancel.elapsed() < 1000, qPrintable(QString::number(sinceCancel.elapsed())));
    const int kept = job.result().value(QStringLiteral("extracted")).toInt();
    QVERIFY(kept >= 2 && kept < 40);
    QCOMPARE(int((*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1)->size()), kept);
    const Ran rest = runExtract(o);
    QCOMPARE(rest.result.value(QStringLiteral("fresh")).toInt(), kept);
    QCOMPARE(rest.result.value(QStringLiteral("extracted")).toInt(), 40 - kept);
}

void ExtractJobTest::killedExtractionResumesWithoutRedoing()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    const QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 30, 30.0);
    addTracks(**lib, files);
    QProcess child;
    QVERIFY(testing::startSelf(
            child, {{QStringLiteral("TIMBRE_EXTRACT_CHILD_LIBRARY"), (*lib)->folder()}}));
    QByteArray seen;
    QVERIFY2(testing::waitForLine(child, "six done\n", 60000, &seen), seen.constData());
    child.kill();
    child.waitForFinished(5000);

    auto marked = (*lib)->jobs().markInterrupted();
    QCOMPARE(*marked, 1);
    auto pending = (*lib)->jobs().unfinished();
    QCOMPARE(pending->size(), 1);
    const library::JobRecord killed = pending->first();
    QCOMPARE(killed.state, QStringLiteral("interrupted"));
    QString error;
    const QVariantMap params
            = QJsonDocument::fromJson(killed.parametersJson.toUtf8()).object().toVariantMap();
    std::unique_ptr<jobs::JobWorker> worker = jobs::createJobWorker(killed.kind, params, &error);
    QVERIFY2(worker, qPrintable(error));
    timbre::jobs::JobThreads jobThreads;
    jobs::Job resumed(std::move(worker));
    resumed.startAsync(&jobThreads);
    while (!resumed.isDone())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCOMPARE(resumed.state(), jobs::JobState::Finished);
    const QVariantMap r = resumed.result();
    const int kept
            = r.value(QStringLiteral("fresh")).toInt() + r.value(QStringLiteral("adopted")).toInt();
    QVERIFY2(kept >= 6, qPrintable(QString::number(kept)));
    QCOMPARE(r.value(QStringLiteral("extracted")).toInt(), 30 - kept);
    QCOMPARE((*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1)->size(), 30);
}

// Three shard processes would each run one of these: disjoint track sets whose union is the
// library, the same files a single run writes; what is left is what the anti-join lists.
void ExtractJobTest::shardsSplitTheTracksAndTheManifestFindsTheRest()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    const QStringList files = makeTones(dir.filePath(QStringLiteral("audio")), 12, 2.0);
    const QList<qint64> ids = addTracks(**lib, files);
    QCOMPARE(ids.size(), 12);
    auto missing = library::tracksMissingFeatures((*lib)->database(), QStringLiteral("melstat"), 1);
    QCOMPARE(missing->size(), 12);

    jobs::ExtractOptions o;
    o.libraryFolder = (*lib)->folder();
    o.threads = 1;
    o.shardCount = 3;
    QSet<qint64> done;
    // Shards 0 and 2 only: shard 1's tracks are what a killed array task leaves behind.
    for (int i : {0, 2}) {
        o.shardIndex = i;
        const Ran ran = runExtract(o, true);
        QCOMPARE(ran.state, jobs::JobState::Finished);
        int expected = 0;
        for (qint64 id : ids)
            expected += jobs::Shard {i, 3}.holds(id) ? 1 : 0;
        QCOMPARE(ran.result.value(QStringLiteral("extracted")).toInt(), expected);
        QCOMPARE(ran.result.value(QStringLiteral("tracks")).toInt(), expected);
        const auto rows = (*lib)->featureSets().ofExtractor(QStringLiteral("melstat"), 1);
        QVERIFY(rows.ok());
        for (const library::FeatureSetRecord &r : *rows)
            done.insert(r.trackId);
    }
    missing = library::tracksMissingFeatures((*lib)->database(), QStringLiteral("melstat"), 1);
    QList<qint64> left;
    for (const library::MissingTrack &t : *missing) {
        QVERIFY(!done.contains(t.trackId));
        QVERIFY(jobs::Shard({1, 3}).holds(t.trackId));
        QCOMPARE(t.path, QFileInfo(files.at(ids.indexOf(t.trackId))).absoluteFilePath());
        left << t.trackId;
    }
    QCOMPARE(done.size() + left.size(), 12);
    QVERIFY(!left.isEmpty());
    auto jobsRun = (*lib)->jobs().list(5);
    QCOMPARE(jobsRun->first().title, QStringLiteral("Extract melstat features, shard 2/3"));

    // The retry array of two tasks deals the manifest out by position: each task gets its half
    // (by hash, all of shard 1 of 3 would fall to one of them), and reports only its own.
    QVERIFY(left.size() >= 2);
    int extracted = 0;
    for (int i = 0; i < 2; ++i) {
        jobs::ExtractOptions retry;
        retry.libraryFolder = (*lib)->folder();
        retry.threads = 1;
        retry.trackIds = left;
        retry.shardIndex = i;
        retry.shardCount = 2;
        const Ran ran = runExtract(retry);
        const int half = int(left.size() + 1 - i) / 2;
        QCOMPARE(ran.result.value(QStringLiteral("tracks")).toInt(), half);
        QCOMPARE(ran.result.value(QStringLiteral("extracted")).toInt(), half);
        extracted += half;
    }
    QCOMPARE(extracted, left.size());
    QVERIFY(library::tracksMissingFeatures((*lib)->database(), QStringLiteral("melstat"), 1)
                    ->isEmpty());

    // A track whose audio changed (another content hash) needs its features again.
    QSqlQuery q((*lib)->database().connection());
    q.prepare(QStringLiteral("UPDATE track SET content_hash = ? WHERE id = ?"));
    q.addBindValue(QByteArray(1, '\0'));
    q.addBindValue(ids.first());
    QVERIFY(q.exec());
    missing = library::tracksMissingFeatures((*lib)->database(), QStringLiteral("melstat"), 1);
    QCOMPARE(missing->size(), 1);
    QCOMPARE(missing->first().trackId, ids.first());
}

QTEST_GUILESS_MAIN(ExtractJobTest)
#include "ExtractJob_test.moc"
