// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStringList>

namespace timbre::cli {

// `timbre evaluate --library LIB --models A,B [--clips test|all]`: model versions of a library
// on the same clips (LibraryEvaluation).
int evaluateLibrary(const QStringList &arguments);

} // namespace timbre::cli
