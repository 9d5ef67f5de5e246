// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/JobTitles.h"

#include "core/jobs/Job.h"

namespace timbre::widgets {

QString JobTitles::title(const jobs::Job &job)
{
    return title(job.kind(), job.parameters(), job.title());
}

QString JobTitles::title(const QString &kind, const QVariantMap &parameters,
                         const QString &englishTitle)
{
    if (kind == QLatin1String("scan")) {
        // ScanJob has no parameters; its title is "Scan <roots>".
        const QLatin1String prefix("Scan ");
        if (englishTitle.startsWith(prefix))
            return tr("Scan %1").arg(englishTitle.mid(prefix.size()));
        return englishTitle;
    }
    if (kind == QLatin1String("extract")) {
        const QString extractor = parameters.value(QStringLiteral("extractor")).toString();
        return extractor.isEmpty() ? englishTitle : tr("Extract %1 features").arg(extractor);
    }
    if (kind == QLatin1String("predict")) {
        const qint64 model = parameters.value(QStringLiteral("modelId")).toLongLong();
        return model > 0 ? tr("Predict with model %1").arg(model)
                         : tr("Predict with the active model");
    }
    if (kind == QLatin1String("train")) {
        const QString model = parameters.value(QStringLiteral("kind")).toString();
        const QString warmStart = parameters.value(QStringLiteral("warmStart")).toString();
        if (model.isEmpty())
            return englishTitle;
        if (warmStart.isEmpty())
            return tr("Train %1").arg(model);
        if (warmStart == QLatin1String("active"))
            return tr("Retrain %1 from the active model").arg(model);
        return tr("Retrain %1 from model %2").arg(model, warmStart);
    }
    return englishTitle;
}

} // namespace timbre::widgets
