// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/OpenMicDataset.h"

#include "core/datasets/interchange/NpzArchive.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace timbre::datasets {

NpzError OpenMicDataset::readClassMap(const QString &path, QStringList *names)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: cannot open").arg(path));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return NpzError::make(
                NpzErrorCode::BadContents, {},
                QStringLiteral("%1: not a JSON object (%2)").arg(path, parseError.errorString()));
    const QJsonObject map = doc.object();
    QStringList ordered(map.size());
    for (auto it = map.begin(); it != map.end(); ++it) {
        const int index = it.value().toInt(-1);
        if (!it.value().isDouble() || index < 0 || index >= map.size()
            || !ordered.at(index).isEmpty())
            return NpzError::make(NpzErrorCode::BadContents, {},
                                  QStringLiteral("%1: class '%2' has index %3; indices must be "
                                                 "0..%4, each once")
                                          .arg(path, it.key(), it.value().toVariant().toString())
                                          .arg(map.size() - 1));
        ordered[index] = it.key();
    }
    *names = ordered;
    return {};
}

NpzError OpenMicDataset::readPartition(const QString &path, QStringList *keys)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: cannot open").arg(path));
    keys->clear();
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const QString key = line.section(QLatin1Char(','), 0, 0).trimmed();
        if (key.isEmpty() || key == QLatin1String("sample_key"))
            continue;
        keys->append(key);
    }
    return {};
}

NpzError OpenMicDataset::load(const QString &folder, NpzDataset *out, const QString &split)
{
    const QDir dir(folder);
    const QString npzPath = dir.filePath(npzFileName());
    NpzArchive npz;
    if (NpzError e = NpzArchive::read(npzPath, &npz); !e.ok())
        return e;
    NpyArray x, yTrue, yMask, keysArray;
    if (NpzError e
        = npz.require(QStringLiteral("X"),
                      {QStringLiteral("|u1"), QStringLiteral("<f4"), QStringLiteral("<f8")}, 3, &x);
        !e.ok())
        return e;
    if (NpzError e = npz.require(QStringLiteral("Y_true"),
                                 {QStringLiteral("<f4"), QStringLiteral("<f8")}, 2, &yTrue);
        !e.ok())
        return e;
    if (NpzError e = npz.require(QStringLiteral("Y_mask"),
                                 {QStringLiteral("|b1"), QStringLiteral("|u1")}, 2, &yMask);
        !e.ok())
        return e;
    if (NpzError e = npz.require(QStringLiteral("sample_key"),
                                 {QStringLiteral("<U"), QStringLiteral("|S")}, 1, &keysArray);
        !e.ok())
        return e;
    const int64_t n = x.dim(0);
    const int64_t instances = x.dim(1);
    const int64_t dim = x.dim(2);
    const int64_t classes = yTrue.dim(1);
    auto mismatch = [&npzPath](const QString &what) {
        return NpzError::make(NpzErrorCode::ShapeMismatch, {},
                              QStringLiteral("%1: %2").arg(npzPath, what));
    };
    if (yTrue.dim(0) != n || yMask.dim(0) != n || keysArray.dim(0) != n)
        return mismatch(QStringLiteral("X has %1 rows but Y_true %2, Y_mask %3 and sample_key %4")
                                .arg(n)
                                .arg(yTrue.dim(0))
                                .arg(yMask.dim(0))
                                .arg(keysArray.dim(0)));
    if (yMask.dim(1) != classes)
        return mismatch(QStringLiteral("Y_true has %1 classes but Y_mask %2")
                                .arg(classes)
                                .arg(yMask.dim(1)));
    if (instances <= 0 || dim <= 0 || classes <= 0)
        return mismatch(QStringLiteral("empty dimension in X %1 or Y_true %2")
                                .arg(x.shapeString(), yTrue.shapeString()));
    NpyArray truth;
    const bool hasTruth = npz.contains(QStringLiteral("instance_truth"));
    if (hasTruth) {
        if (NpzError e = npz.require(QStringLiteral("instance_truth"),
                                     {QStringLiteral("|u1"), QStringLiteral("|b1")}, 3, &truth);
            !e.ok())
            return e;
        if (truth.dim(0) != n || truth.dim(1) != instances || truth.dim(2) != classes)
            return mismatch(QStringLiteral("instance_truth has shape %1, expected (%2, %3, %4)")
                                    .arg(truth.shapeString())
                                    .arg(n)
                                    .arg(instances)
                                    .arg(classes));
    }

    QStringList classNames;
    if (NpzError e = readClassMap(dir.filePath(classMapFileName()), &classNames); !e.ok())
        return e;
    if (classNames.size() != classes)
        return NpzError::make(NpzErrorCode::ShapeMismatch, {},
                              QStringLiteral("%1 names %2 classes but Y_true has %3")
                                      .arg(dir.filePath(classMapFileName()))
                                      .arg(classNames.size())
                                      .arg(classes));
    QStringList trainKeys, testKeys, sampleKeys;
    if (NpzError e
        = readPartition(dir.filePath(partitionPath(split, QStringLiteral("train"))), &trainKeys);
        !e.ok())
        return e;
    if (NpzError e
        = readPartition(dir.filePath(partitionPath(split, QStringLiteral("test"))), &testKeys);
        !e.ok())
        return e;
    if (NpzError e = keysArray.toStrings(&sampleKeys, npzPath); !e.ok())
        return e;
    QHash<QString, int64_t> rowOf;
    for (int64_t i = 0; i < n; ++i)
        rowOf.insert(sampleKeys.at(i), i);

    std::vector<float> xf, yf;
    std::vector<uint8_t> mask;
    if (NpzError e = x.toFloat(&xf, npzPath); !e.ok())
        return e;
    if (NpzError e = yTrue.toFloat(&yf, npzPath); !e.ok())
        return e;
    if (NpzError e = yMask.toUint8(&mask, npzPath); !e.ok())
        return e;
    const float scale = x.descr == QLatin1String("|u1") ? 1.0f / 255.0f : 1.0f;

    NpzDataset data;
    data.layout = NpzDataset::Layout::OpenMic;
    data.source = folder;
    data.classNames = classNames;
    QHash<QString, int> partOf;
    auto build = [&](const QStringList &keys, const QString &part, models::BagSet *bags,
                     std::vector<uint8_t> *instanceTruth) -> NpzError {
        bags->featureDim = int(dim);
        bags->numClasses = int(classes);
        for (const QString &name : classNames)
            bags->classNames.push_back(name.toStdString());
        bags->bagOffsets.assign(1, 0);
        bags->features.reserve(size_t(keys.size() * instances * dim));
        for (const QString &key : keys) {
            const auto it = rowOf.constFind(key);
            if (it == rowOf.constEnd())
                return NpzError::make(
                        NpzErrorCode::BadContents, {},
                        QStringLiteral("%1: sample_key '%2' is not in %3")
                                .arg(dir.filePath(partitionPath(split, part)), key, npzPath));
            if (partOf.contains(key))
                return NpzError::make(
                        NpzErrorCode::BadContents, {},
                        QStringLiteral("%1: sample_key '%2' is listed twice or in both "
                                       "partitions")
                                .arg(dir.filePath(partitionPath(split, part)), key));
            partOf.insert(key, 1);
            const int64_t row = it.value();
            const float *xs = xf.data() + row * instances * dim;
            for (int64_t k = 0; k < instances * dim; ++k)
                bags->features.push_back(xs[k] * scale);
            bags->bagOffsets.push_back(bags->bagOffsets.back() + instances);
            for (int64_t c = 0; c < classes; ++c) {
                bags->labels.push_back(yf[size_t(row * classes + c)] >= 0.5f ? 1.0f : 0.0f);
                bags->observed.push_back(mask[size_t(row * classes + c)] ? 1 : 0);
            }
            bags->keys.push_back(key.toStdString());
            if (hasTruth) {
                const uint8_t *t = reinterpret_cast<const uint8_t *>(truth.data.constData())
                        + row * instances * classes;
                for (int64_t k = 0; k < instances * classes; ++k)
                    instanceTruth->push_back(t[k] ? 1 : 0);
            }
        }
        return {};
    };
    if (NpzError e
        = build(trainKeys, QStringLiteral("train"), &data.train, &data.trainInstanceTruth);
        !e.ok())
        return e;
    if (NpzError e = build(testKeys, QStringLiteral("test"), &data.test, &data.testInstanceTruth);
        !e.ok())
        return e;
    *out = std::move(data);
    return {};
}

} // namespace timbre::datasets
