// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommonOptions.h"

namespace timbre::cli::options {

QCommandLineOption torchThreads(const QString &defaultValue)
{
    const QString help = defaultValue == QLatin1String("0")
            ? QStringLiteral("LibTorch threads (default: leave alone).")
            : QStringLiteral("LibTorch threads (default %1).").arg(defaultValue);
    return QCommandLineOption(QStringLiteral("threads"), help, QStringLiteral("T"), defaultValue);
}

QCommandLineOption seed(const QString &defaultValue)
{
    return QCommandLineOption(QStringLiteral("seed"),
                              QStringLiteral("Seed (default %1).").arg(defaultValue),
                              QStringLiteral("S"), defaultValue);
}

QCommandLineOption epochs(const QString &help, const QString &defaultValue)
{
    return QCommandLineOption(QStringLiteral("epochs"), help, QStringLiteral("N"), defaultValue);
}

} // namespace timbre::cli::options
