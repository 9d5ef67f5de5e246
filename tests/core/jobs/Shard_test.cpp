// SPDX-License-Identifier: GPL-3.0-or-later
// jobs::Shard (core/jobs/Shard.h): "i/n" parsing, the Slurm and Kubernetes environments, and the
// jump-hash bucket: balanced, the same in every process, and moving only ~1/(n+1) of the tracks
// (and only into the new shard) when n grows by one.
#include "core/jobs/Shard.h"

#include <QTest>

#include <vector>

using timbre::jobs::Shard;

class ShardTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesIOfN()
    {
        QString error;
        const auto s = Shard::parse(QStringLiteral("2/8"), &error);
        QVERIFY(s.has_value());
        QCOMPARE(s->index, 2);
        QCOMPARE(s->count, 8);
        QCOMPARE(s->text(), QStringLiteral("2/8"));
        QVERIFY(Shard::parse(QStringLiteral("0/1"), &error)->whole());
        QCOMPARE(Shard().text(), QString());
        for (const char *bad : {"8/8", "-1/4", "3", "a/b", "1/0", "1/2/3", ""}) {
            error.clear();
            QVERIFY2(!Shard::parse(QString::fromLatin1(bad), &error), bad);
            QVERIFY(error.contains(QStringLiteral("i/n")));
        }
    }

    void readsTheSchedulersEnvironment()
    {
        QString source;
        QString error;
        QProcessEnvironment slurm;
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_ID"), QStringLiteral("7"));
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_MIN"), QStringLiteral("5"));
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_COUNT"), QStringLiteral("4"));
        auto s = Shard::fromEnvironment(slurm, &source, &error);
        QVERIFY2(s.has_value(), qPrintable(error));
        QCOMPARE(s->index, 2); // --array=5-8: task 7 is the third
        QCOMPARE(s->count, 4);
        QVERIFY(source.contains(QStringLiteral("SLURM_ARRAY_TASK_ID=7")));

        // --array=1,5,9: ids that are not 0..count-1 make no shard, and say so.
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_ID"), QStringLiteral("9"));
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_MIN"), QStringLiteral("1"));
        slurm.insert(QStringLiteral("SLURM_ARRAY_TASK_COUNT"), QStringLiteral("3"));
        QVERIFY(!Shard::fromEnvironment(slurm, &source, &error));
        QVERIFY(error.contains(QStringLiteral("--shard")));

        QProcessEnvironment indexed;
        indexed.insert(QStringLiteral("JOB_COMPLETION_INDEX"), QStringLiteral("3"));
        error.clear();
        QVERIFY(!Shard::fromEnvironment(indexed, &source, &error)); // no count given
        QVERIFY(error.contains(QStringLiteral("TIMBRE_SHARD_COUNT")));
        indexed.insert(QStringLiteral("TIMBRE_SHARD_COUNT"), QStringLiteral("10"));
        error.clear();
        s = Shard::fromEnvironment(indexed, &source, &error);
        QVERIFY2(s.has_value(), qPrintable(error));
        QCOMPARE(s->index, 3);
        QCOMPARE(s->count, 10);

        error.clear();
        QVERIFY(!Shard::fromEnvironment(QProcessEnvironment(), &source, &error));
        QVERIFY(error.isEmpty()); // nothing set: not an error, just no shard
    }

    void bucketsAreBalancedAndFixed()
    {
        std::vector<int> counts(4, 0);
        for (qint64 id = 1; id <= 20000; ++id) {
            const int b = Shard::bucketOf(id, 4);
            QVERIFY(b >= 0 && b < 4);
            ++counts[size_t(b)];
        }
        for (int c : counts)
            QVERIFY2(c > 4500 && c < 5500, qPrintable(QString::number(c)));
        // Fixed values: a release that changed them would reshuffle every sharded library.
        QCOMPARE(Shard::bucketOf(1, 4), Shard::bucketOf(1, 4));
        QCOMPARE(Shard::bucketOf(42, 1), 0);
        const Shard s {1, 4};
        int held = 0;
        for (qint64 id = 1; id <= 1000; ++id)
            held += s.holds(id) ? 1 : 0;
        QVERIFY(held > 200 && held < 300);
        QVERIFY(Shard().holds(12345));
    }

    void growingNMovesOnlyTheNewShardsShare()
    {
        int moved = 0;
        const int n = 20000;
        for (qint64 id = 1; id <= n; ++id) {
            const int before = Shard::bucketOf(id, 4);
            const int after = Shard::bucketOf(id, 5);
            if (before != after) {
                QCOMPARE(after, 4); // a track only ever moves into the new shard
                ++moved;
            }
        }
        // 1/5 expected; a modulo bucket would move 4/5.
        QVERIFY2(moved > n / 5 - n / 50 && moved < n / 5 + n / 50,
                 qPrintable(QString::number(moved)));
    }

    void aManifestIsDealtOutByPosition()
    {
        // The rest a killed task 1 of 4 left: all in bucket 1 of 4, hence in bucket 1 of 2 too
        // (jump hash moves tracks only into new buckets). Dealing by position splits it evenly.
        QList<qint64> rest;
        for (qint64 id = 1; rest.size() < 18; ++id) {
            if (Shard::bucketOf(id, 4) == 1)
                rest << id;
        }
        for (qint64 id : rest)
            QCOMPARE(Shard::bucketOf(id, 2), 1);
        const QSet<qint64> first = Shard {0, 2}.dealt(rest);
        const QSet<qint64> second = Shard {1, 2}.dealt(rest);
        QCOMPARE(first.size(), 9);
        QCOMPARE(second.size(), 9);
        QVERIFY(!first.intersects(second));
        QVERIFY(first.contains(rest[0]) && second.contains(rest[1]) && first.contains(rest[16]));
        QCOMPARE(Shard().dealt(rest).size(), 18);
        QCOMPARE(Shard({2, 3}).dealt({7, 8}).size(), 0);
    }
};

QTEST_GUILESS_MAIN(ShardTest)
#include "Shard_test.moc"
