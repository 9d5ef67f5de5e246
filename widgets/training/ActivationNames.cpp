#include "widgets/training/ActivationNames.h"

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
