// SPDX-License-Identifier: GPL-3.0-or-later
// Import of a checkpoint file into a library (core/modelling/CheckpointImport): a model trained on
// one generated library is accepted by another with the same extractor; corrupt, truncated,
// foreign files and checkpoints for other features or instruments are refused with a message
// naming the file, and nothing is added or copied.
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/modelling/CheckpointImport.h"

#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"
#include "models/api/Training.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace timbre;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The checkpoint container's FNV-1a checksum over everything before its last 8 bytes
// (models/checkpoints/CheckpointFile.h), written back little-endian after an edit.
void resealChecksum(QByteArray &bytes)
{
    quint64 h = 1469598103934665603ULL;
    for (qsizetype i = 0; i < bytes.size() - 8; ++i) {
        h ^= quint64(static_cast<unsigned char>(bytes.at(i)));
        h *= 1099511628211ULL;
    }
    for (int b = 0; b < 8; ++b)
        bytes[bytes.size() - 8 + b] = char((h >> (8 * b)) & 0xff);
}

// A one-epoch model on random bags of `dim` features, saved as `path`.
QString trainSynthetic(const QString &path, int dim, const std::string &extractorId,
                       const std::vector<std::string> &classes)
{
    models::BagSet bags;
    bags.featureDim = dim;
    bags.numClasses = int(classes.size());
    bags.classNames = classes;
    bags.bagOffsets.push_back(0);
    std::mt19937 rng(3);
    std::normal_distribution<float> noise;
    for (int b = 0; b < 16; ++b) {
        std::vector<float> features(size_t(4) * dim);
        for (float &x : features)
            x = noise(rng);
        std::vector<float> labels(classes.size(), float(b % 2));
        std::vector<uint8_t> observed(classes.size(), 1);
        bags.appendBag(features.data(), 4, labels.data(), observed.data());
    }
    models::TrainConfig config = models::TrainConfig::defaultsFor("att");
    config.epochs = 1;
    config.batchSize = 8;
    config.validationFraction = 0.0;
    config.threads = 1;
    config.extractorId = extractorId;
    config.extractorVersion = 1;
    config.outputCheckpoint = path.toStdString();
    const models::TrainResult r = models::trainModel(config, bags, nullptr, {}, nullptr);
    return r.ok ? QString() : QString::fromStdString(r.error);
}

} // namespace

class CheckpointImportTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_source; // where the valid model is trained
    std::unique_ptr<library::Library> m_lib; // where it is imported
    QString m_valid; // checkpoint trained on m_source
    std::vector<std::string> m_classes;

    QStringList modelFiles() const
    {
        return QDir(m_lib->modelsPath()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }

    // Import must fail with a message naming `file` and containing `why`, changing nothing.
    void expectRefused(const QString &file, const QString &why)
    {
        const int rowsBefore = int(m_lib->models().list()->size());
        const QStringList filesBefore = modelFiles();
        const modelling::CheckpointImportResult r = modelling::importCheckpoint(*m_lib, file);
        QVERIFY(!r.ok);
        QCOMPARE(r.modelId, qint64(0));
        QVERIFY2(r.message.contains(QFileInfo(file).fileName()), qPrintable(r.message));
        QVERIFY2(r.message.contains(why, Qt::CaseInsensitive), qPrintable(r.message));
        QCOMPARE(int(m_lib->models().list()->size()), rowsBefore);
        QCOMPARE(modelFiles(), filesBefore);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto source = library::Library::open(m_dir.filePath(QStringLiteral("source")));
        QVERIFY2(source.ok(), qPrintable(source.error().message));
        m_source = source.take();
        testing::PlantedLibraryOptions o;
        o.tracks = 24;
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(*m_source, o);
        QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        testing::TrainedLibraryModelOptions t;
        t.epochs = 3;
        t.activate = false;
        const testing::TrainedLibraryModel model = testing::trainLibraryModel(*m_source, t);
        QVERIFY2(model.error.isEmpty(), qPrintable(model.error));
        m_valid = model.checkpoint;
        const auto keys = m_source->taxonomy().keys();
        QVERIFY(keys.ok());
        for (const QString &key : *keys)
            m_classes.push_back(key.toStdString());

        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = lib.take();
        o.seed = 2;
        QVERIFY(testing::makePlantedLibrary(*m_lib, o).error.isEmpty());
        // The library already has an active version: an import must not replace it.
        t.name = QStringLiteral("own");
        t.activate = true;
        QVERIFY(testing::trainLibraryModel(*m_lib, t).error.isEmpty());
    }

    void acceptsAValidCheckpointWithoutActivatingIt()
    {
        const qint64 activeBefore = (*m_lib->models().active())->id;
        const modelling::CheckpointImportResult r = modelling::importCheckpoint(*m_lib, m_valid);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.name, QStringLiteral("att"));
        const auto row = m_lib->models().findById(r.modelId);
        QVERIFY(row.ok() && row->has_value());
        const library::ModelRecord &m = **row;
        QCOMPARE(m.kind, QStringLiteral("att"));
        QCOMPARE(m.parentId, qint64(0));
        QCOMPARE(m.extractorId, QStringLiteral("melstat"));
        QCOMPARE(m.extractorVersion, 1);
        QCOMPARE(m.note, QStringLiteral("imported from %1").arg(m_valid));
        QVERIFY(!m.active);
        QCOMPARE((*m_lib->models().active())->id, activeBefore);
        QCOMPARE(r.checkpoint, QDir(m_lib->modelsPath()).absoluteFilePath(m.checkpointFile));
        QCOMPARE(readAll(r.checkpoint), readAll(m_valid));
        // The copy loads as a model.
        models::ModelError error;
        QVERIFY2(models::Predictor::load(r.checkpoint.toStdString(), &error),
                 error.message.c_str());

        // Imported again: a new name, the first copy untouched.
        const modelling::CheckpointImportResult again
                = modelling::importCheckpoint(*m_lib, m_valid);
        QVERIFY2(again.ok, qPrintable(again.message));
        QCOMPARE(again.name, QStringLiteral("att-2"));
        QVERIFY(again.checkpoint != r.checkpoint);
        QCOMPARE(readAll(r.checkpoint), readAll(m_valid));
    }

    void refusesCorruptAndForeignFiles()
    {
        const QByteArray bytes = readAll(m_valid);
        QVERIFY(bytes.size() > 1000);
        QByteArray flipped = bytes;
        flipped[flipped.size() / 2] = char(flipped.at(flipped.size() / 2) ^ 0x5a);
        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.ckpt"));
        QVERIFY(writeAll(corrupt, flipped));
        expectRefused(corrupt, QStringLiteral("not a usable Timbre checkpoint"));

        const QString truncated = m_dir.filePath(QStringLiteral("truncated.ckpt"));
        QVERIFY(writeAll(truncated, bytes.left(bytes.size() / 3)));
        expectRefused(truncated, QStringLiteral("not a usable Timbre checkpoint"));

        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeAll(text, "These are not the weights you are looking for.\n"));
        expectRefused(text, QStringLiteral("not a usable Timbre checkpoint"));

        const QString empty = m_dir.filePath(QStringLiteral("empty.ckpt"));
        QVERIFY(writeAll(empty, QByteArray()));
        expectRefused(empty, QStringLiteral("not a usable Timbre checkpoint"));

        expectRefused(m_dir.filePath(QStringLiteral("absent.ckpt")),
                      QStringLiteral("no such file"));
        expectRefused(m_dir.path(), QStringLiteral("is not a file"));
    }

    void refusesAKindThisBuildCannotRun()
    {
        // A whole, well-formed checkpoint whose metadata names a kind no scorer serves.
        QByteArray bytes = readAll(m_valid);
        const QByteArray from = "\"kind\":\"att\"";
        const qsizetype at = bytes.indexOf(from);
        QVERIFY(at > 0);
        bytes.replace(at, from.size(), "\"kind\":\"zzz\"");
        resealChecksum(bytes);
        const QString unknownKind = m_dir.filePath(QStringLiteral("unknown-kind.ckpt"));
        QVERIFY(writeAll(unknownKind, bytes));
        models::CheckpointInfo info;
        models::ModelError error;
        QVERIFY2(models::Predictor::readInfo(unknownKind.toStdString(), &info, &error),
                 error.message.c_str());
        QCOMPARE(info.kind, std::string("zzz"));
        expectRefused(unknownKind, QStringLiteral("\"zzz\" cannot be loaded by this build"));
    }

    void refusesCheckpointsForOtherFeaturesOrInstruments()
    {
        const QString narrow = m_dir.filePath(QStringLiteral("narrow.ckpt"));
        QString error = trainSynthetic(narrow, 64, "melstat", m_classes);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        expectRefused(narrow, QStringLiteral("expects 64-d features; the melstat-v1 features"));

        const QString foreign = m_dir.filePath(QStringLiteral("other-extractor.ckpt"));
        error = trainSynthetic(foreign, 128, "openl3-remote", m_classes);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        expectRefused(foreign, QStringLiteral("extractor 'openl3-remote'"));

        const QString kazoo = m_dir.filePath(QStringLiteral("kazoo.ckpt"));
        error = trainSynthetic(kazoo, 128, "melstat", {m_classes.front(), "kazoo"});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        expectRefused(kazoo, QStringLiteral("not instruments of library"));
        QVERIFY(m_lib->models().findByName(QStringLiteral("kazoo"))->has_value() == false);
    }
};

QTEST_GUILESS_MAIN(CheckpointImportTest)
#include "CheckpointImport_test.moc"
