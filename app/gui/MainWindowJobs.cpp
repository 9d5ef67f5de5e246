// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's jobs: starting scan / extract / train / predict on the shared runner, what a
// finished job sets off, and offering to resume the jobs a previous session left unfinished.
#include "app/gui/MainWindow.h"

#include "app/gui/JobStarter.h"
#include "app/gui/MainWindowShared.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/JobWorker.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "widgets/jobs/JobTitles.h"
#include "widgets/jobs/JobsPanel.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/settings/WorkbenchSettings.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace timbre::gui {

using mainwindow::kMessageMs;

jobs::Job *MainWindow::startJob(std::unique_ptr<jobs::JobWorker> worker)
{
    if (!m_library || !worker) {
        statusBar()->showMessage(tr("Open a library first."), kMessageMs);
        return nullptr;
    }
    jobs::Job *job = m_runner->enqueue(std::move(worker));
    m_jobsDock->show();
    m_jobsPanel->selectJob(job->id());
    statusBar()->showMessage(tr("Started: %1").arg(widgets::JobTitles::title(*job)), kMessageMs);
    return job;
}

jobs::Job *MainWindow::startScan(const QStringList &roots)
{
    return startJob(JobStarter::scan(m_libraryFolder, roots, widgets::WorkbenchSettings::load()));
}

jobs::Job *MainWindow::startExtract()
{
    return startJob(JobStarter::extract(m_libraryFolder, widgets::WorkbenchSettings::load()));
}

jobs::Job *MainWindow::startTrain(bool warmStart)
{
    if (warmStart && m_browser->activeModelName().isEmpty()) {
        statusBar()->showMessage(tr("No active model to retrain: training a new one."), kMessageMs);
        warmStart = false;
    }
    return startJob(
            JobStarter::train(m_libraryFolder, warmStart, widgets::WorkbenchSettings::load()));
}

jobs::Job *MainWindow::startPredict()
{
    return startJob(JobStarter::predict(m_libraryFolder, widgets::WorkbenchSettings::load()));
}

void MainWindow::onJobDone(quint64 id)
{
    const jobs::Job *job = m_runner->job(id);
    if (!job)
        return;
    if (job->state() == jobs::JobState::Failed)
        statusBar()->showMessage(
                tr("%1 failed: %2").arg(widgets::JobTitles::title(*job), job->errorText()),
                kMessageMs);
    // A new version (also one kept from a cancelled run) gets its predictions in the
    // background, whether or not it became the active one: the browser, the queues, the lanes
    // and the comparison read them.
    if (job->kind() == QLatin1String("train") && m_library) {
        const qint64 modelId = job->result().value(QStringLiteral("modelId")).toLongLong();
        if (modelId > 0)
            startJob(JobStarter::predict(m_libraryFolder, widgets::WorkbenchSettings::load(),
                                         modelId));
    }
    // Every kind of job changes the catalog (tracks, features, models, scores): the session
    // looks at once rather than at its next poll, and says what changed to every view.
    if (m_library)
        m_session->checkNowAsync();
}

void MainWindow::checkInterruptedJobsAsync()
{
    const int generation = m_libraryGeneration;
    std::shared_ptr<library::Library> lib = m_library;
    using Result = library::CatalogResult<QList<library::JobRecord>>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_libraryGeneration)
            return;
        Result result = watcher->result();
        if (!result) {
            statusBar()->showMessage(
                    tr("Cannot read the library's jobs: %1").arg(result.error().message),
                    kMessageMs);
            Q_EMIT interruptedJobsChecked(0);
            return;
        }
        m_interrupted = *result;
        updateLibraryActions();
        Q_EMIT interruptedJobsChecked(int(m_interrupted.size()));
        if (!m_interrupted.isEmpty())
            offerResume();
    });
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return JobStarter::interruptedBlocking(*lib);
    }));
}

void MainWindow::offerResume()
{
    QStringList titles;
    for (const library::JobRecord &job : m_interrupted)
        titles << job.title;
    // Not modal: the window stays usable, and the Library menu offers the same later.
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Interrupted Jobs"),
            tr("Jobs of this library that did not finish last time: %1").arg(m_interrupted.size()),
            QMessageBox::NoButton, this);
    box->setInformativeText(titles.join(QLatin1Char('\n')));
    QPushButton *resume = box->addButton(tr("Resume"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, resume](QAbstractButton *button) {
        if (button == resume)
            resumeInterruptedJobs();
    });
    box->setWindowModality(Qt::NonModal);
    box->show();
}

int MainWindow::resumeInterruptedJobs()
{
    if (!m_library || m_interrupted.isEmpty())
        return 0;
    const int before = m_runner->count();
    const QStringList problems = JobStarter::resume(*m_runner, *m_library, m_interrupted);
    m_interrupted.clear();
    updateLibraryActions();
    if (!problems.isEmpty())
        statusBar()->showMessage(tr("Cannot resume: %1").arg(problems.join(QLatin1String("; "))),
                                 kMessageMs);
    if (m_runner->count() > before)
        m_jobsDock->show();
    return m_runner->count() - before;
}

} // namespace timbre::gui
