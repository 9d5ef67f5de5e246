// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/ReviewQueue.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/review/QueueRanking.h"
#include "core/review/ReviewSnapshot.h"

#include <QSqlQuery>
#include <QVariant>

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

// Whether model `id` has a row in `table` (prediction / heldout_prediction). Not count(*):
// counting a version's 2 million score rows costs ~0.1 s of CPU at 100 000 clips, and the
// queues only need to know that there is one.
CatalogResult<bool> hasScores(const library::Library &lib, const char *table, qint64 id)
{
    const library::CatalogDatabase &db = lib.database();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1 WHERE model_id = ?)")
                      .arg(QLatin1String(table)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return db.queryError(q, QStringLiteral("looking up scores of model %1").arg(id));
    return q.value(0).toInt() != 0;
}

// NotFound unless model `id` has bag scores stored.
CatalogError requireScores(const library::Library &lib, qint64 id)
{
    auto n = hasScores(lib, "prediction", id);
    if (!n)
        return n.error();
    if (!*n)
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
        auto n = hasScores(lib, "heldout_prediction", models->model);
        if (!n)
            return n.error();
        if (!*n)
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
        auto n = hasScores(lib, "prediction", models->model);
        if (!n)
            return n.error();
        if (o.unlabelledOrder != UnlabelledOrder::Library) {
            if (auto e = requireScores(lib, models->model); e.isError())
                return e;
        }
        if (*n)
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
