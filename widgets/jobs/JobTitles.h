// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QVariantMap>

namespace timbre::jobs {
class Job;
}

namespace timbre::widgets {

// The jobs' titles in the interface language. core/jobs names its workers in English only
// (QtCore, no translations there; the catalog's job table keeps that English title), so the
// workbench rebuilds each title from the job's kind and parameters through tr(); a kind it
// does not know keeps the worker's own title.
class JobTitles
{
    Q_DECLARE_TR_FUNCTIONS(timbre::widgets::JobTitles)
public:
    static QString title(const jobs::Job &job);
    // The same from the parts (tests, and jobs known only from the catalog).
    static QString title(const QString &kind, const QVariantMap &parameters,
                         const QString &englishTitle);
};

} // namespace timbre::widgets
