// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/ScanJob.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre;
using namespace timbre::jobs;

namespace {

constexpr int kFiles = 20000;
constexpr int kBatch = 500;

// A tiny 16-bit mono WAV whose samples depend on `seed` (distinct content hashes).
QByteArray tinyWav(int seed)
{
    const int frames = 200;
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
    u32(8000);
    u32(16000);
    u16(2);
    u16(16);
    data.append("data");
    u32(frames * 2);
    u32(quint32(seed)); // the first two samples carry the index
    for (int i = 2; i < frames; ++i)
        u16(quint16(qint16(800 * std::sin(0.05 * i))));
    return data;
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class ScanJobTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tree;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tree.isValid());
        for (int i = 0; i < kFiles; ++i) {
            const QString dir
                    = m_tree.filePath(QStringLiteral("d%1/e%2").arg(i / 1000).arg(i / 100 % 10));
            if (i % 100 == 0)
                QVERIFY(QDir().mkpath(dir));
            QFile file(dir + QStringLiteral("/f%1.wav").arg(i));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(tinyWav(i));
        }
    }

    void scanOfTwentyThousandFilesReportsAtBoundedRate()
    {
        QTemporaryDir libDir;
        QVERIFY(library::Library::open(libDir.path()));
        JobRunner runner;
        library::ScanOptions options {{m_tree.path()}, 0, kBatch};
        Job *job = runner.enqueue(std::make_unique<ScanJob>(libDir.path(), options));
        QSignalSpy progress(job, &Job::progressChanged);
        QSignalSpy finished(job, &Job::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.waitForAllBlocking(170000));
        const double seconds = clock.elapsed() / 1000.0;
        QVERIFY2(finished.count() == 1, qPrintable(job->errorText()));
        const QVariantMap result = finished.at(0).at(0).toMap();
        QCOMPARE(result.value(QStringLiteral("seen")).toLongLong(), qint64(kFiles));
        QCOMPARE(result.value(QStringLiteral("added")).toLongLong(), qint64(kFiles));
        QCOMPARE(result.value(QStringLiteral("failed")).toLongLong(), qint64(0));
        // At most 10 reports a second, plus the "running" and the final one.
        QVERIFY2(progress.count() <= 10.0 * seconds + 3,
                 qPrintable(QStringLiteral("%1 progress signals in %2 s")
                                    .arg(progress.count())
                                    .arg(seconds)));
        QVERIFY(progress.count() >= 3);
        qint64 lastDone = 0;
        for (const QList<QVariant> &args : progress) {
            const auto p = args.at(0).value<JobProgress>();
            QVERIFY(p.done >= lastDone);
            lastDone = p.done;
        }
        QCOMPARE(lastDone, qint64(kFiles));
        qInfo("scanned %d files in %.1f s (%.0f files/s), %d progress signals", kFiles, seconds,
              kFiles / seconds, int(progress.count()));

        auto lib = library::Library::open(libDir.path(), library::Library::OpenMode::ExistingOnly);
        QVERIFY(lib);
        QCOMPARE(*(*lib)->tracks().count(), qint64(kFiles));
        QCOMPARE(scalar((*lib)->database().connection(),
                        QStringLiteral("SELECT COUNT(*) FROM clip")),
                 qint64(kFiles));
    }

    void cancelStopsWithinASecondAndKeepsWholeBatches()
    {
        QTemporaryDir libDir;
        QVERIFY(library::Library::open(libDir.path()));
        JobRunner runner;
        library::ScanOptions options {{m_tree.path()}, 0, kBatch};
        Job *job = runner.enqueue(std::make_unique<ScanJob>(libDir.path(), options));
        QSignalSpy cancelled(job, &Job::cancelled);
        // Wait until it is well into reading and has committed a batch or more.
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().done > 2 * kBatch + 100, 120000);
        QElapsedTimer clock;
        clock.start();
        job->cancel();
        QVERIFY(job->waitBlocking(1000));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE(cancelled.count(), 1);
        QCOMPARE(job->state(), JobState::Cancelled);

        qint64 tracks = 0;
        {
            auto lib = library::Library::open(libDir.path(),
                                              library::Library::OpenMode::ExistingOnly);
            QVERIFY(lib);
            const QSqlDatabase db = (*lib)->database().connection();
            if (!(*lib)->catalogOnServer()) {
                QSqlQuery check(db);
                QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
                QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            }
            tracks = *(*lib)->tracks().count();
            QVERIFY2(tracks % kBatch == 0, qPrintable(QString::number(tracks)));
            QVERIFY(tracks < kFiles);
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM clip")), tracks);
            QCOMPARE(scalar(db,
                            QStringLiteral("SELECT COUNT(*) FROM track WHERE scan_state <> 'ok'")),
                     qint64(0));
        }

        // Scanning again finishes the job: the committed part is skipped as unchanged.
        Job *again = runner.enqueue(std::make_unique<ScanJob>(libDir.path(), options));
        QSignalSpy finished(again, &Job::finished);
        QVERIFY(runner.waitForAllBlocking(170000));
        QCOMPARE(finished.count(), 1);
        const QVariantMap result = finished.at(0).at(0).toMap();
        QCOMPARE(result.value(QStringLiteral("unchanged")).toLongLong(), tracks);
        QCOMPARE(result.value(QStringLiteral("added")).toLongLong(), kFiles - tracks);
    }

    void missingLibraryIsAnError()
    {
        QTemporaryDir dir;
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<ScanJob>(
                dir.filePath(QStringLiteral("nolib")), library::ScanOptions {{dir.path()}, 1, 10}));
        QSignalSpy error(job, &Job::error);
        QVERIFY(runner.waitForAllBlocking(10000));
        QCOMPARE(error.count(), 1);
        QVERIFY(error.at(0).at(0).toString().contains(QStringLiteral("nolib")));
    }
};

QTEST_GUILESS_MAIN(ScanJobTest)
#include "ScanJob_slow_test.moc"
