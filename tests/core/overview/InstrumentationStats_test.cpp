// SPDX-License-Identifier: GPL-3.0-or-later
// InstrumentationStats on a generated library (tests/support/OverviewLibrary.h): every count
// (present / absent / unknown / scored per instrument, co-occurrence cells by labels and by
// scores, per-genre / artist / album shares) against the same count worked out from the
// generating rules; then every bar and cell's OverviewFilter text run through TrackFilter on
// the browser's own TrackTable must list exactly as many rows as the overview counted.
#include "core/library/Library.h"
#include "core/library/TrackFilter.h"
#include "core/library/TrackTable.h"
#include "core/overview/InstrumentationStats.h"
#include "core/overview/OverviewFilter.h"
#include "support/OverviewLibrary.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace timbre;
using namespace timbre::overview;
using library::LabelState;
namespace rules = testing::overview_rules;

namespace {

constexpr int kTracks = 40;
constexpr int kInstruments = 4;
constexpr int kModulus = 5;

// The rules' label and "scored at least the threshold" of track t, instrument k; the last
// track has no clip, so nothing.
LabelState labelOf(int t, int k)
{
    return t == kTracks - 1 || k >= kInstruments ? LabelState::Unknown
                                                 : rules::label(t, k, kModulus);
}
bool scoredOf(int t, int k, double threshold)
{
    return t != kTracks - 1 && k < kInstruments
            && double(rules::score(t, k)) >= double(float(threshold));
}

} // namespace

class InstrumentationStatsTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::OverviewLibrary m_made;
    InstrumentationStats m_stats;
    QHash<QString, double> m_thresholds;

    double thresholdOf(int k) const { return k == 1 ? 0.3 : kDefaultThreshold; }

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib, qPrintable(lib ? QString() : lib.error().message));
        m_lib = lib.take();
        testing::OverviewLibraryOptions o;
        o.tracks = kTracks;
        o.instruments = kInstruments;
        o.labelModulus = kModulus;
        m_made = testing::makeOverviewLibrary(*m_lib, o);
        QVERIFY2(m_made.error.isEmpty(), qPrintable(m_made.error));
        // The second instrument's threshold is stored (0.3, which some scores equal exactly).
        m_thresholds.insert(m_made.keys[1], 0.3);
        auto stats = InstrumentationStats::loadBlocking(*m_lib, m_made.modelId, m_thresholds);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        m_stats = *stats;
    }

    void countsPerInstrument()
    {
        QCOMPARE(m_stats.clips, kTracks);
        QCOMPARE(m_stats.instrumentCount(), 20); // the default taxonomy
        QCOMPARE(m_stats.keys.mid(0, kInstruments), m_made.keys);
        QCOMPARE(m_stats.modelId, m_made.modelId);
        int someAtThreshold = 0;
        for (int k = 0; k < m_stats.instrumentCount(); ++k) {
            int present = 0, absent = 0, unknown = 0, scored = 0;
            for (int t = 0; t < kTracks; ++t) {
                const LabelState s = labelOf(t, k);
                present += s == LabelState::Present;
                absent += s == LabelState::Absent;
                unknown += s == LabelState::Unknown;
                scored += scoredOf(t, k, thresholdOf(k));
                someAtThreshold += k < kInstruments && t < kTracks - 1
                        && rules::score(t, k) == float(thresholdOf(k));
            }
            QCOMPARE(m_stats.thresholds[size_t(k)], double(float(thresholdOf(k))));
            QCOMPARE(m_stats.present[size_t(k)], present);
            QCOMPARE(m_stats.absent[size_t(k)], absent);
            QCOMPARE(m_stats.unknown(k), unknown);
            QCOMPARE(m_stats.predicted[size_t(k)], scored);
        }
        // The numbers the rules give (so a change of the rules shows here): 40 clips, the
        // first instrument 16 present and 8 absent; scores exactly at a threshold exist.
        QCOMPARE(m_stats.present[0], 16);
        QCOMPARE(m_stats.absent[0], 8);
        QCOMPARE(m_stats.unknown(0), 16);
        QVERIFY(someAtThreshold > 0);
    }

    void coOccurrence()
    {
        for (int a = 0; a < m_stats.instrumentCount(); ++a) {
            for (int b = 0; b < m_stats.instrumentCount(); ++b) {
                int labels = 0, scores = 0;
                for (int t = 0; t < kTracks; ++t) {
                    labels += labelOf(t, a) == LabelState::Present
                            && labelOf(t, b) == LabelState::Present;
                    scores += scoredOf(t, a, thresholdOf(a)) && scoredOf(t, b, thresholdOf(b));
                }
                QCOMPARE(m_stats.pairs(a, b, CountBy::Labels), labels);
                QCOMPARE(m_stats.pairs(a, b, CountBy::Predictions), scores);
            }
        }
        QCOMPARE(m_stats.pairs(0, 0, CountBy::Labels), m_stats.present[0]);
        QVERIFY(m_stats.pairs(0, 1, CountBy::Labels) > 0);
        QVERIFY(m_stats.pairs(0, 1, CountBy::Predictions) > 0);
    }

    void groupShares_data()
    {
        QTest::addColumn<int>("field");
        QTest::newRow("genre") << int(GroupField::Genre);
        QTest::newRow("artist") << int(GroupField::Artist);
        QTest::newRow("album") << int(GroupField::Album);
    }

    void groupShares()
    {
        QFETCH(int, field);
        const auto f = GroupField(field);
        const auto groupOf = [f](int t) {
            return f == GroupField::Genre ? rules::genre(t)
                    : f == GroupField::Artist ? rules::artist(t) : rules::album(t);
        };
        std::map<QString, int> clips;
        for (int t = 0; t < kTracks; ++t)
            ++clips[groupOf(t)];
        const GroupShares &g = m_stats.groups(f);
        QCOMPARE(g.groupCount(), int(clips.size()));
        for (int i = 0; i < g.groupCount(); ++i) {
            const QString &name = g.names[i];
            QCOMPARE(g.clips[size_t(i)], clips[name]);
            if (i > 0) { // most clips first, ties by name
                QVERIFY(g.clips[size_t(i - 1)] >= g.clips[size_t(i)]);
                if (g.clips[size_t(i - 1)] == g.clips[size_t(i)])
                    QVERIFY(g.names[i - 1] < name);
            }
            for (int k = 0; k < m_stats.instrumentCount(); ++k) {
                int present = 0, scored = 0;
                for (int t = 0; t < kTracks; ++t) {
                    if (groupOf(t) != name)
                        continue;
                    present += labelOf(t, k) == LabelState::Present;
                    scored += scoredOf(t, k, thresholdOf(k));
                }
                QCOMPARE(g.count(i, k, CountBy::Labels), present);
                QCOMPARE(g.count(i, k, CountBy::Predictions), scored);
            }
        }
        if (f == GroupField::Genre) // 10 tracks each; the untagged ones sort first by name
            QCOMPARE(g.names, (QStringList {QString(), QStringLiteral("Classical"),
                                             QStringLiteral("Jazz"), QStringLiteral("Rock")}));
        if (f == GroupField::Album) // 12, 12, 12, 4
            QCOMPARE(g.names.last(), QStringLiteral("Album 3"));
    }

    // Every bar and cell, as the overview would filter the browser: the browser's rows
    // (TrackTable::load with the same model) matching the filter are exactly the count.
    void filtersListExactlyTheCountedClips()
    {
        auto table = library::TrackTable::load(*m_lib, m_made.modelId);
        QVERIFY(table);
        const auto rowsMatching = [&table](const QString &text) {
            auto f = library::TrackFilter::parse(text, table->instrumentKeys());
            if (!f) {
                qWarning("%s", qPrintable(f.error().message));
                return -1;
            }
            int n = 0;
            for (int r = 0; r < table->rowCount(); ++r)
                n += f->matches(*table, r);
            return n;
        };
        const InstrumentationStats &s = m_stats;
        for (int k = 0; k < s.instrumentCount(); ++k) {
            const QString &key = s.keys[k];
            const double th = s.thresholds[size_t(k)];
            QCOMPARE(rowsMatching(OverviewFilter::label(key, LabelState::Present)), s.present[size_t(k)]);
            QCOMPARE(rowsMatching(OverviewFilter::label(key, LabelState::Absent)), s.absent[size_t(k)]);
            QCOMPARE(rowsMatching(OverviewFilter::label(key, LabelState::Unknown)), s.unknown(k));
            QCOMPARE(rowsMatching(OverviewFilter::scored(key, th)), s.predicted[size_t(k)]);
            for (int b = 0; b < s.instrumentCount(); ++b) {
                for (CountBy by : {CountBy::Labels, CountBy::Predictions}) {
                    QCOMPARE(rowsMatching(OverviewFilter::both(key, th, s.keys[b],
                                                               s.thresholds[size_t(b)], by)),
                             s.pairs(k, b, by));
                }
            }
        }
        for (GroupField f : {GroupField::Genre, GroupField::Artist, GroupField::Album}) {
            const GroupShares &g = s.groups(f);
            for (int i = 0; i < g.groupCount(); ++i) {
                QCOMPARE(rowsMatching(OverviewFilter::group(f, g.names[i])), g.clips[size_t(i)]);
                for (int k = 0; k < kInstruments + 1; ++k) {
                    for (CountBy by : {CountBy::Labels, CountBy::Predictions}) {
                        QCOMPARE(rowsMatching(OverviewFilter::groupWith(
                                         f, g.names[i], s.keys[k], by, s.thresholds[size_t(k)])),
                                 g.count(i, k, by));
                    }
                }
            }
        }
    }

    void quotedValuesRoundTrip()
    {
        QCOMPARE(OverviewFilter::quoted(QStringLiteral("The \"Blue\" Album")),
                 QStringLiteral("\"The \"\"Blue\"\" Album\""));
        QCOMPARE(OverviewFilter::scored(QStringLiteral("piano"), 0.5), QStringLiteral("piano >= 0.5"));
        // A tuned threshold keeps its float value through the text.
        const QString text = OverviewFilter::scored(QStringLiteral("piano"), 0.4372);
        bool ok = false;
        QCOMPARE(float(text.section(QLatin1Char(' '), 2).toDouble(&ok)), 0.4372f);
        QVERIFY(ok);
    }

    void withoutAModelNothingIsScored()
    {
        auto stats = InstrumentationStats::loadBlocking(*m_lib, 0);
        QVERIFY(stats);
        QCOMPARE(stats->present, m_stats.present);
        for (int k = 0; k < stats->instrumentCount(); ++k)
            QCOMPARE(stats->predicted[size_t(k)], 0);
        QCOMPARE(stats->pairs(0, 1, CountBy::Predictions), 0);
    }

    void anEmptyLibrary()
    {
        QTemporaryDir dir;
        auto lib = library::Library::open(dir.filePath(QStringLiteral("empty")));
        QVERIFY(lib);
        auto stats = InstrumentationStats::loadBlocking(**lib, 0);
        QVERIFY(stats);
        QCOMPARE(stats->clips, 0);
        QCOMPARE(stats->unknown(0), 0);
        QCOMPARE(stats->genres.groupCount(), 0);
    }
};

QTEST_GUILESS_MAIN(InstrumentationStatsTest)
#include "InstrumentationStats_test.moc"
