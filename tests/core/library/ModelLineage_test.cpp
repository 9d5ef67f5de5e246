// SPDX-License-Identifier: GPL-3.0-or-later
// The model lineage (core/library/ModelLineage, ModelFiles): the version tree with an orphan,
// each version's metrics and "labels changed since" its snapshot, and the file work behind
// rename, delete and export (checkpoint files are plain bytes here: nothing is loaded).
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelFiles.h"
#include "core/library/ModelLineage.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre::library;

class ModelLineageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void treeWithOrphan();
    void metricsFromJson();
    void labelsChangedSinceSnapshot();
    void renameAndNote();
    void deleteRefusesActiveRemovesRowAndFiles();
    void deleteKeepsSharedAndOutsideFiles();
    void exportCopiesBytes();

private:
    qint64 addModel(const QString &name, qint64 parent = 0, qint64 snapshot = 0,
                    const QString &metrics = QStringLiteral("{}"),
                    const QByteArray &checkpointBytes = QByteArray());
    qint64 addClip(const QString &path);
    QString modelFile(const QString &name) const;
    static QByteArray readAll(const QString &path);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
};

void ModelLineageTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
    QVERIFY(QDir().mkpath(m_lib->modelsPath()));
}

void ModelLineageTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
}

QString ModelLineageTest::modelFile(const QString &name) const
{
    return QDir(m_lib->modelsPath()).filePath(name + QStringLiteral(".ckpt"));
}

QByteArray ModelLineageTest::readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 ModelLineageTest::addModel(const QString &name, qint64 parent, qint64 snapshot,
                                  const QString &metrics, const QByteArray &checkpointBytes)
{
    ModelRecord m;
    m.name = name;
    m.kind = QStringLiteral("mt-att");
    m.parentId = parent;
    m.extractorId = QStringLiteral("melstat");
    m.extractorVersion = 1;
    m.labelSnapshot = snapshot;
    m.metricsJson = metrics;
    m.checkpointFile = name + QStringLiteral(".ckpt");
    if (!checkpointBytes.isEmpty()) {
        QFile f(modelFile(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(checkpointBytes) != checkpointBytes.size())
            return 0;
    }
    auto id = m_lib->models().add(m);
    return id ? *id : 0;
}

qint64 ModelLineageTest::addClip(const QString &path)
{
    TrackRecord t;
    t.path = path;
    auto track = m_lib->tracks().upsert(t);
    if (!track)
        return 0;
    auto clip = m_lib->clips().ensureWholeTrackClip(*track);
    return clip ? *clip : 0;
}

void ModelLineageTest::treeWithOrphan()
{
    // root -> a -> b, root -> c; then a is deleted: b becomes a root of its own.
    const qint64 root = addModel(QStringLiteral("root"));
    const qint64 a = addModel(QStringLiteral("a"), root);
    const qint64 c = addModel(QStringLiteral("c"), root);
    const qint64 b = addModel(QStringLiteral("b"), a);
    QVERIFY(root && a && b && c);
    QVERIFY(!m_lib->models().activate(c).isError());

    auto lineage = ModelLineage::load(*m_lib);
    QVERIFY2(lineage.ok(), qPrintable(lineage.error().message));
    QCOMPARE(lineage->size(), 4);
    QCOMPARE(lineage->roots().size(), 1);
    const LineageVersion &r = lineage->versions().at(lineage->roots().first());
    QCOMPARE(r.model.id, root);
    QCOMPARE(r.children.size(), 2);
    QCOMPARE(lineage->versions().at(r.children.at(0)).model.id, a);
    QCOMPARE(lineage->versions().at(r.children.at(1)).model.id, c);
    QCOMPARE(lineage->find(b)->depth, 2);
    QCOMPARE(lineage->versions().at(lineage->find(b)->parent).model.id, a);
    QCOMPARE(lineage->activeId(), c);
    QVERIFY(lineage->find(c)->model.active);
    QCOMPARE(lineage->find(b)->extractorKey(), QStringLiteral("melstat-v1"));

    QVERIFY(!m_lib->models().remove(a).isError());
    lineage = ModelLineage::load(*m_lib);
    QVERIFY(lineage.ok());
    QCOMPARE(lineage->size(), 3);
    QCOMPARE(lineage->roots().size(), 2);
    QCOMPARE(lineage->versions().at(lineage->roots().at(0)).model.id, root);
    QCOMPARE(lineage->versions().at(lineage->roots().at(1)).model.id, b);
    QCOMPARE(lineage->find(b)->parent, -1);
    QCOMPARE(lineage->find(b)->depth, 0);
    QCOMPARE(lineage->find(root)->children.size(), 1);
    QVERIFY(lineage->find(a) == nullptr);

    // A parent id that names no row (and a cycle of parent ids) still shows every version once.
    ModelRecord x, y, z;
    x.id = 10;
    x.parentId = 99;
    y.id = 11;
    y.parentId = 12;
    z.id = 12;
    z.parentId = 11;
    const ModelLineage built = ModelLineage::build({z, y, x}, {});
    QCOMPARE(built.size(), 3);
    QCOMPARE(built.versions().at(0).model.id, qint64(10));
    QCOMPARE(built.versions().at(0).parent, -1);
    int shown = 0;
    QList<int> stack = built.roots();
    while (!stack.isEmpty()) {
        const int i = stack.takeLast();
        ++shown;
        stack << built.versions().at(i).children;
    }
    QCOMPARE(shown, 3);
}

void ModelLineageTest::metricsFromJson()
{
    const qint64 full = addModel(
            QStringLiteral("full"), 0, 0,
            QStringLiteral("{\"labels_seen\":412,\"labelled_clips\":90,\"train_clips\":120,"
                           "\"test_bags\":30,\"test\":{\"overall\":{\"auroc\":0.875,\"f1\":0.5,"
                           "\"precision\":0.625,\"recall\":0.4,\"mAP\":0.7}}}"));
    const qint64 old = addModel(
            QStringLiteral("old"), 0, 0,
            QStringLiteral("{\"test_bags\":0,\"test\":{\"overall\":{\"auroc\":null}}}"));
    const qint64 bare = addModel(QStringLiteral("bare"));
    auto lineage = ModelLineage::load(*m_lib);
    QVERIFY(lineage.ok());
    const LineageVersion *f = lineage->find(full);
    QCOMPARE(f->labelsSeen, 412);
    QCOMPARE(f->testBags, 30);
    QCOMPARE(f->testAuroc, 0.875);
    QCOMPARE(f->testF1, 0.5);
    QCOMPARE(f->testPrecision, 0.625);
    QCOMPARE(f->testRecall, 0.4);
    QCOMPARE(f->testMap, 0.7);
    const LineageVersion *o = lineage->find(old);
    QCOMPARE(o->labelsSeen, -1);
    QCOMPARE(o->testBags, 0);
    QVERIFY(std::isnan(o->testAuroc));
    const LineageVersion *b = lineage->find(bare);
    QCOMPARE(b->testBags, -1);
    QVERIFY(std::isnan(b->testF1));
}

void ModelLineageTest::labelsChangedSinceSnapshot()
{
    const qint64 clip1 = addClip(QStringLiteral("/a.wav"));
    const qint64 clip2 = addClip(QStringLiteral("/b.wav"));
    const qint64 clip3 = addClip(QStringLiteral("/c.wav"));
    QVERIFY(clip1 && clip2 && clip3);
    const QString author = QStringLiteral("t");
    const LabelCommandLog &log = m_lib->labelLog();
    QVERIFY(log.setLabel(clip1, QStringLiteral("piano"), LabelState::Present, author).ok());
    QVERIFY(log.setLabel(clip2, QStringLiteral("piano"), LabelState::Absent, author).ok());
    const qint64 first = *m_lib->labels().latestBatchId();
    const qint64 v1 = addModel(QStringLiteral("v1"), 0, first);
    // Three edits in one batch, one in another; then one undone (the undo is a change too).
    QList<LabelEdit> edits {{clip1, QStringLiteral("guitar"), LabelState::Absent},
                            {clip2, QStringLiteral("guitar"), LabelState::Present},
                            {clip3, QStringLiteral("piano"), LabelState::Present}};
    QVERIFY(log.setLabels(edits, author).ok());
    const qint64 second = *m_lib->labels().latestBatchId();
    const qint64 v2 = addModel(QStringLiteral("v2"), v1, second);
    QVERIFY(log.setLabel(clip3, QStringLiteral("drums"), LabelState::Present, author).ok());
    QVERIFY(log.undo(author).ok());
    const qint64 v3 = addModel(QStringLiteral("v3"), v2, *m_lib->labels().latestBatchId());
    const qint64 v0 = addModel(QStringLiteral("v0"), 0, 0);

    auto lineage = ModelLineage::load(*m_lib);
    QVERIFY(lineage.ok());
    // v3 saw everything; v2 misses the drums edit, which was undone, and the undo itself.
    QCOMPARE(lineage->find(v3)->labelsChangedSince, qint64(0));
    QCOMPARE(lineage->find(v2)->labelsChangedSince, *m_lib->labels().changesAfter(second));
    QCOMPARE(lineage->find(v2)->labelsChangedSince, qint64(1));
    QCOMPARE(lineage->find(v1)->labelsChangedSince, qint64(4));
    QCOMPARE(lineage->find(v1)->labelsChangedSince, *m_lib->labels().changesAfter(first));
    QCOMPARE(lineage->find(v0)->labelsChangedSince, *m_lib->labels().changesAfter(0));
    QCOMPARE(lineage->find(v0)->labelsChangedSince, qint64(6));
}

void ModelLineageTest::renameAndNote()
{
    const qint64 a = addModel(QStringLiteral("a"));
    const qint64 b = addModel(QStringLiteral("b"));
    QVERIFY(!m_lib->models().rename(a, QStringLiteral("first")).isError());
    QCOMPARE((*m_lib->models().findById(a))->name, QStringLiteral("first"));
    // The checkpoint file keeps its name.
    QCOMPARE((*m_lib->models().findById(a))->checkpointFile, QStringLiteral("a.ckpt"));
    QCOMPARE(m_lib->models().rename(b, QStringLiteral("first")).code, CatalogError::Conflict);
    QCOMPARE((*m_lib->models().findById(b))->name, QStringLiteral("b"));
    QCOMPARE(m_lib->models().rename(b, QStringLiteral(" ")).code, CatalogError::InvalidArgument);
    QCOMPARE(m_lib->models().rename(999, QStringLiteral("x")).code, CatalogError::NotFound);
    QVERIFY(!m_lib->models().rename(a, QStringLiteral("first")).isError());
    QVERIFY(!m_lib->models().setNote(b, QStringLiteral("more piano labels")).isError());
    auto lineage = ModelLineage::load(*m_lib);
    QCOMPARE(lineage->find(b)->model.note, QStringLiteral("more piano labels"));
}

void ModelLineageTest::deleteRefusesActiveRemovesRowAndFiles()
{
    const qint64 parent = addModel(QStringLiteral("parent"), 0, 0, QStringLiteral("{}"), "P");
    const qint64 child = addModel(QStringLiteral("child"), parent, 0, QStringLiteral("{}"), "C");
    const qint64 clip = addClip(QStringLiteral("/a.wav"));
    QVERIFY(parent && child && clip);
    QVERIFY(!m_lib->predictions().write(parent, {{clip, QStringLiteral("piano"), 0.75f}}).isError());
    QCOMPARE(*m_lib->predictions().count(parent), qint64(1));
    QVERIFY(!m_lib->models().activate(child).isError());
    // A sidecar left by an interrupted save, and a file of another name that must stay.
    QFile side(modelFile(QStringLiteral("parent")) + QStringLiteral(".tmp"));
    QVERIFY(side.open(QIODevice::WriteOnly));
    side.write("half");
    side.close();
    QFile other(QDir(m_lib->modelsPath()).filePath(QStringLiteral("parent-2.ckpt")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();

    const ModelFiles files(*m_lib);
    const ModelRemoval refused = files.remove(child);
    QCOMPARE(refused.error.code, CatalogError::InvalidArgument);
    QVERIFY2(refused.error.message.contains(QStringLiteral("'child' is the active version")),
             qPrintable(refused.error.message));
    QVERIFY(m_lib->models().findById(child)->has_value());
    QVERIFY(QFile::exists(modelFile(QStringLiteral("child"))));

    const ModelRemoval removed = files.remove(parent);
    QVERIFY2(!removed.error.isError(), qPrintable(removed.error.message));
    QVERIFY2(removed.problems.isEmpty(), qPrintable(removed.problems.join('\n')));
    QCOMPARE(removed.name, QStringLiteral("parent"));
    QCOMPARE(removed.removedFiles.size(), 2);
    QVERIFY(!m_lib->models().findById(parent)->has_value());
    QCOMPARE(*m_lib->predictions().count(parent), qint64(0));
    QVERIFY(!QFile::exists(modelFile(QStringLiteral("parent"))));
    QVERIFY(!side.exists());
    QVERIFY(other.exists());
    QCOMPARE((*m_lib->models().findById(child))->parentId, qint64(0));
    QCOMPARE(files.remove(parent).error.code, CatalogError::NotFound);
}

void ModelLineageTest::deleteKeepsSharedAndOutsideFiles()
{
    const qint64 a = addModel(QStringLiteral("a"), 0, 0, QStringLiteral("{}"), "A");
    // b names a's checkpoint (a catalog edited by hand); c one outside the models folder.
    ModelRecord b;
    b.name = QStringLiteral("b");
    b.kind = QStringLiteral("att");
    b.checkpointFile = QStringLiteral("a.ckpt");
    const qint64 bId = *m_lib->models().add(b);
    const QString outside = m_dir->filePath(QStringLiteral("outside.ckpt"));
    QFile f(outside);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    ModelRecord c = b;
    c.name = QStringLiteral("c");
    c.checkpointFile = QStringLiteral("../../outside.ckpt");
    const qint64 cId = *m_lib->models().add(c);
    const ModelFiles files(*m_lib);
    QVERIFY(files.checkpointPath(c).isEmpty());

    const ModelRemoval removedB = files.remove(bId);
    QVERIFY(!removedB.error.isError());
    QCOMPARE(removedB.problems.size(), 1);
    QVERIFY(removedB.problems.first().contains(modelFile(QStringLiteral("a"))));
    QVERIFY(QFile::exists(modelFile(QStringLiteral("a"))));
    const ModelRemoval removedC = files.remove(cId);
    QVERIFY(!removedC.error.isError());
    QCOMPARE(removedC.problems.size(), 1);
    QVERIFY(QFile::exists(outside));
    QVERIFY(m_lib->models().findById(a)->has_value());
}

void ModelLineageTest::exportCopiesBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 3 * (1 << 20) / 7; ++i)
        bytes.append(char(i * 7));
    const qint64 a = addModel(QStringLiteral("a"), 0, 0, QStringLiteral("{}"), bytes);
    const qint64 missing = addModel(QStringLiteral("missing"));
    const ModelFiles files(*m_lib);
    const QString target = m_dir->filePath(QStringLiteral("out/a-export.ckpt"));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("out"))));
    CatalogError e = files.exportCheckpoint(a, target, false);
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QCOMPARE(readAll(target), bytes);
    // No temporary file is left next to it.
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden),
             QStringList {QStringLiteral("a-export.ckpt")});

    // An existing file is not overwritten unless the user said so.
    QFile t(target);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("mine");
    t.close();
    e = files.exportCheckpoint(a, target, false);
    QCOMPARE(e.code, CatalogError::Conflict);
    QVERIFY(e.message.contains(target));
    QCOMPARE(readAll(target), QByteArray("mine"));
    QVERIFY(!files.exportCheckpoint(a, target, true).isError());
    QCOMPARE(readAll(target), bytes);

    // Never onto the checkpoint itself; a missing checkpoint is named.
    e = files.exportCheckpoint(a, modelFile(QStringLiteral("a")), true);
    QCOMPARE(e.code, CatalogError::InvalidArgument);
    QCOMPARE(readAll(modelFile(QStringLiteral("a"))), bytes);
    e = files.exportCheckpoint(missing, m_dir->filePath(QStringLiteral("m.ckpt")), false);
    QVERIFY(e.isError());
    QVERIFY2(e.message.contains(modelFile(QStringLiteral("missing"))), qPrintable(e.message));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("m.ckpt"))));
}

QTEST_GUILESS_MAIN(ModelLineageTest)
#include "ModelLineage_test.moc"
