// SPDX-License-Identifier: GPL-3.0-or-later
// The library browser on a real catalog and on generated tables: facets (folder, artist,
// album, genre) narrow the table, and-ed with each other and with the filter line; the
// scan-problems tab lists a planted unreadable track with its error; double-click opens a
// track (trackActivated with its id); multi-select; sort by uncertainty; stale scores marked;
// a restriction to given tracks with its caption and clear button; and a generated
// 100 000-track table scrolls with each repaint measured.
#include "core/library/Library.h"
#include "core/library/TrackStore.h"
#include "core/library/TrackTableModel.h"
#include "widgets/library/BrowserSnapshot.h"
#include "widgets/library/FacetPanel.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/library/ScanProblemsView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

using namespace timbre;
using library::TrackTableModel;

namespace {

library::TrackRecord track(const QString &path, const QString &artist, const QString &album,
                           const QString &genre)
{
    library::TrackRecord r;
    r.path = path;
    r.size = 1000;
    r.mtimeMs = 1;
    r.contentHash = path.toUtf8();
    r.durationS = 30;
    r.title = QFileInfo(path).completeBaseName();
    r.artist = artist;
    r.album = album;
    r.genre = genre;
    return r;
}

QSet<qint64> visibleTracks(const TrackTableModel &m)
{
    QSet<qint64> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids.insert(m.trackIdAt(r));
    return ids;
}

// A generated table: `rows` tracks in 50 folders, 3 instruments with scores.
library::TrackTable generatedTable(int rows)
{
    library::TrackTable t;
    t.setInstruments(
            {QStringLiteral("violin"), QStringLiteral("piano"), QStringLiteral("drums")},
            {QStringLiteral("Violin"), QStringLiteral("Piano"), QStringLiteral("Drums")},
            {QStringLiteral("#e53935"), QStringLiteral("#1e88e5"), QStringLiteral("#43a047")});
    t.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        library::TrackTable::Row r;
        r.trackId = i + 1;
        r.clipId = i + 1;
        r.path = QStringLiteral("/music/folder%1/track%2.flac").arg(i % 50).arg(i);
        r.title = QStringLiteral("Track %1").arg(i);
        r.artist = QStringLiteral("Artist %1").arg(i % 300);
        r.album = QStringLiteral("Album %1").arg(i % 1000);
        r.genre = QStringLiteral("Genre %1").arg(i % 12);
        r.durationS = float(60 + i % 240);
        const int row = t.addRow(r);
        for (int k = 0; k < 3; ++k)
            t.setScore(row, k, float(std::fmod(0.6180339 * (i + 1) * (k + 1), 1.0)));
        t.setLabel(row, 0,
                   i % 3 == 0 ? library::LabelState::Present : library::LabelState::Unknown);
    }
    return t;
}

} // namespace

class LibraryBrowserTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void facetsAndScanProblemsOnACatalog()
    {
        QTemporaryDir dir;
        auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib, qPrintable(lib ? QString() : lib.error().message));
        QList<library::TrackRecord> records {
                track(QStringLiteral("/a/jazz/one.flac"), QStringLiteral("Miles"),
                      QStringLiteral("Blue"), QStringLiteral("Jazz")),
                track(QStringLiteral("/a/jazz/two.flac"), QStringLiteral("Miles"),
                      QStringLiteral("Kind"), QStringLiteral("Jazz")),
                track(QStringLiteral("/a/jazz/three.flac"), QStringLiteral("Bill"),
                      QStringLiteral("Blue"), QStringLiteral("Jazz")),
                track(QStringLiteral("/b/classic/four.flac"), QStringLiteral("Bach"),
                      QStringLiteral("Suites"), QStringLiteral("Classical")),
                track(QStringLiteral("/b/classic/five.flac"), QStringLiteral("Miles"), QString(),
                      QStringLiteral("Classical")),
        };
        library::TrackRecord broken
                = track(QStringLiteral("/b/classic/broken.mp3"), QString(), QString(), QString());
        broken.scanState = library::ScanState::Error;
        broken.errorText
                = QStringLiteral("/b/classic/broken.mp3: Invalid data found when processing input");
        records << broken;
        auto ids = (*lib)->tracks().upsertBatch(records);
        QVERIFY(ids);

        widgets::LibraryBrowser browser;
        browser.resize(1200, 700);
        browser.show();
        QSignalSpy loaded(&browser, &widgets::LibraryBrowser::loaded);
        browser.setLibrary(std::shared_ptr<library::Library>(lib.take()));
        QVERIFY(loaded.wait(10000));
        TrackTableModel *model = browser.model();
        QCOMPARE(model->totalRowCount(), 6);
        QCOMPARE(model->rowCount(), 6);

        // Facet lists: every value with its count; the empty album is "(none)", last.
        QListWidget *artists = browser.facets()->list(widgets::FacetKind::Artist);
        QStringList shown;
        for (int i = 0; i < artists->count(); ++i)
            shown << artists->item(i)->text();
        QCOMPARE(shown,
                 (QStringList {QStringLiteral("Bach (1)"), QStringLiteral("Bill (1)"),
                               QStringLiteral("Miles (3)"), QStringLiteral("(none) (1)")}));
        QListWidget *albums = browser.facets()->list(widgets::FacetKind::Album);
        QCOMPARE(albums->item(albums->count() - 1)->text(), QStringLiteral("(none) (2)"));
        QCOMPARE(browser.facets()->list(widgets::FacetKind::Folder)->count(), 2);

        // One artist: its three tracks.
        browser.facets()->select(widgets::FacetKind::Artist, {QStringLiteral("Miles")});
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(0), ids->at(1), ids->at(4)}));
        // And a genre: the intersection.
        browser.facets()->select(widgets::FacetKind::Genre, {QStringLiteral("Jazz")});
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(0), ids->at(1)}));
        // And the filter line on top.
        browser.filterLine()->setText(QStringLiteral("title:two"));
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(1)}));
        browser.filterLine()->clear();
        // Two albums (or-ed within a list) in one folder.
        browser.facets()->clearSelection();
        QCOMPARE(model->rowCount(), 6);
        browser.facets()->select(widgets::FacetKind::Album,
                                 {QStringLiteral("Blue"), QStringLiteral("Suites")});
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(0), ids->at(2), ids->at(3)}));
        browser.facets()->select(widgets::FacetKind::Folder, {QStringLiteral("/b/classic")});
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(3)}));
        // Selecting in the list widget itself (as a click does) filters too.
        browser.facets()->clearSelection();
        artists->item(0)->setSelected(true); // Bach
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {ids->at(3)}));
        browser.facets()->clearSelection();

        // Scan problems: the broken file with its error, and the tab says how many.
        QCOMPARE(browser.scanProblems()->count(), 1);
        const QTreeWidgetItem *problem = browser.scanProblems()->list()->topLevelItem(0);
        QCOMPARE(problem->text(widgets::ScanProblemsView::FileColumn),
                 QStringLiteral("broken.mp3"));
        QVERIFY(problem->text(widgets::ScanProblemsView::ErrorColumn)
                        .contains(QLatin1String("Invalid data")));
        QCOMPARE(browser.tabs()->tabText(1), QStringLiteral("Scan Problems (1)"));

        // Double-click on a row asks for that track; multi-select gives every selected id.
        QSignalSpy activated(&browser, &widgets::LibraryBrowser::trackActivated);
        QTableView *view = browser.view();
        const QRect cell = view->visualRect(model->index(2, TrackTableModel::TitleColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(!activated.isEmpty());
        QCOMPARE(activated.last().at(0).toLongLong(), model->trackIdAt(2));
        const QRect other = view->visualRect(model->index(4, TrackTableModel::TitleColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, other.center());
        QCOMPARE(browser.selectedTrackIds(),
                 (QList<qint64> {model->trackIdAt(2), model->trackIdAt(4)}));
        QVERIFY(browser.selectTrack(ids->at(3)));
        QCOMPARE(browser.selectedTrackIds(), QList<qint64> {ids->at(3)});
    }

    void uncertaintyStaleAndInstrumentColumns()
    {
        widgets::LibraryBrowser browser;
        browser.resize(1000, 600);
        browser.show();
        widgets::BrowserSnapshot snapshot;
        snapshot.table = generatedTable(500);
        snapshot.facets = widgets::LibraryFacets::count(snapshot.table);
        snapshot.shown.modelId = 1;
        snapshot.shown.activeModelId = 2;
        snapshot.shown.stale = true;
        snapshot.shownModelName = QStringLiteral("mt-1");
        snapshot.activeModelName = QStringLiteral("mt-2");
        browser.setSnapshot(std::move(snapshot));
        TrackTableModel *model = browser.model();
        QCOMPARE(model->instrumentColumns(),
                 (QStringList {QStringLiteral("violin"), QStringLiteral("piano"),
                               QStringLiteral("drums")}));
        QVERIFY(browser.scoresAreStale());

        // Most uncertain first: |score - 0.5| never decreases down the table.
        browser.sortByUncertainty(QStringLiteral("piano"));
        const int column = model->columnOfInstrument(QStringLiteral("piano"));
        double previous = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            const double d = std::fabs(
                    model->index(r, column).data(TrackTableModel::ScoreRole).toDouble() - 0.5);
            QVERIFY(d >= previous);
            previous = d;
        }
        // Sorting by the score column (the header) is by score, descending here.
        browser.view()->sortByColumn(column, Qt::DescendingOrder);
        for (int r = 1; r < model->rowCount(); ++r) {
            QVERIFY(model->index(r - 1, column).data(TrackTableModel::ScoreRole).toFloat()
                    >= model->index(r, column).data(TrackTableModel::ScoreRole).toFloat());
        }

        // Choosing the instruments shown is remembered.
        browser.setInstrumentColumns({QStringLiteral("drums")});
        QCOMPARE(model->columnCount(), TrackTableModel::FixedColumnCount + 1);
        QCOMPARE(QSettings().value(QStringLiteral("browser/instruments")).toStringList(),
                 QStringList {QStringLiteral("drums")});
        browser.setInstrumentColumns({});
    }

    // A restriction to given tracks (the comparison view's errors of a version): exactly
    // those tracks, with the caption above them; the facets and the filter line narrow them
    // further; a reload keeps the restriction; the caption's button (and showFiltered) lift it.
    void restrictionToGivenTracks()
    {
        widgets::LibraryBrowser browser;
        browser.resize(1000, 600);
        browser.show();
        widgets::BrowserSnapshot snapshot;
        snapshot.table = generatedTable(500);
        snapshot.facets = widgets::LibraryFacets::count(snapshot.table);
        browser.setSnapshot(std::move(snapshot));
        TrackTableModel *model = browser.model();
        QCOMPARE(model->rowCount(), 500);
        // Something narrowed the table before: it would hide listed tracks, so it goes.
        browser.facets()->select(widgets::FacetKind::Genre, {QStringLiteral("Genre 1")});
        browser.filterLine()->setText(QStringLiteral("title:Track 4"));
        QVERIFY(model->rowCount() < 500);

        QSignalSpy changed(&browser, &widgets::LibraryBrowser::trackRestrictionChanged);
        const QSet<qint64> listed {3, 10, 42, 77, 120, 499};
        const QString caption = QStringLiteral("Errors of v2 on Violin (test clips): 6 tracks");
        browser.showOnlyTracks(caption, QList<qint64>(listed.cbegin(), listed.cend()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toBool(), true);
        QVERIFY(browser.isTrackRestricted());
        QCOMPARE(visibleTracks(*model), listed);
        QCOMPARE(browser.filterLine()->text(), QString());
        QVERIFY(browser.facets()->selection()[size_t(widgets::FacetKind::Genre)].isEmpty());
        QCOMPARE(browser.trackRestrictionCaption(), caption);
        QVERIFY(browser.clearRestrictionButton()->isVisible());
        QCOMPARE(browser.tabs()->currentIndex(), 0);

        // The filter line narrows the restricted list (every third track is labelled violin).
        browser.filterLine()->setText(QStringLiteral("violin = present"));
        QSet<qint64> present;
        for (qint64 id : listed)
            if ((id - 1) % 3 == 0)
                present.insert(id);
        QCOMPARE(visibleTracks(*model), present);
        browser.filterLine()->clear();
        // And a facet: genre of track id i is (i - 1) % 12.
        browser.facets()->select(widgets::FacetKind::Genre, {QStringLiteral("Genre 9")});
        QCOMPARE(visibleTracks(*model), (QSet<qint64> {10}));
        browser.facets()->clearSelection();
        QCOMPARE(visibleTracks(*model), listed);

        // A reload (a job finished) keeps the restriction.
        widgets::BrowserSnapshot again;
        again.table = generatedTable(500);
        again.facets = widgets::LibraryFacets::count(again.table);
        browser.setSnapshot(std::move(again));
        QCOMPARE(visibleTracks(*model), listed);
        QVERIFY(browser.isTrackRestricted());

        // The caption's button lifts it.
        QTest::mouseClick(browser.clearRestrictionButton(), Qt::LeftButton);
        QVERIFY(!browser.isTrackRestricted());
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).toBool(), false);
        QCOMPARE(model->rowCount(), 500);
        QVERIFY(!browser.clearRestrictionButton()->isVisible());
        QCOMPARE(browser.trackRestrictionCaption(), QString());

        // An overview click (showFiltered) replaces a restriction too.
        browser.showOnlyTracks(caption, QList<qint64>(listed.cbegin(), listed.cend()));
        browser.showFiltered(QStringLiteral("violin = present"));
        QVERIFY(!browser.isTrackRestricted());
        QCOMPARE(model->rowCount(), 167);
    }

    // Not a lazy model: the whole table is in memory and the view asks only for visible rows.
    // This measures what a user would feel scrolling 100 000 tracks (offscreen raster).
    void hundredThousandTracksScroll()
    {
        widgets::LibraryBrowser browser;
        browser.resize(1300, 800);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        widgets::BrowserSnapshot snapshot;
        snapshot.table = generatedTable(100000);
        snapshot.facets = widgets::LibraryFacets::count(snapshot.table);
        QElapsedTimer timer;
        timer.start();
        browser.setSnapshot(std::move(snapshot));
        const qint64 setMs = timer.elapsed();
        QCOMPARE(browser.model()->rowCount(), 100000);

        QTableView *view = browser.view();
        QScrollBar *bar = view->verticalScrollBar();
        qint64 worst = 0;
        qint64 total = 0;
        constexpr int kSteps = 60;
        for (int i = 0; i < kSteps; ++i) {
            // Page steps, then jumps across the whole range (a dragged scroll bar).
            const int value = i < kSteps / 2
                    ? i * bar->pageStep()
                    : int(qint64(bar->maximum()) * (i - kSteps / 2) / (kSteps / 2));
            timer.restart();
            bar->setValue(value);
            view->viewport()->repaint();
            const qint64 ms = timer.elapsed();
            worst = std::max(worst, ms);
            total += ms;
        }
        timer.restart();
        browser.facets()->select(widgets::FacetKind::Genre, {QStringLiteral("Genre 3")});
        const qint64 facetMs = timer.elapsed();
        QCOMPARE(browser.model()->rowCount(), 100000 / 12 + (100000 % 12 > 3 ? 1 : 0));
        timer.restart();
        browser.sortByUncertainty(QStringLiteral("violin"));
        const qint64 sortMs = timer.elapsed();
        qInfo("100000 tracks: setSnapshot %lld ms, scroll repaint mean %.1f ms, worst %lld ms, "
              "genre facet %lld ms, uncertainty sort %lld ms",
              setMs, double(total) / kSteps, worst, facetMs, sortMs);
        // Generous bound for a loaded test machine; the figure goes to docs/BENCHMARKS.md.
        QVERIFY2(worst < 250, qPrintable(QString::number(worst)));
    }
};

QTEST_MAIN(LibraryBrowserTest)
#include "LibraryBrowser_test.moc"
