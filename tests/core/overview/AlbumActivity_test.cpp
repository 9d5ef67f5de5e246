// SPDX-License-Identifier: GPL-3.0-or-later
// AlbumActivity: an album's tracks in track-number order (unnumbered last, by path) with each
// whole-track clip's labels and the model's scores; a track without a clip shows nothing;
// another album's tracks and a region clip's label stay out. And storedThresholds() reading
// a model's tuned thresholds from its metrics JSON.
#include "core/library/Library.h"
#include "core/overview/AlbumActivity.h"
#include "core/overview/ModelThresholds.h"
#include "support/OverviewLibrary.h"

#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::overview;
using library::LabelState;
namespace rules = testing::overview_rules;

class AlbumActivityTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::OverviewLibrary m_made;

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY(lib);
        m_lib = lib.take();
        m_made = testing::makeOverviewLibrary(*m_lib); // 40 tracks, 12 per album
        QVERIFY2(m_made.error.isEmpty(), qPrintable(m_made.error));
    }

    void tracksInAlbumOrder()
    {
        auto a = AlbumActivity::loadBlocking(*m_lib, QStringLiteral("Album 0"), m_made.modelId);
        QVERIFY2(a, qPrintable(a ? QString() : a.error().message));
        // Numbers 12 - t (tracks 5 and 11 unnumbered): 2, 3, ... 12, then 5 and 11 by path.
        const QList<int> order {10, 9, 8, 7, 6, 4, 3, 2, 1, 0, 5, 11};
        QCOMPARE(a->trackCount(), order.size());
        QCOMPARE(a->instrumentCount(), 20);
        for (int row = 0; row < order.size(); ++row) {
            const int t = order[row];
            QCOMPARE(a->trackIds[row], m_made.trackIds[t]);
            QCOMPARE(a->titles[row], QStringLiteral("Track %1").arg(t));
            QCOMPARE(a->trackNumbers[row], rules::trackNumber(t));
            for (int k = 0; k < m_made.keys.size(); ++k) {
                QCOMPARE(a->score(row, k), rules::score(t, k));
                QCOMPARE(a->label(row, k), rules::label(t, k, 5));
            }
            QVERIFY(std::isnan(a->score(row, 4))); // no score for the other instruments
            QCOMPARE(a->label(row, 4), LabelState::Unknown);
        }
        // The region clip on track 0 is labelled present for the first instrument and scored
        // 1.0; the track's whole-track clip is what shows.
        const int row0 = int(order.indexOf(0));
        QCOMPARE(a->label(row0, 0), rules::label(0, 0, 5));
        QCOMPARE(a->score(row0, 0), rules::score(0, 0));
    }

    void aTrackWithoutClipShowsNothing()
    {
        auto a = AlbumActivity::loadBlocking(*m_lib, QStringLiteral("Album 3"), m_made.modelId);
        QVERIFY(a);
        QCOMPARE(a->trackCount(), 4); // tracks 36..39
        const int last = int(a->trackIds.indexOf(m_made.trackIds.last()));
        QVERIFY(last >= 0);
        for (int k = 0; k < a->instrumentCount(); ++k) {
            QVERIFY(std::isnan(a->score(last, k)));
            QCOMPARE(a->label(last, k), LabelState::Unknown);
        }
    }

    void withoutModelNoScores()
    {
        auto a = AlbumActivity::loadBlocking(*m_lib, QStringLiteral("Album 1"), 0);
        QVERIFY(a);
        QCOMPARE(a->trackCount(), 12);
        QVERIFY(std::isnan(a->score(0, 0)));
        auto none = AlbumActivity::loadBlocking(*m_lib, QStringLiteral("No such album"), 0);
        QVERIFY(none);
        QCOMPARE(none->trackCount(), 0);
    }

    void thresholdsFromMetrics()
    {
        const QString json = QStringLiteral(
                R"({"test":{"instruments":[{"name":"piano","threshold":0.5}]},)"
                R"("test_tuned_thresholds":{"instruments":[{"name":"piano","threshold":0.42},)"
                R"({"name":"violin","threshold":0.61},{"name":"drums","threshold":0},)"
                R"({"name":"voice","threshold":null}]}})");
        const QHash<QString, double> t = storedThresholds(json);
        QCOMPARE(t.size(), 2); // drums' 0 and voice's null are no decision
        QCOMPARE(t.value(QStringLiteral("piano")), 0.42);
        QCOMPARE(t.value(QStringLiteral("violin")), 0.61);
        QVERIFY(storedThresholds(QStringLiteral("{}")).isEmpty());
        QVERIFY(storedThresholds(QStringLiteral("not json")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(AlbumActivityTest)
#include "AlbumActivity_test.moc"
