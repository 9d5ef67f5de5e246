// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace timbre::cli {

// Exit codes a script can rely on.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitCancelled = 3 };

// One subcommand of `timbre`. `run` receives the arguments after the subcommand name,
// preceded by "timbre <name>" so that a QCommandLineParser can process them directly.
struct CliCommand
{
    QString name;
    QString summary;
    std::function<int(const QStringList &arguments)> run;
};

class CliRegistry
{
public:
    static void add(const CliCommand &command);
    static const QList<CliCommand> &commands();
    static const CliCommand *find(const QString &name);
};

// Registers a command from a static object in its own .cpp (the CLI is one executable,
// so every registrar is linked in).
struct CliRegistrar
{
    explicit CliRegistrar(const CliCommand &command) { CliRegistry::add(command); }
};

QTextStream &out();
QTextStream &err();

// Error lines and --help handling of a subcommand with sub-subcommands, in one voice:
// "<name>: error: ..." for failures (ExitFailure), "<name>: ..." for usage (ExitUsage).
struct CommandVoice
{
    QString name; // e.g. "timbre library"
    const char *exitCodesHelp = ""; // appended to --help

    int fail(const QString &message) const;
    int usage(const QString &message) const;
    // Adds --help and parses; false when the caller should return *exitCode (help shown or
    // a usage error reported).
    bool parseOrHelp(QCommandLineParser &parser, const QStringList &args, int *exitCode) const;
};

} // namespace timbre::cli
