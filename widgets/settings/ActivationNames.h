// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCoreApplication>
#include <QString>

namespace timbre::widgets {

// The activation choices of a retrain (TrainJobOptions::activation: "always", "if-better",
// "never") in the interface language, for the retrain dialog and the settings.
class ActivationNames
{
    Q_DECLARE_TR_FUNCTIONS(timbre::widgets::ActivationNames)
public:
    static QString label(const QString &activation);
};

} // namespace timbre::widgets
