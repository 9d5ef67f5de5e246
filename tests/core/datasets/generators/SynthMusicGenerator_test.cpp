// SPDX-License-Identifier: GPL-3.0-or-later
// MusicGenerator and GeneralMidiMap: the arrangement side of the synthetic corpus, no audio.
#include "core/datasets/generators/GeneralMidiMap.h"
#include "core/datasets/generators/MusicGenerator.h"
#include "core/util/OpenMicClasses.h"

#include <QSet>
#include <QtTest>

#include <map>

using namespace timbre::datasets;

namespace {

std::vector<int> scaleOf(const SynthArrangement &arrangement)
{
    std::vector<int> steps = {0, 2, 4, 5, 7, 9, 11};
    if (arrangement.mode == QLatin1String("minor"))
        steps = {0, 2, 3, 5, 7, 8, 10, 11}; // natural minor plus the raised leading tone
    else if (arrangement.mode == QLatin1String("dorian"))
        steps = {0, 2, 3, 5, 7, 9, 10};
    else if (arrangement.mode == QLatin1String("mixolydian"))
        steps = {0, 2, 4, 5, 7, 9, 10};
    std::vector<int> pcs;
    for (int step : steps)
        pcs.push_back((arrangement.tonic + step) % 12);
    return pcs;
}

bool sameNotes(const SynthArrangement &a, const SynthArrangement &b)
{
    if (a.parts.size() != b.parts.size() || a.bpm != b.bpm || a.tonic != b.tonic
        || a.chords != b.chords)
        return false;
    for (size_t p = 0; p < a.parts.size(); ++p) {
        const auto &x = a.parts[p].notes;
        const auto &y = b.parts[p].notes;
        if (a.parts[p].instrument != b.parts[p].instrument || x.size() != y.size())
            return false;
        for (size_t i = 0; i < x.size(); ++i) {
            if (x[i].start != y[i].start || x[i].end != y[i].end || x[i].key != y[i].key
                || x[i].velocity != y[i].velocity)
                return false;
        }
    }
    return true;
}

} // namespace

class SynthMusicGeneratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mappingTable()
    {
        const QStringList classes = timbre::openMicClasses();
        const auto &table = GeneralMidiMap::table();
        QCOMPARE(table.size(), classes.size());
        for (int i = 0; i < table.size(); ++i)
            QCOMPARE(table[i].instrument, classes[i]);
        QCOMPARE(GeneralMidiMap::unusedClasses(),
                 QStringList({QStringLiteral("mandolin"), QStringLiteral("ukulele")}));
        for (const QString &name : GeneralMidiMap::unusedClasses())
            QVERIFY(!GeneralMidiMap::find(name)->unusedReason.isEmpty());
        for (const GmClassMapping &entry : table) {
            for (const GmSound &sound : entry.sounds) {
                QVERIFY(sound.bank == 0 || sound.bank == 128);
                QVERIFY(sound.program >= 0 && sound.program < 128);
                QVERIFY(sound.lowNote < sound.highNote);
                QVERIFY(!sound.roles.isEmpty());
            }
        }
        // Several candidate sounds where General MIDI has them.
        QVERIFY(GeneralMidiMap::find(QStringLiteral("guitar"))->sounds.size() >= 5);
        QVERIFY(GeneralMidiMap::find(QStringLiteral("bass"))->sounds.size() >= 5);
        QVERIFY(GeneralMidiMap::find(QStringLiteral("mallet_percussion"))->sounds.size() >= 4);
        // Drums and cymbals play disjoint percussion keys; hi-hats belong to the drums.
        const auto drums = GeneralMidiMap::find(QStringLiteral("drums"))->drumKeys;
        const auto cymbals = GeneralMidiMap::find(QStringLiteral("cymbals"))->drumKeys;
        for (int key : cymbals)
            QVERIFY(!drums.contains(key));
        QVERIFY(drums.contains(GmDrum::ClosedHiHat) && cymbals.contains(GmDrum::Crash1));
    }

    void deterministicForASeed()
    {
        const MusicGenerator generator;
        for (quint32 seed : {1u, 2u, 99u}) {
            std::mt19937 a(seed), b(seed), c(seed + 1000);
            const SynthArrangement x = generator.generate(a);
            const SynthArrangement y = generator.generate(b);
            const SynthArrangement z = generator.generate(c);
            QVERIFY(sameNotes(x, y));
            QVERIFY(!sameNotes(x, z));
        }
    }

    void restsMakeGapsInsideClips()
    {
        // restProbability 0 draws nothing: the same seed gives exactly the music it gave
        // before the option existed. At 1, parts rest inside the clip: more activity regions
        // with a gap of at least 2 s between them, and no part left silent.
        MusicGeneratorOptions withRests;
        withRests.restProbability = 1.0;
        const MusicGenerator plain;
        const MusicGenerator explicitZero(MusicGeneratorOptions {});
        const MusicGenerator resting(withRests);
        auto innerGaps = [](const SynthArrangement &a, double clipSeconds) {
            int gaps = 0;
            for (const SynthPart &part : a.parts) {
                const std::vector<ActivityRegion> r = activityRegions(part, clipSeconds);
                for (size_t i = 1; i < r.size(); ++i)
                    gaps += r[i].start - r[i - 1].end >= 2.0 ? 1 : 0;
            }
            return gaps;
        };
        int plainGaps = 0;
        int restGaps = 0;
        int changed = 0;
        for (quint32 seed = 1; seed <= 200; ++seed) {
            std::mt19937 a(seed), b(seed), c(seed);
            const SynthArrangement x = plain.generate(a);
            const SynthArrangement y = explicitZero.generate(b);
            const SynthArrangement z = resting.generate(c);
            QVERIFY(sameNotes(x, y));
            changed += sameNotes(x, z) ? 0 : 1;
            plainGaps += innerGaps(x, 10.0);
            restGaps += innerGaps(z, 10.0);
            for (const SynthPart &part : z.parts)
                QVERIFY(!part.notes.empty());
        }
        QVERIFY2(changed > 100, qPrintable(QString::number(changed)));
        QVERIFY2(restGaps > 2 * plainGaps + 50,
                 qPrintable(QStringLiteral("%1 gaps with rests, %2 without")
                                    .arg(restGaps)
                                    .arg(plainGaps)));
    }

    void moreRestsPerPartSilenceMore()
    {
        // One rest per part is what --rests always drew (the same seed, the same notes); two
        // take more of the parts' time away, and still leave no part silent.
        MusicGeneratorOptions one;
        one.restProbability = 1.0;
        MusicGeneratorOptions explicitOne = one;
        explicitOne.restsPerPart = 1;
        MusicGeneratorOptions two = one;
        two.restsPerPart = 2;
        const MusicGenerator a(one), b(explicitOne), c(two);
        auto sounding = [](const SynthArrangement &x) {
            double seconds = 0.0;
            for (const SynthPart &part : x.parts)
                for (const ActivityRegion &r : activityRegions(part, 10.0))
                    seconds += r.end - r.start;
            return seconds;
        };
        double soundingOne = 0.0, soundingTwo = 0.0;
        int fewer = 0;
        for (quint32 seed = 1; seed <= 200; ++seed) {
            std::mt19937 ra(seed), rb(seed), rc(seed);
            const SynthArrangement x = a.generate(ra);
            const SynthArrangement y = b.generate(rb);
            const SynthArrangement z = c.generate(rc);
            QVERIFY(sameNotes(x, y));
            for (const SynthPart &part : z.parts)
                QVERIFY(!part.notes.empty());
            soundingOne += sounding(x);
            soundingTwo += sounding(z);
            fewer += sounding(z) < sounding(x) - 1.0 ? 1 : 0;
        }
        QVERIFY2(soundingTwo < 0.9 * soundingOne && fewer > 50,
                 qPrintable(QStringLiteral("%1 s sounding with two rests, %2 s with one; %3 "
                                           "clips with a second less")
                                    .arg(soundingTwo)
                                    .arg(soundingOne)
                                    .arg(fewer)));
    }

    void levelSpreadAndVariantsLeaveTheDefaultsAlone()
    {
        // The level is drawn after the music: the same notes, each part 0..12 dB down
        // (CC 7 from 127 * 10^(-12/40) = 64 to 127), and not all parts at one level.
        MusicGeneratorOptions spread;
        spread.levelSpreadDb = 12.0;
        MusicGeneratorOptions variants;
        variants.variants = true;
        const MusicGenerator plain;
        const MusicGenerator levelled(spread);
        const MusicGenerator varied(variants);
        QSet<int> variantPrograms;
        for (const GmClassMapping &entry : GeneralMidiMap::table()) {
            for (const GmSound &sound : entry.variants) {
                // A variant is no other class's sound, and no sound of its own class.
                for (const GmClassMapping &other : GeneralMidiMap::table()) {
                    for (const GmSound &own : other.sounds)
                        QVERIFY2(own.bank != 0 || own.program != sound.program,
                                 qPrintable(sound.name));
                }
                variantPrograms.insert(sound.program);
            }
        }
        QVERIFY(variantPrograms.contains(3) && variantPrograms.contains(36));
        int distinctLevels = 0;
        int plainVariants = 0;
        int drawnVariants = 0;
        for (quint32 seed = 1; seed <= 200; ++seed) {
            std::mt19937 a(seed), b(seed), c(seed);
            const SynthArrangement x = plain.generate(a);
            const SynthArrangement y = levelled.generate(b);
            const SynthArrangement z = varied.generate(c);
            QVERIFY(sameNotes(x, y));
            QSet<int> levels;
            for (size_t p = 0; p < y.parts.size(); ++p) {
                QCOMPARE(x.parts[p].volume, 100);
                QVERIFY2(y.parts[p].volume >= 64 && y.parts[p].volume <= 127,
                         qPrintable(QString::number(y.parts[p].volume)));
                levels.insert(y.parts[p].volume);
            }
            distinctLevels += levels.size() > 1 ? 1 : 0;
            for (const SynthPart &part : x.parts)
                plainVariants
                        += variantPrograms.contains(part.sound.program) && part.sound.bank == 0;
            for (const SynthPart &part : z.parts)
                drawnVariants
                        += variantPrograms.contains(part.sound.program) && part.sound.bank == 0;
        }
        QVERIFY(distinctLevels > 100);
        QCOMPARE(plainVariants, 0);
        QVERIFY2(drawnVariants > 20, qPrintable(QString::number(drawnVariants)));
    }

    void arrangementsArePlausible()
    {
        const MusicGenerator generator;
        const QStringList unused = GeneralMidiMap::unusedClasses();
        QSet<QString> seen;
        std::map<int, int> partCounts;
        int parts = 0, lateStarts = 0, earlyStops = 0, melodyNotes = 0, melodyInScale = 0;
        for (quint32 seed = 0; seed < 300; ++seed) {
            std::mt19937 rng(seed);
            const SynthArrangement arrangement = generator.generate(rng);
            QVERIFY(arrangement.bpm >= 70 && arrangement.bpm <= 160);
            QVERIFY(!arrangement.chords.isEmpty());
            QVERIFY(MusicGenerator::styleNames().contains(arrangement.style));
            const int count = int(arrangement.parts.size());
            QVERIFY(count >= 1 && count <= 5);
            ++partCounts[count];
            QSet<QString> instruments;
            for (const SynthPart &part : arrangement.parts) {
                QVERIFY(!unused.contains(part.instrument));
                QVERIFY(!instruments.contains(part.instrument));
                instruments.insert(part.instrument);
                seen.insert(part.instrument);
                QVERIFY2(!part.notes.empty(), qPrintable(part.instrument));
                const GmClassMapping *mapping = GeneralMidiMap::find(part.instrument);
                std::map<int, double> lastEnd;
                for (const SynthNote &note : part.notes) {
                    QVERIFY(note.start >= 0.0 && note.start < note.end && note.end <= 10.0);
                    QVERIFY(note.velocity >= 1 && note.velocity <= 127);
                    if (GeneralMidiMap::isPercussion(part.sound)) {
                        QVERIFY2(mapping->drumKeys.contains(note.key),
                                 qPrintable(QStringLiteral("%1 plays key %2")
                                                    .arg(part.instrument)
                                                    .arg(note.key)));
                    } else {
                        QVERIFY2(note.key >= part.sound.lowNote && note.key <= part.sound.highNote,
                                 qPrintable(QStringLiteral("%1 (%2) key %3 outside %4..%5")
                                                    .arg(part.instrument, part.sound.name)
                                                    .arg(note.key)
                                                    .arg(part.sound.lowNote)
                                                    .arg(part.sound.highNote)));
                    }
                    // No two notes of one key overlap (a note-off would cut both).
                    const auto it = lastEnd.find(note.key);
                    QVERIFY(it == lastEnd.end() || it->second <= note.start);
                    lastEnd[note.key] = note.end;
                }
                if (part.role == PartRole::Melody) {
                    const std::vector<int> scale = scaleOf(arrangement);
                    for (const SynthNote &note : part.notes) {
                        ++melodyNotes;
                        melodyInScale += std::find(scale.begin(), scale.end(), note.key % 12)
                                != scale.end();
                    }
                }
                ++parts;
                lateStarts += part.notes.front().start > 1.5;
                double end = 0.0;
                for (const SynthNote &note : part.notes)
                    end = std::max(end, note.end);
                earlyStops += end < 8.5;
            }
        }
        // Every usable class appears; 1 to 5 instruments all occur.
        QCOMPARE(seen.size(), GeneralMidiMap::usedClasses().size());
        for (int n = 1; n <= 5; ++n)
            QVERIFY(partCounts[n] > 10);
        // Weak labels are really weak: parts enter late and stop early.
        QVERIFY2(lateStarts > parts / 20, qPrintable(QString::number(lateStarts)));
        QVERIFY2(earlyStops > parts / 20, qPrintable(QString::number(earlyStops)));
        // Melodies stay in the key.
        QVERIFY(melodyNotes > 1000);
        QVERIFY2(melodyInScale > 0.95 * melodyNotes,
                 qPrintable(QStringLiteral("%1/%2").arg(melodyInScale).arg(melodyNotes)));
    }

    void unavailableSoundsAreNeverUsed()
    {
        MusicGeneratorOptions options;
        options.soundAvailable = [](const GmSound &sound) { return sound.bank != 128; };
        const MusicGenerator generator(options);
        QVERIFY(!generator.availableClasses().contains(QStringLiteral("drums")));
        QVERIFY(!generator.availableClasses().contains(QStringLiteral("cymbals")));
        for (quint32 seed = 0; seed < 50; ++seed) {
            std::mt19937 rng(seed);
            for (const SynthPart &part : generator.generate(rng).parts)
                QVERIFY(!GeneralMidiMap::isPercussion(part.sound));
        }
    }
};

QTEST_GUILESS_MAIN(SynthMusicGeneratorTest)
#include "SynthMusicGenerator_test.moc"
