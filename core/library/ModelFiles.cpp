// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ModelFiles.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/Library.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

namespace timbre::library {

namespace {

CatalogError ioError(const QString &path, const QString &message)
{
    return CatalogError::make(CatalogError::Io, path, message);
}

} // namespace

ModelFiles::ModelFiles(const Library &library) : m_library(library) { }

QString ModelFiles::checkpointPath(const ModelRecord &model) const
{
    const QString file = model.checkpointFile;
    if (file.isEmpty() || QDir::isAbsolutePath(file))
        return QString();
    const QString cleaned = QDir::cleanPath(file);
    if (cleaned == QLatin1String("..") || cleaned.startsWith(QLatin1String("../")))
        return QString();
    return QDir::cleanPath(QDir(m_library.modelsPath()).absoluteFilePath(cleaned));
}

QStringList ModelFiles::sidecarFiles(const ModelRecord &model) const
{
    const QString checkpoint = checkpointPath(model);
    if (checkpoint.isEmpty())
        return {};
    const QFileInfo info(checkpoint);
    const QDir dir = info.dir();
    QStringList out;
    // Compared as text, not as a glob: a file name may hold '[' or '*'.
    const QString prefix = info.fileName() + QLatin1Char('.');
    for (const QFileInfo &f :
         dir.entryInfoList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name))
        if (f.fileName().startsWith(prefix))
            out << f.absoluteFilePath();
    return out;
}

CatalogResult<ModelRecord> ModelFiles::record(qint64 modelId) const
{
    auto found = m_library.models().findById(modelId);
    if (!found)
        return found.error();
    if (!*found)
        return CatalogError::make(CatalogError::NotFound, m_library.databasePath(),
                                  QStringLiteral("%1: no model with id %2")
                                          .arg(m_library.databasePath())
                                          .arg(modelId));
    return **found;
}

ModelRemoval ModelFiles::remove(qint64 modelId) const
{
    ModelRemoval out;
    ModelRecord model;
    {
        // The active check and the delete in one transaction: a version activated in between
        // (another window, a job) is never removed.
        CatalogTransaction tx(m_library.database());
        if (tx.beginError().isError()) {
            out.error = tx.beginError();
            return out;
        }
        auto found = record(modelId);
        if (!found) {
            out.error = found.error();
            return out;
        }
        model = *found;
        out.name = model.name;
        if (model.active) {
            out.error = CatalogError::make(
                    CatalogError::InvalidArgument, m_library.databasePath(),
                    QStringLiteral("%1: model %2 '%3' is the active version; activate another "
                                   "one before deleting it")
                            .arg(m_library.databasePath())
                            .arg(model.id)
                            .arg(model.name));
            return out;
        }
        const CatalogError removed = m_library.models().remove(modelId);
        if (removed.isError()) {
            out.error = removed;
            return out;
        }
        const CatalogError committed = tx.commit();
        if (committed.isError()) {
            out.error = committed;
            return out;
        }
    }
    const QString checkpoint = checkpointPath(model);
    if (checkpoint.isEmpty()) {
        if (!model.checkpointFile.isEmpty())
            out.problems << QStringLiteral("%1: checkpoint path '%2' lies outside %3; left alone")
                                    .arg(m_library.databasePath(), model.checkpointFile,
                                         m_library.modelsPath());
        return out;
    }
    // Another version may name the same file (a catalog edited by hand), or a file that looks
    // like a sidecar ("a.ckpt.x.ckpt" next to "a.ckpt"): those stay.
    QSet<QString> others;
    auto all = m_library.models().list();
    if (!all) {
        out.problems << QStringLiteral("%1: files kept (%2)").arg(checkpoint, all.error().message);
        return out;
    }
    for (const ModelRecord &other : *all)
        others.insert(checkpointPath(other));
    if (others.contains(checkpoint)) {
        out.problems << QStringLiteral("%1: kept, another model uses it").arg(checkpoint);
        return out;
    }
    QStringList files;
    if (QFileInfo::exists(checkpoint))
        files << checkpoint;
    for (const QString &sidecar : sidecarFiles(model))
        if (!others.contains(sidecar))
            files << sidecar;
    for (const QString &file : files) {
        QFile f(file);
        if (f.remove())
            out.removedFiles << file;
        else
            out.problems << QStringLiteral("%1: cannot remove (%2)").arg(file, f.errorString());
    }
    return out;
}

CatalogError ModelFiles::copyFile(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return ioError(source, QStringLiteral("%1: cannot read (%2)").arg(source, in.errorString()));
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return ioError(target,
                       QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
    QByteArray chunk;
    while (!(chunk = in.read(1 << 20)).isEmpty()) {
        if (out.write(chunk) != chunk.size()) {
            const QString why = out.errorString();
            out.cancelWriting();
            return ioError(target, QStringLiteral("%1: cannot write (%2)").arg(target, why));
        }
    }
    if (in.error() != QFileDevice::NoError) {
        out.cancelWriting();
        return ioError(source, QStringLiteral("%1: cannot read (%2)").arg(source, in.errorString()));
    }
    if (!util::commitSaveFile(out))
        return ioError(target,
                       QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
    return {};
}

CatalogError ModelFiles::exportCheckpoint(qint64 modelId, const QString &target,
                                          bool overwrite) const
{
    auto found = record(modelId);
    if (!found)
        return found.error();
    const QString checkpoint = checkpointPath(*found);
    if (checkpoint.isEmpty() || !QFileInfo(checkpoint).isFile())
        return ioError(checkpoint,
                       QStringLiteral("model %1 '%2': checkpoint file %3 does not exist")
                               .arg(found->id)
                               .arg(found->name,
                                    checkpoint.isEmpty() ? found->checkpointFile : checkpoint));
    if (target.isEmpty())
        return CatalogError::make(CatalogError::InvalidArgument, QString(),
                                  QStringLiteral("no file to export model %1 '%2' to")
                                          .arg(found->id)
                                          .arg(found->name));
    const QFileInfo targetInfo(target);
    if (targetInfo.exists()) {
        if (targetInfo.canonicalFilePath() == QFileInfo(checkpoint).canonicalFilePath())
            return CatalogError::make(
                    CatalogError::InvalidArgument, target,
                    QStringLiteral("%1: is the checkpoint of model %2 itself").arg(target).arg(
                            found->id));
        if (!overwrite)
            return CatalogError::make(CatalogError::Conflict, target,
                                      QStringLiteral("%1: exists (not overwritten)").arg(target));
        if (!targetInfo.isFile())
            return ioError(target, QStringLiteral("%1: is not a file").arg(target));
    }
    return copyFile(checkpoint, target);
}

} // namespace timbre::library
