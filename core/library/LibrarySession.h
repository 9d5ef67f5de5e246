// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThread>

#include <memory>

namespace timbre::library {

class CatalogWatcher;
struct CatalogChange;
class Library;

// The open library of a window and the one voice that says what changed in it
// (docs/ARCHITECTURE.md §3.6): labels, tracks, predictions, models and which one is active —
// whoever changed them: this window (announceLabels), a job (checkNowAsync when it ends) or
// another process (a CatalogWatcher on a thread of its own polls SQLite's data_version). Views
// take the Library from here and listen; none reloads another or opens a second Library.
//
// Lives on the GUI thread; signals are emitted there. A change this window announced itself
// is not announced again when the watcher sees its commit.
class LibrarySession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultPollMs = 250;

    explicit LibrarySession(QObject *parent = nullptr, int pollMs = kDefaultPollMs);
    ~LibrarySession() override;

    // Takes over an opened library (nullptr closes). Emits libraryChanged.
    void setLibrary(std::shared_ptr<Library> library);
    std::shared_ptr<Library> library() const { return m_library; }
    QString folder() const;
    bool isOpen() const { return m_library != nullptr; }
    // The catalog could not be read last time the watcher looked (empty when it can).
    QString problem() const { return m_problem; }

    // Looks for changes now instead of at the next poll (a job ended, a dialog wrote).
    void checkNowAsync();
    // Labels this window wrote (batch `batchId`): announced at once, and not again when the
    // watcher sees the same batch.
    void announceLabels(qint64 batchId, const QList<qint64> &clipIds);

Q_SIGNALS:
    void libraryChanged();
    // Clips whose labels changed; `all` when too many to list (an import): reload them all.
    void labelsChanged(const QList<qint64> &clipIds, bool all);
    void tracksChanged();
    void predictionsChanged(qint64 modelId);
    void activeModelChanged(qint64 modelId);
    void modelsChanged();
    // The catalog became unreadable or vanished (message names the file), or readable again
    // (empty message).
    void problemChanged(const QString &message);

private:
    void stopWatcher();
    void onChange(const CatalogChange &change);

    std::shared_ptr<Library> m_library;
    int m_pollMs = kDefaultPollMs;
    int m_generation = 0;
    QThread m_thread;
    CatalogWatcher *m_watcher = nullptr;
    QSet<qint64> m_announced; // batch ids announced by announceLabels, not yet seen by the watcher
    QString m_problem;
};

} // namespace timbre::library
