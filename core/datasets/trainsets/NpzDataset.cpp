// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/NpzDataset.h"

#include "core/datasets/trainsets/FeatureDirectory.h"
#include "core/datasets/trainsets/OpenMicDataset.h"

#include <QDir>
#include <QFileInfo>

namespace timbre::datasets {

NpzError NpzDataset::open(const QString &path, NpzDataset *out, const QString &split)
{
    const QFileInfo info(path);
    if (!info.exists())
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: no such folder").arg(path));
    if (info.isDir() && QFileInfo::exists(QDir(path).filePath(OpenMicDataset::npzFileName())))
        return OpenMicDataset::load(path, out, split);
    if (info.isFile() && info.fileName() == OpenMicDataset::npzFileName())
        return OpenMicDataset::load(info.absolutePath(), out, split);
    FeatureDirectory::Options options;
    options.split = split;
    return FeatureDirectory::load(path, out, options);
}

} // namespace timbre::datasets
