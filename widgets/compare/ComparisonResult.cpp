// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/ComparisonResult.h"

#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

namespace timbre::widgets {

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
