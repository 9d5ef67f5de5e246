// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/RetrainContext.h"

#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

namespace timbre::widgets {

RetrainContext RetrainContext::read(const library::Library &library)
{
    RetrainContext out;
    const auto fail = [&out](const library::CatalogError &e) {
        out.problem = e.message;
        return out;
    };
    auto active = library.models().active();
    if (!active)
        return fail(active.error());
    qint64 snapshot = 0;
    if (*active) {
        const library::ModelRecord &m = **active;
        out.activeName = m.name;
        out.activeKind = m.kind;
        out.activeHyperParameters = m.hyperParametersJson;
        snapshot = m.labelSnapshot;
    }
    auto trainable = library.clips().trainableClipIds();
    if (!trainable)
        return fail(trainable.error());
    auto test = library.clips().testClipIds();
    if (!test)
        return fail(test.error());
    auto labelled = library.labels().matrix(/*includeTestClips=*/false, /*onlyLabelledClips=*/true);
    if (!labelled)
        return fail(labelled.error());
    auto edits = library.labels().changesAfter(snapshot);
    if (!edits)
        return fail(edits.error());
    out.trainableClips = int(trainable->size());
    out.testClips = int(test->size());
    out.labelledClips = labelled->rows();
    out.editsSinceActive = *edits;
    return out;
}

} // namespace timbre::widgets
