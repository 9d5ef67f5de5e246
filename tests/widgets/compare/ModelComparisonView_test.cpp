// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison view on a generated library with two trained versions:
// after the evaluation finishes off the GUI thread, its table holds exactly the numbers
// `timbre evaluate --library L --models A,B` prints (the built CLI is run on the same library);
// the bars hold one set per version with the table's values; every ROC curve runs from (0, 0)
// to (1, 1); the first disagreement is the largest difference between the two versions' scores
// and activating it asks for the track with both versions; clicking a bar lists exactly the
// tracks where that version is wrong at 0.5 (checked against the planted labels and the
// scores); label efficiency follows the lineage and says which version it leaves out; too few
// versions, a missing checkpoint and test clips without labels are said in the view.
#include "app/gui/Translations.h"
#include "core/eval/LibraryEvaluationTable.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "widgets/compare/ComparisonTableModel.h"
#include "widgets/compare/DisagreementTableModel.h"
#include "widgets/compare/LabelEfficiencyChart.h"
#include "widgets/compare/MetricBarsChart.h"
#include "widgets/compare/ModelComparisonView.h"
#include "widgets/compare/RocChart.h"
#include "widgets/compare/VersionList.h"

#include "support/CliRunner.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace timbre;
using widgets::ComparisonTableModel;
using widgets::ModelComparisonView;
using Table = eval::LibraryEvaluationTable;

namespace {

constexpr int kTracks = 120;
constexpr int kTestClips = 30; // testFraction 0.25

// Registers `id` again with a parent and metrics (ModelStore has no setter for the parent):
// the same checkpoint, a new id.
qint64 reRegister(const library::Library &lib, qint64 id, qint64 parentId,
                  const QString &metricsJson, QString *error)
{
    auto found = lib.models().findById(id);
    if (!found || !*found) {
        *error = QStringLiteral("model %1 not found").arg(id);
        return 0;
    }
    library::ModelRecord record = **found;
    const library::CatalogError removed = lib.models().remove(id);
    if (removed.isError()) {
        *error = removed.message;
        return 0;
    }
    record.id = 0;
    record.active = false;
    record.createdMs = 0;
    record.parentId = parentId;
    record.metricsJson = metricsJson;
    auto added = lib.models().add(record);
    if (!added) {
        *error = added.error().message;
        return 0;
    }
    return *added;
}

// The lines of `timbre evaluate --library`'s per-instrument table, split into cells.
QList<QStringList> cliTableRows(const QString &out)
{
    QList<QStringList> rows;
    bool inTable = false;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("instrument"))) {
            inTable = true;
            continue;
        }
        if (!inTable)
            continue;
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1String("clips where"))
            || line.startsWith(QLatin1Char(' ')))
            break;
        rows << line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (rows.last().value(0) == QLatin1String("overall"))
            break;
    }
    return rows;
}

} // namespace

class ModelComparisonViewTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    std::shared_ptr<library::Library> m_lib;
    testing::PlantedLibrary m_planted;
    qint64 m_starter = 0, m_a = 0, m_b = 0, m_missing = 0;
    QString m_nameA = QStringLiteral("a"), m_nameB = QStringLiteral("b");
    std::unique_ptr<ModelComparisonView> m_view;

    bool compareNow(const QList<qint64> &ids) { return compareNow(m_view.get(), ids); }
    static bool compareNow(ModelComparisonView *view, const QList<qint64> &ids)
    {
        QSignalSpy finished(view, &ModelComparisonView::comparisonFinished);
        view->setModels(ids);
        if (finished.isEmpty() && !finished.wait(300000))
            return false;
        return finished.last().at(0).toBool();
    }

    // The planted truth of an evaluated clip (row of the evaluation) for instrument k.
    int truthOf(qint64 clipId, int k) const
    {
        const int t = int(m_planted.clipIds.indexOf(clipId));
        return t < 0 ? -1 : m_planted.truth[size_t(t)][size_t(k)];
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = std::shared_ptr<library::Library>(lib.take());
        testing::PlantedLibraryOptions o;
        o.tracks = kTracks;
        o.testFraction = 0.25;
        o.signal = 2.0f;
        m_planted = testing::makePlantedLibrary(*m_lib, o);
        QVERIFY2(m_planted.error.isEmpty(), qPrintable(m_planted.error));

        // Two versions that differ: a well trained one and one stopped after two epochs.
        const testing::TrainedLibraryModel a
                = testing::trainLibraryModel(*m_lib, {m_nameA, "att", 30, 3e-3, 1, false});
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        const testing::TrainedLibraryModel b
                = testing::trainLibraryModel(*m_lib, {m_nameB, "att", 2, 3e-3, 2, false});
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));

        // Lineage starter -> a -> b; the starter predates labels_seen (contract 2).
        library::ModelRecord starter;
        starter.name = QStringLiteral("starter");
        starter.kind = QStringLiteral("att");
        starter.metricsJson = QStringLiteral(R"({"test":{"overall":{"auroc":0.6}}})");
        starter.checkpointFile = QStringLiteral("starter.ckpt"); // never evaluated here
        auto starterId = m_lib->models().add(starter);
        QVERIFY(starterId);
        m_starter = *starterId;
        QString error;
        m_a = reRegister(*m_lib, a.id, m_starter,
                         QStringLiteral(R"({"test":{"overall":{"auroc":0.71}},"labels_seen":80})"),
                         &error);
        QVERIFY2(m_a > 0, qPrintable(error));
        m_b = reRegister(
                *m_lib, b.id, m_a,
                QStringLiteral(R"({"test":{"overall":{"auroc":0.835}},"labels_seen":160})"),
                &error);
        QVERIFY2(m_b > 0, qPrintable(error));
        QVERIFY(!m_lib->models().activate(m_b).isError());
        // A version whose checkpoint file has gone.
        library::ModelRecord missing;
        missing.name = QStringLiteral("gone");
        missing.kind = QStringLiteral("att");
        missing.checkpointFile = QStringLiteral("gone.ckpt");
        auto missingId = m_lib->models().add(missing);
        QVERIFY(missingId);
        m_missing = *missingId;

        m_view = std::make_unique<ModelComparisonView>();
        m_view->resize(1600, 1000);
        m_view->show();
        m_view->setLibrary(m_lib);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->versionList()->topLevelItemCount(), 4, 10000);
        QVERIFY(!m_view->compareButton()->isEnabled());
        QVERIFY(compareNow({m_a, m_b}));
        QCOMPARE(m_view->versionList()->checkedIds(), (QList<qint64> {m_a, m_b}));
        QVERIFY(m_view->compareButton()->isEnabled());
        QVERIFY(m_view->messageText().isEmpty());
    }

    void versionsAreListedWithKindAndDate()
    {
        widgets::VersionList *list = m_view->versionList();
        // Newest first; the active one says so; "-" where the metrics have no labels seen.
        QCOMPARE(list->topLevelItem(0)->text(widgets::VersionList::NameColumn),
                 QStringLiteral("gone"));
        QTreeWidgetItem *b = list->itemOf(m_b);
        QVERIFY(b);
        QCOMPARE(b->text(widgets::VersionList::NameColumn), QStringLiteral("b (active)"));
        QCOMPARE(b->text(widgets::VersionList::KindColumn), QStringLiteral("att"));
        QVERIFY(!b->text(widgets::VersionList::CreatedColumn).isEmpty());
        QCOMPARE(b->text(widgets::VersionList::LabelsSeenColumn), QStringLiteral("160"));
        QCOMPARE(list->itemOf(m_starter)->text(widgets::VersionList::LabelsSeenColumn),
                 QStringLiteral("-"));
        QCOMPARE(b->checkState(widgets::VersionList::NameColumn), Qt::Checked);
    }

    // The numbers of the CLI, cell for cell (same versions, same clips).
    void tableEqualsTimbreEvaluate()
    {
        const eval::LibraryEvaluation &e = m_view->result().evaluation;
        QCOMPARE(e.clipIds.size(), kTestClips);
        QCOMPARE(int(e.models.size()), 2);
        const testing::CliRun run = testing::runCli(
                {QStringLiteral("evaluate"), QStringLiteral("--library"),
                 m_dir.filePath(QStringLiteral("lib")), QStringLiteral("--models"),
                 QStringLiteral("%1,%2").arg(m_a).arg(m_b)},
                300000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY(run.out.startsWith(QStringLiteral("%1 test clips\n").arg(kTestClips)));

        ComparisonTableModel *table = m_view->table();
        const QList<QStringList> rows = cliTableRows(run.out);
        QCOMPARE(rows.size(), table->rowCount());
        QCOMPARE(table->versionCount(), 2);
        for (int r = 0; r < table->rowCount(); ++r) {
            const QStringList &cells = rows.at(r);
            QCOMPARE(cells.size(), 12);
            const QString key
                    = table->isOverallRow(r) ? QStringLiteral("overall") : table->instrumentKey(r);
            QCOMPARE(cells.at(0), key);
            QCOMPARE(table->index(r, 1).data().toString(), cells.at(1));
            QCOMPARE(table->index(r, 2).data().toString(), cells.at(2));
            int at = 3;
            for (Table::Metric metric : {Table::F1, Table::Auroc, Table::AveragePrecision})
                for (int version = 0; version <= 2; ++version) // A, B, B - A
                    QCOMPARE(table->index(r, table->column(metric, version)).data().toString(),
                             cells.at(at++));
        }
        // Precision and recall: the CLI prints them overall, one line per version.
        const int overall = table->rowCount() - 1;
        for (int version = 0; version < 2; ++version) {
            const QRegularExpression line(
                    QStringLiteral("model %1 \\(%2\\) test \\(threshold 0\\.5\\): P (\\S+)  R "
                                   "(\\S+)  F1 (\\S+)  AUROC (\\S+)  mAP (\\S+)")
                            .arg(e.models[size_t(version)].modelId)
                            .arg(e.models[size_t(version)].name));
            const QRegularExpressionMatch m = line.match(run.out);
            QVERIFY2(m.hasMatch(), qPrintable(run.out));
            int group = 1;
            for (Table::Metric metric : {Table::Precision, Table::Recall, Table::F1, Table::Auroc,
                                         Table::AveragePrecision})
                QCOMPARE(table->index(overall, table->column(metric, version)).data().toString(),
                         m.captured(group++));
        }
        // Per-instrument precision and recall are not printed: as core/eval's own table (the
        // one the CLI formats) has them.
        Table core;
        core.setEvaluation(e);
        for (int r = 0; r < table->rowCount(); ++r)
            for (Table::Metric metric : {Table::Precision, Table::Recall})
                for (int version = 0; version < 2; ++version)
                    QCOMPARE(table->index(r, table->column(metric, version)).data().toString(),
                             core.index(r, Table::column(metric, Table::Side(version)))
                                     .data()
                                     .toString());
        // The planted instruments have both classes among the test clips: all defined.
        QVERIFY(m_view->undefinedText().isEmpty()
                || !m_view->undefinedText().contains(m_planted.instrumentKeys.first()));
    }

    void barNamesShortenWhenTheChartIsShort()
    {
        // Twenty instruments and overall: slanted full names where the chart has the height,
        // short unique prefixes where it does not (Qt Charts would draw "..." for every name).
        m_view->unlabelledToggle()->setChecked(true);
        widgets::MetricBarsChart *bars = m_view->bars();
        QStringList names;
        for (int r : bars->rows())
            names << m_view->table()->instrumentName(r);
        QVERIFY(names.size() > 8);
        bars->resize(900, 700);
        QCOMPARE(bars->categoryLabels(), names);
        bars->resize(900, 150);
        const QStringList shortened = bars->categoryLabels();
        QCOMPARE(shortened.size(), names.size());
        QVERIFY(shortened != names);
        QSet<QString> seen;
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY2(names.at(i).startsWith(shortened.at(i)), qPrintable(shortened.at(i)));
            QVERIFY(shortened.at(i).size() >= std::min<qsizetype>(4, names.at(i).size()));
            QVERIFY2(!seen.contains(shortened.at(i).toLower()), qPrintable(shortened.at(i)));
            seen.insert(shortened.at(i).toLower());
        }
        bars->resize(900, 700);
        QCOMPARE(bars->categoryLabels(), names);
        m_view->unlabelledToggle()->setChecked(false);
    }

    void barsHoldTheTableValues()
    {
        ComparisonTableModel *table = m_view->table();
        // By default only the instruments with labels on these clips (the planted ones), and
        // overall; the table view hides the others too.
        QList<int> labelled;
        for (int r = 0; r < table->rowCount(); ++r)
            if (m_planted.instrumentKeys.contains(table->instrumentKey(r))
                || table->isOverallRow(r))
                labelled << r;
        QCOMPARE(labelled.size(), m_planted.instrumentKeys.size() + 1);
        QCOMPARE(m_view->shownRows(), labelled);
        for (int r = 0; r < table->rowCount(); ++r)
            QCOMPARE(m_view->tableView()->isRowHidden(r), !labelled.contains(r));
        QVERIFY(m_view->undefinedText().contains(table->instrumentName(table->rowCount() - 2)));
        for (bool all : {false, true}) {
            m_view->unlabelledToggle()->setChecked(all);
            QList<int> rows = labelled;
            if (all) {
                rows.clear();
                for (int r = 0; r < table->rowCount(); ++r)
                    rows << r;
            }
            QCOMPARE(m_view->bars()->rows(), rows);
            for (int i = 0; i < m_view->metricSelector()->count(); ++i) {
                m_view->metricSelector()->setCurrentIndex(i);
                const auto metric = Table::Metric(m_view->metricSelector()->itemData(i).toInt());
                QBarSeries *series = m_view->bars()->series();
                QVERIFY(series);
                QCOMPARE(series->count(), 2);
                for (int version = 0; version < 2; ++version) {
                    QBarSet *set = series->barSets().at(version);
                    QCOMPARE(set->label(), version == 0 ? m_nameA : m_nameB);
                    QCOMPARE(set->count(), rows.size());
                    for (int k = 0; k < rows.size(); ++k) {
                        const int r = rows.at(k);
                        const double v = table->value(r, metric, version);
                        QCOMPARE(set->at(k), std::isnan(v) ? 0.0 : 100.0 * v);
                        QCOMPARE(table->index(r, table->column(metric, version))
                                         .data(Qt::UserRole)
                                         .toDouble(),
                                 v);
                        if (m_planted.instrumentKeys.contains(table->instrumentKey(r)))
                            QVERIFY(!std::isnan(v));
                    }
                }
            }
        }
        m_view->unlabelledToggle()->setChecked(false);
        QCOMPARE(m_view->bars()->rows(), labelled);
    }

    void rocCurvesRunFromZeroToOne()
    {
        const eval::LibraryEvaluation &e = m_view->result().evaluation;
        QComboBox *instruments = m_view->rocInstrument();
        QCOMPARE(instruments->count(), int(e.models.front().classKeys.size()));
        for (const QString &key : m_planted.instrumentKeys) {
            instruments->setCurrentIndex(instruments->findData(key));
            const QList<QLineSeries *> &curves = m_view->roc()->curves();
            QCOMPARE(curves.size(), 2);
            for (int version = 0; version < 2; ++version) {
                QLineSeries *s = curves.at(version);
                QCOMPARE(s->name(), e.models[size_t(version)].name);
                QVERIFY(s->count() >= 3);
                QCOMPARE(s->at(0), QPointF(0, 0));
                QCOMPARE(s->at(s->count() - 1), QPointF(1, 1));
                for (int i = 1; i < s->count(); ++i) {
                    QVERIFY(s->at(i).x() >= s->at(i - 1).x());
                    QVERIFY(s->at(i).y() >= s->at(i - 1).y());
                }
            }
        }
        // An instrument nobody labelled has no curve, and the chart says for whom.
        const QString unlabelled = e.models.front().classKeys.last();
        QVERIFY(!m_planted.instrumentKeys.contains(unlabelled));
        instruments->setCurrentIndex(instruments->findData(unlabelled));
        QVERIFY(m_view->roc()->curves().isEmpty());
        QCOMPARE(m_view->roc()->missing(), (QStringList {m_nameA, m_nameB}));
    }

    void firstDisagreementIsTheLargest()
    {
        const eval::LibraryEvaluation &e = m_view->result().evaluation;
        m_view->showDisagreementsOf(QString());
        widgets::DisagreementTableModel *model = m_view->disagreements();
        QVERIFY(model->rowCount() > 0);
        // The largest |score A - score B| over every clip and instrument both know.
        const eval::ModelEvaluation &A = e.models[0];
        const eval::ModelEvaluation &B = e.models[1];
        const int C = int(A.classKeys.size());
        QCOMPARE(B.classKeys, A.classKeys);
        double largest = 0;
        for (size_t i = 0; i < A.scores.size(); ++i)
            largest = std::max(largest, std::abs(double(A.scores[i]) - double(B.scores[i])));
        QCOMPARE(model->at(0).difference, largest);
        for (int r = 1; r < model->rowCount(); ++r)
            QVERIFY(model->at(r).difference <= model->at(r - 1).difference);
        const int row = int(e.clipIds.indexOf(model->at(0).clipId));
        const int c = int(A.classKeys.indexOf(model->at(0).instrument));
        QCOMPARE(double(model->at(0).scoreA), double(A.scores[size_t(row * C + c)]));
        QCOMPARE(model->index(0, widgets::DisagreementTableModel::DifferenceColumn)
                         .data(Qt::UserRole)
                         .toDouble(),
                 largest);

        // Enter on the first row: the track with both versions, on that instrument.
        QSignalSpy open(m_view.get(), &ModelComparisonView::openTrackCompared);
        m_view->tabs()->setCurrentIndex(3);
        QTableView *view = m_view->disagreementView();
        view->setFocus();
        view->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), model->at(0).trackId);
        QCOMPARE(open.at(0).at(1).value<QList<qint64>>(), (QList<qint64> {m_a, m_b}));
        QCOMPARE(open.at(0).at(2).toString(), model->at(0).instrument);
        QCOMPARE(open.at(0).at(3).toLongLong(), model->at(0).clipId);

        // Per instrument: only that instrument, largest first.
        const QString key = m_planted.instrumentKeys.at(1);
        m_view->disagreementInstrument()->setCurrentIndex(
                m_view->disagreementInstrument()->findData(key));
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r) {
            QCOMPARE(model->at(r).instrument, key);
            if (r > 0)
                QVERIFY(model->at(r).difference <= model->at(r - 1).difference);
        }
    }

    void clickingABarListsThatVersionsErrors()
    {
        const eval::LibraryEvaluation &e = m_view->result().evaluation;
        m_view->tabs()->setCurrentIndex(0);
        m_view->showMetric(Table::Auroc);
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QChartView *chart = m_view->bars()->chartView();
        ComparisonTableModel *table = m_view->table();
        QSignalSpy errors(m_view.get(), &ModelComparisonView::instrumentErrorsRequested);
        int listed = 0;
        for (int version = 0; version < 2; ++version) {
            const eval::ModelEvaluation &m = e.models[size_t(version)];
            const int C = int(m.classKeys.size());
            for (int k = 0; k < m_planted.instrumentKeys.size(); ++k) {
                const QString key = m_planted.instrumentKeys.at(k);
                int row = -1;
                for (int r = 0; r < table->rowCount(); ++r)
                    if (table->instrumentKey(r) == key)
                        row = r;
                QVERIFY(row >= 0);
                const QPoint bar = m_view->bars()->barCentre(version, row);
                QVERIFY(!bar.isNull());
                errors.clear();
                QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, bar);
                QCOMPARE(errors.size(), 1);
                QCOMPARE(errors.at(0).at(0).toLongLong(), m.modelId);
                QCOMPARE(errors.at(0).at(1).toString(), key);
                const QList<qint64> tracks = errors.at(0).at(2).value<QList<qint64>>();
                // Wrong at 0.5 against the planted labels (every planted label is known).
                const int c = int(m.classKeys.indexOf(key));
                QList<qint64> expected;
                int falsePositives = 0, falseNegatives = 0;
                for (int r = 0; r < e.clipIds.size(); ++r) {
                    const int truth = truthOf(e.clipIds.at(r), k);
                    QVERIFY(truth >= 0);
                    const bool predicted = m.scores[size_t(r * C + c)] >= 0.5f;
                    if (predicted == (truth == 1))
                        continue;
                    expected << e.trackIds.at(r);
                    (predicted ? falsePositives : falseNegatives) += 1;
                }
                QCOMPARE(tracks, expected);
                // The same errors the report counted.
                for (const eval::InstrumentMetrics &i : m.report.instruments)
                    if (i.name == key) {
                        QCOMPARE(qint64(falsePositives), i.falsePositives);
                        QCOMPARE(qint64(falseNegatives), i.falseNegatives);
                    }
                QVERIFY2(m_view->errorsText().contains(
                                 QStringLiteral("%1 false positives, %2 false negatives")
                                         .arg(falsePositives)
                                         .arg(falseNegatives)),
                         qPrintable(m_view->errorsText()));
                QVERIFY(m_view->errorsCaption().contains(m.name));
                listed += int(tracks.size());
            }
        }
        QVERIFY(listed > 0); // the two-epoch version gets some wrong
        // The overall bar: errors on any instrument.
        const int overall = table->rowCount() - 1;
        errors.clear();
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {},
                          m_view->bars()->barCentre(1, overall));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(1).toString(), QString());
        QSet<qint64> anyWrong;
        const eval::ModelEvaluation &b = e.models[1];
        const int C = int(b.classKeys.size());
        for (int r = 0; r < e.clipIds.size(); ++r)
            for (int k = 0; k < m_planted.instrumentKeys.size(); ++k) {
                const int c = int(b.classKeys.indexOf(m_planted.instrumentKeys.at(k)));
                if ((b.scores[size_t(r * C + c)] >= 0.5f) != (truthOf(e.clipIds.at(r), k) == 1))
                    anyWrong.insert(e.trackIds.at(r));
            }
        const QList<qint64> tracks = errors.at(0).at(2).value<QList<qint64>>();
        QCOMPARE(QSet<qint64>(tracks.cbegin(), tracks.cend()), anyWrong);
        QCOMPARE(tracks.size(), anyWrong.size());
    }

    void labelEfficiencyFollowsTheLineage()
    {
        widgets::LabelEfficiencyChart *chart = m_view->efficiency();
        const QList<QLineSeries *> &lines = chart->lines();
        QCOMPARE(lines.size(), 2); // one per chosen version
        QCOMPARE(lines.at(0)->name(), m_nameA);
        QCOMPARE(lines.at(0)->points(), (QList<QPointF> {QPointF(80, 71)}));
        QCOMPARE(lines.at(1)->name(), m_nameB);
        QCOMPARE(lines.at(1)->points(), (QList<QPointF> {QPointF(80, 71), QPointF(160, 83.5)}));
        // The starter (no labels seen) is left out, and the note says so.
        // (English plural forms come with the translator: "version(s)" without it.)
        const QString note = chart->noteText();
        QVERIFY2(note.contains(QRegularExpression(QStringLiteral("^3 version.* in the lineage"))),
                 qPrintable(note));
        QVERIFY2(note.contains(QRegularExpression(QStringLiteral("1 version.* left out: trained "
                                                                 "before the labels seen were "
                                                                 "recorded \\(starter\\)"))),
                 qPrintable(note));
    }

    // At 1600x1000, as a large dock or tab, in English and in German (the German view is made
    // after the translator is installed, as the workbench does on start). With
    // TIMBRE_SCREENSHOT_DIR set, every tab is saved there as compare_<tab>_<language>.png.
    void looksRightAt1600x1000InEnglishAndGerman()
    {
        const QString dir = qEnvironmentVariable("TIMBRE_SCREENSHOT_DIR");
        const auto shoot = [&dir](ModelComparisonView *view, const QString &language) {
            const char *names[] = {"metrics", "roc", "efficiency", "disagreements"};
            for (int t = 0; t < view->tabs()->count(); ++t) {
                view->tabs()->setCurrentIndex(t);
                QApplication::processEvents();
                const QImage image = view->grab().toImage();
                QCOMPARE(image.size(), QSize(1600, 1000));
                if (!dir.isEmpty())
                    QVERIFY(image.save(QDir(dir).filePath(
                            QStringLiteral("compare_%1_%2.png").arg(names[t], language))));
            }
            view->tabs()->setCurrentIndex(0);
        };
        m_view->showMetric(Table::Auroc);
        shoot(m_view.get(), QStringLiteral("en"));
        // Every number column is wide enough for its header and numbers.
        QTableView *table = m_view->tableView();
        for (int c = 0; c < m_view->table()->columnCount(); ++c)
            QVERIFY(table->columnWidth(c) >= table->fontMetrics().horizontalAdvance(
                            m_view->table()->index(0, c).data().toString()));

        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        {
            ModelComparisonView german;
            german.resize(1600, 1000);
            german.show();
            german.setLibrary(m_lib);
            QTRY_COMPARE_WITH_TIMEOUT(german.versionList()->topLevelItemCount(), 4, 10000);
            QVERIFY(compareNow(&german, {m_a, m_b}));
            QCOMPARE(german.tabs()->tabText(0), QStringLiteral("Kennzahlen"));
            QCOMPARE(german.compareButton()->text(), QStringLiteral("&Vergleichen"));
            const int overall = german.table()->rowCount() - 1;
            QCOMPARE(german.table()->index(overall, 0).data().toString(), QStringLiteral("gesamt"));
            // The numbers do not depend on the language.
            for (int c = 1; c < german.table()->columnCount(); ++c)
                QCOMPARE(german.table()->index(overall, c).data().toString(),
                         m_view->table()->index(overall, c).data().toString());
            german.showMetric(Table::Auroc);
            shoot(&german, QStringLiteral("de"));
        }
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
    }

    // Through the window's session: the lineage view's compareRequested may arrive before the
    // version list is read; a new version appears; a label change marks the numbers out of date.
    void followsTheSession()
    {
        library::LibrarySession session;
        session.setLibrary(m_lib);
        ModelComparisonView view;
        view.resize(1600, 1000);
        view.show();
        view.setSession(&session);
        QVERIFY(compareNow(&view, {m_b, m_a})); // before the list is read: checked once it is
        QTRY_COMPARE_WITH_TIMEOUT(view.versionList()->topLevelItemCount(), 4, 10000);
        QCOMPARE(view.versionList()->checkedIds(), (QList<qint64> {m_b, m_a}));
        QCOMPARE(view.result().evaluation.models[0].modelId, m_b);
        QCOMPARE(view.disagreements()->headerData(widgets::DisagreementTableModel::ScoreAColumn,
                                                  Qt::Horizontal),
                 QVariant(QStringLiteral("Score b")));

        library::ModelRecord another;
        another.name = QStringLiteral("c");
        another.kind = QStringLiteral("mt-att");
        another.parentId = m_b;
        another.checkpointFile = QStringLiteral("c.ckpt");
        auto id = m_lib->models().add(another);
        QVERIFY(id);
        session.checkNowAsync();
        QTRY_COMPARE_WITH_TIMEOUT(view.versionList()->topLevelItemCount(), 5, 10000);
        QCOMPARE(view.versionList()->checkedIds(), (QList<qint64> {m_b, m_a}));
        QVERIFY(!m_lib->models().remove(*id).isError());

        QVERIFY(view.messageText().isEmpty());
        session.announceLabels(0, {m_planted.clipIds.first()});
        QTRY_VERIFY_WITH_TIMEOUT(view.messageText().contains(QStringLiteral("Labels changed")),
                                 5000);
    }

    void problemsAreSaidInTheView()
    {
        // One version: nothing to compare.
        QVERIFY(!compareNow({m_a}));
        QVERIFY(m_view->messageText().contains(QStringLiteral("two or more")));
        QCOMPARE(m_view->table()->rowCount(), 0);
        // A version whose checkpoint is gone: named with its file.
        QVERIFY(!compareNow({m_a, m_missing}));
        QVERIFY2(m_view->messageText().contains(QStringLiteral("gone.ckpt"))
                         && m_view->messageText().contains(QStringLiteral("does not exist")),
                 qPrintable(m_view->messageText()));
        QCOMPARE(m_view->table()->rowCount(), 0);
        QVERIFY(m_view->bars()->series() == nullptr);

        // Test clips without a known label: every metric undefined, shown as "—" with why.
        QList<library::LabelEdit> unknown;
        for (int t = kTracks - kTestClips; t < kTracks; ++t)
            for (const QString &key : m_planted.instrumentKeys)
                unknown << library::LabelEdit {m_planted.clipIds.at(t), key,
                                               library::LabelState::Unknown};
        QVERIFY(m_lib->labels().apply(unknown, library::LabelSource::User, QString()));
        QVERIFY(compareNow({m_a, m_b}));
        ComparisonTableModel *table = m_view->table();
        const int overall = table->rowCount() - 1;
        QCOMPARE(table->index(overall, table->column(Table::F1, 0)).data().toString(),
                 QStringLiteral("—"));
        QCOMPARE(table->index(overall, table->column(Table::Auroc, 1)).data().toString(),
                 QStringLiteral("—"));
        QVERIFY2(m_view->undefinedText().contains(QRegularExpression(
                         QStringLiteral("None of the %1 evaluated clip.* has a known label")
                                 .arg(kTestClips))),
                 qPrintable(m_view->undefinedText()));
        // All clips: the training clips still have labels.
        m_view->setClips(ModelComparisonView::Clips::All);
        QVERIFY(compareNow({m_a, m_b}));
        QCOMPARE(m_view->result().evaluation.clipIds.size(), kTracks);
        QVERIFY(!std::isnan(table->value(table->rowCount() - 1, Table::Auroc, 0)));
        m_view->setClips(ModelComparisonView::Clips::Test);
    }
};

QTEST_MAIN(ModelComparisonViewTest)
#include "ModelComparisonView_test.moc"
