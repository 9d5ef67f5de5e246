// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluationTable.h"
#include "widgets/compare/ComparisonResult.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace timbre::library {
class Library;
class LibrarySession;
} // namespace timbre::library

namespace timbre::widgets {

class ComparisonRunner;
class ComparisonTableModel;
class DisagreementPanel;
class DisagreementTableModel;
class LabelEfficiencyChart;
class MetricBarsChart;
class RocChart;
class VersionList;

// Side-by-side comparison of model versions (docs/ARCHITECTURE.md §5 step 9, §6): check two or
// more versions and the clips (the test clips, or all), and core/eval evaluates them off the
// GUI thread — the numbers `timbre evaluate --library L --models A,B` prints. Tabs show the
// per-instrument metrics as grouped bars with the exact numbers in a table below, the ROC
// curves of one instrument, test AUROC against labels seen along the versions' lineage, and
// the clips where the first two versions disagree most. A click on a bar lists that version's
// errors on that instrument (instrumentErrorsRequested); activating a disagreement opens the
// track with both versions (openTrackCompared). Problems (too few versions, a missing
// checkpoint, no labelled clips) are said in the view.
class ModelComparisonView : public QWidget
{
    Q_OBJECT
public:
    using Clips = eval::LibraryEvaluationOptions::Clips;
    using Metric = eval::LibraryEvaluationTable::Metric;

    explicit ModelComparisonView(QWidget *parent = nullptr);
    ~ModelComparisonView() override;

    // Follows the session's library; the version list follows its model changes, and a shown
    // comparison is marked out of date when labels change.
    void setSession(library::LibrarySession *session);
    void setLibrary(std::shared_ptr<library::Library> library);

    void setClips(Clips clips);
    Clips clips() const;
    bool isRunning() const;
    // The comparison shown (empty before the first one finishes).
    const ComparisonResult &result() const { return m_result; }
    // The problem or state the view shows above the tabs (empty when all is well).
    QString messageText() const;
    // What the last bar click listed, as a caption for the browser.
    QString errorsCaption() const { return m_errorsCaption; }
    QString errorsText() const;
    QString undefinedText() const;
    QString disagreementNote() const;

    VersionList *versionList() const { return m_versions; }
    QPushButton *compareButton() const { return m_compare; }
    QTabWidget *tabs() const { return m_tabs; }
    ComparisonTableModel *table() const { return m_table; }
    QTableView *tableView() const { return m_tableView; }
    QComboBox *metricSelector() const { return m_metric; }
    // Off (the default): instruments without a known label on the evaluated clips (all their
    // metrics undefined) are left out of the bars and the table view (the model keeps them).
    QCheckBox *unlabelledToggle() const { return m_showUnlabelled; }
    // The table rows shown, in order.
    QList<int> shownRows() const;
    MetricBarsChart *bars() const { return m_bars; }
    QComboBox *rocInstrument() const { return m_rocInstrument; }
    RocChart *roc() const { return m_roc; }
    LabelEfficiencyChart *efficiency() const { return m_efficiency; }
    DisagreementPanel *disagreementPanel() const { return m_disagreementPanel; }
    QComboBox *disagreementInstrument() const;
    DisagreementTableModel *disagreements() const;
    QTableView *disagreementView() const;

public Q_SLOTS:
    // Checks exactly these versions (in this order: the first two are compared clip by clip)
    // and compares them; the lineage view's "compare" lands here.
    void setModels(const QList<qint64> &modelIds);
    // Compares the checked versions.
    void compare();
    void showMetric(timbre::eval::LibraryEvaluationTable::Metric metric);
    // The ROC curves of one instrument (a key of the evaluation).
    void showRocOf(const QString &instrument);
    // Disagreements on one instrument (a key), or over all of them (empty).
    void showDisagreementsOf(const QString &instrument);
    // What a click on a bar does: the version's errors on the row's instrument.
    void activateBar(int version, int row);
    // What Enter / a double-click on a disagreement does.
    void activateDisagreement(int row);

Q_SIGNALS:
    // Open the track with these versions' attention lanes stacked (the first two compared).
    void openTrackCompared(qint64 trackId, const QList<qint64> &modelIds,
                           const QString &instrument, qint64 clipId);
    // List these tracks in the browser: where the version is wrong at threshold 0.5 on a known
    // label of the instrument (every instrument when empty) among the evaluated clips.
    void instrumentErrorsRequested(qint64 modelId, const QString &instrument,
                                   const QList<qint64> &trackIds);
    // A comparison finished (ok = numbers shown, otherwise messageText() says why).
    void comparisonFinished(bool ok);
    void statusMessage(const QString &text);

private:
    QWidget *makeMetricsTab();
    QWidget *makeRocTab();
    void reloadVersions();
    void showResult(ComparisonResult result);
    void showMessage(const QString &text, bool problem);
    void clearResult();
    void updateCompareButton();
    void fillInstrumentSelectors();
    void showRows();

    std::shared_ptr<library::Library> m_library;
    QPointer<library::LibrarySession> m_session;
    int m_generation = 0; // drops version lists and results of an earlier library
    ComparisonRunner *m_runner = nullptr;
    std::optional<QList<qint64>> m_pendingChecks; // setModels() before the list was read
    ComparisonResult m_result;
    QString m_errorsCaption;

    VersionList *m_versions = nullptr;
    QComboBox *m_clips = nullptr;
    QPushButton *m_compare = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_metric = nullptr;
    QCheckBox *m_showUnlabelled = nullptr;
    MetricBarsChart *m_bars = nullptr;
    ComparisonTableModel *m_table = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_undefined = nullptr;
    QLabel *m_errors = nullptr;
    QComboBox *m_rocInstrument = nullptr;
    RocChart *m_roc = nullptr;
    LabelEfficiencyChart *m_efficiency = nullptr;
    DisagreementPanel *m_disagreementPanel = nullptr;
};

} // namespace timbre::widgets
