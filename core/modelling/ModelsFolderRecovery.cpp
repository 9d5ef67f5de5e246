// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/ModelsFolderRecovery.h"

#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "models/api/Predictor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

namespace timbre::modelling {

namespace {

const QString kStagingSuffix = QStringLiteral(".training.ckpt");

// The owner part of ".<name>~<owner>.training.ckpt[.tmp]"; empty when the name has none.
QString stagingOwner(const QString &fileName)
{
    QString stem = fileName;
    if (stem.endsWith(QStringLiteral(".tmp")))
        stem.chop(4);
    stem.chop(kStagingSuffix.size());
    const int tilde = stem.lastIndexOf(QLatin1Char('~'));
    return tilde < 0 ? QString() : stem.mid(tilde + 1);
}

bool isStagingFile(const QString &fileName)
{
    return fileName.startsWith(QLatin1Char('.'))
            && (fileName.endsWith(kStagingSuffix)
                || fileName.endsWith(kStagingSuffix + QStringLiteral(".tmp")));
}

void sweepStaging(const QDir &dir, qint64 quietMs, qint64 nowMs, ModelsFolderRecovery *out)
{
    const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QFileInfo &file : files) {
        if (!isStagingFile(file.fileName()))
            continue;
        const QString owner = stagingOwner(file.fileName());
        const bool dead = owner.isEmpty()
                ? nowMs - file.lastModified().toMSecsSinceEpoch() >= quietMs
                : !library::JobStore::ownerAlive(owner);
        if (!dead)
            continue;
        if (QFile::remove(file.absoluteFilePath())) {
            out->removed << file.absoluteFilePath();
            out->messages << QStringLiteral("%1: removed, the training that wrote it (%2) "
                                            "ended without finishing")
                                     .arg(file.absoluteFilePath(),
                                          owner.isEmpty() ? QStringLiteral("an older build")
                                                          : owner);
        } else {
            out->messages << QStringLiteral("%1: left, it could not be removed")
                                     .arg(file.absoluteFilePath());
        }
    }
}

// A free version name: the file's base name, else "<base>-N".
QString freeName(const library::Library &lib, const QString &base)
{
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        const QString name = attempt == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(attempt);
        auto taken = lib.models().findByName(name);
        if (taken && !*taken)
            return name;
    }
    return QString();
}

void registerUnnamed(const library::Library &lib, const QDir &dir, qint64 quietMs, qint64 nowMs,
                     ModelsFolderRecovery *out)
{
    auto models = lib.models().list();
    if (!models) {
        out->messages << models.error().message;
        return;
    }
    QSet<QString> named;
    for (const library::ModelRecord &m : *models)
        named.insert(m.checkpointFile);
    const QFileInfoList files
            = dir.entryInfoList({QStringLiteral("*.ckpt")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        const QString fileName = file.fileName();
        if (named.contains(fileName))
            continue;
        bool sidecar = false;
        for (const QString &n : std::as_const(named))
            sidecar = sidecar || (!n.isEmpty() && fileName.startsWith(n + QLatin1Char('.')));
        if (sidecar)
            continue;
        // A rename or a copy sets the inode's change time: younger than quietMs, a train
        // job or an import may be adding its row right now.
        if (nowMs - file.metadataChangeTime().toMSecsSinceEpoch() < quietMs)
            continue;
        const QString path = file.absoluteFilePath();
        models::CheckpointInfo info;
        models::ModelError error;
        if (!models::Predictor::readInfo(path.toStdString(), &info, &error)) {
            out->messages << QStringLiteral("%1: no version names it and it does not load as a "
                                            "checkpoint (%2); left as it is")
                                     .arg(path, QString::fromStdString(error.message));
            continue;
        }
        library::ModelRecord record;
        record.name = freeName(lib, file.completeBaseName());
        if (record.name.isEmpty())
            continue;
        record.kind = QString::fromStdString(info.kind);
        record.extractorId = QString::fromStdString(info.extractorId);
        record.extractorVersion = info.extractorVersion;
        record.hyperParametersJson = QString::fromStdString(info.hyperParametersJson);
        record.labelSnapshot = QString::fromStdString(info.labelSnapshot).toLongLong();
        const QByteArray metrics = QByteArray::fromStdString(info.metricsJson);
        if (QJsonDocument::fromJson(metrics).isObject())
            record.metricsJson = QString::fromUtf8(metrics);
        if (!info.parentModel.empty()) {
            auto parent = lib.models().findByName(QString::fromStdString(info.parentModel));
            if (parent && *parent)
                record.parentId = (*parent)->id;
        }
        record.checkpointFile = fileName;
        record.note = QStringLiteral("recovered: its training or import ended before the "
                                     "version was registered (no epoch history)");
        auto added = lib.models().add(record);
        if (!added) {
            out->messages << QStringLiteral("%1: could not be registered: %2")
                                     .arg(path, added.error().message);
            continue;
        }
        out->registered << *added;
        out->messages << QStringLiteral("%1: registered as model %2 '%3' (no version named it)")
                                 .arg(path)
                                 .arg(*added)
                                 .arg(record.name);
    }
}

} // namespace

QString stagingCheckpointPath(const library::Library &lib, const QString &baseName)
{
    return QDir(lib.modelsPath())
            .filePath(QStringLiteral(".%1-%2~%3%4")
                              .arg(baseName)
                              .arg(QDateTime::currentMSecsSinceEpoch())
                              .arg(library::JobStore::currentOwner(), kStagingSuffix));
}

ModelsFolderRecovery recoverModelsFolder(const library::Library &lib, qint64 quietMs)
{
    ModelsFolderRecovery out;
    const QDir dir(lib.modelsPath());
    if (!dir.exists())
        return out;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    sweepStaging(dir, quietMs, nowMs, &out);
    registerUnnamed(lib, dir, quietMs, nowMs, &out);
    return out;
}

} // namespace timbre::modelling
