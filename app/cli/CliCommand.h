#pragma once
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

} // namespace timbre::cli
