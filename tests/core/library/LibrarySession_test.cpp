// SPDX-License-Identifier: GPL-3.0-or-later
// LibrarySession says what another writer changed in the catalog, within a poll or two: label
// changes with their clips, a new track, another active model, a finished predict run, and the
// catalog file vanishing; an edit this process announced itself is not announced twice.
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/LabelWriteQueue.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::library;

class LibrarySessionTest : public QObject
{
    Q_OBJECT

    static std::unique_ptr<Library> open(const QString &folder)
    {
        auto lib = Library::open(folder);
        return lib ? lib.take() : nullptr;
    }

    static qint64 addTrack(const Library &lib, int n)
    {
        TrackRecord r;
        r.path = QStringLiteral("/nowhere/t%1.flac").arg(n);
        r.durationS = 10;
        auto ids = lib.tracks().upsertBatch({r});
        return ids ? ids->first() : 0;
    }

private Q_SLOTS:
    void anotherWritersChangesAreAnnounced()
    {
        QTemporaryDir dir;
        auto writer = open(dir.path());
        QVERIFY(writer);
        const qint64 track = addTrack(*writer, 1);
        const qint64 clip = *writer->clips().ensureWholeTrackClip(track);
        const QString key = writer->taxonomy().keys()->first();

        LibrarySession session(nullptr, 100);
        QSignalSpy opened(&session, &LibrarySession::libraryChanged);
        session.setLibrary(std::shared_ptr<Library>(open(dir.path())));
        QCOMPARE(opened.count(), 1);
        QTest::qWait(300); // the baseline

        QSignalSpy labels(&session, &LibrarySession::labelsChanged);
        QElapsedTimer t;
        t.start();
        QVERIFY(writer->labelLog().setLabel(clip, key, LabelState::Present, QStringLiteral("x")));
        QVERIFY(labels.wait(1000));
        qInfo("label change announced after %lld ms", t.elapsed());
        QCOMPARE(labels.at(0).at(0).value<QList<qint64>>(), QList<qint64> {clip});
        QCOMPARE(labels.at(0).at(1).toBool(), false);

        QSignalSpy tracks(&session, &LibrarySession::tracksChanged);
        addTrack(*writer, 2);
        QVERIFY(tracks.wait(1000));

        ModelRecord m;
        m.name = QStringLiteral("m");
        m.kind = QStringLiteral("att");
        const qint64 model = *writer->models().add(m);
        QSignalSpy models(&session, &LibrarySession::modelsChanged);
        QSignalSpy active(&session, &LibrarySession::activeModelChanged);
        QVERIFY(!writer->models().activate(model).isError());
        QVERIFY(active.wait(1000));
        QCOMPARE(active.at(0).at(0).toLongLong(), model);
        QVERIFY(models.count() >= 1);

        QSignalSpy predictions(&session, &LibrarySession::predictionsChanged);
        const qint64 run = *writer->predictions().beginRun(model);
        QVERIFY(!writer->predictions().write(model, {{clip, key, 0.7f}}).isError());
        QVERIFY(!writer->predictions().finishRun(run, 1).isError());
        QVERIFY(predictions.wait(1000));
        QCOMPARE(predictions.last().at(0).toLongLong(), model);

        // Nothing written: nothing said.
        labels.clear();
        tracks.clear();
        QTest::qWait(400);
        QCOMPARE(labels.count(), 0);
        QCOMPARE(tracks.count(), 0);
    }

    void ownEditsAreAnnouncedOnce()
    {
        QTemporaryDir dir;
        auto lib = std::shared_ptr<Library>(open(dir.path()));
        const qint64 clip = *lib->clips().ensureWholeTrackClip(addTrack(*lib, 1));
        LibrarySession session(nullptr, 100);
        session.setLibrary(lib);
        QTest::qWait(300);
        QSignalSpy labels(&session, &LibrarySession::labelsChanged);
        auto r = lib->labelLog().setLabel(clip, lib->taxonomy().keys()->first(), LabelState::Absent,
                                          QStringLiteral("me"));
        QVERIFY(r && r->batchId > 0);
        session.announceLabels(r->batchId, {clip});
        QCOMPARE(labels.count(), 1);
        QTest::qWait(500); // the watcher sees the same batch: no second notice
        QCOMPARE(labels.count(), 1);
    }

    // A server drops the watcher's connection: it reconnects, subscribes again and still
    // announces the next edit (SQLite has no connection to lose).
    void lostServerConnectionIsResumed()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("lib"));
        auto first = open(folder);
        QVERIFY(first);
        if (!first->catalogOnServer())
            QSKIP("a SQLite catalog has no server connection to lose");
        const qint64 clip = *first->clips().ensureWholeTrackClip(addTrack(*first, 1));
        const QString key = first->taxonomy().keys()->first();
        LibrarySession session(nullptr, 100);
        session.setLibrary(std::shared_ptr<Library>(open(folder)));
        QTest::qWait(300); // the baseline
        {
            // Every connection of this library but the killer's own, as a server restart or a
            // network drop would end them.
            QSqlQuery kill(first->database().connection());
            QVERIFY(kill.exec(QStringLiteral(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                    "application_name = 'timbre_' || current_schema() AND pid <> "
                    "pg_backend_pid()")));
            QVERIFY(kill.next());
            QVERIFY2(kill.value(0).toInt() >= 1, "the watcher's connection was not found");
        }
        QSignalSpy labels(&session, &LibrarySession::labelsChanged);
        QVERIFY(first->labelLog().setLabel(clip, key, LabelState::Present, QStringLiteral("x")));
        QVERIFY(labels.wait(3000));
        QCOMPARE(labels.at(0).at(0).value<QList<qint64>>(), QList<qint64> {clip});
        QTRY_VERIFY(session.problem().isEmpty());
    }

    // The stores' own connections outlive a lost server connection too: the read that met the
    // dead connection fails with a message, the next one reconnects; the label writer makes its
    // write again on a new connection, so the person sees nothing of it.
    void storesAndWriterReconnectAfterALostConnection()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("lib"));
        auto first = open(folder);
        QVERIFY(first);
        if (!first->catalogOnServer())
            QSKIP("a SQLite catalog has no server connection to lose");
        const qint64 clip = *first->clips().ensureWholeTrackClip(addTrack(*first, 1));
        const QStringList keys = *first->taxonomy().keys();
        auto second = std::shared_ptr<Library>(open(folder));
        QVERIFY(second);
        LabelWriteQueue writer(second, QStringLiteral("ana"));
        QSignalSpy written(&writer, &LabelWriteQueue::written);
        writer.setLabelsAsync({{clip, keys.at(0), LabelState::Present}});
        QVERIFY(written.wait(5000));
        QVERIFY(written.at(0).at(0).value<LabelWriteResult>().ok());
        QCOMPARE(*second->labels().state(clip, keys.at(0)), LabelState::Present);

        // The backends of this library but the killer's own; how many it ended.
        const auto killOthers = [&]() -> int {
            QSqlQuery kill(first->database().connection());
            if (!kill.exec(QStringLiteral(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                        "application_name = 'timbre_' || current_schema() AND pid <> "
                        "pg_backend_pid()"))
                || !kill.next())
                return -1;
            return kill.value(0).toInt();
        };
        QCOMPARE(killOthers(), 2); // this thread's and the writer's
        QTest::qWait(200);
        auto lost = second->labels().state(clip, keys.at(0));
        QVERIFY(!lost);
        QVERIFY2(lost.error().message.contains(second->databasePath()),
                 qPrintable(lost.error().message));
        auto again = second->labels().state(clip, keys.at(0));
        QVERIFY2(again, qPrintable(again.error().message));
        QCOMPARE(*again, LabelState::Present);

        // The writer's connection died in the first round and was not used since; this ends
        // the reads' new one.
        QCOMPARE(killOthers(), 1);
        QTest::qWait(200);
        writer.setLabelsAsync({{clip, keys.at(1), LabelState::Absent}});
        QTRY_VERIFY_WITH_TIMEOUT(written.count() == 2, 20000);
        const LabelWriteResult r = written.at(1).at(0).value<LabelWriteResult>();
        QVERIFY2(r.ok(), qPrintable(r.detail));
        QVERIFY(r.change.batchId > 0);
        QCOMPARE(*first->labels().state(clip, keys.at(1)), LabelState::Absent);
    }

    void vanishedCatalogIsAProblem()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("lib"));
        LibrarySession session(nullptr, 100);
        session.setLibrary(std::shared_ptr<Library>(open(folder)));
        if (session.library()->catalogOnServer())
            QSKIP("a catalog on a server has no file that can vanish");
        QSignalSpy problems(&session, &LibrarySession::problemChanged);
        const QString moved = dir.filePath(QStringLiteral("moved"));
        QVERIFY(QDir().rename(folder, moved));
        QVERIFY(problems.wait(1000));
        QVERIFY(problems.at(0).at(0).toString().contains(QStringLiteral("gone")));
        QVERIFY(!session.problem().isEmpty());
        QVERIFY(QDir().rename(moved, folder));
        QVERIFY(problems.wait(1000));
        QCOMPARE(problems.at(1).at(0).toString(), QString());
        session.setLibrary(nullptr);
        QVERIFY(!session.isOpen());
    }
};

QTEST_GUILESS_MAIN(LibrarySessionTest)
#include "LibrarySession_test.moc"
