// SPDX-License-Identifier: GPL-3.0-or-later
// The label editor on a generated library, offscreen: a key writes the catalog and Undo reverts
// it, also from a new editor after a "restart"; accepting every confident suggestion is one
// undoable step of accepted predictions; an edit made by another Library (as the CLI would)
// shows within a second; a library folder made read-only or removed gives "Not saved" and
// leaves the catalog as it was; an editor killed with SIGKILL right after saying "Saved" lost
// none of those edits; and a second process writing labels all the while costs the editor no
// edit and no error.
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/LabelWriteQueue.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "support/PlantedLibrary.h"
#include "support/SelfChild.h"
#include "widgets/labels/InstrumentHotkeys.h"
#include "widgets/labels/LabelConflictBar.h"
#include "widgets/labels/LabelEditor.h"
#include "widgets/labels/SaveStateLabel.h"

#include "app/gui/Translations.h"
#include <QAction>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cstdio>
#include <memory>

using namespace timbre;
using library::LabelState;
using widgets::LabelEditor;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    QString folder;
    testing::PlantedLibrary planted;
    qint64 modelId = 0;
};

// A library of `tracks` unlabelled tracks with an active model whose scores are known.
bool makeLibrary(Fixture &f, int tracks, QString *error)
{
    f.folder = f.dir.filePath(QStringLiteral("lib"));
    auto lib = library::Library::open(f.folder);
    if (!lib) {
        *error = lib.error().message;
        return false;
    }
    testing::PlantedLibraryOptions o;
    o.tracks = tracks;
    o.instancesPerTrack = 4;
    o.labelledFraction = 0.0;
    f.planted = testing::makePlantedLibrary(**lib, o);
    if (!f.planted.error.isEmpty()) {
        *error = f.planted.error;
        return false;
    }
    library::ModelRecord model;
    model.name = QStringLiteral("scores");
    model.kind = QStringLiteral("mt-att");
    auto id = (*lib)->models().add(model);
    if (!id || (*lib)->models().activate(*id).isError()) {
        *error = QStringLiteral("model");
        return false;
    }
    f.modelId = *id;
    // Instrument k of every clip scores 0.95, 0.05, 0.5, 0.97: two confident present, one
    // confident absent, one undecided.
    const float scores[] = {0.95f, 0.05f, 0.5f, 0.97f};
    QList<library::PredictionScore> rows;
    for (qint64 clip : std::as_const(f.planted.clipIds))
        for (int k = 0; k < 4; ++k)
            rows.append({clip, f.planted.instrumentKeys.at(k), scores[k]});
    const library::CatalogError written = (*lib)->predictions().write(f.modelId, rows);
    if (written.isError()) {
        *error = written.message;
        return false;
    }
    return true;
}

std::shared_ptr<library::Library> openShared(const QString &folder)
{
    return std::shared_ptr<library::Library>(
            library::Library::open(folder, library::Library::OpenMode::ExistingOnly).take());
}

LabelState stateOf(const QString &folder, qint64 clip, const QString &key)
{
    auto lib = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
    auto s = (*lib)->labels().state(clip, key);
    return s ? *s : LabelState(-2);
}

void pressHotkey(LabelEditor &editor, QWidget *target, const QString &instrumentKey)
{
    const QChar key = editor.hotkey(instrumentKey);
    QVERIFY(!key.isNull());
    QTest::keyClick(target, key.toLatin1());
    QCOMPARE(editor.currentInstrument(), instrumentKey);
}

bool waitSaved(LabelEditor &editor, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (editor.writer() && editor.writer()->pending() == 0
            && editor.saveState() != LabelEditor::SaveState::Saving)
            return editor.saveState() == LabelEditor::SaveState::Saved;
        QTest::qWait(5);
    }
    return false;
}

// Child mode of editsReportedSavedSurviveSigkill: an editor that labels clip after clip with
// its keys and prints each edit once the editor says "Saved", until it is killed.
void runSavingChild(const QString &folder)
{
    library::LibrarySession session;
    session.setLibrary(openShared(folder));
    LabelEditor editor;
    editor.setSession(&session);
    editor.show();
    auto lib = session.library();
    const QList<qint64> clips = *lib->clips().trainableClipIds();
    const QStringList keys = *lib->taxonomy().keys();
    for (int n = 0;; ++n) {
        const qint64 clip = clips.at((n / keys.size()) % clips.size());
        const QString key = keys.at(n % keys.size());
        if (n >= clips.size() * keys.size())
            break; // every (clip, instrument) once: each printed state is the last one
        editor.setClips({clip});
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        if (editor.shown().clipIds != QList<qint64> {clip})
            loaded.wait(5000);
        const LabelState state = n % 3 == 2 ? LabelState::Absent : LabelState::Present;
        QTest::keyClick(editor.instrumentList(), editor.hotkey(key).toLatin1());
        QTest::keyClick(editor.instrumentList(), state == LabelState::Present ? 'p' : 'a');
        if (!waitSaved(editor))
            break;
        printf("saved %lld %s %s\n", clip, qPrintable(key),
               qPrintable(library::labelStateName(state)));
        fflush(stdout);
    }
    printf("all done\n");
    fflush(stdout);
    for (;;)
        QTest::qWait(1000);
}

// Child mode of anotherWriterLosesNothing: writes labels through LabelCommandLog (as
// `timbre labels set` does) as fast as it can until killed.
void runWritingChild(const QString &folder, qint64 clip)
{
    auto lib = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
    const QStringList keys = *(*lib)->taxonomy().keys();
    for (int n = 0;; ++n) {
        auto r = (*lib)->labelLog().setLabel(clip, keys.at(n % keys.size()),
                                             n % 2 ? LabelState::Present : LabelState::Absent,
                                             QStringLiteral("other"));
        if (!r) {
            printf("error %s\n", qPrintable(r.error().message));
            fflush(stdout);
            ::exit(1);
        }
        if (n == 20) {
            printf("writing\n");
            fflush(stdout);
        }
    }
}

} // namespace

class LabelEditorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray saving = qgetenv("TIMBRE_EDITOR_CHILD_SAVING");
        if (!saving.isEmpty()) {
            runSavingChild(QString::fromLocal8Bit(saving));
            ::exit(0);
        }
        const QByteArray writing = qgetenv("TIMBRE_EDITOR_CHILD_WRITING");
        if (!writing.isEmpty()) {
            runWritingChild(QString::fromLocal8Bit(writing),
                            qgetenv("TIMBRE_EDITOR_CHILD_CLIP").toLongLong());
            ::exit(0);
        }
    }

    // The save state line on its own: each state's words (also in German, from its own
    // translation context) and colour, red for a failed write, green once the catalog has it.
    void saveStateLabelShowsEachState()
    {
        using State = widgets::SaveStateLabel::State;
        widgets::SaveStateLabel label;
        QVERIFY(label.text().isEmpty());
        label.setState(State::Saving);
        QCOMPARE(label.text(), QStringLiteral("Saving…"));
        const QColor normal = label.palette().color(QPalette::WindowText);
        label.setState(State::Saved);
        QCOMPARE(label.text(), QStringLiteral("Saved"));
        QCOMPARE(label.palette().color(QPalette::WindowText), QColor(0x1b, 0x7f, 0x3b));
        label.setState(State::NotSaved, QStringLiteral("disk full"));
        QCOMPARE(label.text(), QStringLiteral("Not saved: disk full"));
        QCOMPARE(label.palette().color(QPalette::WindowText), QColor(0xb0, 0x30, 0x30));
        label.setState(State::Saving);
        QCOMPARE(label.palette().color(QPalette::WindowText), normal);
        label.setState(State::Idle);
        QVERIFY(label.text().isEmpty());

        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        label.setState(State::Saved);
        const QString saved = label.text();
        label.setState(State::NotSaved, QStringLiteral("x"));
        const QString notSaved = label.text();
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
        QCOMPARE(saved, QStringLiteral("Gespeichert"));
        QCOMPARE(notSaved, QStringLiteral("Nicht gespeichert: x"));
    }

    void hotkeysAreUniqueAndAvoidTheEditorsKeys()
    {
        const QStringList names = {QStringLiteral("Accordion"), QStringLiteral("Banjo"),
                                   QStringLiteral("Bass"),      QStringLiteral("Piano"),
                                   QStringLiteral("Flöte"),     QStringLiteral("Querflöte")};
        const QList<QChar> keys = widgets::InstrumentHotkeys::assign(names);
        QCOMPARE(keys,
                 QList<QChar>({QLatin1Char('c'), QLatin1Char('b'), QLatin1Char('s'),
                               QLatin1Char('i'), QLatin1Char('f'), QLatin1Char('e')}));
        // More instruments than letters: digits, then none.
        QStringList many;
        for (int i = 0; i < 40; ++i)
            many << QStringLiteral("x");
        const QList<QChar> all = widgets::InstrumentHotkeys::assign(many);
        QCOMPARE(all.at(0), QLatin1Char('x'));
        QCOMPARE(all.at(20), QLatin1Char('1'));
        QVERIFY(all.at(29).isNull());
    }

    // A review queue's first Q names the instrument before the editor's rows exist.
    void instrumentAskedForBeforeTheLabelsLoadIsPicked()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 4, &error), qPrintable(error));
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        const QString third = f.planted.instrumentKeys.at(2);
        editor.setClips({f.planted.clipIds.at(1)});
        editor.setCurrentInstrument(third);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(editor.currentInstrument(), third);
        // Later reloads keep what the user has picked since.
        const QString first = f.planted.instrumentKeys.at(0);
        editor.setCurrentInstrument(first);
        editor.setClips({f.planted.clipIds.at(2)});
        QVERIFY(loaded.wait(5000));
        QCOMPARE(editor.currentInstrument(), first);
    }

    void keyWritesTheCatalogAndUndoRevertsIt()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 6, &error), qPrintable(error));
        const qint64 clip = f.planted.clipIds.at(0);
        const QString banjo = f.planted.instrumentKeys.at(1);
        {
            library::LibrarySession session;
            session.setLibrary(openShared(f.folder));
            LabelEditor editor;
            editor.setSession(&session);
            editor.show();
            QSignalSpy loaded(&editor, &LabelEditor::loaded);
            editor.setClips({clip});
            QVERIFY(loaded.wait(5000));
            QCOMPARE(editor.shown().instruments.size(), 20);
            QCOMPARE(*editor.shown().score(clip, banjo), 0.05f);

            pressHotkey(editor, editor.instrumentList(), banjo);
            QTest::keyClick(editor.instrumentList(), Qt::Key_P);
            // Shown at once, before the catalog answers.
            QVERIFY(editor.instrumentList()->topLevelItem(1)->text(2).contains(
                    QStringLiteral("✓")));
            QVERIFY(waitSaved(editor));
            QCOMPARE(editor.findChild<QLabel *>(QStringLiteral("SaveState"))->text(),
                     QStringLiteral("Saved"));
            QCOMPARE(stateOf(f.folder, clip, banjo), LabelState::Present);
            QTRY_VERIFY(editor.undoAction()->isEnabled());
            // The history of the clip names the change.
            QTRY_COMPARE(editor.historyList()->topLevelItemCount(), 1);
            QVERIFY(editor.historyList()->topLevelItem(0)->text(3).contains(QStringLiteral("✓")));
            QVERIFY(editor.findChild<QLabel *>(QStringLiteral("ModelInfo"))
                            ->text()
                            .contains(QStringLiteral("1 label change")));

            QTest::keyClick(editor.instrumentList(), Qt::Key_A);
            QVERIFY(waitSaved(editor));
            QCOMPARE(stateOf(f.folder, clip, banjo), LabelState::Absent);
            editor.undoAction()->trigger();
            QVERIFY(waitSaved(editor));
            QCOMPARE(stateOf(f.folder, clip, banjo), LabelState::Present);
            QTRY_VERIFY(editor.instrumentList()->topLevelItem(1)->text(2).contains(
                    QStringLiteral("✓")));
            QTRY_VERIFY(editor.redoAction()->isEnabled());
        }
        // A restart: a new editor continues the same undo stack (the log is in the catalog).
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        QTRY_VERIFY(editor.undoAction()->isEnabled());
        editor.redoAction()->trigger();
        QVERIFY(waitSaved(editor));
        QCOMPARE(stateOf(f.folder, clip, banjo), LabelState::Absent);
        editor.undoAction()->trigger();
        QVERIFY(waitSaved(editor));
        editor.undoAction()->trigger();
        QVERIFY(waitSaved(editor));
        QCOMPARE(stateOf(f.folder, clip, banjo), LabelState::Unknown);
    }

    void acceptingConfidentSuggestionsIsOneStep()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 6, &error), qPrintable(error));
        const qint64 clip = f.planted.clipIds.at(2);
        const QStringList keys = f.planted.instrumentKeys;
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips({clip});
        QVERIFY(loaded.wait(5000));
        // A person's label is never overruled: the last instrument is set absent by hand.
        pressHotkey(editor, editor.instrumentList(), keys.at(3));
        QTest::keyClick(editor.instrumentList(), Qt::Key_A);
        QVERIFY(waitSaved(editor));
        QTRY_COMPARE(editor.shown().history.size(), 1);

        QTest::keyClick(editor.instrumentList(), Qt::Key_Y, Qt::ShiftModifier);
        QVERIFY(waitSaved(editor));
        auto lib = library::Library::open(f.folder);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(0)), LabelState::Present);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(1)), LabelState::Absent);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(2)), LabelState::Unknown); // 0.5
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(3)), LabelState::Absent); // the person's
        auto labels = (*lib)->labels().labelsOfClip(clip);
        for (const library::Label &l : *labels)
            QCOMPARE(l.source,
                     l.instrumentKey == keys.at(3) ? library::LabelSource::User
                                                   : library::LabelSource::AcceptedPrediction);
        auto history = (*lib)->labels().history(clip);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).batchId, history->at(1).batchId); // one batch

        editor.undoAction()->trigger(); // one step takes both back
        QVERIFY(waitSaved(editor));
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(0)), LabelState::Unknown);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(1)), LabelState::Unknown);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(3)), LabelState::Absent);

        // Y accepts the suggestion for the current instrument only.
        pressHotkey(editor, editor.instrumentList(), keys.at(1));
        QTest::keyClick(editor.instrumentList(), Qt::Key_Y);
        QVERIFY(waitSaved(editor));
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(1)), LabelState::Absent);
        QCOMPARE(*(*lib)->labels().state(clip, keys.at(0)), LabelState::Unknown);
    }

    void severalClipsOneKeyOneStep()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 6, &error), qPrintable(error));
        const QList<qint64> clips = f.planted.clipIds.mid(1, 3);
        const QString bass = f.planted.instrumentKeys.at(2);
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips(clips);
        QVERIFY(loaded.wait(5000));
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("ClipTitle"))
                        ->text()
                        .startsWith(QStringLiteral("3 clip")));
        pressHotkey(editor, editor.instrumentList(), bass);
        QTest::keyClick(editor.instrumentList(), Qt::Key_P);
        QVERIFY(waitSaved(editor));
        for (qint64 clip : clips)
            QCOMPARE(stateOf(f.folder, clip, bass), LabelState::Present);
        QCOMPARE(stateOf(f.folder, f.planted.clipIds.at(0), bass), LabelState::Unknown);
        editor.undoAction()->trigger();
        QVERIFY(waitSaved(editor));
        for (qint64 clip : clips)
            QCOMPARE(stateOf(f.folder, clip, bass), LabelState::Unknown);
    }

    void anotherLibrarysEditShowsWithinASecond()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 4, &error), qPrintable(error));
        const qint64 clip = f.planted.clipIds.at(0);
        const QString cello = f.planted.instrumentKeys.at(3);
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips({clip});
        QVERIFY(loaded.wait(5000));
        QTest::qWait(2 * library::LibrarySession::kDefaultPollMs); // the watcher's baseline
        // A second Library writes, as `timbre labels set` or a second workbench would.
        auto other = library::Library::open(f.folder, library::Library::OpenMode::ExistingOnly);
        QVERIFY((*other)->labelLog().setLabel(clip, cello, LabelState::Present,
                                              QStringLiteral("someone")));
        QElapsedTimer shown;
        shown.start();
        QTRY_VERIFY_WITH_TIMEOUT(editor.shown().states.value(3) == LabelState::Present, 1000);
        qInfo("another writer's edit shown after %lld ms", shown.elapsed());
        QCOMPARE(editor.shown().history.value(0).author, QStringLiteral("someone"));
        // And its undo step is the editor's next Undo.
        QTRY_VERIFY(editor.undoAction()->text().contains(cello));
    }

    // Two annotators: Ben changes the cello label while this editor shows the clip; the key
    // pressed here afterwards does not overwrite his value unseen but shows both, and the
    // person chooses. The session's watcher is slowed down so the editor cannot have reloaded
    // Ben's edit before the key (that race is what the version check is for). With
    // TIMBRE_SCREENSHOT_DIR set, the editor with the conflict is saved as label_conflict_en.png.
    void aConcurrentEditIsShownAsAConflict()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 4, &error), qPrintable(error));
        const qint64 clip = f.planted.clipIds.at(0);
        const QString cello = f.planted.instrumentKeys.at(3);
        library::LibrarySession session(nullptr, 600000);
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.resize(420, 720);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips({clip});
        QVERIFY(loaded.wait(5000));
        QVERIFY(editor.conflictBar()->isHidden());
        auto other = library::Library::open(f.folder, library::Library::OpenMode::ExistingOnly);
        QVERIFY((*other)->labelLog().setLabel(clip, cello, LabelState::Absent,
                                              QStringLiteral("ben")));

        pressHotkey(editor, editor.instrumentList(), cello);
        QTest::keyClick(editor.instrumentList(), Qt::Key_P);
        QTRY_VERIFY_WITH_TIMEOUT(!editor.conflictBar()->isHidden(), 5000);
        const QString text = editor.conflictText();
        QVERIFY2(text.contains(QStringLiteral("ben")) && text.contains(QStringLiteral("absent"))
                         && text.contains(QStringLiteral("present")),
                 qPrintable(text));
        QCOMPARE(editor.saveState(), LabelEditor::SaveState::NotSaved);
        QVERIFY(editor.saveText().contains(QStringLiteral("ben")));
        QCOMPARE(stateOf(f.folder, clip, cello), LabelState::Absent); // his value stands
        const QString dir = qEnvironmentVariable("TIMBRE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(editor.grab().save(
                    QDir(dir).filePath(QStringLiteral("label_conflict_en.png"))));

        // Keep mine: written over his, knowingly.
        QTest::mouseClick(editor.keepMineButton(), Qt::LeftButton);
        QVERIFY(waitSaved(editor));
        QVERIFY(editor.conflictBar()->isHidden());
        QCOMPARE(stateOf(f.folder, clip, cello), LabelState::Present);

        // Again, and this time his value is taken.
        QTRY_VERIFY(editor.shown().states.value(3) == LabelState::Present);
        QVERIFY((*other)->labelLog().setLabel(clip, cello, LabelState::Absent,
                                              QStringLiteral("ben")));
        QTest::keyClick(editor.instrumentList(), Qt::Key_U);
        QTRY_VERIFY_WITH_TIMEOUT(!editor.conflictBar()->isHidden(), 5000);
        QVERIFY(editor.conflictText().contains(QStringLiteral("unknown")));
        QTest::mouseClick(editor.takeTheirsButton(), Qt::LeftButton);
        QVERIFY(editor.conflictBar()->isHidden());
        QCOMPARE(stateOf(f.folder, clip, cello), LabelState::Absent);
        QTRY_VERIFY(editor.shown().states.value(3) == LabelState::Absent);

        // The same in German, for the screenshot (a new editor, as the workbench makes its
        // views after installing the translator on start).
        if (!dir.isEmpty()) {
            QVERIFY(gui::installTranslators(QStringLiteral("de")));
            {
                LabelEditor german;
                german.setSession(&session);
                german.resize(420, 720);
                german.show();
                QSignalSpy germanLoaded(&german, &LabelEditor::loaded);
                german.setClips({clip});
                QVERIFY(germanLoaded.wait(5000));
                QVERIFY((*other)->labelLog().setLabel(clip, cello, LabelState::Present,
                                                      QStringLiteral("ben")));
                pressHotkey(german, german.instrumentList(), cello);
                QTest::keyClick(german.instrumentList(), Qt::Key_A);
                QTRY_VERIFY_WITH_TIMEOUT(!german.conflictBar()->isHidden(), 5000);
                QVERIFY2(german.conflictText().contains(QStringLiteral("während")),
                         qPrintable(german.conflictText()));
                QVERIFY(german.grab().save(
                        QDir(dir).filePath(QStringLiteral("label_conflict_de.png"))));
            }
            QVERIFY(gui::installTranslators(QStringLiteral("en")));
        }
    }

    // A key on a selection of three clips while Ben changed one of them: his clip comes back
    // as a conflict, the other two are written (one undo step), none is overwritten unseen.
    void aBulkEditConflictsOnlyWhereSomeoneElseWrote()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 6, &error), qPrintable(error));
        const QList<qint64> clips = f.planted.clipIds.mid(1, 3);
        const QString bass = f.planted.instrumentKeys.at(2);
        library::LibrarySession session(nullptr, 600000);
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips(clips);
        QVERIFY(loaded.wait(5000));
        auto other = library::Library::open(f.folder, library::Library::OpenMode::ExistingOnly);
        QVERIFY((*other)->labelLog().setLabel(clips.at(1), bass, LabelState::Absent,
                                              QStringLiteral("ben")));

        pressHotkey(editor, editor.instrumentList(), bass);
        QTest::keyClick(editor.instrumentList(), Qt::Key_P);
        QTRY_VERIFY_WITH_TIMEOUT(!editor.conflictBar()->isHidden(), 5000);
        QVERIFY2(editor.conflictText().contains(QStringLiteral("ben")),
                 qPrintable(editor.conflictText()));
        QCOMPARE(stateOf(f.folder, clips.at(0), bass), LabelState::Present);
        QCOMPARE(stateOf(f.folder, clips.at(1), bass), LabelState::Absent); // his stands
        QCOMPARE(stateOf(f.folder, clips.at(2), bass), LabelState::Present);
        QTest::mouseClick(editor.keepMineButton(), Qt::LeftButton);
        QVERIFY(waitSaved(editor));
        QVERIFY(editor.conflictBar()->isHidden());
        QCOMPARE(stateOf(f.folder, clips.at(1), bass), LabelState::Present);
    }

    void readOnlyOrVanishedFolderIsNotSaved()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 4, &error), qPrintable(error));
        const qint64 clip = f.planted.clipIds.at(0);
        const QString accordion = f.planted.instrumentKeys.at(0);
        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        if (session.library()->catalogOnServer())
            QSKIP("a catalog on a server has no file or folder to make read-only");
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips({clip});
        QVERIFY(loaded.wait(5000));
        pressHotkey(editor, editor.instrumentList(), accordion);

        const QFileDevice::Permissions was = QFile::permissions(f.folder);
        QVERIFY(QFile::setPermissions(f.folder,
                                      QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
        QTest::keyClick(editor.instrumentList(), Qt::Key_P);
        QTRY_COMPARE(editor.saveState(), LabelEditor::SaveState::NotSaved);
        QVERIFY2(editor.saveText().startsWith(QStringLiteral("Not saved: ")),
                 qPrintable(editor.saveText()));
        QVERIFY2(editor.saveText().contains(QStringLiteral("read-only")),
                 qPrintable(editor.saveText()));
        // The label shown goes back to what the catalog holds.
        QTRY_COMPARE(editor.shown().states.value(0), LabelState::Unknown);
        QVERIFY(QFile::setPermissions(f.folder, was));
        QCOMPARE(stateOf(f.folder, clip, accordion), LabelState::Unknown);

        // Writable again: the next key saves.
        QTest::keyClick(editor.instrumentList(), Qt::Key_P);
        QVERIFY(waitSaved(editor));
        QCOMPARE(stateOf(f.folder, clip, accordion), LabelState::Present);

        // The folder vanishes (moved away) while open.
        const QString moved = f.dir.filePath(QStringLiteral("moved"));
        QVERIFY(QDir().rename(f.folder, moved));
        QTest::keyClick(editor.instrumentList(), Qt::Key_A);
        QTRY_COMPARE(editor.saveState(), LabelEditor::SaveState::NotSaved);
        QVERIFY2(editor.saveText().contains(QStringLiteral("is gone")),
                 qPrintable(editor.saveText()));
        QVERIFY(QDir().rename(moved, f.folder));
        QCOMPARE(stateOf(f.folder, clip, accordion), LabelState::Present);
    }

    void editsReportedSavedSurviveSigkill()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 8, &error), qPrintable(error));
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        QVERIFY(testing::startSelf(
                child,
                {{QStringLiteral("TIMBRE_EDITOR_CHILD_SAVING"), f.folder},
                 {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")}}));
        QByteArray seen;
        // Killed in the middle: after some edits were reported saved, not after all of them.
        QElapsedTimer t;
        t.start();
        while (seen.count("saved ") < 12 && t.elapsed() < 60000
               && child.state() == QProcess::Running) {
            child.waitForReadyRead(50);
            seen += child.readAllStandardOutput();
        }
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(5000));
        seen += child.readAllStandardOutput();
        QVERIFY2(!seen.contains("all done"), seen.constData());
        const QList<QByteArray> lines = seen.split('\n');
        int checked = 0;
        auto lib = library::Library::open(f.folder, library::Library::OpenMode::ExistingOnly);
        QVERIFY(lib);
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 4 || parts.at(0) != "saved")
                continue;
            const auto want = library::labelStateFromName(QString::fromLatin1(parts.at(3)));
            auto got = (*lib)->labels().state(parts.at(1).toLongLong(),
                                              QString::fromLatin1(parts.at(2)));
            QVERIFY(got && want);
            QVERIFY2(*got == *want, line.constData());
            ++checked;
        }
        QVERIFY2(checked >= 12, seen.constData());
        qInfo("%d edits reported saved, all in the catalog after SIGKILL", checked);
    }

    void anotherWriterLosesNothing()
    {
        Fixture f;
        QString error;
        QVERIFY2(makeLibrary(f, 6, &error), qPrintable(error));
        QProcess child;
        QVERIFY(testing::startSelf(child,
                                   {{QStringLiteral("TIMBRE_EDITOR_CHILD_WRITING"), f.folder},
                                    {QStringLiteral("TIMBRE_EDITOR_CHILD_CLIP"),
                                     QString::number(f.planted.clipIds.last())}}));
        QByteArray seen;
        QVERIFY2(testing::waitForLine(child, "writing\n", 20000, &seen), seen.constData());

        library::LibrarySession session;
        session.setLibrary(openShared(f.folder));
        LabelEditor editor;
        editor.setSession(&session);
        editor.show();
        QSignalSpy states(&editor, &LabelEditor::saveStateChanged);
        const QStringList keys = f.planted.instrumentKeys;
        QList<QPair<qint64, QString>> written;
        for (int c = 0; c < 4; ++c) {
            QSignalSpy loaded(&editor, &LabelEditor::loaded);
            editor.setClips({f.planted.clipIds.at(c)});
            QVERIFY(loaded.wait(5000));
            for (const QString &key : keys) {
                pressHotkey(editor, editor.instrumentList(), key);
                QTest::keyClick(editor.instrumentList(), Qt::Key_P);
                written.append({f.planted.clipIds.at(c), key});
            }
            QVERIFY2(waitSaved(editor, 30000), qPrintable(editor.saveText()));
        }
        QVERIFY2(child.state() == QProcess::Running, child.readAllStandardOutput().constData());
        child.kill();
        child.waitForFinished(5000);
        for (const QList<QVariant> &s : states)
            QVERIFY(s.at(0).value<LabelEditor::SaveState>() != LabelEditor::SaveState::NotSaved);
        for (const auto &[clip, key] : written)
            QCOMPARE(stateOf(f.folder, clip, key), LabelState::Present);
        // The other process's edits show in the editor too.
        QSignalSpy loaded(&editor, &LabelEditor::loaded);
        editor.setClips({f.planted.clipIds.last()});
        QVERIFY(loaded.wait(5000));
        QVERIFY(!editor.shown().history.isEmpty());
        QCOMPARE(editor.shown().history.first().author, QStringLiteral("other"));
    }
};

QTEST_MAIN(LabelEditorTest)
#include "LabelEditor_test.moc"
