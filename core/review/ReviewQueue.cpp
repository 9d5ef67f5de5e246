#include "core/review/ReviewQueue.h"

#include "core/library/HeldoutPredictionStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/review/QueueRanking.h"
#include "core/review/ReviewSnapshot.h"

namespace timbre::review {

using library::CatalogError;
using library::CatalogResult;

namespace {

CatalogError missing(const library::Library &lib, const QString &message)
{
    return CatalogError::make(CatalogError::NotFound, lib.folder(), message);
}

CatalogResult<library::ModelRecord> model(const library::Library &lib, qint64 id)
{
    auto found = lib.models().findById(id);
    if (!found)
        return found.error();
    if (!*found)
        return missing(lib, QStringLiteral("%1: no model with id %2").arg(lib.folder()).arg(id));
    return **found;
}

// NotFound unless model `id` has bag scores stored.
CatalogError requireScores(const library::Library &lib, qint64 id)
{
    auto n = lib.predictions().count(id);
    if (!n)
        return n.error();
    if (*n == 0)
        return missing(lib,
                       QStringLiteral("%1: model %2 has no scores (run `timbre predict "
                                      "--library %1 --model %2` first)")
                               .arg(lib.folder())
                               .arg(id));
    return {};
}

} // namespace

CatalogResult<ReviewQueue::Models> ReviewQueue::resolveModels(const library::Library &lib,
                                                              QueueKind kind, const QueueOptions &o)
{
    Models m;
    if (o.modelId > 0) {
        auto a = model(lib, o.modelId);
        if (!a)
            return a.error();
        m.model = a->id;
    } else {
        auto active = lib.models().active();
        if (!active)
            return active.error();
        if (!*active)
            return missing(lib,
                           QStringLiteral("%1: no active model (train one, or name a model)")
                                   .arg(lib.folder()));
        m.model = (*active)->id;
    }
    if (kind != QueueKind::Disagreement)
        return m;
    if (o.otherModelId > 0) {
        auto b = model(lib, o.otherModelId);
        if (!b)
            return b.error();
        m.other = b->id;
    } else {
        auto a = model(lib, m.model);
        if (!a)
            return a.error();
        if (a->parentId <= 0)
            return missing(lib,
                           QStringLiteral("%1: model %2 has no parent to disagree with "
                                          "(name two models)")
                                   .arg(lib.folder())
                                   .arg(m.model));
        m.other = a->parentId;
    }
    if (m.other == m.model)
        return CatalogError::make(CatalogError::InvalidArgument, lib.folder(),
                                  QStringLiteral("%1: disagreement needs two different models, "
                                                 "got model %2 twice")
                                          .arg(lib.folder())
                                          .arg(m.model));
    return m;
}

CatalogResult<QList<ReviewEntry>> ReviewQueue::rank(const library::Library &lib, QueueKind kind,
                                                    const QueueOptions &o)
{
    if (o.limit < 0)
        return CatalogError::make(
                CatalogError::InvalidArgument, lib.folder(),
                QStringLiteral("a queue's limit cannot be negative (%1)").arg(o.limit));
    auto models = resolveModels(lib, kind, o);
    if (!models)
        return models.error();
    ReviewSnapshot::Request request;
    switch (kind) {
    case QueueKind::Uncertain:
        if (auto e = requireScores(lib, models->model); e.isError())
            return e;
        request.scoresOf = models->model;
        break;
    case QueueKind::LabelErrors: {
        auto n = lib.heldoutPredictions().count(models->model);
        if (!n)
            return n.error();
        if (*n == 0)
            return missing(lib,
                           QStringLiteral("%1: model %2 has no held-out scores (run `timbre "
                                          "review %1 --cross-fit --model %2` first)")
                                   .arg(lib.folder())
                                   .arg(models->model));
        request.heldoutOf = models->model;
        break;
    }
    case QueueKind::Disagreement:
        for (qint64 id : {models->model, models->other})
            if (auto e = requireScores(lib, id); e.isError())
                return e;
        request.scoresOf = models->model;
        request.otherScoresOf = models->other;
        break;
    case QueueKind::Unlabelled: {
        // Scores only order the queue; library order needs none, and a model without scores
        // still has a library order.
        auto n = lib.predictions().count(models->model);
        if (!n)
            return n.error();
        if (o.unlabelledOrder != UnlabelledOrder::Library) {
            if (auto e = requireScores(lib, models->model); e.isError())
                return e;
        }
        if (*n > 0)
            request.scoresOf = models->model;
        break;
    }
    }
    auto snapshot = ReviewSnapshot::load(lib, request);
    if (!snapshot)
        return snapshot.error();
    switch (kind) {
    case QueueKind::Uncertain:
        return QueueRanking::uncertain(*snapshot, o);
    case QueueKind::LabelErrors:
        return QueueRanking::labelErrors(*snapshot, o);
    case QueueKind::Disagreement:
        return QueueRanking::disagreement(*snapshot, o);
    case QueueKind::Unlabelled:
        return QueueRanking::unlabelled(*snapshot, o);
    }
    return QList<ReviewEntry>();
}

} // namespace timbre::review
