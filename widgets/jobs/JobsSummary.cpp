// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/JobsSummary.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "widgets/jobs/JobListModel.h"

#include <QCoreApplication>

#include <algorithm>

namespace timbre::widgets {

QString jobsSummary(const jobs::JobRunner &runner)
{
    int running = 0;
    int queued = 0;
    double eta = -1;
    for (int row = 0; row < runner.count(); ++row) {
        const jobs::Job *job = runner.jobAt(row);
        const jobs::JobProgress p = job->progress();
        if (p.state == jobs::JobState::Running || p.state == jobs::JobState::Suspended) {
            ++running;
            eta = std::max(eta, p.etaSeconds);
        } else if (p.state == jobs::JobState::Queued) {
            ++queued;
        }
    }
    if (running == 0 && queued == 0)
        return QString();
    // Singular and plural spelled out: there is no English .qm to resolve "%n job(s)".
    QString text;
    if (running == 1)
        text = QCoreApplication::translate("JobsSummary", "1 job running");
    else if (running > 1)
        text = QCoreApplication::translate("JobsSummary", "%1 jobs running").arg(running);
    if (queued > 0) {
        const QString q = QCoreApplication::translate("JobsSummary", "%1 queued").arg(queued);
        text = text.isEmpty() ? q
                              : QCoreApplication::translate("JobsSummary", "%1, %2").arg(text, q);
    }
    if (eta >= 0) {
        text = QCoreApplication::translate("JobsSummary", "%1, ETA %2")
                       .arg(text, JobListModel::formatEta(eta));
    }
    return text;
}

} // namespace timbre::widgets
