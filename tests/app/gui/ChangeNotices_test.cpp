// SPDX-License-Identifier: GPL-3.0-or-later
// The window's one LibrarySession says what changed, whoever changed it
// (docs/ARCHITECTURE.md §3.6): another version activated from outside (as
// `timbre models --activate` does) redraws the open track's lanes with that version's attention
// and renames the browser's model; a multi-selection in the browser and one key label every
// selected clip as one undo step, updating the browser's cells; another process's label edit
// reaches the browser's cell within a second.
#include "app/gui/MainWindow.h"
#include "core/inference/TrackAttention.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackTableModel.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"
#include "widgets/labels/LabelEditor.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/settings/WorkbenchSettings.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/TrackView.h"

#include <QAction>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using library::LabelState;

namespace {

LabelState cellState(widgets::LibraryBrowser *browser, qint64 trackId, const QString &key)
{
    library::TrackTableModel *m = browser->model();
    const int row = m->viewRowOfTrack(trackId);
    const int column = m->columnOfInstrument(key);
    if (row < 0 || column < 0)
        return LabelState(-2);
    return LabelState(m->index(row, column).data(library::TrackTableModel::LabelStateRole).toInt());
}

QAction *editAction(gui::MainWindow &window, int index)
{
    for (QAction *top : window.menuBar()->actions())
        if (top->menu() && top->menu()->actions().contains(window.labelEditor()->undoAction()))
            return top->menu()->actions().value(index);
    return nullptr;
}

} // namespace

class ChangeNoticesTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        widgets::WorkbenchSettings settings;
        settings.threads = 1;
        settings.save();
    }

    void lanesFollowTheActiveModel()
    {
        const QString folder = m_dir.filePath(QStringLiteral("lanes"));
        qint64 trackId = 0;
        inference::TrackAttentionResult first, second;
        qint64 secondId = 0;
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            testing::PlantedLibraryOptions o;
            o.tracks = 40;
            const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
            QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
            testing::TrainedLibraryModelOptions a;
            a.name = QStringLiteral("first");
            a.epochs = 20;
            const testing::TrainedLibraryModel one = testing::trainLibraryModel(**lib, a);
            QVERIFY2(one.error.isEmpty(), qPrintable(one.error));
            testing::TrainedLibraryModelOptions b = a;
            b.name = QStringLiteral("second");
            b.seed = 7;
            b.epochs = 5;
            b.activate = false;
            const testing::TrainedLibraryModel two = testing::trainLibraryModel(**lib, b);
            QVERIFY2(two.error.isEmpty(), qPrintable(two.error));
            secondId = two.id;
            trackId = planted.trackIds.at(3);
            inference::TrackAttention attention(**lib);
            first = attention.compute(trackId, one.id);
            second = attention.compute(trackId, two.id);
            QVERIFY(first.ok() && second.ok());
            QVERIFY(first.attention != second.attention);
        }
        gui::MainWindow window;
        window.show();
        QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
        QVERIFY(window.openLibrary(folder));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.browser()->activeModelName(), QStringLiteral("first"));
        QSignalSpy ready(window.trackView(), &widgets::TrackView::lanesReady);
        Q_EMIT window.browser()->trackActivated(trackId); // planted audio is absent: lanes only
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QCOMPARE(window.trackView()->lanes()->result().attention, first.attention);

        // Another process activates the other version: the open track follows.
        {
            auto other = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
            QVERIFY(!(*other)->models().activate(secondId).isError());
        }
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 20000);
        QCOMPARE(window.trackView()->lanes()->result().attention, second.attention);
        QCOMPARE(window.trackView()->lanes()->result().modelId, secondId);
        QTRY_COMPARE_WITH_TIMEOUT(window.browser()->activeModelName(), QStringLiteral("second"),
                                  5000);
    }

    void multiSelectionAndOneKeyIsOneStep()
    {
        const QString folder = m_dir.filePath(QStringLiteral("multi"));
        testing::PlantedLibrary planted;
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            testing::PlantedLibraryOptions o;
            o.tracks = 8;
            o.instancesPerTrack = 4;
            o.labelledFraction = 0.0;
            planted = testing::makePlantedLibrary(**lib, o);
            QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        }
        gui::MainWindow window;
        window.show();
        QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
        QVERIFY(window.openLibrary(folder));
        QVERIFY(loaded.wait(10000));
        widgets::LibraryBrowser *browser = window.browser();
        widgets::LabelEditor *editor = window.labelEditor();
        const QString key = planted.instrumentKeys.at(0);
        browser->setInstrumentColumns({key});

        // Rows 2..4 selected in the browser: the editor edits their three clips.
        library::TrackTableModel *m = browser->model();
        QList<qint64> tracks;
        QItemSelection rows;
        for (int r = 2; r <= 4; ++r) {
            rows.select(m->index(r, 0), m->index(r, m->columnCount() - 1));
            tracks << m->trackIdAt(r);
        }
        QSignalSpy editorLoaded(editor, &widgets::LabelEditor::loaded);
        browser->view()->selectionModel()->select(rows, QItemSelectionModel::ClearAndSelect);
        QVERIFY(editorLoaded.wait(5000));
        QCOMPARE(editor->clipIds().size(), 3);

        // One key in the browser's table picks the instrument, one sets it on all three.
        browser->view()->setFocus();
        QTest::keyClick(browser->view(), editor->hotkey(key).toLatin1());
        QTest::keyClick(browser->view(), Qt::Key_P);
        QTRY_COMPARE_WITH_TIMEOUT(editor->saveState(), widgets::LabelEditor::SaveState::Saved,
                                  5000);
        for (qint64 t : tracks)
            QTRY_COMPARE_WITH_TIMEOUT(cellState(browser, t, key), LabelState::Present, 2000);
        {
            auto lib = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
            auto history = (*lib)->labels().history();
            QCOMPARE(history->size(), 3);
            QCOMPARE(history->at(0).batchId, history->at(2).batchId);
        }
        // Edit > Undo takes the three back in one step.
        QAction *undo = editAction(window, 0);
        QVERIFY(undo);
        QTRY_VERIFY(undo->isEnabled());
        undo->trigger();
        for (qint64 t : tracks)
            QTRY_COMPARE_WITH_TIMEOUT(cellState(browser, t, key), LabelState::Unknown, 5000);

        // Another process's edit reaches the browser's cell within a second.
        const qint64 track = m->trackIdAt(6);
        QCOMPARE(cellState(browser, track, key), LabelState::Unknown);
        auto other = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
        QVERIFY((*other)->labelLog().setLabel(planted.clipIds.at(planted.trackIds.indexOf(track)),
                                              key, LabelState::Absent, QStringLiteral("cli")));
        QElapsedTimer shown;
        shown.start();
        QTRY_COMPARE_WITH_TIMEOUT(cellState(browser, track, key), LabelState::Absent, 1000);
        qInfo("another process's edit in the browser after %lld ms", shown.elapsed());
    }
};

QTEST_MAIN(ChangeNoticesTest)
#include "ChangeNotices_test.moc"
