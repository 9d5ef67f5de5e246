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
    const auto pos = std::lower_bound(commands.begin(), commands.end(), command,
                                      [](const CliCommand &a, const CliCommand &b) {
                                          return a.name < b.name;
                                      });
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

} // namespace timbre::cli
