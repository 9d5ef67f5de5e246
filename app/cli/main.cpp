// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre`: the workbench's engine without a display, one subcommand per job.
#include "CliCommand.h"

#include "core/util/LibraryVersions.h"

#include <QCoreApplication>

using namespace timbre::cli;

namespace {

void printUsage(QTextStream &stream)
{
    stream << "Usage: timbre <command> [options]\n"
              "       timbre --help | --version\n\n"
              "Timbre Workbench command-line tool: instrument recognition with weak and\n"
              "partial labels.\n\nCommands:\n";
    for (const CliCommand &command : CliRegistry::commands())
        stream << "  " << command.name.leftJustified(12) << ' ' << command.summary << '\n';
    stream << "\nRun `timbre <command> --help` for the options of a command.\n";
    stream.flush();
}

void printVersion(QTextStream &stream)
{
    stream << "timbre " << TIMBRE_VERSION << '\n';
    for (const auto &[name, version] : timbre::libraryVersions())
        stream << "  " << name.leftJustified(9) << ' ' << version << '\n';
    stream.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("timbre"));
    QCoreApplication::setOrganizationName(QStringLiteral("Timbre Workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TIMBRE_VERSION));

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        printUsage(err());
        return ExitUsage;
    }
    const QString first = args.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        printUsage(out());
        return ExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        printVersion(out());
        return ExitOk;
    }
    const CliCommand *command = CliRegistry::find(first);
    if (!command) {
        err() << "timbre: unknown command '" << first << "'\n";
        printUsage(err());
        return ExitUsage;
    }
    QStringList commandArgs = args.mid(2);
    commandArgs.prepend(QStringLiteral("timbre ") + first);
    const int code = command->run(commandArgs);
    out().flush();
    err().flush();
    return code;
}
