#include "widgets/compare/ComparisonResult.h"

#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

#include <QCoreApplication>

namespace timbre::widgets {

QString ComparisonResult::versionName(qint64 modelId) const
{
    for (const library::ModelRecord &m : versions)
        if (m.id == modelId)
            return m.name;
    for (const eval::ModelEvaluation &m : evaluation.models)
        if (m.modelId == modelId)
            return m.name;
    return QCoreApplication::translate("timbre::widgets::ModelComparisonView", "model %1")
            .arg(modelId);
}

ComparisonResult ComparisonResult::compute(const library::Library &library,
                                           const ComparisonRequest &request)
{
    ComparisonResult out;
    out.request = request;
    auto versions = library.models().list();
    if (!versions) {
        out.error = versions.error().message;
        return out;
    }
    out.versions = *versions;
    auto instruments = library.taxonomy().instruments();
    if (instruments)
        for (const library::Instrument &i : *instruments)
            out.instrumentNames.insert(i.key, i.displayName);

    eval::LibraryEvaluationOptions options;
    options.modelIds = request.modelIds;
    options.clips = request.clips;
    options.disagreements = request.disagreements;
    out.evaluation = eval::LibraryEvaluator::evaluate(library, options);
    out.error = out.evaluation.error;
    return out;
}

} // namespace timbre::widgets
