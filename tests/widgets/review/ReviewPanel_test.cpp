// SPDX-License-Identifier: GPL-3.0-or-later
// The review panel on a generated library, offscreen: it shows exactly core/review's ranking of
// the chosen queue (the least certain clip first), hands the ranked clips to the label editor
// so that Q walks them in that order, says why a queue cannot be ranked (the errors queue
// before any cross-fit), and ranks again when the active model changes.
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/review/ReviewQueue.h"
#include "support/PlantedLibrary.h"
#include "widgets/labels/LabelEditor.h"
#include "widgets/review/ReviewPanel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>
#include <memory>

using namespace timbre;
using widgets::ReviewPanel;

namespace {

// Scores of instrument 0 from 0.02 upwards; `uncertainClip` (an index) is set to 0.5, the
// model's least certain score. Other instruments are confident (0.01).
bool writeScores(library::Library &lib, qint64 model, const testing::PlantedLibrary &planted,
                 int uncertainClip)
{
    QList<library::PredictionScore> rows;
    for (int i = 0; i < planted.clipIds.size(); ++i) {
        for (int k = 0; k < planted.instrumentKeys.size(); ++k) {
            float score = 0.01f;
            if (k == 0)
                score = i == uncertainClip ? 0.5f : 0.02f + 0.03f * float(i);
            rows.append({planted.clipIds.at(i), planted.instrumentKeys.at(k), score});
        }
    }
    return !lib.predictions().write(model, rows).isError();
}

qint64 addActiveModel(library::Library &lib, const QString &name)
{
    library::ModelRecord model;
    model.name = name;
    model.kind = QStringLiteral("mt-att");
    auto id = lib.models().add(model);
    if (!id || lib.models().activate(*id).isError())
        return 0;
    return *id;
}

} // namespace

class ReviewPanelTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY(lib.ok());
        m_lib = std::shared_ptr<library::Library>(lib.take());
        testing::PlantedLibraryOptions o;
        o.tracks = 12;
        o.instancesPerTrack = 2;
        o.labelledFraction = 0.0;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));
        const qint64 model = addActiveModel(*m_lib, QStringLiteral("first"));
        QVERIFY(model > 0);
        QVERIFY(writeScores(*m_lib, model, m_planted, 7));
    }

    void showsTheRankingAndQWalksIt()
    {
        library::LibrarySession session;
        ReviewPanel panel;
        widgets::LabelEditor editor;
        QObject::connect(&panel, &ReviewPanel::queueReady, &editor,
                         &widgets::LabelEditor::setQueue);
        QSignalSpy ready(&panel, &ReviewPanel::queueReady);
        editor.setSession(&session);
        panel.setSession(&session);
        session.setLibrary(m_lib);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1 && !panel.entries().isEmpty(), 10000);
        QCOMPARE(panel.kind(), review::QueueKind::Uncertain);

        review::QueueOptions options;
        options.limit = ReviewPanel::kLimit;
        options.includeTestClips = false;
        auto expected = review::ReviewQueue::rank(*m_lib, review::QueueKind::Uncertain, options);
        QVERIFY(expected.ok());
        QCOMPARE(panel.entries().size(), expected->size());
        QCOMPARE(panel.list()->topLevelItemCount(), int(expected->size()));
        for (int i = 0; i < expected->size(); ++i)
            QCOMPARE(panel.entries().at(i).clipId, expected->at(i).clipId);
        // The planted 0.5 is the least certain: first, on its instrument.
        QCOMPARE(panel.entries().first().clipId, m_planted.clipIds.at(7));
        QCOMPARE(panel.entries().first().instrumentKey, m_planted.instrumentKeys.at(0));

        // Q in the editor walks the panel's order.
        QSignalSpy chosen(&editor, &widgets::LabelEditor::queueClipChosen);
        editor.show();
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toLongLong(), panel.entries().at(0).clipId);
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(chosen.at(1).at(0).toLongLong(), panel.entries().at(1).clipId);
        panel.showCurrent(panel.entries().at(1).clipId);
        QCOMPARE(panel.list()->indexOfTopLevelItem(panel.list()->currentItem()), 1);

        // Double-click / Enter on an entry asks for that clip on its instrument.
        QSignalSpy activated(&panel, &ReviewPanel::entryActivated);
        Q_EMIT panel.list()->itemActivated(panel.list()->topLevelItem(2), 0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), panel.entries().at(2).clipId);

        // A clip picked in the list: Q goes on after it, even when the browser showed another
        // clip meanwhile.
        editor.showQueueClip(panel.entries().at(2).clipId, QString());
        editor.setClips({panel.entries().at(0).clipId});
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 3);
        QCOMPARE(chosen.at(2).at(0).toLongLong(), panel.entries().at(3).clipId);

        // A new queue is walked from its top, although the clip on screen is in it.
        const QList<qint64> fresh = {panel.entries().at(5).clipId,
                                     panel.entries().at(3).clipId,
                                     panel.entries().at(4).clipId};
        editor.setQueue(fresh);
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 4);
        QCOMPARE(chosen.at(3).at(0).toLongLong(), fresh.at(0));
        QTest::keyClick(&editor, Qt::Key_Q);
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 6);
        QCOMPARE(chosen.at(5).at(0).toLongLong(), fresh.at(2));
        QSignalSpy said(&editor, &widgets::LabelEditor::statusMessage);
        QTest::keyClick(&editor, Qt::Key_Q);
        QCOMPARE(chosen.count(), 6);
        QVERIFY(!said.isEmpty());
    }

    void namesWhatAQueueNeeds()
    {
        library::LibrarySession session;
        ReviewPanel panel;
        panel.setSession(&session);
        session.setLibrary(m_lib);
        QSignalSpy ready(&panel, &ReviewPanel::queueReady);
        panel.setKind(review::QueueKind::LabelErrors);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.kind() == review::QueueKind::LabelErrors
                                         && !panel.statusText().contains(QStringLiteral("…")),
                                 10000);
        QVERIFY(panel.entries().isEmpty());
        // Not "nothing to review": it says what is missing (held-out scores of a cross-fit).
        QVERIFY2(panel.statusText().contains(QStringLiteral("cross"), Qt::CaseInsensitive),
                 qPrintable(panel.statusText()));
    }

    void ranksAgainWhenTheActiveModelChanges()
    {
        library::LibrarySession session;
        ReviewPanel panel;
        panel.setSession(&session);
        session.setLibrary(m_lib);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.entries().isEmpty(), 10000);
        QCOMPARE(panel.entries().first().clipId, m_planted.clipIds.at(7));
        // Another process activates a version whose least certain clip is another one.
        auto other = library::Library::open(m_lib->folder(),
                                            library::Library::OpenMode::ExistingOnly);
        QVERIFY(other.ok());
        const qint64 second = addActiveModel(**other, QStringLiteral("second"));
        QVERIFY(second > 0);
        QVERIFY(writeScores(**other, second, m_planted, 3));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.entries().isEmpty()
                                         && panel.entries().first().clipId
                                                 == m_planted.clipIds.at(3),
                                 10000);
    }
};

QTEST_MAIN(ReviewPanelTest)
#include "ReviewPanel_test.moc"
