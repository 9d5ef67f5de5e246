// SPDX-License-Identifier: GPL-3.0-or-later
// The instrumentation overview beside a library browser on a generated library
// (tests/support/OverviewLibrary.h), wired as the main window wires them: a mouse click on a
// bar of the counts chart, on a co-occurrence cell, on a genre share and on an album cell
// leaves the browser listing exactly the clips the overview counted (a facet selected before
// is cleared); each bar kind through the same slot a click calls; a label change shows after
// reload(); and reload() while hidden waits until the overview is shown.
#include "app/gui/Translations.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackTableModel.h"
#include "support/OverviewLibrary.h"
#include "widgets/library/FacetPanel.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/overview/InstrumentationOverview.h"

#include <QChartView>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using widgets::InstrumentCountsChart;
using widgets::InstrumentationOverview;
using Count = InstrumentCountsChart::Count;
using overview::CountBy;

class InstrumentationOverviewTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    std::shared_ptr<library::Library> m_lib;
    testing::OverviewLibrary m_made;
    std::unique_ptr<widgets::LibraryBrowser> m_browser;
    std::unique_ptr<InstrumentationOverview> m_overview;

    int browserRows() const { return m_browser->model()->rowCount(); }
    QString browserFilter() const { return m_browser->filterLine()->text(); }

    // Clicks the middle of a table cell as a user would.
    void clickCell(QTableView *view, const QModelIndex &index)
    {
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(index).center());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY(lib);
        m_lib = std::shared_ptr<library::Library>(lib.take());
        m_made = testing::makeOverviewLibrary(*m_lib);
        QVERIFY2(m_made.error.isEmpty(), qPrintable(m_made.error));

        m_browser = std::make_unique<widgets::LibraryBrowser>();
        m_browser->resize(900, 600);
        m_browser->show();
        m_overview = std::make_unique<InstrumentationOverview>();
        m_overview->resize(1000, 700);
        m_overview->show();
        connect(m_overview.get(), &InstrumentationOverview::filterRequested, m_browser.get(),
                &widgets::LibraryBrowser::showFiltered);
        QSignalSpy browserLoaded(m_browser.get(), &widgets::LibraryBrowser::loaded);
        QSignalSpy overviewLoaded(m_overview.get(), &InstrumentationOverview::loaded);
        m_browser->setLibrary(m_lib);
        m_overview->setLibrary(m_lib);
        QVERIFY(browserLoaded.wait(10000));
        // setLibrary shows an empty snapshot at once, then the counted one.
        QTRY_VERIFY_WITH_TIMEOUT(m_overview->snapshot().stats.clips == 40, 10000);
        QCOMPARE(m_browser->model()->totalRowCount(), 40);
        QCOMPARE(m_overview->snapshot().modelName, QStringLiteral("overview-model"));
        QVERIFY(!m_overview->snapshot().shown.stale);
    }

    void clickingABarFiltersTheBrowser()
    {
        const auto &s = m_overview->snapshot().stats;
        m_overview->tabs()->setCurrentIndex(0);
        QVERIFY(QTest::qWaitForWindowExposed(m_overview.get()));
        InstrumentCountsChart *chart = m_overview->counts();
        const QPoint bar = chart->barCentre(0, Count::Present);
        QVERIFY(!bar.isNull());
        QTest::mouseClick(chart->labelsView()->viewport(), Qt::LeftButton, {}, bar);
        QCOMPARE(browserFilter(), m_made.keys[0] + QStringLiteral(" = present"));
        QCOMPARE(browserRows(), s.present[0]);
        QCOMPARE(browserRows(), 16);

        const QPoint scored = chart->barCentre(1, Count::Scored);
        QVERIFY(!scored.isNull());
        QTest::mouseClick(chart->scoresView()->viewport(), Qt::LeftButton, {}, scored);
        QCOMPARE(browserFilter(), m_made.keys[1] + QStringLiteral(" >= 0.5"));
        QCOMPARE(browserRows(), s.predicted[1]);
    }

    void everyBarKindThroughItsSlot()
    {
        const auto &s = m_overview->snapshot().stats;
        for (int k = 0; k < m_made.keys.size() + 1; ++k) {
            m_overview->activateCount(k, Count::Present);
            QCOMPARE(browserRows(), s.present[size_t(k)]);
            m_overview->activateCount(k, Count::Absent);
            QCOMPARE(browserRows(), s.absent[size_t(k)]);
            m_overview->activateCount(k, Count::Unknown);
            QCOMPARE(browserRows(), s.unknown(k));
            m_overview->activateCount(k, Count::Scored);
            QCOMPARE(browserRows(), s.predicted[size_t(k)]);
        }
    }

    void clickingAHeatMapCellFiltersTheBrowser()
    {
        const auto &s = m_overview->snapshot().stats;
        m_overview->tabs()->setCurrentIndex(1);
        QTableView *view = m_overview->coOccurrenceView();
        for (CountBy by : {CountBy::Labels, CountBy::Predictions}) {
            m_overview->setCountBy(by);
            // Only instruments some clip has are rows: the four generated ones.
            QCOMPARE(view->model()->rowCount(), m_made.keys.size());
            const QModelIndex cell = view->model()->index(0, 2);
            clickCell(view, cell);
            QCOMPARE(browserRows(), s.pairs(0, 2, by));
            QCOMPARE(browserRows(), view->model()->data(cell).toInt());
            QVERIFY(browserRows() > 0);
        }
    }

    void clickingAGroupShareFiltersTheBrowser()
    {
        const auto &s = m_overview->snapshot().stats;
        m_overview->tabs()->setCurrentIndex(2);
        m_overview->setCountBy(CountBy::Labels);
        m_overview->setGroupField(overview::GroupField::Genre);
        // A facet selected in the browser is cleared: the list is exactly the cell's clips.
        m_browser->facets()->select(widgets::FacetKind::Genre, {QStringLiteral("Jazz")});
        QTableView *view = m_overview->groupView();
        const int rock = int(s.genres.names.indexOf(QStringLiteral("Rock")));
        QVERIFY(rock >= 0);
        clickCell(view, view->model()->index(rock, 2)); // the first instrument's share
        QCOMPARE(browserFilter(), QStringLiteral("genre = \"Rock\" and %1 = present")
                                          .arg(m_made.keys[0]));
        QCOMPARE(browserRows(), s.genres.count(rock, 0, CountBy::Labels));
        clickCell(view, view->model()->index(rock, 1)); // the clip count: the whole genre
        QCOMPARE(browserRows(), 10);
    }

    void clickingAnAlbumCellListsTheTrack()
    {
        m_overview->tabs()->setCurrentIndex(3);
        QSignalSpy albumLoaded(m_overview.get(), &InstrumentationOverview::albumLoaded);
        m_overview->showAlbum(QStringLiteral("Album 1"));
        QVERIFY(albumLoaded.wait(10000));
        QTableView *view = m_overview->albumView();
        QCOMPARE(view->model()->rowCount(), 12);
        clickCell(view, view->model()->index(3, 0));
        QCOMPARE(browserRows(), 1);
        QVERIFY(browserFilter().startsWith(QLatin1String("path = \"/music/Album 1/")));
    }

    void reloadShowsANewLabelAndWaitsWhileHidden()
    {
        const int before = m_overview->snapshot().stats.present[5];
        QCOMPARE(before, 0); // the sixth instrument has no labels
        QVERIFY(m_lib->labels()
                        .set(m_made.clipIds[0], m_overview->snapshot().stats.keys[5],
                             library::LabelState::Present, library::LabelSource::User,
                             QStringLiteral("test"))
                        .ok());
        m_overview->hide();
        QSignalSpy loaded(m_overview.get(), &InstrumentationOverview::loaded);
        m_overview->reload();
        QVERIFY(!loaded.wait(300)); // hidden: nothing read
        m_overview->show();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_overview->snapshot().stats.present[5], 1);
    }

    // Two annotators label the seventh instrument on four clips (Ana 1 0 1 1, Ben 1 0 0 1):
    // the Agreement tab shows those 4 clips, 2 annotators and Cohen's kappa 0.50 for the pair
    // (po 0.75, pe 0.5). With TIMBRE_SCREENSHOT_DIR set it is saved as overview_agreement_en.png.
    void agreementTabShowsKappa()
    {
        const QString key = m_overview->snapshot().stats.keys[6];
        const QList<int> ana {1, 0, 1, 1};
        const QList<int> ben {1, 0, 0, 1};
        for (int i = 0; i < 4; ++i) {
            const auto state = [](int v) {
                return v ? library::LabelState::Present : library::LabelState::Absent;
            };
            QVERIFY(m_lib->labelLog().setLabel(m_made.clipIds[i], key, state(ana[i]),
                                               QStringLiteral("ana")));
            QVERIFY(m_lib->labelLog().setLabel(m_made.clipIds[i], key, state(ben[i]),
                                               QStringLiteral("ben")));
        }
        QSignalSpy loaded(m_overview.get(), &InstrumentationOverview::loaded);
        m_overview->reload();
        QVERIFY(loaded.wait(10000));
        m_overview->tabs()->setCurrentWidget(m_overview->agreementTable()->parentWidget());
        QTableWidget *table = m_overview->agreementTable();
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), m_overview->snapshot().stats.names[6]);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("4"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("2"));
        QVERIFY2(table->item(0, 4)->text().startsWith(QStringLiteral("ana–ben: 0.50 (4 clip")),
                 qPrintable(table->item(0, 4)->text()));
        // Fleiss over the same four clips: (0.75 - 0.53125) / 0.46875.
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("0.47"));
        // In English and German as the workbench shows them (with their translators: the
        // English one carries the plural forms).
        const QString dir = qEnvironmentVariable("TIMBRE_SCREENSHOT_DIR");
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
            QVERIFY(gui::installTranslators(language));
            InstrumentationOverview view;
            view.resize(1000, 700);
            view.show();
            QSignalSpy viewLoaded(&view, &InstrumentationOverview::loaded);
            view.setLibrary(m_lib);
            QTRY_VERIFY_WITH_TIMEOUT(view.agreementTable()->rowCount() == 1, 10000);
            view.tabs()->setCurrentWidget(view.agreementTable()->parentWidget());
            QCOMPARE(view.agreementTable()->item(0, 4)->text(),
                     language == QLatin1String("en") ? QStringLiteral("ana–ben: 0.50 (4 clips)")
                                                     : QStringLiteral("ana–ben: 0,50 (4 Clips)"));
            if (!dir.isEmpty())
                QVERIFY(view.grab().save(QDir(dir).filePath(
                        QStringLiteral("overview_agreement_%1.png").arg(language))));
        }
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
    }

    void cleanupTestCase()
    {
        m_overview.reset();
        m_browser.reset();
    }
};

QTEST_MAIN(InstrumentationOverviewTest)
#include "InstrumentationOverview_test.moc"
