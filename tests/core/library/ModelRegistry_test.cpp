// SPDX-License-Identifier: GPL-3.0-or-later
// The model registry and the run bookkeeping of schema 2: one active model at a time, the
// version tree, "labels changed since" a model's snapshot, predict runs, and a schema-1
// catalog upgraded in place with its rows kept.
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace timbre::library;

class ModelRegistryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void oneActiveModel();
    void versionTree();
    void labelChangesSinceSnapshot();
    void predictRuns();
    void renameRefusesTakenNames();
    void historyRoundTrips();
    void schemaOneUpgradesInPlace();
    void schemaThreeUpgradesKeepingRows();

private:
    qint64 addModel(const QString &name, qint64 parent = 0, qint64 snapshot = 0);
    qint64 addClip(const QString &path);
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
};

void ModelRegistryTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
}

void ModelRegistryTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
}

qint64 ModelRegistryTest::addModel(const QString &name, qint64 parent, qint64 snapshot)
{
    ModelRecord m;
    m.name = name;
    m.kind = QStringLiteral("mt");
    m.parentId = parent;
    m.labelSnapshot = snapshot;
    auto id = m_lib->models().add(m);
    return id ? *id : 0;
}

qint64 ModelRegistryTest::addClip(const QString &path)
{
    TrackRecord t;
    t.path = path;
    auto track = m_lib->tracks().upsert(t);
    if (!track)
        return 0;
    auto clip = m_lib->clips().ensureWholeTrackClip(*track);
    return clip ? *clip : 0;
}

void ModelRegistryTest::oneActiveModel()
{
    auto none = m_lib->models().active();
    QVERIFY(none.ok());
    QVERIFY(!none->has_value());
    const qint64 a = addModel(QStringLiteral("a"));
    const qint64 b = addModel(QStringLiteral("b"));
    QVERIFY(!m_lib->models().activate(a).isError());
    QCOMPARE((*m_lib->models().active())->id, a);
    QVERIFY(!m_lib->models().activate(b).isError());
    QCOMPARE((*m_lib->models().active())->id, b);
    auto all = m_lib->models().list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).active, false);
    QCOMPARE(all->at(1).active, true);
    // An unknown id changes nothing.
    QCOMPARE(m_lib->models().activate(999).code, CatalogError::NotFound);
    QCOMPARE((*m_lib->models().active())->id, b);
    // Removing the active model leaves none active.
    QVERIFY(!m_lib->models().remove(b).isError());
    QVERIFY(!m_lib->models().active()->has_value());
}

void ModelRegistryTest::versionTree()
{
    const qint64 root = addModel(QStringLiteral("root"));
    const qint64 c1 = addModel(QStringLiteral("c1"), root);
    const qint64 c2 = addModel(QStringLiteral("c2"), root);
    addModel(QStringLiteral("g"), c1);
    auto kids = m_lib->models().children(root);
    QVERIFY(kids.ok());
    QCOMPARE(kids->size(), 2);
    QCOMPARE(kids->at(0).id, c1);
    QCOMPARE(kids->at(1).id, c2);
    QCOMPARE(m_lib->models().children(c2)->size(), 0);
}

void ModelRegistryTest::labelChangesSinceSnapshot()
{
    const qint64 clip1 = addClip(QStringLiteral("/a.wav"));
    const qint64 clip2 = addClip(QStringLiteral("/b.wav"));
    QVERIFY(clip1 > 0 && clip2 > 0);
    const QString author = QStringLiteral("t");
    QVERIFY(m_lib->labels()
                    .set(clip1, QStringLiteral("piano"), LabelState::Present, LabelSource::User,
                         author)
                    .ok());
    const qint64 snapshot = *m_lib->labels().latestBatchId();
    QVERIFY(snapshot > 0);
    QCOMPARE(*m_lib->labels().changesAfter(snapshot), qint64(0));
    QList<LabelEdit> edits {{clip1, QStringLiteral("guitar"), LabelState::Absent},
                            {clip2, QStringLiteral("piano"), LabelState::Present}};
    QVERIFY(m_lib->labels().apply(edits, LabelSource::User, author).ok());
    QCOMPARE(*m_lib->labels().changesAfter(snapshot), qint64(2));
    QCOMPARE(*m_lib->labels().changesAfter(0), qint64(3));
}

void ModelRegistryTest::predictRuns()
{
    const qint64 clip = addClip(QStringLiteral("/a.wav"));
    const qint64 m = addModel(QStringLiteral("m"));
    QVERIFY(!m_lib->predictions().latestRun(m)->has_value());
    QVERIFY(!m_lib->predictions().latestFinishedRun()->has_value());
    auto run = m_lib->predictions().beginRun(m);
    QVERIFY(run.ok());
    QVERIFY(!m_lib->predictions()
                     .write(m, {PredictionScore {clip, QStringLiteral("piano"), 0.75f}})
                     .isError());
    auto open = m_lib->predictions().latestRun(m);
    QVERIFY(open->has_value());
    QCOMPARE((*open)->finishedMs, qint64(0));
    QVERIFY(!m_lib->predictions().latestFinishedRun()->has_value());
    QVERIFY(!m_lib->predictions().finishRun(*run, 1).isError());
    auto done = m_lib->predictions().latestFinishedRun();
    QVERIFY(done->has_value());
    QCOMPARE((*done)->modelId, m);
    QCOMPARE((*done)->clips, qint64(1));
    QVERIFY((*done)->finishedMs >= (*done)->startedMs);
    QCOMPARE(m_lib->predictions().finishRun(12345, 1).code, CatalogError::NotFound);
}

void ModelRegistryTest::renameRefusesTakenNames()
{
    ModelRecord m;
    m.name = QStringLiteral("first");
    m.kind = QStringLiteral("mt");
    m.checkpointFile = QStringLiteral("first.ckpt");
    const qint64 a = *m_lib->models().add(m);
    const qint64 b = addModel(QStringLiteral("second"));
    QVERIFY(a > 0 && b > 0);

    QVERIFY(!m_lib->models().rename(a, QStringLiteral("  renamed ")).isError());
    auto renamed = m_lib->models().findById(a);
    QVERIFY(renamed.ok() && renamed->has_value());
    QCOMPARE((*renamed)->name, QStringLiteral("renamed"));
    QCOMPARE((*renamed)->checkpointFile, QStringLiteral("first.ckpt")); // the file keeps its name
    QVERIFY(!m_lib->models().findByName(QStringLiteral("first"))->has_value());
    // Its own name again is no conflict.
    QVERIFY(!m_lib->models().rename(a, QStringLiteral("renamed")).isError());

    QCOMPARE(m_lib->models().rename(b, QStringLiteral("renamed")).code, CatalogError::Conflict);
    QCOMPARE((*m_lib->models().findById(b))->name, QStringLiteral("second"));
    QCOMPARE(m_lib->models().rename(b, QStringLiteral(" ")).code, CatalogError::InvalidArgument);
    QCOMPARE(m_lib->models().rename(4242, QStringLiteral("x")).code, CatalogError::NotFound);
}

void ModelRegistryTest::historyRoundTrips()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto epochRecord = [&](int epoch, bool partial = false) {
        return QVariantMap {
                {QStringLiteral("type"), QStringLiteral("epoch")},
                {QStringLiteral("epoch"), epoch},
                {QStringLiteral("partial"), partial},
                {QStringLiteral("learningRate"), 0.001 * epoch},
                {QStringLiteral("validationLoss"), nan},
                {QStringLiteral("losses"),
                 QVariantMap {{QStringLiteral("bce"), 0.5 / epoch},
                              {QStringLiteral("total"), 0.75 / epoch}}},
                {QStringLiteral("perInstrument"),
                 QVariantList {QVariantMap {{QStringLiteral("instrument"), QStringLiteral("bass")},
                                            {QStringLiteral("auroc"), nan},
                                            {QStringLiteral("positives"), 3}}}}};
    };
    const qint64 id = addModel(QStringLiteral("trained"));
    // Stored out of order and with a partial record among them: epoch order, partial left out.
    QVERIFY(!m_lib->models()
                     .setHistory(id, {epochRecord(2), epochRecord(3, true), epochRecord(1)})
                     .isError());
    auto history = m_lib->models().history(id);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QVariantMap &r = history->at(i);
        QCOMPARE(r.value(QStringLiteral("epoch")).toInt(), i + 1);
        QCOMPARE(r.value(QStringLiteral("type")).toString(), QStringLiteral("epoch"));
        QCOMPARE(r.value(QStringLiteral("learningRate")).toDouble(), 0.001 * (i + 1));
        QVERIFY(std::isnan(r.value(QStringLiteral("validationLoss")).toDouble()));
        QCOMPARE(r.value(QStringLiteral("losses")).toMap().value(QStringLiteral("bce")).toDouble(),
                 0.5 / (i + 1));
        const QVariantMap bass = r.value(QStringLiteral("perInstrument")).toList().first().toMap();
        QCOMPARE(bass.value(QStringLiteral("instrument")).toString(), QStringLiteral("bass"));
        QVERIFY(std::isnan(bass.value(QStringLiteral("auroc")).toDouble()));
        QCOMPARE(bass.value(QStringLiteral("positives")).toInt(), 3);
    }
    // Replaced whole; a repeated epoch is refused and leaves what was stored.
    QCOMPARE(m_lib->models().setHistory(id, {epochRecord(1), epochRecord(1)}).code,
             CatalogError::InvalidArgument);
    QCOMPARE(m_lib->models().history(id)->size(), 2);
    QCOMPARE(m_lib->models().setHistory(4242, {epochRecord(1)}).code, CatalogError::NotFound);
    QVERIFY(m_lib->models().history(addModel(QStringLiteral("none")))->isEmpty());

    // add() with a history: both or neither (a taken name stores no rows).
    ModelRecord m;
    m.name = QStringLiteral("with-history");
    m.kind = QStringLiteral("att");
    auto added = m_lib->models().add(m, {epochRecord(1), epochRecord(2), epochRecord(3)});
    QVERIFY(added.ok());
    QCOMPARE(m_lib->models().history(*added)->size(), 3);
    QCOMPARE(m_lib->models().add(m, {epochRecord(1)}).error().code, CatalogError::Conflict);
    QSqlQuery q(m_lib->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM model_epoch")) && q.next());
    QCOMPARE(q.value(0).toInt(), 5);

    // Removing a model removes its history.
    QVERIFY(!m_lib->models().remove(*added).isError());
    QVERIFY(m_lib->models().history(*added)->isEmpty());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM model_epoch")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void ModelRegistryTest::schemaThreeUpgradesKeepingRows()
{
    // A catalog as schema 3 left it (migrations 1..3), with models, one of them active, and a
    // cross-fit run, opened by this build.
    const QString folder = m_dir->filePath(QStringLiteral("v3"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(Library::databaseFileName());
    {
        QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (int v = 1; v <= 3; ++v) {
            QFile schema(CatalogDatabase::migrationResource(v));
            QVERIFY(schema.open(QIODevice::ReadOnly));
            for (const QString &s :
                 CatalogDatabase::splitStatements(QString::fromUtf8(schema.readAll())))
                QVERIFY2(q.exec(s), qPrintable(s));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (%1, 0)").arg(v)));
        }
        QVERIFY(q.exec(QStringLiteral("INSERT INTO model (name, kind, created_ms, metrics) VALUES "
                                      "('parent', 'mt', 5, '{\"test_bags\":3}')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO model (name, kind, parent_id, created_ms, "
                                      "active) VALUES ('child', 'mt', 1, 6, 1)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO heldout_run (model_id, folds, finished_ms) "
                                      "VALUES (2, 5, 7)")));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v3"));
    auto lib = Library::open(folder, Library::OpenMode::ExistingOnly);
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    QCOMPARE((*lib)->database().schemaVersion(), CatalogDatabase::kLatestSchemaVersion);
    auto models = (*lib)->models().list();
    QVERIFY(models.ok());
    QCOMPARE(models->size(), 2);
    QCOMPARE(models->at(0).metricsJson, QStringLiteral("{\"test_bags\":3}"));
    QCOMPARE(models->at(1).parentId, models->at(0).id);
    QVERIFY(models->at(1).active);
    QSqlQuery q((*lib)->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT folds FROM heldout_run WHERE model_id = 2")) && q.next());
    QCOMPARE(q.value(0).toInt(), 5);
    // The versions trained before have no history; the new table takes one.
    QVERIFY((*lib)->models().history(models->at(1).id)->isEmpty());
    QVERIFY(!(*lib)->models()
                     .setHistory(models->at(1).id, {{{QStringLiteral("epoch"), 1}}})
                     .isError());
    QCOMPARE((*lib)->models().history(models->at(1).id)->size(), 1);
}

void ModelRegistryTest::schemaOneUpgradesInPlace()
{
    // A catalog as schema 1 left it, with a model row, opened by this build.
    const QString folder = m_dir->filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(Library::databaseFileName());
    {
        QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QFile schema(CatalogDatabase::migrationResource(1));
        QVERIFY(schema.open(QIODevice::ReadOnly));
        QSqlQuery q(db);
        for (const QString &s :
             CatalogDatabase::splitStatements(QString::fromUtf8(schema.readAll())))
            QVERIFY2(q.exec(s), qPrintable(s));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1, 0)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO model (name, kind, created_ms) VALUES "
                                      "('old', 'att', 5)")));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    auto lib = Library::open(folder, Library::OpenMode::ExistingOnly);
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    QCOMPARE((*lib)->database().schemaVersion(), CatalogDatabase::kLatestSchemaVersion); // every migration ran
    auto models = (*lib)->models().list();
    QVERIFY(models.ok());
    QCOMPARE(models->size(), 1);
    QCOMPARE(models->first().name, QStringLiteral("old"));
    QCOMPARE(models->first().active, false);
    QVERIFY(!(*lib)->models().activate(models->first().id).isError());
}

QTEST_GUILESS_MAIN(ModelRegistryTest)
#include "ModelRegistry_test.moc"
