// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/ReviewTypes.h"

namespace timbre::review {

QString queueKindName(QueueKind kind)
{
    switch (kind) {
    case QueueKind::Uncertain:
        return QStringLiteral("uncertain");
    case QueueKind::LabelErrors:
        return QStringLiteral("errors");
    case QueueKind::Disagreement:
        return QStringLiteral("disagreement");
    case QueueKind::Unlabelled:
        return QStringLiteral("unlabelled");
    }
    return {};
}

std::optional<QueueKind> queueKindFromName(const QString &name)
{
    for (QueueKind k : {QueueKind::Uncertain, QueueKind::LabelErrors, QueueKind::Disagreement,
                        QueueKind::Unlabelled})
        if (queueKindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace timbre::review
