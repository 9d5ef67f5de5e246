// SPDX-License-Identifier: GPL-3.0-or-later
// The review queues (docs/REVIEW_QUEUES.md) on planted catalogs: the values each queue must find
// first, near-duplicates spread apart, unknown labels never called errors, and errors that say
// what to run when a queue's scores are missing.
#include "core/library/ClipStore.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"
#include "core/review/Diversifier.h"
#include "core/review/QueueRanking.h"
#include "core/review/ReviewQueue.h"

#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre;
using namespace timbre::review;
using library::LabelState;

namespace {

// A fresh library with `tracks` tracks (album given per track; "" = none), whole-track clips.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;
    QList<qint64> trackIds;
    QList<qint64> clipIds; // whole-track clips, one per track

    QString make(const QStringList &albums)
    {
        if (!dir.isValid())
            return QStringLiteral("no temporary folder");
        auto opened = library::Library::open(dir.filePath(QStringLiteral("lib")));
        if (!opened)
            return opened.error().message;
        lib = opened.take();
        QList<library::TrackRecord> records;
        for (int t = 0; t < albums.size(); ++t) {
            library::TrackRecord r;
            r.path = QStringLiteral("/music/t%1.flac").arg(t, 3, 10, QLatin1Char('0'));
            r.artist = QStringLiteral("artist");
            r.album = albums.at(t);
            records << r;
        }
        auto ids = lib->tracks().upsertBatch(records);
        if (!ids)
            return ids.error().message;
        trackIds = *ids;
        for (qint64 t : trackIds) {
            auto c = lib->clips().ensureWholeTrackClip(t);
            if (!c)
                return c.error().message;
            clipIds << *c;
        }
        return {};
    }

    qint64 addModel(const QString &name, qint64 parent = 0, bool active = false)
    {
        library::ModelRecord m;
        m.name = name;
        m.kind = QStringLiteral("att");
        m.parentId = parent;
        auto id = lib->models().add(m);
        if (!id)
            return 0;
        if (active && lib->models().activate(*id).isError())
            return 0;
        return *id;
    }

    bool label(qint64 clip, const QString &instrument, LabelState state)
    {
        return bool(lib->labels().set(clip, instrument, state, library::LabelSource::Import,
                                      QStringLiteral("test")));
    }
};

// n tracks, each on an album of its own (nothing for the diversifier to spread).
QStringList distinctAlbums(int n)
{
    QStringList albums;
    for (int t = 0; t < n; ++t)
        albums << QStringLiteral("album%1").arg(t);
    return albums;
}

QList<qint64> clipsOf(const QList<ReviewEntry> &entries)
{
    QList<qint64> out;
    for (const ReviewEntry &e : entries)
        out << e.clipId;
    return out;
}

} // namespace

class ReviewQueueTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uncertaintyPeaksAtTheThreshold()
    {
        QCOMPARE(QueueRanking::uncertainty(0.5, 0.5), 1.0);
        QCOMPARE(QueueRanking::uncertainty(0.0, 0.5), 0.0);
        QCOMPARE(QueueRanking::uncertainty(1.0, 0.5), 0.0);
        QVERIFY(std::fabs(QueueRanking::uncertainty(0.3, 0.3) - 1.0) < 1e-12);
        QVERIFY(QueueRanking::uncertainty(0.4, 0.5) > QueueRanking::uncertainty(0.2, 0.5));
        // Entropy of 0.25 in bits: 0.811...
        QVERIFY(std::fabs(QueueRanking::uncertainty(0.25, 0.5) - 0.8112781) < 1e-6);
    }

    void uncertainPutsTheLeastCertainUnknownLabelFirst()
    {
        Fixture f;
        const QStringList albums {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                  QStringLiteral("d"), QStringLiteral("e")};
        QCOMPARE(f.make(albums), QString());
        const qint64 model = f.addModel(QStringLiteral("m"), 0, true);
        QVERIFY(model > 0);
        const QList<qint64> &c = f.clipIds;
        // piano / violin scores per clip. Clip 0's piano is at the threshold but LABELLED, so
        // it does not count; its violin (0.95) is nearly certain.
        const QList<QPair<float, float>> scores {
                {0.50f, 0.95f}, {0.10f, 0.30f}, {0.48f, 0.02f}, {0.99f, 0.01f}, {0.20f, 0.65f}};
        QList<library::PredictionScore> rows;
        for (int i = 0; i < c.size(); ++i) {
            rows << library::PredictionScore {c.at(i), QStringLiteral("piano"), scores.at(i).first};
            rows << library::PredictionScore {c.at(i), QStringLiteral("violin"),
                                              scores.at(i).second};
        }
        QVERIFY(f.lib->predictions().write(model, rows).ok());
        QVERIFY(f.label(c.at(0), QStringLiteral("piano"), LabelState::Present));

        auto ranked = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, {});
        QVERIFY2(ranked, qPrintable(ranked.error().message));
        // Max entropy per clip over unknown labels: c2 piano 0.48, c4 violin 0.65, c1 violin
        // 0.30, c0 violin 0.95, c3 0.99 / 0.01.
        QCOMPARE(clipsOf(*ranked), (QList<qint64> {c.at(2), c.at(4), c.at(1), c.at(0), c.at(3)}));
        const ReviewEntry &first = ranked->first();
        QCOMPARE(first.instrumentKey, QStringLiteral("piano"));
        QCOMPARE(first.currentLabel, LabelState::Unknown);
        QCOMPARE(first.score, 0.48f);
        QVERIFY(std::fabs(first.priority - QueueRanking::uncertainty(double(0.48f), 0.5)) < 1e-12);
        QCOMPARE(first.clipKey, QStringLiteral("/music/t002.flac"));
        QCOMPARE((*ranked)[3].instrumentKey, QStringLiteral("violin")); // not the labelled piano

        // The threshold moves the peak: at 0.3, clip 1's violin (0.30) is the least certain.
        QueueOptions at30;
        at30.threshold = 0.3;
        auto moved = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, at30);
        QVERIFY(moved);
        QCOMPARE(moved->first().clipId, c.at(1));

        // Sum over instruments: clip 4 (0.20 and 0.65) beats clip 2 (0.48 and 0.02).
        QueueOptions summed;
        summed.aggregate = ClipAggregate::Sum;
        auto sum = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, summed);
        QVERIFY(sum);
        QCOMPARE(sum->first().clipId, c.at(4));

        QueueOptions two;
        two.limit = 2;
        auto limited = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, two);
        QVERIFY(limited);
        QCOMPARE(limited->size(), 2);
    }

    void uncertainSpreadsOneTrackAndOneAlbumApart()
    {
        // 60 tracks: track 0 has 6 region clips (near-duplicates, all at 0.5), tracks 1-8 are
        // one album (0.49), the rest each their own album with falling uncertainty, enough of
        // them that the head of the queue can always keep the rules.
        Fixture f;
        QStringList albums;
        for (int t = 0; t < 60; ++t)
            albums << (t >= 1 && t <= 8 ? QStringLiteral("same")
                                        : QStringLiteral("album%1").arg(t));
        QCOMPARE(f.make(albums), QString());
        const qint64 model = f.addModel(QStringLiteral("m"), 0, true);
        QList<qint64> regions;
        for (int r = 0; r < 6; ++r) {
            auto id = f.lib->clips().addRegionClip(f.trackIds.at(0), 10.0 * r, 10.0 * r + 10.0);
            QVERIFY(id);
            regions << *id;
        }
        QHash<qint64, float> score;
        for (qint64 id : regions)
            score.insert(id, 0.5f);
        score.insert(f.clipIds.at(0), 0.05f);
        for (int t = 1; t <= 8; ++t)
            score.insert(f.clipIds.at(t), 0.49f);
        for (int t = 9; t < 60; ++t)
            score.insert(f.clipIds.at(t), 0.45f - 0.005f * float(t - 9));
        QList<library::PredictionScore> rows;
        for (auto it = score.constBegin(); it != score.constEnd(); ++it)
            rows << library::PredictionScore {it.key(), QStringLiteral("piano"), it.value()};
        QVERIFY(f.lib->predictions().write(model, rows).ok());

        QueueOptions plain;
        plain.diversity.enabled = false;
        auto undiversified = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, plain);
        QVERIFY(undiversified);
        // Without diversity the page starts with the six clips of one track.
        for (int i = 0; i < 6; ++i)
            QCOMPARE((*undiversified)[i].trackId, f.trackIds.at(0));

        QueueOptions o; // window 20, one clip per track, two per album
        auto ranked = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, o);
        QVERIFY(ranked);
        QCOMPARE(ranked->size(), score.size()); // nothing lost
        const QList<qint64> all = clipsOf(*ranked);
        QCOMPARE(QSet<qint64>(all.begin(), all.end()).size(), score.size());
        QCOMPARE(ranked->first().clipId, regions.first()); // the best still comes first
        QCOMPARE((*ranked)[1].clipId, f.clipIds.at(1)); // then the best of the album
        QCOMPARE((*ranked)[2].clipId, f.clipIds.at(2));
        QCOMPARE((*ranked)[3].clipId, f.clipIds.at(9)); // album full: the next album
        // Every window of 20 among the first 50 entries: <= 1 clip per track, <= 2 per album.
        const int head = 50;
        for (int start = 0; start + 20 <= head; ++start) {
            QHash<qint64, int> perTrack;
            int sameAlbum = 0;
            for (int i = start; i < start + 20; ++i) {
                const ReviewEntry &e = (*ranked)[i];
                QVERIFY2(++perTrack[e.trackId] <= 1,
                         qPrintable(QStringLiteral("track %1 twice in window %2")
                                            .arg(e.trackId)
                                            .arg(start)));
                const int t = int(f.trackIds.indexOf(e.trackId));
                if (t >= 1 && t <= 8)
                    ++sameAlbum;
            }
            QVERIFY2(sameAlbum <= 2, qPrintable(QStringLiteral("window %1").arg(start)));
        }
    }

    void diversifierKeepsEveryCandidateWhenNoneFits()
    {
        // One track, ten candidates: nothing can satisfy "one per track", all are kept in order.
        std::vector<int> ranked {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        const std::vector<qint64> track(10, 7);
        const std::vector<int> album(10, 0);
        QCOMPARE(Diversifier::order(ranked, track, album, {}), ranked);
        // Two tracks alternate once diversified.
        const std::vector<qint64> two {1, 1, 1, 2, 2, 2, 3, 3, 3, 3};
        const std::vector<int> none(10, -1);
        DiversityOptions o;
        o.window = 3;
        const std::vector<int> expected {0, 3, 6, 1, 4, 7, 2, 5, 8, 9};
        QCOMPARE(Diversifier::order(ranked, two, none, o), expected);
        // Nothing fits: the album cap bends before the track rule.
        const std::vector<int> three {0, 1, 2};
        DiversityOptions oneAlbum;
        oneAlbum.window = 3;
        oneAlbum.perAlbum = 1;
        QCOMPARE(Diversifier::order(three, {1, 1, 2}, {0, 0, 0}, oneAlbum),
                 (std::vector<int> {0, 2, 1}));
    }

    void plantedFlippedLabelComesFirstInErrors()
    {
        Fixture f;
        QCOMPARE(f.make(distinctAlbums(24)), QString());
        const qint64 model = f.addModel(QStringLiteral("m"), 0, true);
        const QList<qint64> &c = f.clipIds;
        QList<library::HeldoutScore> held;
        // Piano: clips 0-9 present (held-out 0.70..0.88), 10-19 absent (0.05..0.23). Planted
        // flips: clip 20 labelled absent but scored 0.97, clip 21 labelled present scored 0.10;
        // clip 22 absent with 0.60: above no threshold worth a flag (t+ = mean of positives).
        for (int i = 0; i < 10; ++i) {
            QVERIFY(f.label(c.at(i), QStringLiteral("piano"), LabelState::Present));
            held << library::HeldoutScore {c.at(i), QStringLiteral("piano"), 0.70f + 0.02f * i, 0};
        }
        for (int i = 10; i < 20; ++i) {
            QVERIFY(f.label(c.at(i), QStringLiteral("piano"), LabelState::Absent));
            held << library::HeldoutScore {c.at(i), QStringLiteral("piano"),
                                           0.05f + 0.02f * (i - 10), 1};
        }
        QVERIFY(f.label(c.at(20), QStringLiteral("piano"), LabelState::Absent));
        held << library::HeldoutScore {c.at(20), QStringLiteral("piano"), 0.97f, 2};
        QVERIFY(f.label(c.at(21), QStringLiteral("piano"), LabelState::Present));
        held << library::HeldoutScore {c.at(21), QStringLiteral("piano"), 0.10f, 2};
        QVERIFY(f.label(c.at(22), QStringLiteral("piano"), LabelState::Absent));
        held << library::HeldoutScore {c.at(22), QStringLiteral("piano"), 0.60f, 2};
        // Unknown labels with contradicting-looking held-out scores: never errors.
        for (int i = 0; i < 24; ++i)
            held << library::HeldoutScore {c.at(i), QStringLiteral("violin"), i % 2 ? 0.99f : 0.01f,
                                           0};
        QVERIFY(f.label(c.at(0), QStringLiteral("violin"), LabelState::Present));
        held << library::HeldoutScore {c.at(23), QStringLiteral("guitar"), 0.99f, 0};

        // Without held-out scores the queue says what to run.
        auto none = ReviewQueue::rank(*f.lib, QueueKind::LabelErrors, {});
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(QStringLiteral("--cross-fit")),
                 qPrintable(none.error().message));

        library::HeldoutRun run;
        run.modelId = model;
        run.folds = 3;
        QVERIFY(f.lib->heldoutPredictions().replace(run, held).ok());
        auto ranked = ReviewQueue::rank(*f.lib, QueueKind::LabelErrors, {});
        QVERIFY2(ranked, qPrintable(ranked.error().message));
        QVERIFY(ranked->size() >= 2);
        QCOMPARE(ranked->at(0).clipId, c.at(20));
        QCOMPARE(ranked->at(0).instrumentKey, QStringLiteral("piano"));
        QCOMPARE(ranked->at(0).currentLabel, LabelState::Absent);
        QCOMPARE(ranked->at(0).score, 0.97f);
        QCOMPARE(ranked->at(1).clipId, c.at(21));
        QCOMPARE(ranked->at(1).currentLabel, LabelState::Present);
        // Thresholds: t+ = mean of the 11 positives' scores, t- = mean of the 12 negatives'.
        double pos = 0.10, neg = 0.97 + 0.60;
        for (int i = 0; i < 10; ++i) {
            pos += 0.70 + 0.02 * i;
            neg += 0.05 + 0.02 * i;
        }
        QVERIFY(std::fabs(ranked->at(0).threshold - pos / 11) < 1e-5);
        QVERIFY(std::fabs(ranked->at(1).threshold - neg / 12) < 1e-5);
        for (const ReviewEntry &e : *ranked) {
            QVERIFY(e.currentLabel != LabelState::Unknown);
            QVERIFY(e.instrumentKey != QStringLiteral("guitar"));
            // Violin has one observed label (present) and no negatives: nothing to flag with.
            QVERIFY(e.instrumentKey != QStringLiteral("violin"));
        }
        // The only other candidates are genuine: a present label at or below t-, or an absent
        // one at or above t+. Clip 22 (absent, 0.60 < t+) is not among them.
        QVERIFY(!clipsOf(*ranked).contains(c.at(22)));
        QCOMPARE(ranked->size(), 2);
    }

    void errorsRankByHowUnusualAScoreIsForItsLabel()
    {
        // An instrument the model often misses: of 20 present labels, 8 score 0.01-0.08 (the
        // model's misses, common among positives), the others 0.60-0.82. 40 absent labels score
        // 0.00-0.20, and one more (the planted missing instrument) 0.90. Self-confidence would
        // list the eight misses first (1 - s >= 0.92 > 0.90); how unusual each score is among
        // its own label's scores puts the absent 0.90 (the highest of 41 absents) first.
        Fixture f;
        QCOMPARE(f.make(distinctAlbums(61)), QString());
        const qint64 model = f.addModel(QStringLiteral("m"), 0, true);
        const QList<qint64> &c = f.clipIds;
        const QString piano = QStringLiteral("piano");
        QList<library::HeldoutScore> held;
        for (int i = 0; i < 20; ++i) {
            QVERIFY(f.label(c.at(i), piano, LabelState::Present));
            const float s = i < 8 ? 0.01f * float(i + 1) : 0.60f + 0.02f * float(i - 8);
            held << library::HeldoutScore {c.at(i), piano, s, i % 3};
        }
        for (int i = 20; i < 60; ++i) {
            QVERIFY(f.label(c.at(i), piano, LabelState::Absent));
            held << library::HeldoutScore {c.at(i), piano, 0.005f * float(i - 20), i % 3};
        }
        QVERIFY(f.label(c.at(60), piano, LabelState::Absent));
        held << library::HeldoutScore {c.at(60), piano, 0.90f, 0};
        library::HeldoutRun run;
        run.modelId = model;
        run.folds = 3;
        QVERIFY(f.lib->heldoutPredictions().replace(run, held).ok());
        auto ranked = ReviewQueue::rank(*f.lib, QueueKind::LabelErrors, {});
        QVERIFY2(ranked, qPrintable(ranked.error().message));
        QVERIFY(!ranked->isEmpty());
        QCOMPARE(ranked->at(0).clipId, c.at(60));
        QCOMPARE(ranked->at(0).currentLabel, LabelState::Absent);
        QVERIFY(std::fabs(ranked->at(0).priority - (1.0 - 1.0 / 41)) < 1e-9);
        // The misses below t- follow, the lowest first: 0.01 is the lowest of 20 positives.
        QCOMPARE(ranked->at(1).clipId, c.at(0));
        QVERIFY(std::fabs(ranked->at(1).priority - (1.0 - 1.0 / 20)) < 1e-9);
        for (int i = 2; i < ranked->size(); ++i) {
            QCOMPARE(ranked->at(i).currentLabel, LabelState::Present);
            QVERIFY(ranked->at(i).priority <= ranked->at(i - 1).priority);
        }
    }

    void disagreementOrdersByAbsoluteDifference()
    {
        Fixture f;
        QStringList albums;
        for (int t = 0; t < 5; ++t)
            albums << QString();
        QCOMPARE(f.make(albums), QString());
        const qint64 parent = f.addModel(QStringLiteral("parent"));
        const qint64 child = f.addModel(QStringLiteral("child"), parent, true);
        const QList<qint64> &c = f.clipIds;
        const QList<float> a {0.10f, 0.90f, 0.50f, 0.30f, 0.70f};
        const QList<float> b {0.12f, 0.20f, 0.45f, 0.90f, 0.70f};
        // piano differences 0.02, 0.70, 0.05, 0.60, 0.00; violin adds 0.30 on clip 4 only.
        QList<library::PredictionScore> ra, rb;
        for (int i = 0; i < 5; ++i) {
            ra << library::PredictionScore {c.at(i), QStringLiteral("piano"), a.at(i)};
            rb << library::PredictionScore {c.at(i), QStringLiteral("piano"), b.at(i)};
            ra << library::PredictionScore {c.at(i), QStringLiteral("violin"), 0.5f};
            rb << library::PredictionScore {c.at(i), QStringLiteral("violin"),
                                            i == 4 ? 0.8f : 0.5f};
        }
        QVERIFY(f.lib->predictions().write(child, ra).ok());
        QVERIFY(f.lib->predictions().write(parent, rb).ok());
        QVERIFY(f.label(c.at(1), QStringLiteral("piano"), LabelState::Present));

        auto ranked = ReviewQueue::rank(*f.lib, QueueKind::Disagreement, {}); // active vs parent
        QVERIFY2(ranked, qPrintable(ranked.error().message));
        QCOMPARE(clipsOf(*ranked), (QList<qint64> {c.at(1), c.at(3), c.at(4), c.at(2), c.at(0)}));
        QCOMPARE(ranked->at(0).instrumentKey, QStringLiteral("piano"));
        QCOMPARE(ranked->at(0).score, 0.90f);
        QCOMPARE(ranked->at(0).otherScore, 0.20f);
        QCOMPARE(ranked->at(0).currentLabel, LabelState::Present);
        QVERIFY(std::fabs(ranked->at(0).priority - 0.70) < 1e-6);
        QCOMPARE(ranked->at(2).instrumentKey, QStringLiteral("violin"));

        // Named the other way round: the same order, the scores swapped.
        QueueOptions swapped;
        swapped.modelId = parent;
        swapped.otherModelId = child;
        auto back = ReviewQueue::rank(*f.lib, QueueKind::Disagreement, swapped);
        QVERIFY(back);
        QCOMPARE(clipsOf(*back), clipsOf(*ranked));
        QCOMPARE(back->at(0).score, 0.20f);

        // A model without a parent, or twice the same model: a clear error.
        QueueOptions orphan;
        orphan.modelId = parent;
        auto noParent = ReviewQueue::rank(*f.lib, QueueKind::Disagreement, orphan);
        QVERIFY(!noParent);
        QVERIFY(noParent.error().message.contains(QStringLiteral("no parent")));
        QueueOptions same;
        same.modelId = child;
        same.otherModelId = child;
        QVERIFY(!ReviewQueue::rank(*f.lib, QueueKind::Disagreement, same));
    }

    void unlabelledListsOnlyClipsWithoutLabels()
    {
        Fixture f;
        QStringList albums;
        for (int t = 0; t < 6; ++t)
            albums << QString();
        QCOMPARE(f.make(albums), QString());
        const qint64 model = f.addModel(QStringLiteral("m"), 0, true);
        const QList<qint64> &c = f.clipIds;
        QVERIFY(f.label(c.at(1), QStringLiteral("piano"), LabelState::Absent));
        QVERIFY(f.label(c.at(4), QStringLiteral("drums"), LabelState::Present));

        // Library order needs no scores.
        auto plain = ReviewQueue::rank(*f.lib, QueueKind::Unlabelled, {});
        QVERIFY2(plain, qPrintable(plain.error().message));
        QCOMPARE(clipsOf(*plain), (QList<qint64> {c.at(0), c.at(2), c.at(3), c.at(5)}));
        for (const ReviewEntry &e : *plain)
            QCOMPARE(e.currentLabel, LabelState::Unknown);

        QueueOptions byScore;
        byScore.unlabelledOrder = UnlabelledOrder::Score;
        QVERIFY(!ReviewQueue::rank(*f.lib, QueueKind::Unlabelled, byScore)); // no scores yet
        QList<library::PredictionScore> rows;
        const QList<float> s {0.2f, 0.99f, 0.7f, 0.1f, 0.95f, 0.4f};
        for (int i = 0; i < 6; ++i)
            rows << library::PredictionScore {c.at(i), QStringLiteral("piano"), s.at(i)};
        QVERIFY(f.lib->predictions().write(model, rows).ok());
        auto scored = ReviewQueue::rank(*f.lib, QueueKind::Unlabelled, byScore);
        QVERIFY(scored);
        QCOMPARE(clipsOf(*scored), (QList<qint64> {c.at(2), c.at(5), c.at(0), c.at(3)}));
        QueueOptions byUncertainty;
        byUncertainty.unlabelledOrder = UnlabelledOrder::Uncertainty;
        auto unsure = ReviewQueue::rank(*f.lib, QueueKind::Unlabelled, byUncertainty);
        QVERIFY(unsure);
        QCOMPARE(clipsOf(*unsure), (QList<qint64> {c.at(5), c.at(2), c.at(0), c.at(3)}));
    }

    void missingModelsAndScoresAreNamed()
    {
        Fixture f;
        QCOMPARE(f.make({QString(), QString()}), QString());
        auto noActive = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, {});
        QVERIFY(!noActive);
        QVERIFY(noActive.error().message.contains(QStringLiteral("no active model")));
        QueueOptions unknown;
        unknown.modelId = 4242;
        auto missing = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, unknown);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("4242")));
        f.addModel(QStringLiteral("m"), 0, true);
        auto noScores = ReviewQueue::rank(*f.lib, QueueKind::Uncertain, {});
        QVERIFY(!noScores);
        QVERIFY2(noScores.error().message.contains(QStringLiteral("timbre predict")),
                 qPrintable(noScores.error().message));
        QueueOptions negative;
        negative.limit = -1;
        QVERIFY(!ReviewQueue::rank(*f.lib, QueueKind::Unlabelled, negative));
    }
};

QTEST_GUILESS_MAIN(ReviewQueueTest)
#include "ReviewQueue_test.moc"
