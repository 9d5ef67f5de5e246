// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/TrainingPanel.h"

#include "core/jobs/Job.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/Taxonomy.h"
#include "widgets/jobs/JobTitles.h"
#include "widgets/training/InstrumentMetricsModel.h"
#include "widgets/training/TrainingCharts.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace timbre::widgets {

TrainingPanel::TrainingPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("TrainingPanel"));
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setObjectName(QStringLiteral("trainingHeader"));
    m_cancel = new QPushButton(tr("Cancel Training"), this);
    m_cancel->setToolTip(tr("Stop after the current step; the epochs finished so far are kept "
                            "as a version that is not made active"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_job)
            return;
        m_job->cancel();
        m_cancel->setEnabled(false);
        m_cancel->setText(tr("Cancelling…"));
    });
    m_outcome = new QLabel(this);
    m_outcome->setTextFormat(Qt::RichText);
    m_outcome->setWordWrap(true);
    m_outcome->setObjectName(QStringLiteral("trainingOutcome"));
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_charts = new TrainingCharts(this);
    m_instruments = new InstrumentMetricsModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_instruments);
    m_sorted->setSortRole(InstrumentMetricsModel::SortRole);
    m_tablePane = new QWidget(this);
    m_tableCaption = new QLabel(m_tablePane);
    m_table = new QTableView(m_tablePane);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(InstrumentMetricsModel::Instrument, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(InstrumentMetricsModel::Instrument,
                                                      QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    auto *tableLayout = new QVBoxLayout(m_tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_tableCaption);
    tableLayout->addWidget(m_table, 1);

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setChildrenCollapsible(false);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_outcome);
    layout->addWidget(m_split, 1);
    layout->addWidget(m_tabs, 1);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TrainingPanel::updateHeader);
    arrange(false);
    reset();
}

TrainingPanel::~TrainingPanel()
{
    detach();
}

void TrainingPanel::arrange(bool wide)
{
    if (m_split->count() + m_tabs->count() > 0 && wide == m_wide)
        return;
    m_wide = wide;
    if (wide) {
        m_tabs->clear();
        m_split->addWidget(m_charts);
        m_split->addWidget(m_tablePane);
        // The tab widget hid the page that was not current.
        m_charts->show();
        m_tablePane->show();
        // A third for the table: a quarter cut the instruments' names short.
        m_split->setStretchFactor(0, 2);
        m_split->setStretchFactor(1, 1);
        m_split->setSizes({width() * 2 / 3, width() / 3});
    } else {
        m_tabs->addTab(m_charts, tr("Curves"));
        m_tabs->addTab(m_tablePane, tr("Per instrument"));
    }
    m_split->setVisible(wide);
    m_tabs->setVisible(!wide);
}

void TrainingPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(event->size().width() >= kWideWidth);
}

void TrainingPanel::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!session)
        return;
    connect(session, &library::LibrarySession::libraryChanged, this,
            &TrainingPanel::loadInstrumentNames);
    loadInstrumentNames();
}

void TrainingPanel::loadInstrumentNames()
{
    const std::shared_ptr<library::Library> lib = m_session ? m_session->library() : nullptr;
    if (!lib)
        return;
    auto *watcher = new QFutureWatcher<QHash<QString, QString>>(this);
    connect(watcher, &QFutureWatcher<QHash<QString, QString>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        setInstrumentNames(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        QHash<QString, QString> names;
        if (auto instruments = lib->taxonomy().instruments()) {
            for (const library::Instrument &i : *instruments)
                names.insert(i.key, i.displayName);
        }
        return names;
    }));
}

void TrainingPanel::setInstrumentNames(const QHash<QString, QString> &names)
{
    m_instruments->setInstrumentNames(names);
}

void TrainingPanel::detach()
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = nullptr;
    m_tick.stop();
}

void TrainingPanel::reset()
{
    ++m_generation;
    m_records.clear();
    m_lastEpoch.clear();
    m_result.clear();
    m_title.clear();
    m_history.clear();
    m_progress = jobs::JobProgress();
    m_done = false;
    m_plannedEpochs = 0;
    m_recordSeconds = 0;
    m_sinceRecord.invalidate();
    m_sinceAttach.invalidate();
    m_charts->clear();
    m_instruments->setMetrics({}, 0);
    m_tableCaption->setText(tr("Held-out metrics per instrument appear after the first epoch."));
    m_cancel->setText(tr("Cancel Training"));
    m_cancel->setEnabled(false);
    m_cancel->setVisible(true);
    setOutcome(QString());
    updateHeader();
}

void TrainingPanel::attachJob(jobs::Job *job)
{
    detach();
    reset();
    m_job = job;
    if (!job) {
        m_header->setText(tr("No training runs. Library › Retrain Model… starts one."));
        m_cancel->setVisible(false);
        return;
    }
    m_title = JobTitles::title(*job);
    m_sinceAttach.start();
    m_progress = job->progress();
    for (const QVariantMap &record : job->records())
        addRecord(record);
    connect(job, &jobs::Job::recordReported, this, &TrainingPanel::addRecord);
    connect(job, &jobs::Job::progressChanged, this, &TrainingPanel::onProgress);
    connect(job, &jobs::Job::finished, this, &TrainingPanel::onFinished);
    connect(job, &jobs::Job::cancelled, this, &TrainingPanel::onCancelled);
    connect(job, &jobs::Job::error, this, &TrainingPanel::onError);
    connect(job, &QObject::destroyed, this, [this] { m_tick.stop(); });
    switch (job->state()) {
    case jobs::JobState::Finished:
        onFinished(job->result());
        break;
    case jobs::JobState::Cancelled:
        onCancelled(job->result());
        break;
    case jobs::JobState::Failed:
        onError(job->errorText());
        break;
    default:
        m_cancel->setEnabled(!job->isCancelRequested());
        if (job->isCancelRequested())
            m_cancel->setText(tr("Cancelling…"));
        m_tick.start();
        break;
    }
    updateHeader();
}

void TrainingPanel::showHistory(const QString &versionName, const QList<QVariantMap> &records)
{
    detach();
    reset();
    m_history = versionName;
    m_title = versionName;
    m_cancel->setVisible(false);
    m_done = true;
    for (const QVariantMap &record : records)
        addRecord(record);
    if (records.isEmpty())
        setOutcome(tr("No stored training curves for %1: it was trained before the workbench "
                      "kept them.")
                           .arg(versionName.toHtmlEscaped()));
    updateHeader();
}

void TrainingPanel::addRecord(const QVariantMap &record)
{
    if (record.value(QStringLiteral("type"), QStringLiteral("epoch")).toString()
        != QLatin1String("epoch"))
        return;
    m_records << record;
    m_charts->addRecord(record);
    m_plannedEpochs = std::max(m_plannedEpochs, record.value(QStringLiteral("epochs")).toInt());
    m_recordSeconds = record.value(QStringLiteral("seconds")).toDouble();
    m_sinceRecord.start();
    if (!record.value(QStringLiteral("partial")).toBool()) {
        m_lastEpoch = record;
        const int epoch = record.value(QStringLiteral("epoch")).toInt();
        m_instruments->setMetrics(record.value(QStringLiteral("perInstrument")).toList(), epoch);
        const QVariantMap heldout = record.value(QStringLiteral("heldout")).toMap();
        const QString set = heldout.value(QStringLiteral("set")).toString();
        m_tableCaption->setText(set == QLatin1String("validation")
                                        ? tr("Per instrument on the validation clips, epoch %1")
                                                  .arg(epoch)
                                        : tr("Per instrument on the test clips, epoch %1")
                                                  .arg(epoch));
    }
    updateHeader();
}

bool TrainingPanel::validated() const
{
    for (const QVariantMap &r : m_records)
        if (r.value(QStringLiteral("validated")).toBool())
            return true;
    return false;
}

void TrainingPanel::onProgress(const jobs::JobProgress &progress)
{
    m_progress = progress;
    if (progress.total > 0 && progress.stage == QLatin1String("epoch"))
        m_plannedEpochs = std::max(m_plannedEpochs, int(progress.total));
    updateHeader();
}

void TrainingPanel::updateHeader()
{
    if (m_title.isEmpty() && m_records.isEmpty()) {
        m_header->setText(tr("No training runs. Library › Retrain Model… starts one."));
        return;
    }
    QStringList parts;
    parts << QStringLiteral("<b>%1</b>").arg(m_title.isEmpty() ? tr("Training")
                                                                : m_title.toHtmlEscaped());
    const int epoch = m_lastEpoch.value(QStringLiteral("epoch")).toInt();
    if (!m_history.isEmpty()) {
        if (!m_records.isEmpty())
            parts << tr("stored curves, %n epoch(s)", nullptr, epoch) << tr("%1 of training")
                                                                               .arg(TrainingOutcome::duration(m_recordSeconds));
        m_header->setText(parts.join(QStringLiteral(" · ")));
        return;
    }
    double elapsed = m_recordSeconds;
    if (!m_done && m_sinceRecord.isValid())
        elapsed += m_sinceRecord.elapsed() / 1000.0;
    else if (!m_done && m_sinceAttach.isValid())
        elapsed = m_sinceAttach.elapsed() / 1000.0;
    const QString stage = m_progress.stage;
    if (m_job && m_progress.state == jobs::JobState::Queued && !m_done)
        parts << tr("queued");
    else if (stage == QLatin1String("loading") && !m_done)
        parts << tr("loading the clips");
    else if (m_plannedEpochs > 0)
        parts << tr("epoch %1 of %2").arg(epoch).arg(m_plannedEpochs);
    if (stage == QLatin1String("scoring") && !m_done)
        parts << tr("scoring the test clips");
    else if (stage == QLatin1String("registering") && !m_done)
        parts << tr("registering the version");
    if (m_progress.state == jobs::JobState::Suspended && !m_done)
        parts << tr("paused");
    if (elapsed > 0 || !m_done)
        parts << tr("%1 elapsed").arg(TrainingOutcome::duration(elapsed));
    if (!m_done && m_progress.etaSeconds >= 0)
        parts << tr("about %1 left").arg(TrainingOutcome::duration(m_progress.etaSeconds));
    m_header->setText(parts.join(QStringLiteral(" · ")));
}

void TrainingPanel::setOutcome(const QString &text)
{
    m_outcome->setText(text);
    m_outcome->setVisible(!text.isEmpty());
}

void TrainingPanel::onFinished(const QVariantMap &result)
{
    m_done = true;
    m_tick.stop();
    m_cancel->setEnabled(false);
    m_cancel->setVisible(false);
    m_result = result;
    const QString name = result.value(QStringLiteral("name")).toString();
    if (!name.isEmpty())
        m_title = QStringLiteral("%1 (%2)").arg(name, result.value(QStringLiteral("kind")).toString());
    m_recordSeconds = std::max(m_recordSeconds, result.value(QStringLiteral("seconds")).toDouble());
    setOutcome(TrainingOutcome::finished(result, TestMetrics()));
    const qint64 parentId = result.value(QStringLiteral("parentId")).toLongLong();
    if (parentId > 0)
        loadParentMetrics(parentId);
    updateHeader();
}

void TrainingPanel::loadParentMetrics(qint64 parentId)
{
    const std::shared_ptr<library::Library> lib = m_session ? m_session->library() : nullptr;
    if (!lib)
        return;
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<TestMetrics>(this);
    connect(watcher, &QFutureWatcher<TestMetrics>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return; // another job or version is shown now
                setOutcome(TrainingOutcome::finished(m_result, watcher->result()));
            });
    watcher->setFuture(QtConcurrent::run([lib, parentId] {
        const library::CatalogThreadScope catalogScope(lib->database());
        auto found = lib->models().findById(parentId);
        if (!found || !*found)
            return TestMetrics();
        return TestMetrics::fromMetricsJson((*found)->name, (*found)->metricsJson);
    }));
}

void TrainingPanel::onCancelled(const QVariantMap &partial)
{
    m_done = true;
    m_tick.stop();
    m_cancel->setEnabled(false);
    m_cancel->setVisible(false);
    const QString name = partial.value(QStringLiteral("name")).toString();
    if (!name.isEmpty())
        m_title = name;
    setOutcome(TrainingOutcome::cancelled(partial, m_plannedEpochs, validated()));
    updateHeader();
}

void TrainingPanel::onError(const QString &text)
{
    m_done = true;
    m_tick.stop();
    m_cancel->setEnabled(false);
    m_cancel->setVisible(false);
    setOutcome(TrainingOutcome::failed(text));
    updateHeader();
}

} // namespace timbre::widgets
