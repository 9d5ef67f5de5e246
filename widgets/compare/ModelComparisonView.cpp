// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/ModelComparisonView.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "widgets/compare/ComparisonRunner.h"
#include "widgets/compare/ComparisonTableModel.h"
#include "widgets/compare/DisagreementPanel.h"
#include "widgets/compare/LabelEfficiency.h"
#include "widgets/compare/LabelEfficiencyChart.h"
#include "widgets/compare/MetricBarsChart.h"
#include "widgets/compare/RocChart.h"
#include "widgets/compare/VersionErrors.h"
#include "widgets/compare/VersionList.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace timbre::widgets {

namespace {

using Table = eval::LibraryEvaluationTable;

struct VersionListing
{
    QList<library::ModelRecord> versions;
    QString error;
};

QLabel *wrappedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
}

} // namespace

ModelComparisonView::ModelComparisonView(QWidget *parent)
    : QWidget(parent), m_runner(new ComparisonRunner(this))
{
    setObjectName(QStringLiteral("ModelComparisonView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);

    // Left: what to compare.
    auto *choose = new QWidget(split);
    auto *chooseLayout = new QVBoxLayout(choose);
    chooseLayout->setContentsMargins(4, 4, 4, 4);
    auto *versionsTitle = new QLabel(tr("Versions to compare (two or more; the first two "
                                        "checked are compared clip by clip):"),
                                     choose);
    versionsTitle->setWordWrap(true);
    chooseLayout->addWidget(versionsTitle);
    m_versions = new VersionList(choose);
    chooseLayout->addWidget(m_versions, 1);
    auto *clipsRow = new QHBoxLayout;
    auto *clipsLabel = new QLabel(tr("Clips:"), choose);
    m_clips = new QComboBox(choose);
    m_clips->addItem(tr("Test clips"), int(Clips::Test));
    m_clips->addItem(tr("All clips"), int(Clips::All));
    m_clips->setToolTip(tr("The held-out test clips (never trained on), or every clip of the "
                           "library (training clips flatter the versions trained on them)"));
    clipsLabel->setBuddy(m_clips);
    clipsRow->addWidget(clipsLabel);
    clipsRow->addWidget(m_clips, 1);
    chooseLayout->addLayout(clipsRow);
    m_compare = new QPushButton(tr("&Compare"), choose);
    m_compare->setToolTip(tr("Evaluate the checked versions on the chosen clips, as `timbre "
                             "evaluate --library` does"));
    chooseLayout->addWidget(m_compare);

    // Right: what came out.
    auto *results = new QWidget(split);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(4, 4, 4, 4);
    m_message = wrappedLabel(results);
    m_message->hide();
    m_summary = wrappedLabel(results);
    resultsLayout->addWidget(m_message);
    resultsLayout->addWidget(m_summary);
    m_tabs = new QTabWidget(results);
    m_tabs->addTab(makeMetricsTab(), tr("Metrics"));
    m_tabs->addTab(makeRocTab(), tr("ROC Curves"));
    m_efficiency = new LabelEfficiencyChart(m_tabs);
    m_tabs->addTab(m_efficiency, tr("Label Efficiency"));
    m_disagreementPanel = new DisagreementPanel(m_tabs);
    m_tabs->addTab(m_disagreementPanel, tr("Disagreements"));
    resultsLayout->addWidget(m_tabs, 1);

    split->addWidget(choose);
    split->addWidget(results);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({460, 1140});
    layout->addWidget(split, 1);

    connect(m_compare, &QPushButton::clicked, this, &ModelComparisonView::compare);
    connect(m_disagreementPanel, &DisagreementPanel::openTrackCompared, this,
            &ModelComparisonView::openTrackCompared);
    connect(m_versions, &VersionList::checkedChanged, this,
            &ModelComparisonView::updateCompareButton);
    connect(m_runner, &ComparisonRunner::started, this, [this](const ComparisonRequest &r) {
        showMessage(tr("Evaluating %n version(s)…", nullptr, int(r.modelIds.size())), false);
        Q_EMIT statusMessage(m_message->text());
        updateCompareButton();
    });
    connect(m_runner, &ComparisonRunner::finished, this,
            [this](const ComparisonResult &r) { showResult(r); });
    updateCompareButton();
    clearResult();
}

ModelComparisonView::~ModelComparisonView() = default;

QWidget *ModelComparisonView::makeMetricsTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    auto *metricLabel = new QLabel(tr("Metric:"), tab);
    m_metric = new QComboBox(tab);
    for (Metric m :
         {Table::F1, Table::Auroc, Table::AveragePrecision, Table::Precision, Table::Recall})
        m_metric->addItem(ComparisonTableModel::metricName(m), int(m));
    m_metric->setCurrentIndex(1); // AUROC: threshold-free, the usual first look
    metricLabel->setBuddy(m_metric);
    row->addWidget(metricLabel);
    row->addWidget(m_metric);
    row->addSpacing(16);
    m_showUnlabelled = new QCheckBox(tr("Show instruments without labels"), tab);
    m_showUnlabelled->setToolTip(tr("Instruments no evaluated clip has a known label of: every "
                                    "metric of theirs is undefined"));
    row->addWidget(m_showUnlabelled);
    row->addStretch(1);
    layout->addLayout(row);
    m_errors = wrappedLabel(tab);
    layout->addWidget(m_errors);

    auto *split = new QSplitter(Qt::Vertical, tab);
    m_bars = new MetricBarsChart(split);
    auto *below = new QWidget(split);
    auto *belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new ComparisonTableModel(this);
    m_tableView = new QTableView(below);
    m_tableView->setModel(m_table);
    setUpTable(m_tableView);
    m_undefined = wrappedLabel(below);
    m_undefined->hide();
    belowLayout->addWidget(m_tableView, 1);
    belowLayout->addWidget(m_undefined);
    split->addWidget(m_bars);
    split->addWidget(below);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this] { showMetric(Metric(m_metric->currentData().toInt())); });
    connect(m_bars, &MetricBarsChart::barClicked, this, &ModelComparisonView::activateBar);
    connect(m_showUnlabelled, &QCheckBox::toggled, this, &ModelComparisonView::showRows);
    return tab;
}

QWidget *ModelComparisonView::makeRocTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Instrument:"), tab);
    m_rocInstrument = new QComboBox(tab);
    m_rocInstrument->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_rocInstrument);
    row->addWidget(label);
    row->addWidget(m_rocInstrument);
    row->addStretch(1);
    layout->addLayout(row);
    m_roc = new RocChart(tab);
    layout->addWidget(m_roc, 1);
    connect(m_rocInstrument, &QComboBox::currentIndexChanged, this,
            [this] { showRocOf(m_rocInstrument->currentData().toString()); });
    return tab;
}

void ModelComparisonView::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!m_session) {
        setLibrary(nullptr);
        return;
    }
    connect(m_session, &library::LibrarySession::libraryChanged, this,
            [this] { setLibrary(m_session->library()); });
    connect(m_session, &library::LibrarySession::modelsChanged, this,
            &ModelComparisonView::reloadVersions);
    connect(m_session, &library::LibrarySession::activeModelChanged, this,
            &ModelComparisonView::reloadVersions);
    connect(m_session, &library::LibrarySession::labelsChanged, this, [this] {
        if (m_result.ok() && !m_result.evaluation.models.empty())
            showMessage(tr("Labels changed since this comparison: compare again to see the "
                           "numbers on the current labels."),
                        false);
    });
    setLibrary(m_session->library());
}

void ModelComparisonView::setLibrary(std::shared_ptr<library::Library> library)
{
    m_library = std::move(library);
    ++m_generation;
    m_runner->reset();
    m_pendingChecks.reset();
    m_versions->setVersions({});
    clearResult();
    if (!m_library) {
        showMessage(tr("No library is open."), true);
        updateCompareButton();
        return;
    }
    showMessage(QString(), false);
    reloadVersions();
}

void ModelComparisonView::reloadVersions()
{
    if (!m_library)
        return;
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<VersionListing>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const VersionListing listing = watcher->result();
        if (!listing.error.isEmpty()) {
            showMessage(tr("Cannot read the model versions: %1").arg(listing.error), true);
            return;
        }
        m_versions->setVersions(listing.versions);
        if (m_pendingChecks)
            m_versions->setCheckedIds(*std::exchange(m_pendingChecks, std::nullopt));
        if (listing.versions.size() < 2 && !m_runner->isRunning()
            && m_result.evaluation.models.empty())
            showMessage(tr("The library has %n model version(s): train another one (Library > "
                           "Retrain Model) to compare them.",
                           nullptr, int(listing.versions.size())),
                        false);
        updateCompareButton();
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        VersionListing out;
        auto versions = lib->models().list();
        if (versions)
            out.versions = *versions;
        else
            out.error = versions.error().message;
        return out;
    }));
}

void ModelComparisonView::setClips(Clips clips)
{
    m_clips->setCurrentIndex(m_clips->findData(int(clips)));
}

ModelComparisonView::Clips ModelComparisonView::clips() const
{
    return Clips(m_clips->currentData().toInt());
}

bool ModelComparisonView::isRunning() const
{
    return m_runner->isRunning();
}

void ModelComparisonView::updateCompareButton()
{
    m_compare->setEnabled(m_library && m_versions->checkedIds().size() >= 2);
}

void ModelComparisonView::setModels(const QList<qint64> &modelIds)
{
    if (m_versions->versions().isEmpty() && m_library)
        m_pendingChecks = modelIds; // the list is still being read
    else
        m_versions->setCheckedIds(modelIds);
    if (!m_library) {
        showMessage(tr("No library is open."), true);
        return;
    }
    if (modelIds.size() < 2) {
        clearResult();
        showMessage(tr("Check two or more versions to compare them."), true);
        Q_EMIT comparisonFinished(false);
        return;
    }
    ComparisonRequest request;
    request.modelIds = modelIds;
    request.clips = clips();
    m_runner->run(m_library, request);
}

void ModelComparisonView::compare()
{
    setModels(m_versions->checkedIds());
}

void ModelComparisonView::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b03030;") : QString());
    m_message->setVisible(!text.isEmpty());
}

QString ModelComparisonView::messageText() const
{
    return m_message->text();
}

QString ModelComparisonView::errorsText() const
{
    return m_errors->text();
}

QString ModelComparisonView::undefinedText() const
{
    return m_undefined->isVisible() || !m_undefined->text().isEmpty() ? m_undefined->toolTip()
                                                                      : QString();
}

QComboBox *ModelComparisonView::disagreementInstrument() const
{
    return m_disagreementPanel->instrumentSelector();
}

DisagreementTableModel *ModelComparisonView::disagreements() const
{
    return m_disagreementPanel->model();
}

QTableView *ModelComparisonView::disagreementView() const
{
    return m_disagreementPanel->view();
}

QString ModelComparisonView::disagreementNote() const
{
    return m_disagreementPanel->noteText();
}

void ModelComparisonView::clearResult()
{
    m_result = ComparisonResult();
    m_errorsCaption.clear();
    m_table->clear();
    m_bars->clear();
    m_roc->clear();
    m_efficiency->clear();
    m_disagreementPanel->setResult(nullptr);
    m_summary->clear();
    m_undefined->clear();
    m_undefined->setToolTip(QString());
    m_undefined->hide();
    m_errors->setText(tr("Click a bar to list that version's errors in the browser."));
    const QSignalBlocker rocBlock(m_rocInstrument);
    m_rocInstrument->clear();
}

void ModelComparisonView::showResult(ComparisonResult result)
{
    updateCompareButton();
    clearResult();
    if (!result.ok()) {
        QString text = tr("Cannot compare: %1").arg(result.error);
        if (result.request.clips == Clips::Test
            && result.error.contains(QLatin1String("no test clip")))
            text += QLatin1Char(' ')
                    + tr("Mark some clips as test clips, or compare on all clips.");
        showMessage(text, true);
        Q_EMIT statusMessage(text);
        Q_EMIT comparisonFinished(false);
        return;
    }
    m_result = std::move(result);
    showMessage(QString(), false);
    const eval::LibraryEvaluation &e = m_result.evaluation;
    QStringList versions;
    for (const eval::ModelEvaluation &m : e.models)
        versions << m.name;
    QString summary = m_result.request.clips == Clips::Test
            ? tr("%n test clip(s) evaluated: %1.", nullptr, int(e.clipIds.size()))
                      .arg(versions.join(QStringLiteral(", ")))
            : tr("%n clip(s) evaluated (all clips): %1.", nullptr, int(e.clipIds.size()))
                      .arg(versions.join(QStringLiteral(", ")));
    if (!e.skipped.isEmpty())
        summary += QLatin1Char(' ')
                + tr("%n clip(s) skipped: no readable features.", nullptr, int(e.skipped.size()));
    m_summary->setText(summary);

    m_table->setEvaluation(e, m_result.instrumentNames);
    m_tableView->resizeColumnsToContents();
    const QStringList reasons = m_table->undefinedReasons();
    // One line under the table, the reasons (a sentence per instrument) in its tooltip: as
    // wrapped text they took the chart's height in a bottom dock of a 1000-pixel screen.
    m_undefined->setText(reasons.isEmpty()
                                 ? QString()
                                 : tr("— = undefined for %n instrument(s); hover here for why.",
                                      nullptr, int(reasons.size())));
    m_undefined->setToolTip(reasons.isEmpty() ? QString()
                                              : tr("— = undefined. %1")
                                                        .arg(reasons.join(QLatin1Char(' '))));
    m_undefined->setVisible(!reasons.isEmpty());
    showRows();
    fillInstrumentSelectors();
    m_efficiency->setEfficiency(
            LabelEfficiency::compute(m_result.versions, m_result.request.modelIds));
    Q_EMIT statusMessage(summary);
    Q_EMIT comparisonFinished(true);
}

void ModelComparisonView::fillInstrumentSelectors()
{
    const eval::LibraryEvaluation &e = m_result.evaluation;
    if (e.models.empty())
        return;
    const QStringList keys = e.models.front().classKeys;
    {
        const QSignalBlocker block(m_rocInstrument);
        m_rocInstrument->clear();
        for (const QString &key : keys)
            m_rocInstrument->addItem(m_result.instrumentName(key), key);
    }
    // The first instrument with a curve: one without both classes would open on an empty chart.
    int first = 0;
    for (int k = 0; k < keys.size(); ++k)
        if (k < int(e.models.front().roc.size()) && !e.models.front().roc[size_t(k)].fpr.empty()) {
            first = k;
            break;
        }
    m_rocInstrument->setCurrentIndex(first);
    showRocOf(keys.value(first));
    m_disagreementPanel->setResult(&m_result);
}

QList<int> ModelComparisonView::shownRows() const
{
    QList<int> rows;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_showUnlabelled->isChecked() || m_table->isOverallRow(r) || m_table->observed(r) > 0)
            rows << r;
    return rows;
}

void ModelComparisonView::showRows()
{
    const QList<int> rows = shownRows();
    for (int r = 0; r < m_table->rowCount(); ++r)
        m_tableView->setRowHidden(r, !rows.contains(r));
    showMetric(Metric(m_metric->currentData().toInt()));
}

void ModelComparisonView::showMetric(Metric metric)
{
    const int index = m_metric->findData(int(metric));
    if (index >= 0 && index != m_metric->currentIndex()) {
        const QSignalBlocker block(m_metric);
        m_metric->setCurrentIndex(index);
    }
    m_bars->setTable(m_result.evaluation.models.empty() ? nullptr : m_table, metric, shownRows());
}

void ModelComparisonView::showRocOf(const QString &instrument)
{
    const int index = m_rocInstrument->findData(instrument);
    if (index >= 0 && index != m_rocInstrument->currentIndex()) {
        const QSignalBlocker block(m_rocInstrument);
        m_rocInstrument->setCurrentIndex(index);
    }
    m_roc->setCurves(m_result.evaluation, instrument, m_result.instrumentName(instrument));
}

void ModelComparisonView::showDisagreementsOf(const QString &instrument)
{
    m_disagreementPanel->showInstrument(instrument);
}

void ModelComparisonView::activateBar(int version, int row)
{
    const eval::LibraryEvaluation &e = m_result.evaluation;
    if (version < 0 || version >= int(e.models.size()) || row < 0 || row >= m_table->rowCount())
        return;
    const QString instrument = m_table->instrumentKey(row);
    const QString name = m_table->instrumentName(row);
    const eval::ModelEvaluation &m = e.models[size_t(version)];
    const VersionErrors errors = VersionErrors::of(e, version, instrument);
    const QString clips
            = m_result.request.clips == Clips::Test ? tr("test clips") : tr("all clips");
    m_errorsCaption = instrument.isEmpty()
            ? tr("Errors of %1 on any instrument (%2): %n track(s)", nullptr,
                 int(errors.trackIds.size()))
                      .arg(m.name, clips)
            : tr("Errors of %1 on %2 (%3): %n track(s)", nullptr, int(errors.trackIds.size()))
                      .arg(m.name, name, clips);
    const QString wrong = instrument.isEmpty()
            ? tr("%1 is wrong on %n clip(s) at threshold 0.5, on any instrument: %2 false "
                 "positives, %3 false negatives.",
                 nullptr, int(errors.clipIds.size()))
                      .arg(m.name)
                      .arg(errors.falsePositives)
                      .arg(errors.falseNegatives)
            : tr("%1 is wrong on %n clip(s) of %2 at threshold 0.5: %3 false positives, %4 "
                 "false negatives.",
                 nullptr, int(errors.clipIds.size()))
                      .arg(m.name, name)
                      .arg(errors.falsePositives)
                      .arg(errors.falseNegatives);
    m_errors->setText(wrong + QLatin1Char(' ')
                      + (errors.trackIds.isEmpty() ? tr("Nothing to list.")
                                                   : tr("Listed in the library browser.")));
    Q_EMIT instrumentErrorsRequested(m.modelId, instrument, errors.trackIds);
}

void ModelComparisonView::activateDisagreement(int row)
{
    m_disagreementPanel->activateRow(row);
}

} // namespace timbre::widgets
