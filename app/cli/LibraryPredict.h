// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStringList>

namespace timbre::cli {

// `timbre predict --library LIB [--model ID|NAME]`: the predict job in the foreground.
int predictLibrary(const QStringList &arguments);

// Whether the arguments ask for a command's library mode (`--library` given).
bool hasLibraryOption(const QStringList &arguments);

// A model given by id or by name; 0 with *error set when there is no such model.
qint64 modelIdFromArgument(const QString &libraryFolder, const QString &argument, QString *error);

} // namespace timbre::cli
