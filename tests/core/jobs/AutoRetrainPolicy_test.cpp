// SPDX-License-Identifier: GPL-3.0-or-later
// The auto-retrain policy with short quiet periods (tens of milliseconds on the real timer):
// retrainDue comes once N edits have accumulated and only after the quiet period since the
// last edit; a burst of edits gives one signal, not one per edit; nothing comes while a train
// job is queued or running, and the edits made during a run count toward the next one, due
// when the run ends; an import ("all") reaches the threshold at once; disabled, nothing is
// counted; the defaults are those of docs/ARCHITECTURE.md §5, step 4 (off, 20 edits, 10 s).
#include "core/jobs/AutoRetrainPolicy.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using timbre::jobs::AutoRetrainPolicy;

namespace {

QList<qint64> clips(int n, qint64 first = 1)
{
    QList<qint64> out;
    for (int i = 0; i < n; ++i)
        out << first + i;
    return out;
}

} // namespace

class AutoRetrainPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        AutoRetrainPolicy policy;
        QVERIFY(!policy.isEnabled());
        QCOMPARE(policy.threshold(), 20);
        QCOMPARE(policy.quietPeriodMs(), 10000);
        // Off: edits are not counted and nothing is due.
        QSignalSpy due(&policy, &AutoRetrainPolicy::retrainDue);
        policy.onLabelsChanged(clips(50), false);
        QCOMPARE(policy.pendingEdits(), 0);
        QVERIFY(!policy.isWaiting());
        // Switching on later does not fire on the edits made while it was off.
        policy.setQuietPeriodMs(10);
        policy.setEnabled(true);
        QTest::qWait(60);
        QCOMPARE(due.count(), 0);
    }

    void firesAfterThresholdAndQuietPeriod()
    {
        AutoRetrainPolicy policy;
        policy.setEnabled(true);
        policy.setThreshold(5);
        policy.setQuietPeriodMs(80);
        QSignalSpy due(&policy, &AutoRetrainPolicy::retrainDue);
        QSignalSpy pending(&policy, &AutoRetrainPolicy::pendingEditsChanged);

        policy.onLabelsChanged(clips(2), false);
        QCOMPARE(policy.pendingEdits(), 2);
        QVERIFY(!policy.isWaiting()); // below the threshold: nothing scheduled
        QTest::qWait(150);
        QCOMPARE(due.count(), 0);

        QElapsedTimer sinceLastEdit;
        policy.onLabelsChanged(clips(3, 10), false);
        sinceLastEdit.start();
        QCOMPARE(policy.pendingEdits(), 5);
        QVERIFY(policy.isWaiting());
        QVERIFY(due.wait(2000));
        QVERIFY2(sinceLastEdit.elapsed() >= 80, qPrintable(QString::number(sinceLastEdit.elapsed())));
        QCOMPARE(due.count(), 1);
        QCOMPARE(pending.count(), 2);
        QCOMPARE(pending.last().first().toInt(), 5);

        // Nobody started a run: the edits stay counted, and nothing fires again on its own...
        QTest::qWait(200);
        QCOMPARE(due.count(), 1);
        QCOMPARE(policy.pendingEdits(), 5);
        // ... until the next edit and its quiet period.
        policy.noteEdits(1);
        QVERIFY(due.wait(2000));
        QCOMPARE(due.count(), 2);
    }

    void burstIsCoalesced()
    {
        AutoRetrainPolicy policy;
        policy.setEnabled(true);
        policy.setThreshold(3);
        policy.setQuietPeriodMs(120);
        QSignalSpy due(&policy, &AutoRetrainPolicy::retrainDue);
        QElapsedTimer sinceLastEdit;
        // Ten edits 30 ms apart: the threshold is passed at the third, but the user is still
        // labelling: each edit restarts the quiet period.
        for (int i = 0; i < 10; ++i) {
            policy.onLabelsChanged({qint64(i)}, false);
            sinceLastEdit.start();
            QTest::qWait(30);
            QCOMPARE(due.count(), 0);
        }
        QCOMPARE(policy.pendingEdits(), 10);
        QVERIFY(due.wait(2000));
        QVERIFY(sinceLastEdit.elapsed() >= 120);
        QTest::qWait(200);
        QCOMPARE(due.count(), 1); // one retrain for the whole burst
    }

    void neverWhileTrainingAndEditsDuringARunCountForTheNext()
    {
        AutoRetrainPolicy policy;
        policy.setEnabled(true);
        policy.setThreshold(4);
        policy.setQuietPeriodMs(40);
        QSignalSpy due(&policy, &AutoRetrainPolicy::retrainDue);
        // The window starts a run when told to, and says so at once.
        connect(&policy, &AutoRetrainPolicy::retrainDue, &policy,
                [&policy] { policy.setTrainingRunning(true); });

        policy.onLabelsChanged(clips(4), false);
        QVERIFY(due.wait(2000));
        QCOMPARE(due.count(), 1);
        QVERIFY(policy.isTrainingRunning());
        QCOMPARE(policy.pendingEdits(), 0); // the run trains on them

        // Labelling goes on during the run: counted, but no second run overlaps the first.
        policy.onLabelsChanged(clips(3, 100), false);
        policy.onLabelsChanged(clips(3, 200), false);
        QCOMPARE(policy.pendingEdits(), 6);
        QVERIFY(!policy.isWaiting());
        QTest::qWait(200);
        QCOMPARE(due.count(), 1);

        // The run ends: the edits made meanwhile are due for the next one (their quiet period
        // has long passed).
        policy.setTrainingRunning(false);
        QVERIFY(due.wait(2000));
        QCOMPARE(due.count(), 2);
        QCOMPARE(policy.pendingEdits(), 0); // consumed by the second run

        // A manual retrain started by the user while edits are pending consumes them too.
        policy.setTrainingRunning(false);
        policy.onLabelsChanged(clips(4, 300), false);
        QVERIFY(policy.isWaiting());
        policy.setTrainingRunning(true);
        QVERIFY(!policy.isWaiting());
        QCOMPARE(policy.pendingEdits(), 0);
        QTest::qWait(150);
        QCOMPARE(due.count(), 2);

        // A run that ends before the quiet period after the last edit waits for the rest of it.
        policy.onLabelsChanged(clips(5, 400), false);
        QElapsedTimer sinceLastEdit;
        sinceLastEdit.start();
        disconnect(&policy, &AutoRetrainPolicy::retrainDue, &policy, nullptr);
        policy.setTrainingRunning(false);
        QVERIFY(due.wait(2000));
        QVERIFY(sinceLastEdit.elapsed() >= 40);
        QCOMPARE(due.count(), 3);
    }

    void importReachesThresholdAndResetForgets()
    {
        AutoRetrainPolicy policy;
        policy.setEnabled(true);
        policy.setThreshold(20);
        policy.setQuietPeriodMs(30);
        QSignalSpy due(&policy, &AutoRetrainPolicy::retrainDue);
        policy.onLabelsChanged({}, true); // an import: too many clips to list
        QCOMPARE(policy.pendingEdits(), 20);
        QVERIFY(due.wait(2000));

        // Another library: nothing carries over, and a pending trigger is dropped.
        policy.onLabelsChanged(clips(25), false);
        QVERIFY(policy.isWaiting());
        policy.reset();
        QCOMPARE(policy.pendingEdits(), 0);
        QVERIFY(!policy.isWaiting());
        QTest::qWait(100);
        QCOMPARE(due.count(), 1);

        // Raising the threshold above what is pending cancels a scheduled trigger; lowering
        // it below schedules one.
        policy.onLabelsChanged(clips(10), false);
        QVERIFY(!policy.isWaiting());
        policy.setThreshold(8);
        QVERIFY(policy.isWaiting());
        policy.setThreshold(50);
        QVERIFY(!policy.isWaiting());
        QTest::qWait(100);
        QCOMPARE(due.count(), 1);
        // Switching off forgets the count.
        policy.setEnabled(false);
        QCOMPARE(policy.pendingEdits(), 0);
    }
};

QTEST_GUILESS_MAIN(AutoRetrainPolicyTest)
#include "AutoRetrainPolicy_test.moc"
