// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QMetaType>
#include <QString>

namespace timbre::jobs {

enum class JobState { Queued, Running, Suspended, Finished, Cancelled, Failed };

// The one progress report of a job (Mixxx: state + item + fraction in one signal, so
// queued updates stay in order). `total` is -1 while unknown; a scan raises it as it
// discovers files, so done/total doubles as done/seen.
struct JobProgress
{
    JobState state = JobState::Queued;
    QString stage; // e.g. "walking", "reading", "writing"
    QString currentItem; // e.g. the path being read
    qint64 done = 0;
    qint64 total = -1;
    qint64 failed = 0;
    // Seconds left, estimated by JobContext from the rate so far; -1 = unknown.
    double etaSeconds = -1;

    double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
};

QString jobStateName(JobState state);
bool isFinalState(JobState state);

} // namespace timbre::jobs

Q_DECLARE_METATYPE(timbre::jobs::JobProgress)
Q_DECLARE_METATYPE(timbre::jobs::JobState)
