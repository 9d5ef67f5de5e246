// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The options several subcommands share, declared once so that their names, value names and
// help read the same in every `timbre <command> --help`.
#include <QCommandLineOption>
#include <QString>

namespace timbre::cli::options {

// --threads T: LibTorch intra-op threads. "0" = leave LibTorch's setting alone.
QCommandLineOption torchThreads(const QString &defaultValue = QStringLiteral("0"));
// --seed S: the seed of a training run (weights, batches, the validation split).
QCommandLineOption seed(const QString &defaultValue = QStringLiteral("0"));
// --epochs N, with the command's own note on its default; `defaultValue` empty = none (the
// command then picks the kind's).
QCommandLineOption epochs(const QString &help, const QString &defaultValue = QString());

} // namespace timbre::cli::options
