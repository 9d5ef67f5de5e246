// SPDX-License-Identifier: GPL-3.0-or-later
// The training panel fed with per-epoch records (contract 1): every curve has one point per
// epoch record with the record's value, NaN (or JSON's null) is a gap between two lines, not
// a zero; a mid-epoch record moves a provisional point that the epoch's record replaces; the
// per-instrument table shows the latest epoch; a job attached late replays its records and
// then follows live; Cancel cancels the job and the panel says what was kept (or that nothing
// was); a finished run names the new version, its test metrics beside its parent's (read from
// the library off the GUI thread) and why it became active or not; showHistory draws stored
// curves. The layout is tabs in a narrow dock and side by side in a wide one.
//
// With TIMBRE_SCREENSHOT_DIR set, screenshots() writes the panel mid-run at 700x500 and
// 1600x1000 in English and German there (for looking at, not checked).
#include "app/gui/Translations.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobWorker.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "widgets/training/GappedLineSeries.h"
#include "widgets/training/InstrumentMetricsModel.h"
#include "widgets/training/TrainingCharts.h"
#include "widgets/training/TrainingPanel.h"

#include "core/jobs/JobThreads.h"
#include <QApplication>
#include <QChart>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QValueAxis>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

using namespace timbre;
using widgets::InstrumentMetricsModel;
using widgets::TrainingPanel;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const QStringList kInstruments = {QStringLiteral("violin"), QStringLiteral("piano"),
                                  QStringLiteral("voice")};

QVariantMap instrument(const QString &key, double base, int positives, bool aurocDefined = true)
{
    return {{QStringLiteral("instrument"), key},
            {QStringLiteral("precision"), base},
            {QStringLiteral("recall"), base - 0.05},
            {QStringLiteral("f1"), base - 0.02},
            {QStringLiteral("auroc"), aurocDefined ? base + 0.05 : kNaN},
            {QStringLiteral("ap"), base - 0.1},
            {QStringLiteral("positives"), positives}};
}

// A Mean Teacher epoch as TrainJob reports it; epoch 3 is not validated (NaN).
QVariantMap epochRecord(int epoch, int epochs = 5)
{
    const double e = epoch;
    const bool validated = epoch != 3;
    QVariantList per;
    for (int i = 0; i < kInstruments.size(); ++i)
        per << instrument(kInstruments.at(i), 0.6 + 0.05 * e + 0.01 * i, 10 + i,
                          /*aurocDefined=*/i != 2);
    return {{QStringLiteral("type"), QStringLiteral("epoch")},
            {QStringLiteral("epoch"), epoch},
            {QStringLiteral("epochs"), epochs},
            {QStringLiteral("partial"), false},
            {QStringLiteral("seconds"), 2.5 * e},
            {QStringLiteral("losses"),
             QVariantMap {{QStringLiteral("bce"), 0.7 / e},
                          {QStringLiteral("consistency"), 0.01 * e},
                          {QStringLiteral("total"), 0.7 / e + 0.01 * e * 3.0 * e / epochs}}},
            {QStringLiteral("consistencyWeight"), 3.0 * e / epochs},
            {QStringLiteral("learningRate"), 1e-3 / e},
            {QStringLiteral("validated"), validated},
            {QStringLiteral("validationLoss"), validated ? 0.8 / e : kNaN},
            {QStringLiteral("improved"), validated && epoch != 4},
            {QStringLiteral("heldout"),
             QVariantMap {{QStringLiteral("set"), QStringLiteral("test")},
                          {QStringLiteral("clips"), 120},
                          {QStringLiteral("precision"), 0.7},
                          {QStringLiteral("recall"), 0.65},
                          {QStringLiteral("f1"), 0.6 + 0.05 * e},
                          {QStringLiteral("auroc"), 0.7 + 0.04 * e},
                          {QStringLiteral("map"), 0.5}}},
            {QStringLiteral("perInstrument"), per}};
}

QList<double> ys(const QList<QPointF> &points)
{
    QList<double> out;
    for (const QPointF &p : points)
        out << p.y();
    return out;
}

QList<double> xs(const QList<QPointF> &points)
{
    QList<double> out;
    for (const QPointF &p : points)
        out << p.x();
    return out;
}

QList<double> expected(const QList<QVariantMap> &records, double (*f)(const QVariantMap &))
{
    QList<double> out;
    for (const QVariantMap &r : records)
        out << f(r);
    return out;
}

double bceOf(const QVariantMap &r)
{
    return r.value(QStringLiteral("losses")).toMap().value(QStringLiteral("bce")).toDouble();
}

// A train job played from a script: reports its records one at a time as the test releases
// them, then either ends with `result` or waits to be cancelled and ends with `partial`.
class ScriptedTrainWorker : public jobs::JobWorker
{
public:
    ScriptedTrainWorker(QList<QVariantMap> records, std::shared_ptr<std::atomic<int>> released,
                        bool waitForCancel, QVariantMap result)
        : m_records(std::move(records)), m_released(std::move(released)),
          m_waitForCancel(waitForCancel), m_result(std::move(result))
    {
    }
    QString kind() const override { return QStringLiteral("train"); }
    QString title() const override { return QStringLiteral("Retrain mt from the active model"); }
    QVariantMap parameters() const override
    {
        return {{QStringLiteral("kind"), QStringLiteral("mt")},
                {QStringLiteral("warmStart"), QStringLiteral("active")}};
    }
    jobs::JobOutcome run(jobs::JobContext &context) override
    {
        jobs::JobProgress progress;
        progress.stage = QStringLiteral("epoch");
        progress.total = 5;
        for (int i = 0; i < m_records.size(); ++i) {
            while (m_released->load() <= i) {
                if (!context.checkpoint())
                    return jobs::JobOutcome::cancelled(m_result);
                QThread::msleep(2);
            }
            progress.done = i + 1;
            context.reportProgress(progress);
            context.reportRecord(m_records.at(i));
        }
        while (m_waitForCancel) {
            if (!context.checkpoint())
                return jobs::JobOutcome::cancelled(m_result);
            QThread::msleep(2);
        }
        return jobs::JobOutcome::success(m_result);
    }

private:
    QList<QVariantMap> m_records;
    std::shared_ptr<std::atomic<int>> m_released;
    bool m_waitForCancel;
    QVariantMap m_result;
};

QList<QVariantMap> fiveEpochs()
{
    QList<QVariantMap> out;
    for (int e = 1; e <= 5; ++e)
        out << epochRecord(e);
    return out;
}

} // namespace

class TrainingPanelTest : public QObject
{
    Q_OBJECT
private:
    timbre::jobs::JobThreads m_jobThreads;

private Q_SLOTS:
    // English plural forms ("%n epoch(s)") come from the English translator, as in the app.
    void initTestCase() { QVERIFY(gui::installTranslators(QStringLiteral("en"))); }

    void recordsBecomeCurvesWithGaps()
    {
        TrainingPanel panel;
        const QList<QVariantMap> records = fiveEpochs();
        for (const QVariantMap &r : records)
            panel.addRecord(r);
        const widgets::TrainingCharts *c = panel.charts();

        // (a) losses and the ramp weight: one point per epoch, the record's values.
        QCOMPARE(xs(c->supervisedLoss()->points()), (QList<double> {1, 2, 3, 4, 5}));
        QCOMPARE(ys(c->supervisedLoss()->points()), expected(records, bceOf));
        QCOMPARE(ys(c->consistencyLoss()->points()),
                 expected(records, [](const QVariantMap &r) {
                     return r.value(QStringLiteral("losses"))
                             .toMap()
                             .value(QStringLiteral("consistency"))
                             .toDouble();
                 }));
        QCOMPARE(ys(c->rampWeight()->points()), expected(records, [](const QVariantMap &r) {
                     return r.value(QStringLiteral("consistencyWeight")).toDouble();
                 }));
        // The ramp weight has its own (right) axis, sized to it.
        const QList<QAbstractAxis *> weightAxes = c->rampWeight()->segments().first()->attachedAxes();
        QValueAxis *right = nullptr;
        for (QAbstractAxis *a : weightAxes)
            if (a->alignment() == Qt::AlignRight)
                right = qobject_cast<QValueAxis *>(a);
        QVERIFY(right);
        QVERIFY(right->max() >= 3.0);
        QVERIFY(right != c->valueAxis(c->lossChart()));
        // (b) learning rate
        QCOMPARE(ys(c->learningRate()->points()), expected(records, [](const QVariantMap &r) {
                     return r.value(QStringLiteral("learningRate")).toDouble();
                 }));
        // (c) validation loss: epoch 3 has none, so two lines (1-2, 4-5), no point at 3.
        QCOMPARE(c->validationLoss()->segmentCount(), 2);
        QCOMPARE(xs(c->validationLoss()->segments().at(0)->points()), (QList<double> {1, 2}));
        QCOMPARE(xs(c->validationLoss()->segments().at(1)->points()), (QList<double> {4, 5}));
        QCOMPARE(ys(c->validationLoss()->points()),
                 (QList<double> {0.8, 0.8 / 2, 0.8 / 4, 0.8 / 5}));
        // The improved epochs are marked (1, 2, 5: epoch 4 did not improve).
        QCOMPARE(xs(c->improvedEpochs()->points()), (QList<double> {1, 2, 5}));
        // (d) held-out F1 and AUROC, the chart naming its clips.
        QCOMPARE(ys(c->heldoutF1()->points()), expected(records, [](const QVariantMap &r) {
                     return r.value(QStringLiteral("heldout")).toMap().value(QStringLiteral("f1")).toDouble();
                 }));
        QCOMPARE(ys(c->heldoutAuroc()->points()), expected(records, [](const QVariantMap &r) {
                     return r.value(QStringLiteral("heldout"))
                             .toMap()
                             .value(QStringLiteral("auroc"))
                             .toDouble();
                 }));
        QVERIFY(c->heldoutChart()->title().contains(QStringLiteral("120 test clips")));

        // Axes: the epochs as planned, every value inside its chart's range.
        QCOMPARE(c->epochAxis(c->lossChart())->min(), 1.0);
        QCOMPARE(c->epochAxis(c->lossChart())->max(), 5.0);
        for (const QChart *chart :
             {c->lossChart(), c->learningRateChart(), c->validationChart(), c->heldoutChart()}) {
            const QValueAxis *y = c->valueAxis(chart);
            for (QAbstractSeries *s : chart->series()) {
                auto *xy = qobject_cast<QXYSeries *>(s);
                if (!xy || !xy->attachedAxes().contains(const_cast<QValueAxis *>(y)))
                    continue;
                for (const QPointF &p : xy->points())
                    QVERIFY2(p.y() >= y->min() && p.y() <= y->max(),
                             qPrintable(QStringLiteral("%1: %2 outside [%3, %4]")
                                                .arg(chart->title())
                                                .arg(p.y())
                                                .arg(y->min())
                                                .arg(y->max())));
            }
        }
        QVERIFY(c->valueAxis(c->heldoutChart())->max() <= 1.0);

        // The table: the latest epoch (5), its values, NaN as a dash.
        const InstrumentMetricsModel *m = panel.instrumentModel();
        QCOMPARE(m->epoch(), 5);
        QCOMPARE(m->rowCount(), 3);
        const QVariantList latest = records.last().value(QStringLiteral("perInstrument")).toList();
        for (int row = 0; row < 3; ++row) {
            const QVariantMap want = latest.at(row).toMap();
            QCOMPARE(m->instrumentKey(row), want.value(QStringLiteral("instrument")).toString());
            QCOMPARE(m->value(row, InstrumentMetricsModel::F1),
                     want.value(QStringLiteral("f1")).toDouble());
            QCOMPARE(m->value(row, InstrumentMetricsModel::Ap),
                     want.value(QStringLiteral("ap")).toDouble());
            QCOMPARE(m->value(row, InstrumentMetricsModel::Positives),
                     want.value(QStringLiteral("positives")).toDouble());
        }
        QCOMPARE(m->index(0, InstrumentMetricsModel::F1).data().toString(),
                 QLocale().toString(0.6 + 0.25 - 0.02, 'f', 3));
        QVERIFY(std::isnan(m->value(2, InstrumentMetricsModel::Auroc)));
        QCOMPARE(m->index(2, InstrumentMetricsModel::Auroc).data().toString(), QStringLiteral("–"));
        panel.setInstrumentNames({{QStringLiteral("violin"), QStringLiteral("Violin")}});
        QCOMPARE(m->index(0, InstrumentMetricsModel::Instrument).data().toString(),
                 QStringLiteral("Violin"));
        QCOMPARE(m->index(1, InstrumentMetricsModel::Instrument).data().toString(),
                 QStringLiteral("piano"));
        QCOMPARE(panel.instrumentTable()->model()->rowCount(), 3);
        QVERIFY(panel.headerLabel()->text().contains(QStringLiteral("epoch 5 of 5")));
    }

    void partialRecordIsProvisional()
    {
        TrainingPanel panel;
        panel.addRecord(epochRecord(1));
        QVariantMap partial {{QStringLiteral("type"), QStringLiteral("epoch")},
                             {QStringLiteral("epoch"), 2},
                             {QStringLiteral("epochs"), 5},
                             {QStringLiteral("partial"), true},
                             {QStringLiteral("seconds"), 3.0},
                             {QStringLiteral("losses"),
                              QVariantMap {{QStringLiteral("bce"), 0.9},
                                           {QStringLiteral("consistency"), 0.5}}},
                             {QStringLiteral("consistencyWeight"), 1.0},
                             {QStringLiteral("learningRate"), 2e-4}};
        panel.addRecord(partial);
        const widgets::TrainingCharts *c = panel.charts();
        QCOMPARE(ys(c->supervisedLoss()->points()), (QList<double> {0.7, 0.9}));
        partial[QStringLiteral("losses")] = QVariantMap {{QStringLiteral("bce"), 0.8},
                                                         {QStringLiteral("consistency"), 0.4}};
        panel.addRecord(partial); // moves the provisional point
        QCOMPARE(ys(c->supervisedLoss()->points()), (QList<double> {0.7, 0.8}));
        // Mid-epoch records carry no validation or held-out numbers, and leave the table alone.
        QCOMPARE(c->heldoutF1()->points().size(), 1);
        QCOMPARE(c->validationLoss()->points().size(), 1);
        QCOMPARE(panel.instrumentModel()->epoch(), 1);
        panel.addRecord(epochRecord(2)); // the epoch's own record replaces it
        QCOMPARE(ys(c->supervisedLoss()->points()), (QList<double> {0.7, 0.35}));
        QCOMPARE(ys(c->learningRate()->points()), (QList<double> {1e-3, 1e-3 / 2}));
        QCOMPARE(panel.instrumentModel()->epoch(), 2);
    }

    void attachedLateReplaysThenFollowsAndCancelKeeps()
    {
        auto released = std::make_shared<std::atomic<int>>(2);
        const QVariantMap partial {{QStringLiteral("modelId"), 7},
                                   {QStringLiteral("keptEpoch"), 2},
                                   {QStringLiteral("name"), QStringLiteral("mt-20261204-1200")}};
        jobs::Job job(std::make_unique<ScriptedTrainWorker>(fiveEpochs(), released, true, partial));
        job.startAsync(&m_jobThreads);
        QTRY_COMPARE(job.records().size(), 2);

        TrainingPanel panel;
        panel.attachJob(&job);
        QCOMPARE(panel.charts()->supervisedLoss()->points().size(), 2); // replayed
        QVERIFY(panel.cancelButton()->isEnabled());
        QVERIFY(panel.headerLabel()->text().contains(QStringLiteral("Retrain mt from the active model")));
        released->store(3);
        QTRY_COMPARE(panel.charts()->supervisedLoss()->points().size(), 3); // live
        QCOMPARE(panel.charts()->supervisedLoss()->points().last().y(), 0.7 / 3);
        QTRY_VERIFY(panel.headerLabel()->text().contains(QStringLiteral("epoch 3 of 5")));

        QSignalSpy cancelled(&job, &jobs::Job::cancelled);
        panel.cancelButton()->click();
        QVERIFY(job.isCancelRequested());
        QVERIFY(!panel.cancelButton()->isEnabled());
        QVERIFY(cancelled.wait(5000));
        const QString text = panel.outcomeLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("<b>mt-20261204-1200</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("epoch 2 of 5")));
        QVERIFY(text.contains(QStringLiteral("its best on the validation clips")));
        QVERIFY(text.contains(QStringLiteral("not the active version")));
        QVERIFY(!panel.outcomeLabel()->isHidden());
        QVERIFY(panel.cancelButton()->isHidden());
    }

    void cancelledBeforeTheFirstEpochKeepsNothing()
    {
        auto released = std::make_shared<std::atomic<int>>(0);
        jobs::Job job(std::make_unique<ScriptedTrainWorker>(fiveEpochs(), released, true,
                                                            QVariantMap()));
        TrainingPanel panel;
        panel.attachJob(&job);
        job.startAsync(&m_jobThreads);
        QSignalSpy cancelled(&job, &jobs::Job::cancelled);
        panel.cancelButton()->click();
        QVERIFY(cancelled.wait(5000));
        QCOMPARE(panel.outcomeLabel()->text(),
                 QStringLiteral("Cancelled before the first epoch finished: nothing was kept."));
        QCOMPARE(panel.records().size(), 0);

        // Not validated (a warm start): the kept epoch is the last one, and the panel says so.
        auto more = std::make_shared<std::atomic<int>>(1);
        QVariantMap notValidated = epochRecord(1, 10);
        notValidated[QStringLiteral("validated")] = false;
        notValidated[QStringLiteral("validationLoss")] = kNaN;
        jobs::Job warm(std::make_unique<ScriptedTrainWorker>(
                QList<QVariantMap> {notValidated}, more, true,
                QVariantMap {{QStringLiteral("keptEpoch"), 1},
                             {QStringLiteral("name"), QStringLiteral("mt-warm")}}));
        panel.attachJob(&warm);
        QCOMPARE(panel.records().size(), 0); // the earlier job's curves are gone
        warm.startAsync(&m_jobThreads);
        QTRY_COMPARE(panel.records().size(), 1);
        QVERIFY(panel.charts()->validationChart()->title().contains(QStringLiteral("no validation")));
        QSignalSpy warmCancelled(&warm, &jobs::Job::cancelled);
        panel.cancelButton()->click();
        QVERIFY(warmCancelled.wait(5000));
        QVERIFY(panel.outcomeLabel()->text().contains(QStringLiteral("epoch 1 of 10, the last finished epoch")));
    }

    void finishedShowsMetricsBesideTheParentAndWhyActive()
    {
        QTemporaryDir dir;
        auto opened = library::Library::open(dir.path());
        QVERIFY(opened);
        std::shared_ptr<library::Library> lib(opened.take().release());
        library::ModelRecord parent;
        parent.name = QStringLiteral("mt-parent");
        parent.kind = QStringLiteral("mt");
        parent.checkpointFile = QStringLiteral("mt-parent.ckpt");
        parent.metricsJson = QStringLiteral(
                R"({"test":{"overall":{"precision":0.7,"recall":0.6,"f1":0.65,"auroc":0.8,"mAP":null}}})");
        auto parentId = lib->models().add(parent);
        QVERIFY(parentId);
        library::LibrarySession session;
        session.setLibrary(lib);

        const QVariantMap result {{QStringLiteral("modelId"), 9},
                                  {QStringLiteral("name"), QStringLiteral("mt-child")},
                                  {QStringLiteral("kind"), QStringLiteral("mt")},
                                  {QStringLiteral("parentId"), *parentId},
                                  {QStringLiteral("active"), true},
                                  {QStringLiteral("activationReason"),
                                   QStringLiteral("test AUROC 0.850 beats the active version's 0.800")},
                                  {QStringLiteral("epochs"), 5},
                                  {QStringLiteral("seconds"), 75.0},
                                  {QStringLiteral("testBags"), 120},
                                  {QStringLiteral("testAuroc"), 0.85},
                                  {QStringLiteral("testF1"), 0.64},
                                  {QStringLiteral("testPrecision"), 0.7},
                                  {QStringLiteral("testRecall"), 0.61},
                                  {QStringLiteral("testMap"), 0.5}};
        auto released = std::make_shared<std::atomic<int>>(5);
        jobs::Job job(std::make_unique<ScriptedTrainWorker>(fiveEpochs(), released, false, result));
        TrainingPanel panel;
        panel.setSession(&session);
        panel.attachJob(&job);
        job.startAsync(&m_jobThreads);
        QSignalSpy finished(&job, &jobs::Job::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(panel.records().size(), 5);
        QTRY_VERIFY(panel.outcomeLabel()->text().contains(QStringLiteral("mt-parent")));
        const QString text = panel.outcomeLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("<b>mt-child</b>: 5 epochs in 1:15")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("On 120 test clips, beside its parent mt-parent")));
        QVERIFY(text.contains(QStringLiteral("AUROC 0.850 (0.800, +0.050)")));
        QVERIFY(text.contains(QStringLiteral("F1 0.640 (0.650, −0.010)")));
        QVERIFY(text.contains(QStringLiteral("mAP 0.500 (–, –)"))); // the parent's is undefined
        QVERIFY(text.contains(QStringLiteral(
                "It is now the active version: test AUROC 0.850 beats the active version's 0.800")));
        QVERIFY(panel.headerLabel()->text().contains(QStringLiteral("mt-child (mt)")));
        QVERIFY(panel.cancelButton()->isHidden());

        // Not activated, without a session: no parent numbers, the reason still given.
        QVariantMap kept = result;
        kept[QStringLiteral("active")] = false;
        kept[QStringLiteral("activationReason")] = QStringLiteral("test AUROC 0.790 is not above 0.800");
        const QString plain = widgets::TrainingOutcome::finished(kept, widgets::TestMetrics());
        QVERIFY(plain.contains(QStringLiteral("On 120 test clips: AUROC 0.850 · F1 0.640")));
        QVERIFY(plain.contains(
                QStringLiteral("It is not the active version: test AUROC 0.790 is not above 0.800")));
        kept[QStringLiteral("testBags")] = 0;
        kept[QStringLiteral("testAuroc")] = kNaN;
        QVERIFY(widgets::TrainingOutcome::finished(kept, widgets::TestMetrics())
                        .contains(QStringLiteral("No labelled test clips")));
    }

    void historyDrawsStoredCurves()
    {
        // Stored records went through JSON: NaN came back as null.
        QList<QVariantMap> stored;
        for (const QVariantMap &r : fiveEpochs()) {
            const QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(r)).toJson();
            stored << QJsonDocument::fromJson(json).object().toVariantMap();
        }
        QVERIFY(stored.at(2).value(QStringLiteral("validationLoss")).isNull());
        TrainingPanel panel;
        panel.showHistory(QStringLiteral("mt-20261130-0900"), stored);
        const widgets::TrainingCharts *c = panel.charts();
        QCOMPARE(ys(c->supervisedLoss()->points()), expected(fiveEpochs(), bceOf));
        QCOMPARE(c->validationLoss()->points().size(), 4); // null is a gap, not 0
        QCOMPARE(c->validationLoss()->segmentCount(), 2);
        QCOMPARE(panel.instrumentModel()->epoch(), 5);
        QVERIFY(std::isnan(panel.instrumentModel()->value(2, InstrumentMetricsModel::Auroc)));
        QVERIFY(panel.cancelButton()->isHidden());
        QVERIFY(panel.headerLabel()->text().contains(QStringLiteral("mt-20261130-0900")));
        QVERIFY(panel.headerLabel()->text().contains(QStringLiteral("stored curves, 5 epochs")));
        QVERIFY(panel.outcomeLabel()->isHidden());

        // Showing another version replaces the curves; one without history says why.
        panel.showHistory(QStringLiteral("mt-old"), {});
        QCOMPARE(c->supervisedLoss()->points().size(), 0);
        QCOMPARE(c->validationLoss()->segmentCount(), 1);
        QCOMPARE(panel.instrumentModel()->rowCount(), 0);
        QVERIFY(panel.outcomeLabel()->text().contains(QStringLiteral("No stored training curves")));
    }

    void narrowDockUsesTabsWideOneSideBySide()
    {
        TrainingPanel panel;
        for (const QVariantMap &r : fiveEpochs())
            panel.addRecord(r);
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(!panel.isWide());
        auto *tabs = panel.findChild<QTabWidget *>();
        QVERIFY(tabs && tabs->isVisible());
        QCOMPARE(tabs->count(), 2);
        panel.resize(1600, 1000);
        QTRY_VERIFY(panel.isWide());
        QVERIFY(!tabs->isVisible());
        QVERIFY(panel.charts()->isVisible());
        QVERIFY(panel.instrumentTable()->isVisible());
        // Drawn: the loss chart's view shows the supervised loss's colour.
        QImage image = panel.charts()->grab().toImage();
        int blue = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor px = image.pixelColor(x, y);
                if (qAbs(px.red() - 0x1f) < 30 && qAbs(px.green() - 0x77) < 30
                    && qAbs(px.blue() - 0xb4) < 30)
                    ++blue;
            }
        QVERIFY2(blue > 50, qPrintable(QString::number(blue)));
    }

    void screenshots()
    {
        const QString out = qEnvironmentVariable("TIMBRE_SCREENSHOT_DIR");
        if (out.isEmpty())
            QSKIP("TIMBRE_SCREENSHOT_DIR not set");
        QDir().mkpath(out);
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
            gui::installTranslators(language);
            QList<QVariantMap> records;
            for (int e = 1; e <= 12; ++e) {
                QVariantMap r = epochRecord(e, 30);
                QVariantMap losses = r.value(QStringLiteral("losses")).toMap();
                losses[QStringLiteral("bce")] = 0.25 + 0.4 * std::exp(-e / 4.0);
                losses[QStringLiteral("consistency")] = 0.02 * (1 - std::exp(-e / 3.0));
                r[QStringLiteral("losses")] = losses;
                r[QStringLiteral("consistencyWeight")] = 3.0 * std::exp(-5 * std::pow(1 - e / 30.0, 2));
                r[QStringLiteral("learningRate")] = e <= 10 ? 1e-3 : 5e-4;
                r[QStringLiteral("validated")] = true;
                r[QStringLiteral("validationLoss")] = 0.3 + 0.35 * std::exp(-e / 5.0);
                QVariantMap heldout = r.value(QStringLiteral("heldout")).toMap();
                heldout[QStringLiteral("f1")] = 0.55 + 0.25 * (1 - std::exp(-e / 4.0));
                heldout[QStringLiteral("auroc")] = 0.65 + 0.22 * (1 - std::exp(-e / 4.0));
                r[QStringLiteral("heldout")] = heldout;
                records << r;
            }
            auto released = std::make_shared<std::atomic<int>>(int(records.size()));
            jobs::Job job(std::make_unique<ScriptedTrainWorker>(records, released, true,
                                                                QVariantMap()));
            job.startAsync(&m_jobThreads);
            QTRY_COMPARE(job.records().size(), records.size());
            for (const QSize size : {QSize(700, 500), QSize(1600, 1000)}) {
                TrainingPanel panel;
                panel.setInstrumentNames({{QStringLiteral("violin"), QStringLiteral("Violin")},
                                          {QStringLiteral("piano"), QStringLiteral("Piano")},
                                          {QStringLiteral("voice"), QStringLiteral("Voice")}});
                panel.attachJob(&job);
                panel.resize(size);
                panel.show();
                QVERIFY(QTest::qWaitForWindowExposed(&panel));
                QTest::qWait(1100); // the header's clock ticks once
                const QString file = QDir(out).filePath(
                        QStringLiteral("training-panel-%1x%2-%3.png")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(language));
                QVERIFY(panel.grab().save(file));
            }
            job.cancel();
            QVERIFY(job.waitBlocking(5000));
        }
        gui::installTranslators(QStringLiteral("en"));
    }
};

QTEST_MAIN(TrainingPanelTest)
#include "TrainingPanel_test.moc"
