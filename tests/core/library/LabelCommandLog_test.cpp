// SPDX-License-Identifier: GPL-3.0-or-later
// LabelCommandLog: undo / redo round-trips (single and bulk), a new edit clears redo, undo
// from a second Library instance and from a second process, conflicts with later imports,
// and label edits of a child process that is killed with SIGKILL survive intact.
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"
#include "support/SelfChild.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace timbre::library;

using timbre::testing::startSelf;
using timbre::testing::waitForLine;

namespace {

const char *const kChildLibraryEnv = "TIMBRE_LABEL_TEST_CHILD_LIBRARY";
const char *const kChildModeEnv = "TIMBRE_LABEL_TEST_CHILD_MODE";
const char *const kChildCountEnv = "TIMBRE_LABEL_TEST_CHILD_COUNT";

QList<qint64> addTracks(Library &lib, int n)
{
    QList<qint64> clips;
    for (int i = 0; i < n; ++i) {
        TrackRecord t;
        t.path = QStringLiteral("/music/%1.ogg").arg(i);
        auto id = lib.tracks().upsert(t);
        auto clip = id ? lib.clips().ensureWholeTrackClip(*id) : CatalogResult<qint64>(id.error());
        if (!clip)
            return {};
        clips << *clip;
    }
    return clips;
}

QString stateString(Library &lib, const QList<qint64> &clips, const QString &key)
{
    QString s;
    for (qint64 c : clips) {
        switch (*lib.labels().state(c, key)) {
        case LabelState::Present:
            s += QLatin1Char('P');
            break;
        case LabelState::Absent:
            s += QLatin1Char('A');
            break;
        case LabelState::Unknown:
            s += QLatin1Char('?');
            break;
        }
    }
    return s;
}

// The child process: opens the library, then either commits N label edits, says "ready" and
// keeps editing until it is killed, or undoes the last batch and exits.
int runChild()
{
    const QString folder = qEnvironmentVariable(kChildLibraryEnv);
    const QString mode = qEnvironmentVariable(kChildModeEnv);
    auto lib = Library::open(folder, Library::OpenMode::ExistingOnly);
    if (!lib) {
        std::fprintf(stderr, "child: %s\n", qPrintable(lib.error().message));
        return 2;
    }
    auto clips = (*lib)->clips().list();
    if (!clips)
        return 3;
    if (mode == QLatin1String("undo")) {
        auto r = (*lib)->labelLog().undo(QStringLiteral("child"));
        if (!r)
            return 4;
        std::printf("undone %lld %lld\n", r->targetBatchId, qint64(r->changes.size()));
        std::fflush(stdout);
        return 0;
    }
    const int n = qEnvironmentVariableIntValue(kChildCountEnv);
    for (int i = 0; i < n; ++i) {
        auto r = (*lib)->labelLog().setLabel(clips->at(i).id, QStringLiteral("violin"),
                                             i % 2 ? LabelState::Absent : LabelState::Present,
                                             QStringLiteral("child"));
        if (!r)
            return 5;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    // Keep writing (bulk batches on another instrument) so the kill lands mid-transaction.
    QList<qint64> ids;
    for (const ClipRecord &c : *clips)
        ids << c.id;
    for (int round = 0;; ++round) {
        (*lib)->labelLog().setOnClips(QStringLiteral("piano"), ids,
                                      round % 2 ? LabelState::Absent : LabelState::Present,
                                      QStringLiteral("child"));
    }
}

} // namespace

class LabelCommandLogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void undoRedoSingle();
    void undoRedoBulkIsOneStep();
    void newEditClearsRedo();
    void importsAreNotUndoneAndWinConflicts();
    void undoRestoresPreviousSourceAndAuthor();
    void undoFromSecondInstance();
    void undoFromSecondProcess();
    void editsSurviveSigkill();

private:
    QString folder() const { return m_dir->filePath(QStringLiteral("lib")); }
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
    QList<qint64> m_clips;
};

void LabelCommandLogTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(folder());
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
    m_clips = addTracks(*m_lib, 8);
    QCOMPARE(m_clips.size(), 8);
}

void LabelCommandLogTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
    m_dir = nullptr;
}

void LabelCommandLogTest::undoRedoSingle()
{
    LabelCommandLog &log = m_lib->labelLog();
    const QString v = QStringLiteral("violin");
    QVERIFY(!log.canUndo());
    QVERIFY(!log.canRedo());
    auto nothing = log.undo(QStringLiteral("ana"));
    QVERIFY(nothing.ok());
    QCOMPARE(nothing->targetBatchId, qint64(0));

    QVERIFY(log.setLabel(m_clips[0], v, LabelState::Present, QStringLiteral("ana")).ok());
    QVERIFY(log.setLabel(m_clips[1], v, LabelState::Absent, QStringLiteral("ana")).ok());
    QVERIFY(log.setLabel(m_clips[0], v, LabelState::Absent, QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("AA"));

    auto u1 = log.undo(QStringLiteral("ana"));
    QVERIFY(u1.ok());
    QCOMPARE(u1->changes.size(), 1);
    QCOMPARE(u1->changes[0].state, LabelState::Present);
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("PA"));
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("P?"));
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("??"));
    QVERIFY(!log.canUndo());
    QVERIFY(log.canRedo());

    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("P?"));
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("PA"));
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 2), v), QStringLiteral("AA"));
    QVERIFY(!log.canRedo());
    auto noRedo = log.redo(QStringLiteral("ana"));
    QVERIFY(noRedo.ok());
    QCOMPARE(noRedo->targetBatchId, qint64(0));

    // The history records every change, undo / redo included, and the undone flag.
    auto history = m_lib->labels().history(m_clips[0]);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2 + 2 + 2); // two edits, two undos, two redos of clip 0
    QVERIFY(std::none_of(history->begin(), history->end(),
                         [](const LabelHistoryEntry &e) { return e.undone; }));
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    auto afterUndo = m_lib->labels().history(m_clips[0]);
    const auto undoneRows = std::count_if(afterUndo->begin(), afterUndo->end(),
                                          [](const LabelHistoryEntry &e) { return e.undone; });
    QCOMPARE(undoneRows, 1);
}

void LabelCommandLogTest::undoRedoBulkIsOneStep()
{
    LabelCommandLog &log = m_lib->labelLog();
    const QString g = QStringLiteral("guitar");
    QVERIFY(log.setLabel(m_clips[2], g, LabelState::Absent, QStringLiteral("ana")).ok());
    auto bulk = log.setOnClips(g, m_clips, LabelState::Present, QStringLiteral("ana"));
    QVERIFY(bulk.ok());
    QCOMPARE(bulk->changes.size(), 8);
    QCOMPARE(stateString(*m_lib, m_clips, g), QStringLiteral("PPPPPPPP"));
    auto next = log.nextUndo();
    QVERIFY(next.ok() && next->has_value());
    QCOMPARE((*next)->batchId, bulk->batchId);
    QCOMPARE((*next)->changeCount, 8);

    auto u = log.undo(QStringLiteral("ana"));
    QVERIFY(u.ok());
    QCOMPARE(u->targetBatchId, bulk->batchId);
    QCOMPARE(u->changes.size(), 8);
    QCOMPARE(stateString(*m_lib, m_clips, g), QStringLiteral("??A?????"));
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips, g), QStringLiteral("PPPPPPPP"));
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips, g), QStringLiteral("????????"));
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips, g), QStringLiteral("??A?????"));
}

void LabelCommandLogTest::newEditClearsRedo()
{
    LabelCommandLog &log = m_lib->labelLog();
    const QString k = QStringLiteral("flute");
    QVERIFY(log.setLabel(m_clips[0], k, LabelState::Present, QStringLiteral("ana")).ok());
    QVERIFY(log.setLabel(m_clips[1], k, LabelState::Present, QStringLiteral("ana")).ok());
    QVERIFY(log.setLabel(m_clips[2], k, LabelState::Present, QStringLiteral("ana")).ok());
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("P???"));
    QVERIFY(log.canRedo());
    QVERIFY(log.setLabel(m_clips[3], k, LabelState::Absent, QStringLiteral("ana")).ok());
    QVERIFY(!log.canRedo());
    auto r = log.redo(QStringLiteral("ana"));
    QVERIFY(r.ok());
    QCOMPARE(r->targetBatchId, qint64(0));
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("P??A"));
    // undoing the new edit makes only it redoable, not the discarded ones
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    QVERIFY(!log.canRedo());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("P??A"));
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("????"));
}

void LabelCommandLogTest::importsAreNotUndoneAndWinConflicts()
{
    LabelCommandLog &log = m_lib->labelLog();
    LabelStore &labels = m_lib->labels();
    const QString k = QStringLiteral("organ");
    QVERIFY(labels.set(m_clips[0], k, LabelState::Absent, LabelSource::Import,
                       QStringLiteral("csv"))
                    .ok());
    QVERIFY(!log.canUndo()); // an import is not an undo step
    QVERIFY(log.setOnClips(k, m_clips.mid(0, 3), LabelState::Present, QStringLiteral("ana")).ok());
    // a later import overrides clip 1
    QVERIFY(labels.set(m_clips[1], k, LabelState::Absent, LabelSource::Import,
                       QStringLiteral("csv"))
                    .ok());
    auto u = log.undo(QStringLiteral("ana"));
    QVERIFY(u.ok());
    QCOMPARE(u->skipped, 1);
    QCOMPARE(u->changes.size(), 2);
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 3), k), QStringLiteral("AA?"));
    QVERIFY(!log.canUndo());
    // redo re-applies only what the undo reverted
    auto r = log.redo(QStringLiteral("ana"));
    QVERIFY(r.ok());
    QCOMPARE(r->changes.size(), 2);
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 3), k), QStringLiteral("PAP"));
}

void LabelCommandLogTest::undoRestoresPreviousSourceAndAuthor()
{
    LabelCommandLog &log = m_lib->labelLog();
    LabelStore &labels = m_lib->labels();
    const QString k = QStringLiteral("trumpet");
    QVERIFY(labels.set(m_clips[0], k, LabelState::Present, LabelSource::Import,
                       QStringLiteral("openmic"), 111)
                    .ok());
    QVERIFY(log.acceptPredictions({{m_clips[0], k, LabelState::Absent}}, QStringLiteral("ana"))
                    .ok());
    auto mid = labels.labelsOfClip(m_clips[0]);
    QCOMPARE(mid->at(0).source, LabelSource::AcceptedPrediction);
    QVERIFY(log.undo(QStringLiteral("ana")).ok());
    auto back = labels.labelsOfClip(m_clips[0]);
    QCOMPARE(back->size(), 1);
    QCOMPARE(back->at(0).state, LabelState::Present);
    QCOMPARE(back->at(0).source, LabelSource::Import);
    QCOMPARE(back->at(0).author, QStringLiteral("openmic"));
    QCOMPARE(back->at(0).timeMs, qint64(111));
    QVERIFY(log.redo(QStringLiteral("ana")).ok());
    auto again = labels.labelsOfClip(m_clips[0]);
    QCOMPARE(again->at(0).state, LabelState::Absent);
    QCOMPARE(again->at(0).source, LabelSource::AcceptedPrediction);
    QCOMPARE(again->at(0).author, QStringLiteral("ana"));
}

void LabelCommandLogTest::undoFromSecondInstance()
{
    const QString k = QStringLiteral("saxophone");
    QVERIFY(m_lib->labelLog()
                    .setLabel(m_clips[0], k, LabelState::Present, QStringLiteral("ana"))
                    .ok());
    QVERIFY(m_lib->labelLog()
                    .setOnClips(k, m_clips.mid(1, 3), LabelState::Absent, QStringLiteral("ana"))
                    .ok());
    {
        auto second = Library::open(folder(), Library::OpenMode::ExistingOnly);
        QVERIFY(second.ok());
        auto u = (*second)->labelLog().undo(QStringLiteral("ben"));
        QVERIFY(u.ok());
        QCOMPARE(u->changes.size(), 3);
        QVERIFY((*second)->labelLog().canRedo());
    }
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("P???"));
    QVERIFY(m_lib->labelLog().canRedo());
    QVERIFY(m_lib->labelLog().redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 4), k), QStringLiteral("PAAA"));
}

void LabelCommandLogTest::undoFromSecondProcess()
{
    const QString k = QStringLiteral("banjo");
    QVERIFY(m_lib->labelLog()
                    .setLabel(m_clips[0], k, LabelState::Present, QStringLiteral("ana"))
                    .ok());
    auto bulk = m_lib->labelLog().setOnClips(k, m_clips.mid(1, 2), LabelState::Present,
                                             QStringLiteral("ana"));
    QVERIFY(bulk.ok());
    QProcess child;
    QVERIFY(startSelf(child,
                      {{QLatin1String(kChildLibraryEnv), folder()},
                       {QLatin1String(kChildModeEnv), QStringLiteral("undo")}}));
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(child.readAllStandardOutput()).trimmed(),
             QStringLiteral("undone %1 2").arg(bulk->batchId));
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 3), k), QStringLiteral("P??"));
    QVERIFY(m_lib->labelLog().redo(QStringLiteral("ana")).ok());
    QCOMPARE(stateString(*m_lib, m_clips.mid(0, 3), k), QStringLiteral("PPP"));
}

void LabelCommandLogTest::editsSurviveSigkill()
{
    const int n = 8;
    m_lib.reset(); // the child is the only writer; reopened below
    QProcess child;
    QVERIFY(startSelf(child,
                      {{QLatin1String(kChildLibraryEnv), folder()},
                       {QLatin1String(kChildModeEnv), QStringLiteral("edit")},
                       {QLatin1String(kChildCountEnv), QString::number(n)}}));
    QByteArray out;
    QVERIFY2(waitForLine(child, "ready\n", 60000, &out), child.readAllStandardError().constData());
    QThread::msleep(150); // let it be in the middle of a bulk transaction
    child.kill(); // SIGKILL on Unix
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    auto lib = Library::open(folder(), Library::OpenMode::ExistingOnly);
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    QSqlQuery q((*lib)->database().connection());
    if (!(*lib)->catalogOnServer()) { // a server checks its own pages and keys
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!q.next());
    }
    QString expected;
    for (int i = 0; i < n; ++i)
        expected += i % 2 ? QLatin1Char('A') : QLatin1Char('P');
    auto clips = (*lib)->clips().list();
    QList<qint64> ids;
    for (const ClipRecord &c : *clips)
        ids << c.id;
    QCOMPARE(stateString(**lib, ids.mid(0, n), QStringLiteral("violin")), expected);
    // every committed piano batch is whole: all clips share one state, and history agrees
    const QString piano = stateString(**lib, ids, QStringLiteral("piano"));
    QVERIFY2(piano == QString(ids.size(), QLatin1Char('P'))
                     || piano == QString(ids.size(), QLatin1Char('A'))
                     || piano == QString(ids.size(), QLatin1Char('?')),
             qPrintable(piano));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM label_history h JOIN label_batch b ON "
                                  "b.id = h.batch_id WHERE b.author = 'child'"))
            && q.next());
    const int historyRows = q.value(0).toInt();
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM label_batch WHERE author = 'child'"))
            && q.next());
    const int batches = q.value(0).toInt();
    QVERIFY(batches >= n);
    QCOMPARE(historyRows, n + (batches - n) * int(ids.size()));
    // and the undo stack still works after the crash
    QVERIFY((*lib)->labelLog().canUndo());
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kChildLibraryEnv))
        return runChild();
    LabelCommandLogTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LabelCommandLog_test.moc"
