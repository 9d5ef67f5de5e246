// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QHash>
#include <QString>

namespace timbre::overview {

// The per-instrument decision thresholds a model stores with its metrics, by instrument key:
// training tunes them on its validation clips and writes them (ModelRunner) as the
// "test_tuned_thresholds" report, whose instruments carry a name and a threshold. Empty when
// the model stores none (the caller then uses kDefaultThreshold) or the JSON cannot be read.
QHash<QString, double> storedThresholds(const QString &metricsJson);

} // namespace timbre::overview
