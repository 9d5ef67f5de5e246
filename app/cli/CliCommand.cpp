// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommand.h"

#include <algorithm>
#include <cstdio>

namespace timbre::cli {

namespace {
QList<CliCommand> &registry()
{
    static QList<CliCommand> commands;
    return commands;
}
} // namespace

void CliRegistry::add(const CliCommand &command)
{
    auto &commands = registry();
    const auto pos = std::lower_bound(
            commands.begin(), commands.end(), command,
            [](const CliCommand &a, const CliCommand &b) { return a.name < b.name; });
    commands.insert(pos, command);
}

const QList<CliCommand> &CliRegistry::commands()
{
    return registry();
}

const CliCommand *CliRegistry::find(const QString &name)
{
    for (const CliCommand &command : registry()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int CommandVoice::fail(const QString &message) const
{
    err() << name << ": error: " << message << '\n';
    return ExitFailure;
}

int CommandVoice::usage(const QString &message) const
{
    err() << name << ": " << message << '\n';
    return ExitUsage;
}

bool CommandVoice::parseOrHelp(QCommandLineParser &parser, const QStringList &args,
                               int *exitCode) const
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        *exitCode = usage(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText() << exitCodesHelp;
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

} // namespace timbre::cli
