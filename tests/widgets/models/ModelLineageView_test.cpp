// SPDX-License-Identifier: GPL-3.0-or-later
// The model lineage view (widgets/models/ModelLineageView) driven offscreen on a library whose
// versions are catalog rows with checkpoint files (plain bytes, but for the one made active,
// which gets the shipped starter model): the tree's parents and an orphan as a root, the
// active version bold with its marker and not deletable, Compare emitting the selected ids
// (one version: with its parent), a rename typed into the tree reaching the catalog, Set
// Active refusing a file that does not load and moving the marker to one that does, Delete
// through the view, double-click asking for the training curves.
#include "core/features/BuiltInCnn.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackStore.h"
#include "widgets/models/ModelLineageModel.h"
#include "widgets/models/ModelLineageView.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace timbre;
using widgets::ModelLineageModel;
using widgets::ModelLineageView;

class ModelLineageViewTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<library::Library> m_lib;
    std::unique_ptr<ModelLineageView> m_view;
    qint64 m_root = 0, m_active = 0, m_sibling = 0, m_grandchild = 0, m_orphan = 0;

    ModelLineageModel *model() const { return m_view->lineageModel(); }

    qint64 addModel(const QString &name, qint64 parent, const QString &metrics = {})
    {
        library::ModelRecord m;
        m.name = name;
        m.kind = QStringLiteral("mt-att");
        m.parentId = parent;
        m.extractorId = QStringLiteral("melstat");
        m.extractorVersion = 1;
        m.metricsJson = metrics.isEmpty() ? QStringLiteral("{}") : metrics;
        m.checkpointFile = name + QStringLiteral(".ckpt");
        QFile f(QDir(m_lib->modelsPath()).filePath(m.checkpointFile));
        if (!f.open(QIODevice::WriteOnly))
            return 0;
        f.write(name.toUtf8());
        auto id = m_lib->models().add(m);
        return id ? *id : 0;
    }

    // Waits for the operation started by `start` and for the reload after it.
    bool runAndReload(const std::function<void()> &start, bool expectChange = true)
    {
        QSignalSpy finished(m_view.get(), &ModelLineageView::operationFinished);
        QSignalSpy loaded(m_view.get(), &ModelLineageView::loaded);
        start();
        if (!finished.wait(10000) && finished.isEmpty())
            return false;
        if (expectChange && loaded.isEmpty() && !loaded.wait(10000))
            return false;
        return true;
    }

    QString lastMessage() const { return m_view->messageLabel()->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = std::shared_ptr<library::Library>(lib.take());
        QVERIFY(QDir().mkpath(m_lib->modelsPath()));
        m_root = addModel(QStringLiteral("starter"), 0,
                          QStringLiteral("{\"labels_seen\":120,\"test_bags\":20,"
                                         "\"test\":{\"overall\":{\"auroc\":0.8125,\"f1\":0.5}}}"));
        m_active = addModel(QStringLiteral("retrain-1"), m_root);
        m_sibling = addModel(QStringLiteral("retrain-2"), m_root);
        m_grandchild = addModel(QStringLiteral("retrain-3"), m_active);
        const qint64 gone = addModel(QStringLiteral("gone"), 0);
        m_orphan = addModel(QStringLiteral("orphan"), gone);
        QVERIFY(m_root && m_active && m_sibling && m_grandchild && gone && m_orphan);
        QVERIFY(!m_lib->models().remove(gone).isError());
        QVERIFY(!m_lib->models().activate(m_active).isError());
        // Two label edits after every version's snapshot (0).
        library::TrackRecord t;
        t.path = QStringLiteral("/a.wav");
        const qint64 clip = *m_lib->clips().ensureWholeTrackClip(*m_lib->tracks().upsert(t));
        QVERIFY(m_lib->labels()
                        .apply({{clip, QStringLiteral("piano"), library::LabelState::Present},
                                {clip, QStringLiteral("drums"), library::LabelState::Absent}},
                               library::LabelSource::User, QStringLiteral("t"))
                        .ok());

        m_view = std::make_unique<ModelLineageView>();
        m_view->resize(500, 400);
        QSignalSpy loaded(m_view.get(), &ModelLineageView::loaded);
        m_view->setLibrary(m_lib);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(loaded.wait(10000) || !loaded.isEmpty());
    }

    void treeShowsParentsAndOrphanAsRoot()
    {
        QCOMPARE(model()->rowCount(), 2); // starter and the orphan
        const QModelIndex root = model()->index(0, 0);
        QCOMPARE(model()->modelIdAt(root), m_root);
        QCOMPARE(model()->modelIdAt(model()->index(1, 0)), m_orphan);
        QCOMPARE(model()->rowCount(root), 2);
        const QModelIndex active = model()->index(0, 0, root);
        QCOMPARE(model()->modelIdAt(active), m_active);
        QCOMPARE(model()->modelIdAt(model()->index(1, 0, root)), m_sibling);
        QCOMPARE(model()->rowCount(active), 1);
        const QModelIndex grandchild = model()->index(0, 0, active);
        QCOMPARE(model()->modelIdAt(grandchild), m_grandchild);
        QCOMPARE(model()->parent(grandchild), active);
        QCOMPARE(grandchild.data(ModelLineageModel::ParentIdRole).toLongLong(), m_active);
        // Expanded: every version is a visible row.
        QVERIFY(m_view->tree()->isExpanded(root));
        QVERIFY(m_view->tree()->isExpanded(active));
        QVERIFY(m_view->tree()->visualRect(grandchild).isValid());

        // The columns of the starter row.
        const auto cell = [&](int column) {
            return model()->index(0, column).data().toString();
        };
        const QLocale locale;
        QCOMPARE(cell(ModelLineageModel::NameColumn), QStringLiteral("starter"));
        QCOMPARE(cell(ModelLineageModel::KindColumn), QStringLiteral("mt-att"));
        QCOMPARE(cell(ModelLineageModel::ExtractorColumn), QStringLiteral("melstat-v1"));
        QCOMPARE(cell(ModelLineageModel::LabelsSeenColumn), locale.toString(120));
        QCOMPARE(cell(ModelLineageModel::ChangedSinceColumn), locale.toString(2));
        QCOMPARE(cell(ModelLineageModel::TestAurocColumn), locale.toString(0.8125, 'f', 3));
        QCOMPARE(cell(ModelLineageModel::TestF1Column), locale.toString(0.5, 'f', 3));
        QCOMPARE(model()->index(0, ModelLineageModel::LabelsSeenColumn, root).data().toString(),
                 QStringLiteral("-"));
        QCOMPARE(model()->index(0, ModelLineageModel::TestAurocColumn, root).data().toString(),
                 QStringLiteral("-"));
    }

    void activeIsBoldMarkedAndNotDeletable()
    {
        const QModelIndex active = model()->indexOfModel(m_active);
        QVERIFY(active.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(active.data().toString().startsWith(QStringLiteral("\u25CF ")));
        QVERIFY(active.data().toString().endsWith(QStringLiteral("retrain-1")));
        const QModelIndex sibling = model()->indexOfModel(m_sibling);
        QVERIFY(!sibling.data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(sibling.data().toString(), QStringLiteral("retrain-2"));

        // The first load selects the active version: nothing to delete or activate.
        QCOMPARE(m_view->selectedModelIds(), QList<qint64> {m_active});
        QVERIFY(!m_view->deleteAction()->isEnabled());
        QVERIFY(!m_view->setActiveAction()->isEnabled());
        QVERIFY(m_view->renameAction()->isEnabled());
        m_view->selectModels({m_sibling});
        QVERIFY(m_view->deleteAction()->isEnabled());
        QVERIFY(m_view->setActiveAction()->isEnabled());
        // A click on the active row disables Delete again.
        QTest::mouseClick(m_view->tree()->viewport(), Qt::LeftButton, {},
                          m_view->tree()->visualRect(active).center());
        QCOMPARE(m_view->selectedModelIds(), QList<qint64> {m_active});
        QVERIFY(!m_view->deleteAction()->isEnabled());
        // Asked anyway (a script, another path): refused, the row stays.
        QVERIFY(runAndReload([&] { m_view->removeVersion(m_active); }, false));
        QVERIFY2(lastMessage().contains(QStringLiteral("active version")),
                 qPrintable(lastMessage()));
        QVERIFY(m_lib->models().findById(m_active)->has_value());
    }

    void compareEmitsSelectedIds()
    {
        QSignalSpy compare(m_view.get(), &ModelLineageView::compareRequested);
        // One version: it and its parent, parent first.
        m_view->selectModels({m_sibling});
        QVERIFY(m_view->compareAction()->isEnabled());
        m_view->compareAction()->trigger();
        QCOMPARE(compare.size(), 1);
        QCOMPARE(compare.at(0).at(0).value<QList<qint64>>(), (QList<qint64> {m_root, m_sibling}));
        // Several: those, with ctrl-click as a user selects them.
        m_view->selectModels({m_grandchild});
        QTest::mouseClick(m_view->tree()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          m_view->tree()->visualRect(model()->indexOfModel(m_orphan)).center());
        QTest::mouseClick(m_view->tree()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          m_view->tree()->visualRect(model()->indexOfModel(m_root)).center());
        m_view->compareAction()->trigger();
        QCOMPARE(compare.size(), 2);
        QCOMPARE(compare.at(1).at(0).value<QList<qint64>>(),
                 (QList<qint64> {m_root, m_grandchild, m_orphan}));
        // A root alone has nothing to compare with.
        m_view->selectModels({m_orphan});
        QVERIFY(!m_view->compareAction()->isEnabled());
        m_view->compareSelected();
        QCOMPARE(compare.size(), 2);
    }

    void doubleClickAsksForTrainingCurves()
    {
        QSignalSpy curves(m_view.get(), &ModelLineageView::showTrainingHistory);
        const QRect rect = m_view->tree()->visualRect(
                model()->indexOfModel(m_grandchild, ModelLineageModel::KindColumn));
        // A double-click is press, release, then the double-click event on the same item.
        QTest::mouseClick(m_view->tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(m_view->tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(curves.size(), 1);
        QCOMPARE(curves.at(0).at(0).toLongLong(), m_grandchild);
        m_view->selectModels({m_sibling});
        m_view->trainingCurvesAction()->trigger();
        QCOMPARE(curves.size(), 2);
        QCOMPARE(curves.at(1).at(0).toLongLong(), m_sibling);
    }

    void renameInTheTreeReachesTheCatalog()
    {
        QSignalSpy changed(m_view.get(), &ModelLineageView::catalogChanged);
        m_view->selectModels({m_sibling});
        QVERIFY(runAndReload([&] {
            m_view->renameAction()->trigger();
            auto *editor = m_view->tree()->findChild<QLineEdit *>();
            QVERIFY(editor);
            QCOMPARE(editor->text(), QStringLiteral("retrain-2"));
            editor->selectAll();
            QTest::keyClicks(editor, QStringLiteral("more piano"));
            QTest::keyClick(editor, Qt::Key_Return);
        }));
        QCOMPARE((*m_lib->models().findById(m_sibling))->name, QStringLiteral("more piano"));
        QCOMPARE(model()->indexOfModel(m_sibling).data().toString(), QStringLiteral("more piano"));
        QCOMPARE(changed.size(), 1);
        // The selection survives the reload.
        QCOMPARE(m_view->selectedModelIds(), QList<qint64> {m_sibling});

        // A taken name is refused with a message; the catalog keeps the old one.
        QVERIFY(runAndReload([&] { m_view->renameVersion(m_sibling, QStringLiteral("starter")); },
                             false));
        QVERIFY2(lastMessage().contains(QStringLiteral("another version is called")),
                 qPrintable(lastMessage()));
        QCOMPARE((*m_lib->models().findById(m_sibling))->name, QStringLiteral("more piano"));

        // The note, typed the same way.
        QVERIFY(runAndReload([&] {
            m_view->editNoteAction()->trigger();
            auto *editor = m_view->tree()->findChild<QLineEdit *>();
            QVERIFY(editor);
            QTest::keyClicks(editor, QStringLiteral("50 piano labels fixed"));
            QTest::keyClick(editor, Qt::Key_Return);
        }));
        QCOMPARE((*m_lib->models().findById(m_sibling))->note,
                 QStringLiteral("50 piano labels fixed"));
        QCOMPARE(model()->indexOfModel(m_sibling, ModelLineageModel::NoteColumn).data().toString(),
                 QStringLiteral("50 piano labels fixed"));
    }

    // A version whose file no longer loads (here: plain bytes) is not made active: the message
    // names the file, and the version active before stays so.
    void unloadableVersionIsNotActivated()
    {
        const QString file = QDir(m_lib->modelsPath()).filePath(QStringLiteral("retrain-2.ckpt"));
        m_view->selectModels({m_sibling});
        QVERIFY(runAndReload([&] { m_view->setActiveAction()->trigger(); }, false));
        QCOMPARE((*m_lib->models().active())->id, m_active);
        QVERIFY2(lastMessage().contains(file), qPrintable(lastMessage()));
        QVERIFY2(lastMessage().contains(QStringLiteral("does not load")),
                 qPrintable(lastMessage()));
        QVERIFY(model()->indexOfModel(m_active).data(Qt::FontRole).value<QFont>().bold());
        // The file replaced by a real checkpoint (the starter model shipped in the program).
        QString error;
        const QByteArray starter = features::BuiltInCnn::readVerified(
                features::BuiltInCnn::starterModelFile(), QString(), &error);
        QVERIFY2(!starter.isEmpty(), qPrintable(error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(starter), qint64(starter.size()));
    }

    void setActiveMovesTheMarker()
    {
        m_view->selectModels({m_sibling});
        QVERIFY(runAndReload([&] { m_view->setActiveAction()->trigger(); }));
        QCOMPARE((*m_lib->models().active())->id, m_sibling);
        QVERIFY(model()->indexOfModel(m_sibling).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model()->indexOfModel(m_active).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!m_view->deleteAction()->isEnabled());
    }

    void deleteRemovesRowAndFile()
    {
        // retrain-1 is no longer active; its child becomes a root.
        const QString file = QDir(m_lib->modelsPath()).filePath(QStringLiteral("retrain-1.ckpt"));
        QVERIFY(QFile::exists(file));
        m_view->selectModels({m_active});
        QVERIFY(m_view->deleteAction()->isEnabled());
        QVERIFY(runAndReload([&] { m_view->removeVersion(m_active); }));
        QVERIFY(!m_lib->models().findById(m_active)->has_value());
        QVERIFY(!QFile::exists(file));
        QVERIFY(!model()->indexOfModel(m_active).isValid());
        QCOMPARE(model()->rowCount(), 3);
        QVERIFY(!model()->parent(model()->indexOfModel(m_grandchild)).isValid());
        QVERIFY2(lastMessage().contains(QStringLiteral("retrain-1")), qPrintable(lastMessage()));
    }

    void exportThroughTheView()
    {
        const QString target = m_dir.filePath(QStringLiteral("exported.ckpt"));
        QVERIFY(runAndReload([&] { m_view->exportVersion(m_root, target, false); }, false));
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("starter"));
        f.close();
        // Again without leave to overwrite: refused, named.
        QVERIFY(runAndReload([&] { m_view->exportVersion(m_root, target, false); }, false));
        QVERIFY2(lastMessage().contains(target), qPrintable(lastMessage()));
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(ModelLineageViewTest)
#include "ModelLineageView_test.moc"
