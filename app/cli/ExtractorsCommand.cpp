// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre extractors LIB`: the extractors a library can use (built-ins and registered
// TorchScript modules); `--add-torchscript FILE.pt --id ID [--postprocess PCA.json]` registers
// one (core/features/ExtractorRegistry).
#include "CliCommand.h"

#include "core/features/ExtractorRegistry.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace timbre;
using namespace timbre::cli;

namespace {

const char kExitCodes[]
        = "\nExit codes: 0 success (unreadable registrations are reported on stderr as\n"
          "'timbre extractors: warning: ...' and skipped); 1 failure (one line\n"
          "'timbre extractors: error: ...' naming the file); 2 usage error.\n"
          "\nOutput (stdout): a header and one line per extractor: id, version, dimension,\n"
          "instance hop in seconds, kind (built-in|torchscript), weights hash (XXH64, '-' for\n"
          "built-ins), description. --add-torchscript prints one line:\n"
          "  registered ID-vN dimension=D hop=0.96 kind=torchscript weights=HASH\n";

const CommandVoice voice {QStringLiteral("timbre extractors"), kExitCodes};

void printSpecs(const QList<features::ExtractorSpec> &specs)
{
    QTextStream &o = out();
    o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                    .arg(QStringLiteral("id"), -16)
                    .arg(QStringLiteral("version"), 7)
                    .arg(QStringLiteral("dim"), 5)
                    .arg(QStringLiteral("hop s"), 6)
                    .arg(QStringLiteral("kind"), -11)
                    .arg(QStringLiteral("weights"), -16)
                    .arg(QStringLiteral("description"));
    for (const features::ExtractorSpec &spec : specs)
        o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                        .arg(spec.info.id, -16)
                        .arg(spec.info.version, 7)
                        .arg(spec.info.dimension, 5)
                        .arg(spec.instanceHopSeconds(), 6, 'f', 2)
                        .arg(features::ExtractorSpec::kindName(spec.kind), -11)
                        .arg(spec.weightsHash.isEmpty() ? QStringLiteral("-") : spec.weightsHash,
                             -16)
                        .arg(spec.description);
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "List the feature extractors of a library, or register a TorchScript module (a "
            ".pt taking [batch, 1, 96, 64] VGGish log-mel patches and returning [batch, D]) "
            "as one."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    const QCommandLineOption addOption(
            QStringLiteral("add-torchscript"),
            QStringLiteral("Probe FILE.pt and copy it into LIB/extractors/ as extractor ID."),
            QStringLiteral("FILE.pt"));
    const QCommandLineOption idOption(QStringLiteral("id"),
                                      QStringLiteral("Id of the extractor to register."),
                                      QStringLiteral("ID"));
    const QCommandLineOption postOption(
            QStringLiteral("postprocess"),
            QStringLiteral("VGGish PCA parameters (JSON: pca_eigen_vectors, pca_means) applied "
                           "with 8-bit quantisation after the module, as OpenMIC-2018's "
                           "features."),
            QStringLiteral("PCA.json"));
    parser.addOptions({addOption, idOption, postOption});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, arguments, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("needs exactly one library folder LIB"));
    const QString library = parser.positionalArguments().first();
    if (!QFileInfo(library).isDir())
        return voice.fail(QStringLiteral("%1: no such library folder").arg(library));

    if (!parser.isSet(addOption)) {
        if (parser.isSet(idOption) || parser.isSet(postOption))
            return voice.usage(QStringLiteral("--id and --postprocess go with --add-torchscript"));
        const features::ExtractorRegistry registry(library);
        for (const QString &error : registry.errors())
            err() << voice.name << ": warning: " << error << '\n';
        printSpecs(registry.all());
        return ExitOk;
    }
    if (!parser.isSet(idOption))
        return voice.usage(QStringLiteral("--add-torchscript needs --id ID"));
    QString error;
    const auto spec = features::ExtractorRegistry::addTorchScript(library, parser.value(idOption),
                                                                  parser.value(addOption),
                                                                  parser.value(postOption), &error);
    if (!spec)
        return voice.fail(error);
    out() << "registered " << spec->info.key() << " dimension=" << spec->info.dimension
          << " hop=" << QString::number(spec->instanceHopSeconds(), 'f', 2)
          << " kind=" << features::ExtractorSpec::kindName(spec->kind)
          << " weights=" << spec->weightsHash << '\n';
    return ExitOk;
}

const CliRegistrar registrar({QStringLiteral("extractors"),
                              QStringLiteral("List a library's feature extractors, register a "
                                             "TorchScript one"),
                              &run});

} // namespace
