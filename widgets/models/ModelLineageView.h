// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QToolBar;
class QTreeView;

namespace timbre::library {
class Library;
class ModelLineage;
}

namespace timbre::widgets {

class ModelLineageModel;

// The model versions of the library as a tree (parent -> child) with kind, extractor, date,
// labels seen and changed since, test metrics and note; the active version bold with a marker.
// Set Active, Rename, Edit Note, Delete (confirmed; never the active one; its files go too),
// Export Checkpoint and Import Checkpoint (checked like any model file, never activated) from
// the toolbar and the context menu. Compare and Show Training Curves are asked of other views
// through signals.
//
// The tree is read and every operation runs on a worker thread (QtConcurrent); results come
// back queued and a load started before a newer one is dropped. After an operation the view
// reloads itself and emits catalogChanged(), so that the session (and the other views) hear of
// it at once: connect it to library::LibrarySession::checkNowAsync.
class ModelLineageView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelLineageView(QWidget *parent = nullptr);
    ~ModelLineageView() override;

    void setLibrary(std::shared_ptr<library::Library> library);

    QTreeView *tree() const { return m_tree; }
    ModelLineageModel *lineageModel() const { return m_model; }
    QAction *setActiveAction() const { return m_setActive; }
    QAction *renameAction() const { return m_rename; }
    QAction *editNoteAction() const { return m_editNote; }
    QAction *deleteAction() const { return m_delete; }
    QAction *exportAction() const { return m_export; }
    QAction *importAction() const { return m_import; }
    QAction *compareAction() const { return m_compare; }
    QAction *trainingCurvesAction() const { return m_curves; }
    // The line under the tree that says what the last operation did (or why it failed).
    QLabel *messageLabel() const { return m_message; }

    QList<qint64> selectedModelIds() const;
    void selectModels(const QList<qint64> &modelIds);
    // What Compare emits for the selection: the selected versions, or one and its parent.
    QList<qint64> compareIds() const;
    bool isBusy() const { return m_busy > 0; }

public Q_SLOTS:
    // Reads the model table and label history again (connect to LibrarySession's
    // modelsChanged, activeModelChanged and labelsChanged).
    void reload();

    // The operations the actions run after asking (file dialogs, confirmation); public so
    // that keyboard paths and tests use the same code. Each runs off the GUI thread and ends
    // with operationFinished().
    void activateVersion(qint64 modelId);
    void renameVersion(qint64 modelId, const QString &name);
    void setVersionNote(qint64 modelId, const QString &note);
    void removeVersion(qint64 modelId);
    // `overwrite`: the user already agreed to replace an existing file.
    void exportVersion(qint64 modelId, const QString &file, bool overwrite);
    void importCheckpointFile(const QString &file);
    void compareSelected();

Q_SIGNALS:
    void compareRequested(const QList<qint64> &modelIds);
    void showTrainingHistory(qint64 modelId);
    // The catalog was changed by an operation of this view.
    void catalogChanged();
    void statusMessage(const QString &text);
    // A tree was shown (after setLibrary / reload).
    void loaded();
    void operationFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Outcome
    {
        bool ok = false;
        bool changed = false; // the catalog changed (reload and tell the session)
        QString message;
        qint64 selectId = 0; // a version to select after the reload (an import)
    };
    using Operation = std::function<Outcome(const library::Library &)>;

    void buildActions();
    void loadAsync();
    void showLineage(library::ModelLineage lineage);
    void run(Operation operation);
    void showMessage(const QString &text, bool problem);
    void updateActions();
    void showContextMenu(const QPoint &pos);
    qint64 currentId() const;
    QString nameOf(qint64 modelId) const;
    void confirmDelete();
    void chooseExportFile();
    void chooseImportFile();
    void editCurrent(int column);

    std::shared_ptr<library::Library> m_library;
    ModelLineageModel *m_model = nullptr;
    QToolBar *m_toolBar = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_setActive = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_editNote = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_export = nullptr;
    QAction *m_import = nullptr;
    QAction *m_compare = nullptr;
    QAction *m_curves = nullptr;
    int m_generation = 0;
    int m_busy = 0; // operations running
    bool m_stale = false;
    bool m_firstLoad = true;
    qint64 m_pendingSelect = 0;
    QList<qint64> m_collapsed; // versions the user folded, kept across reloads
};

} // namespace timbre::widgets
