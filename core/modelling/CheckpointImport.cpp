// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/CheckpointImport.h"

#include "core/features/ExtractorRegistry.h"
#include "core/library/Library.h"
#include "core/library/ModelFiles.h"
#include "core/library/ModelStore.h"
#include "core/library/Taxonomy.h"
#include "models/api/Predictor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace timbre::modelling {

namespace {

CheckpointImportResult refused(const QString &message)
{
    CheckpointImportResult r;
    r.message = message;
    return r;
}

// A model name (and file name) from the source's: letters, digits, '.', '_', '-'.
QString baseNameOf(const QString &source)
{
    QString base = QFileInfo(source).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    while (base.startsWith(QLatin1Char('.')))
        base.remove(0, 1);
    return base.isEmpty() ? QStringLiteral("imported") : base.left(64);
}

// Why `info` cannot run on this library's features and instruments; empty when it can.
QString incompatibility(const library::Library &lib, const QString &source,
                        const models::CheckpointInfo &info)
{
    const QString extractorId = QString::fromStdString(info.extractorId);
    if (extractorId.isEmpty())
        return QStringLiteral("%1: the checkpoint names no feature extractor").arg(source);
    const features::ExtractorRegistry registry(lib.folder());
    const auto spec = registry.find(extractorId);
    if (!spec) {
        QStringList known;
        for (const features::ExtractorSpec &s : registry.all())
            known << s.info.key();
        return QStringLiteral("%1: trained on features of extractor '%2', which library %3 does "
                              "not have (it has %4)")
                .arg(source, extractorId, lib.folder(), known.join(QStringLiteral(", ")));
    }
    if (spec->info.version != info.extractorVersion)
        return QStringLiteral("%1: trained on %2-v%3 features; library %4 has %5")
                .arg(source, extractorId)
                .arg(info.extractorVersion)
                .arg(lib.folder(), spec->info.key());
    if (spec->info.dimension != info.featureDim)
        return QStringLiteral("%1: expects %2-d features; the %3 features of library %4 are "
                              "%5-d")
                .arg(source)
                .arg(info.featureDim)
                .arg(spec->info.key(), lib.folder())
                .arg(spec->info.dimension);
    auto keys = lib.taxonomy().keys();
    if (!keys)
        return keys.error().message;
    const QSet<QString> known(keys->begin(), keys->end());
    QStringList unknown;
    for (const std::string &name : info.classNames)
        if (!known.contains(QString::fromStdString(name)))
            unknown << QString::fromStdString(name);
    if (info.classNames.empty())
        return QStringLiteral("%1: the checkpoint names no classes").arg(source);
    if (!unknown.isEmpty())
        return QStringLiteral("%1: has classes that are not instruments of library %2: %3")
                .arg(source, lib.folder(), unknown.join(QStringLiteral(", ")));
    return QString();
}

} // namespace

CheckpointImportResult importCheckpoint(const library::Library &lib, const QString &source)
{
    const QFileInfo sourceInfo(source);
    if (!sourceInfo.exists())
        return refused(QStringLiteral("%1: no such file").arg(source));
    if (!sourceInfo.isFile())
        return refused(QStringLiteral("%1: is not a file").arg(source));
    const QString path = sourceInfo.absoluteFilePath();

    // Loading builds the model's scorer, so a kind this build cannot run fails here too, not
    // only a damaged or foreign file.
    models::ModelError error;
    const std::unique_ptr<models::Predictor> predictor
            = models::Predictor::load(path.toStdString(), &error);
    if (!predictor)
        return refused(QStringLiteral("%1: not a usable Timbre checkpoint (%2)")
                               .arg(path, QString::fromStdString(error.message)));
    const models::CheckpointInfo info = predictor->info();
    const QString why = incompatibility(lib, path, info);
    if (!why.isEmpty())
        return refused(why);

    const QDir modelsDir(lib.modelsPath());
    if (!QDir().mkpath(modelsDir.path()))
        return refused(QStringLiteral("%1: cannot create the folder").arg(modelsDir.path()));
    library::ModelRecord record;
    record.kind = QString::fromStdString(info.kind);
    record.extractorId = QString::fromStdString(info.extractorId);
    record.extractorVersion = info.extractorVersion;
    record.hyperParametersJson = QString::fromStdString(info.hyperParametersJson);
    record.labelSnapshot = 0; // not trained on this library's labels: every label is "since"
    record.note = QStringLiteral("imported from %1").arg(path);
    const QString base = baseNameOf(path);
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        const QString name = attempt == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(attempt);
        auto taken = lib.models().findByName(name);
        if (!taken)
            return refused(taken.error().message);
        const QString file = name + QStringLiteral(".ckpt");
        const QString target = modelsDir.absoluteFilePath(file);
        if (*taken || QFileInfo::exists(target))
            continue;
        const library::CatalogError copied = library::ModelFiles::copyFile(path, target);
        if (copied.isError())
            return refused(copied.message);
        // The copy is what the library will load: check it, not only the source.
        models::CheckpointInfo copyInfo;
        if (!models::Predictor::readInfo(target.toStdString(), &copyInfo, &error)) {
            QFile::remove(target);
            return refused(QStringLiteral("%1 (copied from %2): %3")
                                   .arg(target, path, QString::fromStdString(error.message)));
        }
        record.name = name;
        record.checkpointFile = file;
        auto added = lib.models().add(record);
        if (!added) {
            QFile::remove(target);
            if (added.error().code == library::CatalogError::Conflict)
                continue; // named in between by another writer: the next name
            return refused(added.error().message);
        }
        CheckpointImportResult r;
        r.ok = true;
        r.modelId = *added;
        r.name = name;
        r.checkpoint = target;
        r.message = QStringLiteral("imported %1 as model %2 '%3' (kind %4, %5-v%6; not active)")
                            .arg(path)
                            .arg(r.modelId)
                            .arg(name, record.kind, record.extractorId)
                            .arg(record.extractorVersion);
        return r;
    }
    return refused(QStringLiteral("%1: no free name for %2 (tried %3 to %3-1000)")
                           .arg(modelsDir.path(), path, base));
}

} // namespace timbre::modelling
