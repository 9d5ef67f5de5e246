// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/ModelDocks.h"

#include "core/jobs/AutoRetrainPolicy.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/TrainJob.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "models/api/ModelKinds.h"
#include "widgets/compare/ModelComparisonView.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/models/ModelLineageView.h"
#include "widgets/settings/WorkbenchSettings.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/training/RetrainDialog.h"
#include "widgets/training/TrainingPanel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QtConcurrent/QtConcurrentRun>

namespace timbre::gui {

namespace {

struct History
{
    QString name;
    QList<QVariantMap> records;
    QString error;
};

History loadHistoryBlocking(const library::Library &lib, qint64 modelId)
{
    History out;
    auto model = lib.models().findById(modelId);
    if (!model) {
        out.error = model.error().message;
        return out;
    }
    if (!*model) {
        out.error = QStringLiteral("model %1 is gone").arg(modelId);
        return out;
    }
    out.name = (*model)->name;
    auto records = lib.models().history(modelId);
    if (!records)
        out.error = records.error().message;
    else
        out.records = *records;
    return out;
}

QDockWidget *dock(QMainWindow *window, const QString &title, const QString &name, QWidget *w)
{
    auto *d = new QDockWidget(title, window);
    d->setObjectName(name);
    d->setWidget(w);
    return d;
}

} // namespace

ModelDocks::ModelDocks(QMainWindow *window, library::LibrarySession *session,
                       jobs::JobRunner *runner, widgets::TrackView *trackView,
                       widgets::LibraryBrowser *browser, QDockWidget *libraryDock,
                       StartJob startJob)
    : QObject(window),
      m_window(window),
      m_session(session),
      m_runner(runner),
      m_trackView(trackView),
      m_browser(browser),
      m_libraryDock(libraryDock),
      m_startJob(std::move(startJob))
{
    createTraining();
    createVersions();
    createComparison();

    // Automatic retraining: counts the label edits the session announces; never overlaps a
    // train job (edits made during one count for the next).
    m_policy = new jobs::AutoRetrainPolicy(this);
    connect(m_session, &library::LibrarySession::labelsChanged, m_policy,
            &jobs::AutoRetrainPolicy::onLabelsChanged);
    connect(m_session, &library::LibrarySession::libraryChanged, m_policy,
            &jobs::AutoRetrainPolicy::reset);
    connect(m_policy, &jobs::AutoRetrainPolicy::retrainDue, this, &ModelDocks::startAutoRetrain);
    connect(m_runner, &jobs::JobRunner::jobAdded, this, &ModelDocks::onJobAdded);
    connect(m_runner, &jobs::JobRunner::jobDone, this, [this] { updateTrainingRunning(); });
    applySettings();
}

void ModelDocks::createTraining()
{
    m_training = new widgets::TrainingPanel(m_window);
    m_training->setSession(m_session);
    m_trainingDock = dock(m_window, tr("Training"), QStringLiteral("TrainingDock"), m_training);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_trainingDock);
    m_trainingDock->hide();
}

void ModelDocks::createVersions()
{
    m_lineage = new widgets::ModelLineageView(m_window);
    m_versionsDock = dock(m_window, tr("Versions"), QStringLiteral("VersionsDock"), m_lineage);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_versionsDock);
    m_versionsDock->hide();
    connect(m_session, &library::LibrarySession::libraryChanged, this,
            [this] { m_lineage->setLibrary(m_session->library()); });
    const auto reload = [this] { m_lineage->reload(); };
    connect(m_session, &library::LibrarySession::modelsChanged, this, reload);
    connect(m_session, &library::LibrarySession::activeModelChanged, this, reload);
    connect(m_session, &library::LibrarySession::labelsChanged, this, reload);
    connect(m_lineage, &widgets::ModelLineageView::catalogChanged, m_session,
            &library::LibrarySession::checkNowAsync);
    connect(m_lineage, &widgets::ModelLineageView::statusMessage, this,
            &ModelDocks::statusMessage);
    connect(m_lineage, &widgets::ModelLineageView::showTrainingHistory, this,
            &ModelDocks::showHistoryOf);
    connect(m_lineage, &widgets::ModelLineageView::compareRequested, this,
            [this](const QList<qint64> &ids) {
                m_comparisonDock->show();
                m_comparisonDock->raise();
                m_comparison->setModels(ids);
            });
}

void ModelDocks::createComparison()
{
    m_comparison = new widgets::ModelComparisonView(m_window);
    m_comparison->setSession(m_session);
    m_comparisonDock
            = dock(m_window, tr("Comparison"), QStringLiteral("ComparisonDock"), m_comparison);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_comparisonDock);
    m_comparisonDock->hide();
    connect(m_comparison, &widgets::ModelComparisonView::statusMessage, this,
            &ModelDocks::statusMessage);
    // The bottom area is sized for the jobs list; bars, table and tabs need about half the
    // window. The first comparison grows the dock to that once; later ones leave the user's
    // size alone.
    connect(m_comparison, &widgets::ModelComparisonView::comparisonFinished, this,
            [this](bool ok) {
                if (!ok || m_comparisonGrown || m_comparisonDock->isFloating())
                    return;
                m_comparisonGrown = true;
                const int wanted = m_window->height() * 45 / 100;
                if (m_comparisonDock->height() < wanted)
                    m_window->resizeDocks({m_comparisonDock}, {wanted}, Qt::Vertical);
            });
    // A disagreement: the track with both versions' lanes stacked, on the instrument.
    connect(m_comparison, &widgets::ModelComparisonView::openTrackCompared, this,
            [this](qint64 trackId, const QList<qint64> &ids, const QString &instrument,
                   qint64 clipId) {
                m_trackView->setComparedModels(ids);
                if (m_trackView->openTrack(trackId) && !instrument.isEmpty())
                    m_trackView->focusInstrument(instrument);
                if (clipId > 0)
                    Q_EMIT clipOpened(clipId, instrument);
            });
    // A bar: the browser lists that version's errors on that instrument.
    connect(m_comparison, &widgets::ModelComparisonView::instrumentErrorsRequested, this,
            [this](qint64, const QString &, const QList<qint64> &trackIds) {
                m_libraryDock->show();
                m_libraryDock->raise();
                m_browser->showOnlyTracks(m_comparison->errorsCaption(), trackIds);
            });
}

void ModelDocks::addToViewMenu(QMenu *view)
{
    const QList<std::pair<QDockWidget *, const char *>> docks
            = {{m_trainingDock, QT_TR_NOOP("Ctrl+5")},
               {m_versionsDock, QT_TR_NOOP("Ctrl+6")},
               {m_comparisonDock, QT_TR_NOOP("Ctrl+7")}};
    for (const auto &[d, key] : docks) {
        d->toggleViewAction()->setShortcut(QKeySequence(tr(key)));
        view->addAction(d->toggleViewAction());
        // A dock shown from the menu comes to the front of its tab group.
        connect(d->toggleViewAction(), &QAction::triggered, d, [d](bool on) {
            if (on)
                d->raise();
        });
    }
}

void ModelDocks::placeBeside(QDockWidget *bottom)
{
    if (!bottom)
        return;
    // All three are wide tables and charts: the bottom area (between the library and the
    // right column, which is the editor's and the queue's) suits them.
    m_window->tabifyDockWidget(bottom, m_trainingDock);
    m_window->tabifyDockWidget(bottom, m_versionsDock);
    m_window->tabifyDockWidget(bottom, m_comparisonDock);
}

void ModelDocks::setLibraryFolder(const QString &folder)
{
    m_libraryFolder = folder;
}

void ModelDocks::applySettings()
{
    const widgets::WorkbenchSettings s = widgets::WorkbenchSettings::load();
    m_policy->setEnabled(s.autoRetrain);
    m_policy->setThreshold(s.autoRetrainEdits);
    m_policy->setQuietPeriodMs(s.autoRetrainQuietSeconds * 1000);
}

void ModelDocks::showRetrainDialog()
{
    if (m_libraryFolder.isEmpty())
        return;
    auto *dialog = new widgets::RetrainDialog(m_libraryFolder, widgets::WorkbenchSettings::load(),
                                              m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->load(m_session->library());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_startJob(std::make_unique<jobs::TrainJob>(dialog->options()));
    });
    dialog->show();
}

void ModelDocks::startAutoRetrain()
{
    if (m_libraryFolder.isEmpty() || !m_session->library())
        return;
    const widgets::WorkbenchSettings s = widgets::WorkbenchSettings::load();
    jobs::TrainJobOptions o;
    o.libraryFolder = m_libraryFolder;
    o.kind = QString::fromLatin1(models::defaultLibraryKind());
    // The browser knows whether there is an active version to continue from.
    o.warmStart = m_browser->activeModelName().isEmpty() ? QString() : QStringLiteral("active");
    o.threads = s.threads;
    o.activation = s.activation;
    o.activate = s.activation != QLatin1String("never");
    o.note = QCoreApplication::translate("ModelDocks", "retrained automatically after %n label "
                                                       "edit(s)",
                                         nullptr, m_policy->pendingEdits());
    if (m_startJob(std::make_unique<jobs::TrainJob>(o)))
        Q_EMIT statusMessage(tr("Retraining automatically on the new labels."));
}

// Every train job, whoever started it, is followed by the Training panel, and holds the
// automatic retraining back until it ends.
void ModelDocks::onJobAdded(int row)
{
    jobs::Job *job = m_runner->jobAt(row);
    if (!job || job->kind() != QLatin1String("train"))
        return;
    m_training->attachJob(job);
    m_trainingDock->show();
    m_trainingDock->raise();
    updateTrainingRunning();
}

void ModelDocks::updateTrainingRunning()
{
    bool running = false;
    for (int row = 0; row < m_runner->count(); ++row) {
        const jobs::Job *job = m_runner->jobAt(row);
        running = running || (job && job->kind() == QLatin1String("train") && !job->isDone());
    }
    m_policy->setTrainingRunning(running);
}

void ModelDocks::showHistoryOf(qint64 modelId)
{
    std::shared_ptr<library::Library> lib = m_session->library();
    if (!lib)
        return;
    const int generation = ++m_historyGeneration;
    auto *watcher = new QFutureWatcher<History>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_historyGeneration)
            return;
        const History h = watcher->result();
        if (!h.error.isEmpty()) {
            Q_EMIT statusMessage(tr("Cannot read the training history: %1").arg(h.error));
            return;
        }
        m_trainingDock->show();
        m_trainingDock->raise();
        m_training->showHistory(h.name, h.records);
        if (h.records.isEmpty())
            Q_EMIT statusMessage(
                    tr("%1 was trained before training curves were stored.").arg(h.name));
    });
    watcher->setFuture(QtConcurrent::run([lib, modelId] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return loadHistoryBlocking(*lib, modelId);
    }));
}

} // namespace timbre::gui
