// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/settings/ActivationNames.h"

namespace timbre::widgets {

QString ActivationNames::label(const QString &activation)
{
    if (activation == QLatin1String("if-better"))
        return tr("When better on the test clips");
    if (activation == QLatin1String("never"))
        return tr("Never");
    return tr("Always");
}

} // namespace timbre::widgets
