// SPDX-License-Identifier: GPL-3.0-or-later
// The extractor registry of a library folder: built-ins only for an empty folder, TorchScript
// extractors registered with a probe, copied under content-hash names and versioned by their
// weights; bad modules, ids, PCA files and json descriptions refused or skipped with messages
// naming the file, and nothing half-written.
#include "core/features/ExtractorRegistry.h"
#include "core/features/XxHash64.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre::features;

namespace {

// Runs tests/support/make_scripted_module; empty on success, else its complaint.
QString makeModule(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TIMBRE_MAKE_SCRIPTED_MODULE), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QStringLiteral("make_scripted_module %1 failed: %2")
                .arg(arguments.join(QLatin1Char(' ')),
                     QString::fromUtf8(process.readAllStandardError()));
    return {};
}

QString hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return QStringLiteral("%1").arg(xxHash64(bytes.constData(), size_t(bytes.size())), 16, 16,
                                    QLatin1Char('0'));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A 3-component PCA over 4 inputs.
QByteArray pcaJson()
{
    return R"({"pca_eigen_vectors": [[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 0, -1]],
               "pca_means": [[0.5], [0], [0], [1]]})";
}

} // namespace

class ExtractorRegistryTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_bandMean4, m_bandMean4Other, m_wrongShape, m_pca;

    QStringList extractorFiles(const QString &library) const
    {
        return QDir(ExtractorRegistry::folder(library)).entryList(QDir::Files, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bandMean4 = m_dir.filePath(QStringLiteral("band-mean-4.pt"));
        m_bandMean4Other = m_dir.filePath(QStringLiteral("band-mean-4-other.pt"));
        m_wrongShape = m_dir.filePath(QStringLiteral("wrong-shape.pt"));
        m_pca = m_dir.filePath(QStringLiteral("pca.json"));
        QString error = makeModule({QStringLiteral("band-mean"), m_bandMean4, QStringLiteral("4")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = makeModule({QStringLiteral("band-mean"), m_bandMean4Other, QStringLiteral("4"),
                            QStringLiteral("2.5")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = makeModule({QStringLiteral("wrong-shape"), m_wrongShape});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(writeFile(m_pca, pcaJson()));
    }

    void builtinsOnly()
    {
        for (const QString &folder : {QString(), m_dir.filePath(QStringLiteral("no-library"))}) {
            const ExtractorRegistry registry(folder);
            QCOMPARE(registry.all().size(), ExtractorInfo::builtins().size());
            QVERIFY(registry.errors().isEmpty());
            QCOMPARE(ExtractorRegistry::defaultId(), QStringLiteral("melstat"));
            const auto melstat = registry.find(ExtractorRegistry::defaultId());
            QVERIFY(melstat.has_value());
            QCOMPARE(melstat->kind, ExtractorSpec::Kind::BuiltIn);
            QCOMPARE(melstat->info.key(), QStringLiteral("melstat-v1"));
            QCOMPARE(melstat->info.dimension, 128);
            QVERIFY(melstat->weightsHash.isEmpty());
            QVERIFY(melstat->modelFile.isEmpty());
            QVERIFY(!melstat->description.isEmpty());
            QVERIFY(std::abs(melstat->instanceHopSeconds() - 0.96) < 1e-12);
            QVERIFY(!registry.find(QStringLiteral("vggish")).has_value());
        }
    }

    void addTorchScriptAndVersions()
    {
        const QString library = m_dir.filePath(QStringLiteral("lib-versions"));
        QString error;
        const auto added = ExtractorRegistry::addTorchScript(library, QStringLiteral("vggish"),
                                                             m_bandMean4, QString(), &error);
        QVERIFY2(added.has_value(), qPrintable(error));
        QCOMPARE(added->kind, ExtractorSpec::Kind::TorchScript);
        QCOMPARE(added->info.key(), QStringLiteral("vggish-v1"));
        QCOMPARE(added->info.dimension, 4);
        QCOMPARE(added->info.framesPerPatch, 96);
        QVERIFY(added->info.frontEnd == timbre::dsp::LogMelConfig::vggish());
        QVERIFY(std::abs(added->instanceHopSeconds() - 0.96) < 1e-12);
        QCOMPARE(added->weightsHash, hashOf(m_bandMean4));
        QCOMPARE(added->weightsHash.size(), 16);
        QVERIFY(added->postprocessFile.isEmpty());
        // The copy, named after its content, is byte-identical.
        QCOMPARE(added->modelFile,
                 QDir(ExtractorRegistry::folder(library))
                         .filePath(QStringLiteral("vggish-%1.pt").arg(added->weightsHash)));
        QCOMPARE(hashOf(added->modelFile), added->weightsHash);
        QCOMPARE(extractorFiles(library),
                 QStringList({QStringLiteral("vggish-%1.pt").arg(added->weightsHash),
                              QStringLiteral("vggish.json")}));

        // Listed by a registry built afterwards, exactly as returned.
        ExtractorRegistry registry(library);
        QVERIFY2(registry.errors().isEmpty(), qPrintable(registry.errors().join(u'\n')));
        QCOMPARE(registry.all().size(), ExtractorInfo::builtins().size() + 1);
        QCOMPARE(registry.all().first().info.id, QStringLiteral("melstat"));
        auto listed = registry.find(QStringLiteral("vggish"));
        QVERIFY(listed.has_value());
        QCOMPARE(listed->info.key(), added->info.key());
        QCOMPARE(listed->info.dimension, 4);
        QCOMPARE(listed->modelFile, added->modelFile);
        QCOMPARE(listed->weightsHash, added->weightsHash);
        QCOMPARE(listed->description, added->description);
        QVERIFY(listed->description.contains(QStringLiteral("band-mean-4.pt")));

        // The same weights again: the same version, nothing new on disk.
        auto same = ExtractorRegistry::addTorchScript(library, QStringLiteral("vggish"),
                                                      m_bandMean4, QString(), &error);
        QVERIFY2(same.has_value(), qPrintable(error));
        QCOMPARE(same->info.version, 1);
        QCOMPARE(extractorFiles(library).size(), 2);

        // Other weights: version 2, and the old copy goes.
        auto other = ExtractorRegistry::addTorchScript(library, QStringLiteral("vggish"),
                                                       m_bandMean4Other, QString(), &error);
        QVERIFY2(other.has_value(), qPrintable(error));
        QCOMPARE(other->info.version, 2);
        QVERIFY(other->weightsHash != added->weightsHash);
        QVERIFY(!QFile::exists(added->modelFile));
        QCOMPARE(extractorFiles(library).size(), 2);

        // A PCA file changes the features too: version 3, 3-d after the PCA.
        auto post = ExtractorRegistry::addTorchScript(library, QStringLiteral("vggish"),
                                                      m_bandMean4Other, m_pca, &error);
        QVERIFY2(post.has_value(), qPrintable(error));
        QCOMPARE(post->info.version, 3);
        QCOMPARE(post->info.dimension, 3);
        QCOMPARE(post->weightsHash, other->weightsHash);
        QCOMPARE(post->postprocessHash, hashOf(m_pca));
        QVERIFY(QFile::exists(post->postprocessFile));
        QCOMPARE(hashOf(post->postprocessFile), hashOf(m_pca));
        QCOMPARE(extractorFiles(library).size(), 3);
        listed = ExtractorRegistry(library).find(QStringLiteral("vggish"));
        QVERIFY(listed.has_value());
        QCOMPARE(listed->info.version, 3);
        QCOMPARE(listed->postprocessFile, post->postprocessFile);

        // A second id lives beside it; the library can be moved (relative paths).
        QVERIFY(ExtractorRegistry::addTorchScript(library, QStringLiteral("mine_2.0"), m_bandMean4,
                                                  QString(), &error));
        const QString moved = m_dir.filePath(QStringLiteral("lib-moved"));
        QVERIFY(QDir().rename(library, moved));
        registry = ExtractorRegistry(moved);
        QCOMPARE(registry.all().size(), ExtractorInfo::builtins().size() + 2);
        QVERIFY(registry.find(QStringLiteral("mine_2.0"))->modelFile.startsWith(moved));
        QVERIFY(QFile::exists(registry.find(QStringLiteral("vggish"))->postprocessFile));
    }

    void refusals()
    {
        const QString library = m_dir.filePath(QStringLiteral("lib-refusals"));
        QString error;
        // A module of the wrong output shape: named, and nothing written.
        QVERIFY(!ExtractorRegistry::addTorchScript(library, QStringLiteral("bad"), m_wrongShape,
                                                   QString(), &error));
        QVERIFY2(error.startsWith(m_wrongShape
                                  + QStringLiteral(": output shape [2, 7, 3] does "
                                                   "not fit")),
                 qPrintable(error));
        QVERIFY(extractorFiles(library).isEmpty());
        // Not a module at all.
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.pt"));
        QVERIFY(writeFile(garbage, QByteArray("this is not a TorchScript archive")));
        QVERIFY(!ExtractorRegistry::addTorchScript(library, QStringLiteral("bad"), garbage,
                                                   QString(), &error));
        QVERIFY2(error.startsWith(garbage + QStringLiteral(": not a TorchScript module")),
                 qPrintable(error));
        // A missing file.
        QVERIFY(!ExtractorRegistry::addTorchScript(library, QStringLiteral("bad"),
                                                   m_dir.filePath(QStringLiteral("none.pt")),
                                                   QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("none.pt: no such file")), qPrintable(error));
        // Ids that cannot be file names, or that shadow a built-in.
        for (const QString &id : {QStringLiteral("melstat"), QStringLiteral("../up"),
                                  QStringLiteral(".hidden"), QString(), QStringLiteral("a b")}) {
            QVERIFY(!ExtractorRegistry::addTorchScript(library, id, m_bandMean4, QString(),
                                                       &error));
            QVERIFY2(error.contains(QStringLiteral("extractor id")), qPrintable(error));
        }
        // PCA files that do not fit the module's 4 outputs, or are not PCA files.
        const QList<QPair<QByteArray, QString>> badPca = {
                {"not json", QStringLiteral("not a JSON object")},
                {R"({"pca_means": [0, 0, 0, 0]})", QStringLiteral("\"pca_eigen_vectors\"")},
                {R"({"pca_eigen_vectors": [[1, 0, 0, 0]], "pca_means": [0, 0, 0]})",
                 QStringLiteral("\"pca_means\" has 3 entries but the extractor returns 4")},
                {R"({"pca_eigen_vectors": [[1, 0, 0]], "pca_means": [0, 0, 0, 0]})",
                 QStringLiteral("row 0 is not 4 numbers")},
                {R"({"pca_eigen_vectors": [[1, 0, "x", 0]], "pca_means": [0, 0, 0, 0]})",
                 QStringLiteral("row 0 is not 4 numbers")},
        };
        const QString pcaPath = m_dir.filePath(QStringLiteral("bad-pca.json"));
        for (const auto &[bytes, expected] : badPca) {
            QVERIFY(writeFile(pcaPath, bytes));
            QVERIFY(!ExtractorRegistry::addTorchScript(library, QStringLiteral("bad"), m_bandMean4,
                                                       pcaPath, &error));
            QVERIFY2(error.startsWith(pcaPath + QStringLiteral(": ")), qPrintable(error));
            QVERIFY2(error.contains(expected), qPrintable(error));
        }
        QVERIFY(extractorFiles(library).isEmpty());
        QCOMPARE(ExtractorRegistry(library).all().size(), ExtractorInfo::builtins().size());
    }

    void unreadableJsonSkipped()
    {
        const QString library = m_dir.filePath(QStringLiteral("lib-json"));
        QString error;
        QVERIFY2(ExtractorRegistry::addTorchScript(library, QStringLiteral("good"), m_bandMean4,
                                                   QString(), &error),
                 qPrintable(error));
        const QDir folder(ExtractorRegistry::folder(library));
        QVERIFY(writeFile(folder.filePath(QStringLiteral("broken.json")), "{ not json"));
        QVERIFY(writeFile(folder.filePath(QStringLiteral("partial.json")),
                          R"({"format": "timbre-extractor", "id": "partial"})"));
        QFile good(folder.filePath(QStringLiteral("good.json")));
        QVERIFY(good.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(folder.filePath(QStringLiteral("renamed.json")), good.readAll()));

        const ExtractorRegistry registry(library);
        QCOMPARE(registry.all().size(), ExtractorInfo::builtins().size() + 1); // melstat and good
        QVERIFY(registry.find(QStringLiteral("good")).has_value());
        const QStringList errors = registry.errors();
        QCOMPARE(errors.size(), 3);
        QVERIFY2(errors.at(0).startsWith(folder.filePath(QStringLiteral("broken.json"))
                                         + QStringLiteral(": not a JSON object")),
                 qPrintable(errors.at(0)));
        QVERIFY2(errors.at(1).startsWith(folder.filePath(QStringLiteral("partial.json"))),
                 qPrintable(errors.at(1)));
        QVERIFY2(errors.at(2).contains(QStringLiteral("holds id \"good\", not \"renamed\"")),
                 qPrintable(errors.at(2)));

        // A broken <id>.json is replaced by a fresh registration (starting again at 1).
        QVERIFY(ExtractorRegistry::addTorchScript(library, QStringLiteral("broken"), m_bandMean4,
                                                  QString(), &error));
        QCOMPARE(ExtractorRegistry(library).find(QStringLiteral("broken"))->info.version, 1);
    }
};

QTEST_GUILESS_MAIN(ExtractorRegistryTest)
#include "ExtractorRegistry_test.moc"
