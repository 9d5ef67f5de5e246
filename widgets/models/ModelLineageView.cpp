// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/models/ModelLineageView.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/ModelFiles.h"
#include "core/library/ModelLineage.h"
#include "core/library/ModelStore.h"
#include "core/modelling/CheckpointImport.h"
#include "core/modelling/ModelActivation.h"
#include "widgets/models/ModelLineageModel.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <iterator>
#include <utility>

namespace timbre::widgets {

namespace {

struct LineageLoad
{
    library::ModelLineage lineage;
    QString error;
};

LineageLoad loadLineage(const library::Library &lib)
{
    LineageLoad out;
    auto lineage = library::ModelLineage::load(lib);
    if (lineage)
        out.lineage = lineage.take();
    else
        out.error = lineage.error().message;
    return out;
}

} // namespace

ModelLineageView::ModelLineageView(QWidget *parent) : QWidget(parent)
{
    m_model = new ModelLineageModel(this);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setObjectName(QStringLiteral("modelLineageTree"));
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Double-click opens the training curves; F2 (or Rename / Edit Note) edits.
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setIndentation(14);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(true);
    header->setSectionsMovable(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // For a ~500 px dock: the short columns as wide as their (two-line) titles and values, in
    // any language; the name gets a fixed share and the note the rest.
    const int ch = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ModelLineageModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ModelLineageModel::NoteColumn, QHeaderView::Stretch);
    header->resizeSection(ModelLineageModel::NameColumn, 28 * ch); // a dated name, three levels deep
    header->setMinimumSectionSize(3 * ch);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    buildActions();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_message);

    connect(m_model, &ModelLineageModel::renameRequested, this,
            &ModelLineageView::renameVersion);
    connect(m_model, &ModelLineageModel::noteRequested, this, &ModelLineageView::setVersionNote);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ModelLineageView::updateActions);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ModelLineageView::updateActions);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->modelIdAt(index))
            Q_EMIT showTrainingHistory(id);
    });
    connect(m_tree, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        const qint64 id = m_model->modelIdAt(index);
        if (id && !m_collapsed.contains(id))
            m_collapsed << id;
    });
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex &index) { m_collapsed.removeAll(m_model->modelIdAt(index)); });
    connect(m_tree, &QWidget::customContextMenuRequested, this,
            &ModelLineageView::showContextMenu);
    updateActions();
}

ModelLineageView::~ModelLineageView() = default;

void ModelLineageView::buildActions()
{
    // Menu texts in full; the toolbar shows the short iconText so that it fits a dock.
    const auto make = [this](const QString &text, const QString &shortText,
                             const QString &tip) {
        auto *a = new QAction(text, this);
        a->setIconText(shortText);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        return a;
    };
    m_setActive = make(tr("Set Active"), tr("Activate"),
                       tr("Make the selected version the one the library follows"));
    m_rename = make(tr("Rename…"), tr("Rename"), tr("Rename the selected version"));
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_editNote = make(tr("Edit Note…"), tr("Note"), tr("Edit the selected version's note"));
    m_delete = make(tr("Delete…"), tr("Delete"),
                    tr("Delete the selected version with its checkpoint and predictions"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_compare = make(tr("Compare"), tr("Compare"),
                     tr("Compare the selected versions (one selected: with its parent)"));
    m_curves = make(tr("Show Training Curves"), tr("Curves"),
                    tr("Show the selected version's training curves"));
    m_export = make(tr("Export Checkpoint…"), tr("Export"),
                    tr("Save a copy of the selected version's checkpoint file"));
    m_import = make(tr("Import Checkpoint…"), tr("Import"),
                    tr("Add a checkpoint file as a new version (not made active)"));
    for (QAction *a : {m_rename, m_delete})
        addAction(a);

    connect(m_setActive, &QAction::triggered, this, [this] { activateVersion(currentId()); });
    connect(m_rename, &QAction::triggered, this,
            [this] { editCurrent(ModelLineageModel::NameColumn); });
    connect(m_editNote, &QAction::triggered, this,
            [this] { editCurrent(ModelLineageModel::NoteColumn); });
    connect(m_delete, &QAction::triggered, this, &ModelLineageView::confirmDelete);
    connect(m_compare, &QAction::triggered, this, &ModelLineageView::compareSelected);
    connect(m_curves, &QAction::triggered, this, [this] {
        if (const qint64 id = currentId())
            Q_EMIT showTrainingHistory(id);
    });
    connect(m_export, &QAction::triggered, this, &ModelLineageView::chooseExportFile);
    connect(m_import, &QAction::triggered, this, &ModelLineageView::chooseImportFile);

    m_toolBar->addAction(m_setActive);
    m_toolBar->addAction(m_compare);
    m_toolBar->addAction(m_curves);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_rename);
    m_toolBar->addAction(m_editNote);
    m_toolBar->addAction(m_delete);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_export);
    m_toolBar->addAction(m_import);
}

void ModelLineageView::setLibrary(std::shared_ptr<library::Library> library)
{
    m_library = std::move(library);
    ++m_generation; // drop what a load for the previous library brings back
    m_collapsed.clear();
    m_firstLoad = true;
    m_model->setLineage({});
    showMessage(QString(), false);
    updateActions();
    reload();
}

void ModelLineageView::reload()
{
    if (!m_library)
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    loadAsync();
}

void ModelLineageView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        loadAsync();
}

void ModelLineageView::loadAsync()
{
    m_stale = false;
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<LineageLoad>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        LineageLoad load = watcher->result();
        if (!load.error.isEmpty()) {
            showMessage(tr("Cannot read the model versions: %1").arg(load.error), true);
            return;
        }
        showLineage(std::move(load.lineage));
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return loadLineage(*lib);
    }));
}

void ModelLineageView::showLineage(library::ModelLineage lineage)
{
    QList<qint64> selected = selectedModelIds();
    qint64 current = currentId();
    if (m_pendingSelect) {
        selected = {m_pendingSelect};
        current = m_pendingSelect;
        m_pendingSelect = 0;
    }
    m_model->setLineage(std::move(lineage));
    m_tree->expandAll();
    for (qint64 id : std::as_const(m_collapsed))
        m_tree->collapse(m_model->indexOfModel(id));
    if (m_firstLoad && selected.isEmpty() && m_model->lineage().activeId()) {
        current = m_model->lineage().activeId();
        selected = {current};
    }
    m_firstLoad = false;
    if (!selected.isEmpty())
        selectModels(selected);
    const QModelIndex currentIndex = m_model->indexOfModel(current);
    if (currentIndex.isValid()) {
        m_tree->selectionModel()->setCurrentIndex(currentIndex, QItemSelectionModel::NoUpdate);
        m_tree->scrollTo(currentIndex);
    }
    updateActions();
    Q_EMIT loaded();
}

QList<qint64> ModelLineageView::selectedModelIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows())
        if (const qint64 id = m_model->modelIdAt(index))
            ids << id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ModelLineageView::selectModels(const QList<qint64> &modelIds)
{
    QItemSelection selection;
    for (qint64 id : modelIds) {
        const QModelIndex index = m_model->indexOfModel(id);
        if (index.isValid())
            selection.select(index, index);
    }
    m_tree->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect
                                             | QItemSelectionModel::Rows);
    if (!modelIds.isEmpty()) {
        const QModelIndex first = m_model->indexOfModel(modelIds.first());
        if (first.isValid())
            m_tree->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    }
    updateActions();
}

qint64 ModelLineageView::currentId() const
{
    const QList<qint64> selected = selectedModelIds();
    if (selected.size() == 1)
        return selected.first();
    if (selected.isEmpty())
        return 0;
    // Several selected: the one with the focus.
    const qint64 current = m_model->modelIdAt(m_tree->currentIndex());
    return selected.contains(current) ? current : 0;
}

QString ModelLineageView::nameOf(qint64 modelId) const
{
    const library::LineageVersion *v = m_model->lineage().find(modelId);
    return v ? v->model.name : QString::number(modelId);
}

QList<qint64> ModelLineageView::compareIds() const
{
    QList<qint64> ids = selectedModelIds();
    if (ids.size() == 1) {
        const library::LineageVersion *v = m_model->lineage().find(ids.first());
        if (!v || v->parent < 0)
            return {};
        // Parent first: the comparison reads "before -> after".
        ids.prepend(m_model->lineage().versions().at(v->parent).model.id);
    }
    return ids.size() >= 2 ? ids : QList<qint64>();
}

void ModelLineageView::compareSelected()
{
    const QList<qint64> ids = compareIds();
    if (ids.size() >= 2)
        Q_EMIT compareRequested(ids);
}

void ModelLineageView::updateActions()
{
    const qint64 id = currentId();
    const library::LineageVersion *v = id ? m_model->lineage().find(id) : nullptr;
    const bool idle = m_library && m_busy == 0;
    m_setActive->setEnabled(idle && v && !v->model.active);
    m_rename->setEnabled(idle && v);
    m_editNote->setEnabled(idle && v);
    m_delete->setEnabled(idle && v && !v->model.active);
    m_delete->setToolTip(v && v->model.active
                                 ? tr("The active version cannot be deleted: activate another "
                                      "one first")
                                 : m_delete->statusTip());
    m_export->setEnabled(idle && v && !v->model.checkpointFile.isEmpty());
    m_import->setEnabled(idle);
    m_curves->setEnabled(v != nullptr);
    m_compare->setEnabled(compareIds().size() >= 2);
}

void ModelLineageView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid() && !m_tree->selectionModel()->isRowSelected(index.row(), index.parent()))
        selectModels({m_model->modelIdAt(index)});
    QMenu menu(this);
    menu.addAction(m_setActive);
    menu.addAction(m_compare);
    menu.addAction(m_curves);
    menu.addSeparator();
    menu.addAction(m_rename);
    menu.addAction(m_editNote);
    menu.addAction(m_delete);
    menu.addSeparator();
    menu.addAction(m_export);
    menu.addAction(m_import);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void ModelLineageView::editCurrent(int column)
{
    const QModelIndex index = m_model->indexOfModel(currentId(), column);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    m_tree->edit(index);
}

void ModelLineageView::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    // A refusal is bold so that it is not taken for a success line at a glance.
    QFont f = m_message->font();
    f.setBold(problem);
    m_message->setFont(f);
    m_message->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        Q_EMIT statusMessage(text);
}

void ModelLineageView::run(Operation operation)
{
    if (!m_library)
        return;
    ++m_busy;
    updateActions();
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        --m_busy;
        const Outcome outcome = watcher->result();
        showMessage(outcome.message, !outcome.ok);
        if (outcome.changed) {
            if (outcome.selectId)
                m_pendingSelect = outcome.selectId;
            reload();
            Q_EMIT catalogChanged();
        }
        updateActions();
        Q_EMIT operationFinished(outcome.ok, outcome.message);
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib, operation] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return operation(*lib);
    }));
}

void ModelLineageView::activateVersion(qint64 modelId)
{
    if (!modelId)
        return;
    const QString name = nameOf(modelId);
    run([modelId, name](const library::Library &lib) {
        Outcome o;
        const library::CatalogError e = modelling::activateIfLoadable(lib, modelId);
        o.ok = !e.isError();
        o.changed = o.ok;
        o.message = o.ok ? tr("\u201C%1\u201D is now the active version.").arg(name)
                         : tr("Cannot activate \u201C%1\u201D: %2").arg(name, e.message);
        return o;
    });
}

void ModelLineageView::renameVersion(qint64 modelId, const QString &name)
{
    const QString old = nameOf(modelId);
    const QString wanted = name.trimmed();
    run([modelId, old, wanted](const library::Library &lib) {
        Outcome o;
        const library::CatalogError e = lib.models().rename(modelId, wanted);
        o.ok = !e.isError();
        o.changed = o.ok;
        if (o.ok)
            o.message = tr("Renamed \u201C%1\u201D to \u201C%2\u201D.").arg(old, wanted);
        else if (e.code == library::CatalogError::Conflict)
            o.message = tr("Cannot rename \u201C%1\u201D: another version is called \u201C%2\u201D.")
                                .arg(old, wanted);
        else
            o.message = tr("Cannot rename \u201C%1\u201D: %2").arg(old, e.message);
        return o;
    });
}

void ModelLineageView::setVersionNote(qint64 modelId, const QString &note)
{
    const QString name = nameOf(modelId);
    run([modelId, name, note](const library::Library &lib) {
        Outcome o;
        const library::CatalogError e = lib.models().setNote(modelId, note);
        o.ok = !e.isError();
        o.changed = o.ok;
        o.message = o.ok ? tr("Note of \u201C%1\u201D saved.").arg(name)
                         : tr("Cannot save the note of \u201C%1\u201D: %2").arg(name, e.message);
        return o;
    });
}

void ModelLineageView::confirmDelete()
{
    const qint64 id = currentId();
    const library::LineageVersion *v = m_model->lineage().find(id);
    if (!v || v->model.active)
        return;
    const QString text
            = tr("Delete version \u201C%1\u201D?\n\nIts checkpoint file %2 and its predictions "
                 "are removed from the library. This cannot be undone.")
                      .arg(v->model.name, v->model.checkpointFile);
    const auto answer = QMessageBox::question(this, tr("Delete Version"), text,
                                              QMessageBox::Yes | QMessageBox::Cancel,
                                              QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        removeVersion(id);
}

void ModelLineageView::removeVersion(qint64 modelId)
{
    const QString name = nameOf(modelId);
    run([modelId, name](const library::Library &lib) {
        Outcome o;
        const library::ModelRemoval removed = library::ModelFiles(lib).remove(modelId);
        if (removed.error.isError()) {
            o.message = tr("Cannot delete \u201C%1\u201D: %2").arg(name, removed.error.message);
            return o;
        }
        o.changed = true;
        o.ok = removed.problems.isEmpty();
        o.message = o.ok ? tr("Deleted \u201C%1\u201D and %n file(s).", nullptr,
                              int(removed.removedFiles.size()))
                                   .arg(name)
                         : tr("Deleted \u201C%1\u201D, but some files remain: %2")
                                   .arg(name, removed.problems.join(QStringLiteral("; ")));
        return o;
    });
}

void ModelLineageView::chooseExportFile()
{
    const qint64 id = currentId();
    const library::LineageVersion *v = m_model->lineage().find(id);
    if (!v)
        return;
    const QString suggested
            = QDir::home().filePath(QFileInfo(v->model.checkpointFile).fileName());
    // The dialog asks before replacing a file; what it returns may be overwritten.
    const QString file = QFileDialog::getSaveFileName(
            this, tr("Export Checkpoint"), suggested,
            tr("Timbre checkpoints (*.ckpt);;All files (*)"));
    if (!file.isEmpty())
        exportVersion(id, file, true);
}

void ModelLineageView::exportVersion(qint64 modelId, const QString &file, bool overwrite)
{
    const QString name = nameOf(modelId);
    run([modelId, name, file, overwrite](const library::Library &lib) {
        Outcome o;
        const library::CatalogError e
                = library::ModelFiles(lib).exportCheckpoint(modelId, file, overwrite);
        o.ok = !e.isError();
        o.message = o.ok ? tr("Exported \u201C%1\u201D to %2.").arg(name, file)
                         : tr("Cannot export \u201C%1\u201D: %2").arg(name, e.message);
        return o;
    });
}

void ModelLineageView::chooseImportFile()
{
    const QString file = QFileDialog::getOpenFileName(
            this, tr("Import Checkpoint"), QDir::homePath(),
            tr("Timbre checkpoints (*.ckpt);;All files (*)"));
    if (!file.isEmpty())
        importCheckpointFile(file);
}

void ModelLineageView::importCheckpointFile(const QString &file)
{
    run([file](const library::Library &lib) {
        Outcome o;
        const modelling::CheckpointImportResult r = modelling::importCheckpoint(lib, file);
        o.ok = r.ok;
        o.changed = r.ok;
        o.selectId = r.modelId;
        o.message = r.ok ? tr("Imported %1 as \u201C%2\u201D. It is not active: choose Set "
                              "Active to use it.")
                                   .arg(QFileInfo(file).fileName(), r.name)
                         : tr("Cannot import the checkpoint: %1").arg(r.message);
        return o;
    });
}

} // namespace timbre::widgets
