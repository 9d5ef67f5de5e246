// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/FeatureDirectory.h"

#include "core/datasets/interchange/NpyArray.h"
#include "core/datasets/trainsets/InstanceActivity.h"
#include "core/datasets/trainsets/OpenMicDataset.h"
#include "core/util/OpenMicClasses.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <map>

namespace timbre::datasets {

namespace {

struct LabelCell
{
    int state = -1; // 1 present, 0 absent, -1 unknown
    bool hidden = false;
};

QString findBeside(const QString &dir, const QString &name)
{
    const QDir d(dir);
    if (QFileInfo::exists(d.filePath(name)))
        return d.filePath(name);
    const QString parent = QFileInfo(d.absolutePath()).absolutePath();
    const QString up = QDir(parent).filePath(name);
    return QFileInfo::exists(up) ? up : QString();
}

// Rows of a small CSV without quoting (clip keys and instrument names carry no commas).
NpzError readCsv(const QString &path, int minColumns, QList<QStringList> *rows)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: cannot open").arg(path));
    rows->clear();
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields = line.split(QLatin1Char(','));
        for (QString &f : fields)
            f = f.trimmed();
        if (lineNumber == 1 && fields.first() == QLatin1String("clip"))
            continue;
        if (fields.size() < minColumns)
            return NpzError::make(NpzErrorCode::BadContents, {},
                                  QStringLiteral("%1:%2: expected %3 columns, found %4")
                                          .arg(path)
                                          .arg(lineNumber)
                                          .arg(minColumns)
                                          .arg(fields.size()));
        rows->append(fields);
    }
    return {};
}

// "clip.mp3.npy" and "clip.npy" both name clip "clip".
QString keyFromFileName(const QString &fileName)
{
    QString key = fileName;
    key.chop(4); // ".npy"
    static const QStringList audio
            = {QStringLiteral(".wav"), QStringLiteral(".flac"), QStringLiteral(".ogg"),
               QStringLiteral(".mp3"), QStringLiteral(".m4a"),  QStringLiteral(".opus"),
               QStringLiteral(".aiff")};
    for (const QString &ext : audio) {
        if (key.endsWith(ext, Qt::CaseInsensitive)) {
            key.chop(ext.size());
            break;
        }
    }
    return key;
}

} // namespace

QString FeatureDirectory::featureFileName(const QString &key)
{
    return key + QStringLiteral(".npy");
}

bool FeatureDirectory::isTestKey(const QString &key, double testFraction)
{
    // FNV-1a: stable across runs, platforms and Qt versions (qHash is seeded per process).
    uint64_t h = 1469598103934665603ull;
    for (const char byte : key.toUtf8()) {
        h ^= uint8_t(byte);
        h *= 1099511628211ull;
    }
    return double(h % 10000ull) < testFraction * 10000.0;
}

NpzError FeatureDirectory::writeFeatures(const QString &dir, const QString &key,
                                         const float *values, int rows, int dim)
{
    if (!QDir().mkpath(dir))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot create").arg(dir));
    const QString path = QDir(dir).filePath(featureFileName(key));
    const std::vector<float> data(values,
                                  values + size_t(std::max(rows, 0)) * size_t(std::max(dim, 0)));
    const NpyArray array = NpyArray::fromFloat32(key, {rows, dim}, data);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(array.toNpy()) < 0
        || !util::commitSaveFile(file))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

NpzError FeatureDirectory::writeExtractor(const QString &dir, const QString &id, int version,
                                          int dim)
{
    if (!QDir().mkpath(dir))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot create").arg(dir));
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("dimension"), dim);
    const QString path = QDir(dir).filePath(QStringLiteral("extractor.json"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0
        || !util::commitSaveFile(file))
        return NpzError::make(NpzErrorCode::WriteFailed, {},
                              QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

NpzError FeatureDirectory::checkExtractor(const QString &dir, const QString &id, int version,
                                          int dim)
{
    const QDir folder(dir);
    QFile file(folder.filePath(QStringLiteral("extractor.json")));
    if (!file.open(QIODevice::ReadOnly)
        || folder.entryList({QStringLiteral("*.npy")}, QDir::Files).isEmpty())
        return {};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    const QString oldId = o.value(QStringLiteral("id")).toString();
    const int oldVersion = o.value(QStringLiteral("version")).toInt();
    const int oldDim = o.value(QStringLiteral("dimension")).toInt();
    // An extractor.json that names no extractor says as little as none (it is rewritten).
    if (oldId.isEmpty() || (oldId == id && oldVersion == version && oldDim == dim))
        return {};
    return NpzError::make(
            NpzErrorCode::BadContents, {},
            QStringLiteral("%1 holds features of '%2' v%3 (%4-d); '%5' v%6 (%7-d) would mix two "
                           "extractors in one folder: write to another folder or empty this one")
                    .arg(QDir::toNativeSeparators(dir), oldId)
                    .arg(oldVersion)
                    .arg(oldDim)
                    .arg(id)
                    .arg(version)
                    .arg(dim));
}

NpzError FeatureDirectory::load(const QString &dir, NpzDataset *out, const Options &options)
{
    if (!QFileInfo(dir).isDir())
        return NpzError::make(NpzErrorCode::FileNotFound, {},
                              QStringLiteral("%1: no such folder").arg(dir));
    const QString labelsPath = options.labelsCsv.isEmpty()
            ? findBeside(dir, QStringLiteral("labels.csv"))
            : options.labelsCsv;
    if (labelsPath.isEmpty())
        return NpzError::make(
                NpzErrorCode::FileNotFound, {},
                QStringLiteral("%1: no labels.csv in the folder or its parent").arg(dir));
    const QString labelsDir = QFileInfo(labelsPath).absolutePath();

    // Labels: clip -> instrument -> cell.
    QList<QStringList> rows;
    if (NpzError e = readCsv(labelsPath, 3, &rows); !e.ok())
        return e;
    QStringList classNames = timbre::openMicClasses();
    std::map<QString, std::map<QString, LabelCell>> labels;
    QStringList clipOrder;
    for (const QStringList &r : rows) {
        const QString &clip = r.at(0);
        const QString &instrument = r.at(1);
        if (!classNames.contains(instrument))
            classNames.append(instrument);
        if (!labels.count(clip))
            clipOrder.append(clip);
        LabelCell &cell = labels[clip][instrument];
        const QString v = r.at(2).toLower();
        cell.state = (v == QLatin1String("1") || v == QLatin1String("true")) ? 1
                : (v == QLatin1String("0") || v == QLatin1String("false"))   ? 0
                                                                             : -1;
        if (r.size() >= 4 && r.at(3) == QLatin1String("0"))
            cell.hidden = true;
    }
    const QString maskPath = QDir(labelsDir).filePath(QStringLiteral("mask.csv"));
    if (QFileInfo::exists(maskPath)) {
        QList<QStringList> maskRows;
        if (NpzError e = readCsv(maskPath, 3, &maskRows); !e.ok())
            return e;
        for (const QStringList &r : maskRows) {
            if (labels.count(r.at(0)) && r.at(2) == QLatin1String("0"))
                labels[r.at(0)][r.at(1)].hidden = true;
        }
    }

    // Feature files by clip key.
    QHash<QString, QString> fileOf;
    const QFileInfoList files
            = QDir(dir).entryInfoList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name);
    for (const QFileInfo &f : files)
        fileOf.insert(keyFromFileName(f.fileName()), f.absoluteFilePath());

    // Split.
    QStringList trainKeys, testKeys;
    const QDir d(dir);
    const QString trainPart
            = d.filePath(OpenMicDataset::partitionPath(options.split, QStringLiteral("train")));
    const QString testPart
            = d.filePath(OpenMicDataset::partitionPath(options.split, QStringLiteral("test")));
    const bool hasPartitions = QFileInfo::exists(trainPart) && QFileInfo::exists(testPart);
    if (hasPartitions) {
        if (NpzError e = OpenMicDataset::readPartition(trainPart, &trainKeys); !e.ok())
            return e;
        if (NpzError e = OpenMicDataset::readPartition(testPart, &testKeys); !e.ok())
            return e;
    } else {
        for (const QString &clip : clipOrder)
            (isTestKey(clip, options.testFraction) ? testKeys : trainKeys).append(clip);
    }

    // Activity, when present.
    InstanceActivity activity;
    const QString activityPath = QDir(labelsDir).filePath(QStringLiteral("activity.csv"));
    const bool hasActivity = QFileInfo::exists(activityPath);
    if (hasActivity) {
        QList<QStringList> activityRows;
        if (NpzError e = readCsv(activityPath, 4, &activityRows); !e.ok())
            return e;
        for (const QStringList &r : activityRows)
            activity.add(r.at(0), r.at(1), r.at(2).toDouble(), r.at(3).toDouble());
    }

    NpzDataset data;
    data.layout = NpzDataset::Layout::FeatureDirectory;
    data.source = dir;
    data.classNames = classNames;
    const int classes = int(classNames.size());
    int dim = -1;
    auto build = [&](const QStringList &keys, models::BagSet *bags,
                     std::vector<uint8_t> *truth) -> NpzError {
        bags->numClasses = classes;
        for (const QString &name : classNames)
            bags->classNames.push_back(name.toStdString());
        bags->bagOffsets.assign(1, 0);
        for (const QString &key : keys) {
            const auto labelIt = labels.find(key);
            if (labelIt == labels.end()) {
                data.warnings << QStringLiteral("%1: clip '%2' of the split has no labels; skipped")
                                         .arg(labelsPath, key);
                continue;
            }
            const auto fileIt = fileOf.constFind(key);
            if (fileIt == fileOf.constEnd()) {
                data.warnings << QStringLiteral("%1: no feature file for clip '%2'; skipped")
                                         .arg(dir, key);
                continue;
            }
            QFile f(fileIt.value());
            if (!f.open(QIODevice::ReadOnly))
                return NpzError::make(NpzErrorCode::FileNotFound, {},
                                      QStringLiteral("%1: cannot open").arg(fileIt.value()));
            NpyArray a;
            if (NpzError e = NpyArray::fromNpy(f.readAll(), fileIt.value(), &a); !e.ok())
                return e;
            if (a.rank() != 2 || a.dim(0) <= 0)
                return NpzError::make(NpzErrorCode::ShapeMismatch, {},
                                      QStringLiteral("%1: shape %2, expected [instances x dim] "
                                                     "with at least one instance")
                                              .arg(fileIt.value(), a.shapeString()));
            if (dim < 0)
                dim = int(a.dim(1));
            if (a.dim(1) != dim)
                return NpzError::make(NpzErrorCode::ShapeMismatch, {},
                                      QStringLiteral("%1: %2 features per instance, other clips "
                                                     "have %3")
                                              .arg(fileIt.value())
                                              .arg(a.dim(1))
                                              .arg(dim));
            std::vector<float> values;
            if (NpzError e = a.toFloat(&values, fileIt.value()); !e.ok())
                return e;
            bags->features.insert(bags->features.end(), values.begin(), values.end());
            const int64_t instances = a.dim(0);
            bags->bagOffsets.push_back(bags->bagOffsets.back() + instances);
            for (const QString &instrument : classNames) {
                const auto cellIt = labelIt->second.find(instrument);
                const bool known = cellIt != labelIt->second.end() && cellIt->second.state >= 0
                        && !cellIt->second.hidden;
                bags->labels.push_back(known && cellIt->second.state == 1 ? 1.0f : 0.0f);
                bags->observed.push_back(known ? 1 : 0);
            }
            bags->keys.push_back(key.toStdString());
            if (hasActivity)
                activity.appendTruth(key, instances, options.instanceSeconds,
                                     options.activityOverlap, classNames, truth);
        }
        return {};
    };
    if (NpzError e = build(trainKeys, &data.train, &data.trainInstanceTruth); !e.ok())
        return e;
    if (NpzError e = build(testKeys, &data.test, &data.testInstanceTruth); !e.ok())
        return e;
    if (dim < 0)
        return NpzError::make(
                NpzErrorCode::BadContents, {},
                QStringLiteral("%1: no labelled clip has a feature file (*.npy)").arg(dir));
    data.train.featureDim = dim;
    data.test.featureDim = dim;
    // Which extractor wrote the matrices, when the folder says so and agrees with them.
    QFile extractorFile(QDir(dir).filePath(QStringLiteral("extractor.json")));
    if (extractorFile.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(extractorFile.readAll()).object();
        const QString id = o.value(QStringLiteral("id")).toString();
        const int version = o.value(QStringLiteral("version")).toInt();
        if (id.isEmpty() || version < 1 || o.value(QStringLiteral("dimension")).toInt() != dim)
            data.warnings << QStringLiteral("%1: does not describe these %2-d features; the "
                                            "extractor is taken as unknown")
                                     .arg(extractorFile.fileName())
                                     .arg(dim);
        else {
            data.extractorId = id;
            data.extractorVersion = version;
        }
    }
    *out = std::move(data);
    return {};
}

} // namespace timbre::datasets
