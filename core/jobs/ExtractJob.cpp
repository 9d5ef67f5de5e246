// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/ExtractJob.h"

#include "core/jobs/ExtractSteps.h"
#include "core/jobs/JobParameters.h"

#include <optional>

namespace timbre::jobs {

ExtractJob::ExtractJob(ExtractOptions options) : m_options(std::move(options)) { }

QString ExtractJob::title() const
{
    if (m_options.shardCount > 1)
        return QStringLiteral("Extract %1 features, shard %2/%3")
                .arg(m_options.extractorId)
                .arg(m_options.shardIndex)
                .arg(m_options.shardCount);
    return QStringLiteral("Extract %1 features").arg(m_options.extractorId);
}

const JobParameters<ExtractOptions> &ExtractJob::parameterFields()
{
    static const auto fields
            = JobParameters<ExtractOptions>()
                      .field(QStringLiteral("library"), &ExtractOptions::libraryFolder)
                      .field(QStringLiteral("extractor"), &ExtractOptions::extractorId)
                      .field(QStringLiteral("threads"), &ExtractOptions::threads)
                      .field(QStringLiteral("force"), &ExtractOptions::force)
                      .field(QStringLiteral("batchTracks"), &ExtractOptions::batchTracks)
                      .field(QStringLiteral("trackIds"), &ExtractOptions::trackIds)
                      .field(QStringLiteral("shardIndex"), &ExtractOptions::shardIndex)
                      .field(QStringLiteral("shardCount"), &ExtractOptions::shardCount);
    return fields;
}

QVariantMap ExtractJob::parameters() const
{
    return parameterFields().toMap(m_options);
}

ExtractOptions ExtractJob::optionsFrom(const QVariantMap &p)
{
    ExtractOptions o = parameterFields().fromMap(p);
    // A resumed job never recomputes what its first run finished.
    o.force = false;
    return o;
}

JobOutcome ExtractJob::run(JobContext &context)
{
    ExtractRun run(context, m_options);
    for (auto step : {&ExtractRun::openLibrary, &ExtractRun::resolveExtractor,
                      &ExtractRun::listTracks, &ExtractRun::checkTracks}) {
        if (std::optional<JobOutcome> end = (run.*step)())
            return *end;
    }
    return run.extractQueued();
}

} // namespace timbre::jobs
