// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/JobsPanel.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "widgets/jobs/JobListModel.h"
#include "widgets/jobs/JobProgressDelegate.h"
#include "widgets/jobs/JobTitles.h"
#include "widgets/jobs/JobsSummary.h"

#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTextCursor>
#include <QToolBar>
#include <QVBoxLayout>

namespace timbre::widgets {

namespace {

// The workbench's SVG icons are compiled into the application (resources/workbench.qrc); a
// panel used without them (tests, another program) falls back to the style's icons.
QIcon panelIcon(const char *name, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name));
    return QFile::exists(path) ? QIcon(path) : widget->style()->standardIcon(fallback);
}

} // namespace

JobsPanel::JobsPanel(jobs::JobRunner *runner, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_model(new JobListModel(runner, this))
{
    setObjectName(QStringLiteral("JobsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *tools = new QToolBar(this);
    tools->setIconSize(QSize(16, 16));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel = tools->addAction(panelIcon("cancel", QStyle::SP_DialogCancelButton, this),
                                tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the selected jobs"));
    m_pause = tools->addAction(panelIcon("pause", QStyle::SP_MediaPause, this), tr("Pause"));
    m_pause->setToolTip(tr("Pause the selected jobs at their next checkpoint"));
    m_resume = tools->addAction(panelIcon("resume", QStyle::SP_MediaPlay, this), tr("Resume"));
    m_clear = tools->addAction(panelIcon("clear", QStyle::SP_TrashIcon, this),
                               tr("Clear Finished"));
    layout->addWidget(tools);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_view = new QTableView(split);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new JobProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setShowGrid(false);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(JobListModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(JobListModel::StateColumn, 90);
    header->resizeSection(JobListModel::ProgressColumn, 180);
    header->resizeSection(JobListModel::EtaColumn, 60);
    header->resizeSection(JobListModel::StageColumn, 110);

    auto *logBox = new QWidget(split);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(4, 2, 0, 0);
    m_logTitle = new QLabel(tr("Log"), logBox);
    m_log = new QPlainTextEdit(logBox);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(jobs::Job::kMaxLogLines);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    logLayout->addWidget(m_logTitle);
    logLayout->addWidget(m_log, 1);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_cancel, &QAction::triggered, this, [this] {
        for (quint64 id : selectedJobIds())
            m_runner->cancel(id);
        updateActions();
    });
    connect(m_pause, &QAction::triggered, this, [this] {
        for (quint64 id : selectedJobIds())
            m_runner->pause(id);
        updateActions();
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        for (quint64 id : selectedJobIds())
            m_runner->resume(id);
        updateActions();
    });
    connect(m_clear, &QAction::triggered, m_runner, &jobs::JobRunner::removeFinished);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showLogOfCurrent();
    });
    connect(m_runner, &jobs::JobRunner::jobChanged, this, [this] {
        updateActions();
        emitSummary();
    });
    connect(m_runner, &jobs::JobRunner::jobAdded, this, [this](int row) {
        // Follow the newest job unless the user is looking at another one.
        if (!m_view->selectionModel()->hasSelection())
            m_view->selectRow(row);
        emitSummary();
    });
    connect(m_runner, &jobs::JobRunner::jobRemoved, this, [this] {
        if (!m_runner->job(m_logJob))
            showLogOfCurrent();
        updateActions();
        emitSummary();
    });
    connect(m_runner, &jobs::JobRunner::jobDone, this, [this] {
        updateActions();
        updateLogTitle();
        emitSummary();
    });
    updateActions();
}

QList<quint64> JobsPanel::selectedJobIds() const
{
    QList<quint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids << m_model->jobIdAt(index.row());
    return ids;
}

bool JobsPanel::selectJob(quint64 jobId)
{
    const int row = m_runner->rowOf(jobId);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

void JobsPanel::updateActions()
{
    bool anyActive = false;
    bool anyRunnable = false;
    bool anyPaused = false;
    for (quint64 id : selectedJobIds()) {
        const jobs::Job *job = m_runner->job(id);
        if (!job || job->isDone())
            continue;
        anyActive = true;
        // A held job is queued and kept back; a running one suspends at its next checkpoint.
        if (m_runner->isHeld(id) || job->state() == jobs::JobState::Suspended)
            anyPaused = true;
        else
            anyRunnable = true;
    }
    m_cancel->setEnabled(anyActive);
    m_pause->setEnabled(anyRunnable);
    m_resume->setEnabled(anyPaused);
    m_clear->setEnabled(m_runner->count() > m_runner->activeCount());
}

void JobsPanel::showLogOfCurrent()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const quint64 id = current.isValid() ? m_model->jobIdAt(current.row()) : 0;
    if (id == m_logJob)
        return;
    disconnect(m_logConnection);
    m_log->clear();
    m_logJob = id;
    const jobs::Job *job = m_runner->job(id);
    updateLogTitle();
    if (!job)
        return;
    m_log->setPlainText(job->logLines().join(QLatin1Char('\n')));
    m_log->moveCursor(QTextCursor::End); // the newest lines, as appended ones will be
    m_log->ensureCursorVisible();
    // Lines arrive one signal each, in order, after the ones copied above (same thread).
    m_logConnection = connect(job, &jobs::Job::logLine, m_log, &QPlainTextEdit::appendPlainText);
}

void JobsPanel::updateLogTitle()
{
    const jobs::Job *job = m_runner->job(m_logJob);
    if (!job)
        m_logTitle->setText(tr("Log"));
    else if (job->state() == jobs::JobState::Failed)
        // A failed job's error is the first thing a user wants to read: above the log.
        m_logTitle->setText(
                tr("Log: %1 — failed: %2").arg(JobTitles::title(*job), job->errorText()));
    else
        m_logTitle->setText(tr("Log: %1").arg(JobTitles::title(*job)));
}

void JobsPanel::emitSummary()
{
    const QString text = jobsSummary(*m_runner);
    if (text == m_summary)
        return;
    m_summary = text;
    Q_EMIT summaryChanged(text);
}

} // namespace timbre::widgets
