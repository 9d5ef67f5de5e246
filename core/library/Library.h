// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QString>

#include <memory>

namespace timbre::library {

class CatalogDatabase;
class ClipStore;
class FeatureSetStore;
class HeldoutPredictionStore;
class JobStore;
class LabelCommandLog;
class LabelStore;
class ModelStore;
class PredictionStore;
class Taxonomy;
class TrackStore;

// A library folder: <folder>/catalog.sqlite (the catalog; or <folder>/catalog.conf naming its
// schema on a PostgreSQL server, CatalogLocation.h), <folder>/features/ (feature store),
// <folder>/models/ (checkpoints) and <folder>/extractors/ (registered TorchScript extractors). Owns
// the catalog and the stores over it.
//
//   auto lib = Library::open(folder);
//   if (!lib) { report(lib.error().message); return; }
//   (*lib)->tracks().upsert(record);
//
// The stores are stateless views over the database and may be used from any thread (each
// thread gets its own connection); the Library must outlive every use and every thread that
// used it (its destructor closes all connections).
class Library
{
public:
    enum class OpenMode {
        CreateIfMissing, // make the folder, subfolders and catalog when absent
        ExistingOnly, // NotFound unless <folder>/catalog.sqlite or catalog.conf exists
    };

    // A new library (no catalog.sqlite, no catalog.conf) gets its catalog on `server` when one
    // is given (a fresh schema there, recorded in catalog.conf), else from the environment's
    // TIMBRE_CATALOG_SERVER (a postgresql:// URL; how the test suites run every library on a
    // server), else a SQLite file.
    static CatalogResult<std::unique_ptr<Library>> open(const QString &folder,
                                                        OpenMode mode = OpenMode::CreateIfMissing,
                                                        const QString &server = QString());
    // Whether `folder` holds a library's catalog (file or server settings).
    static bool isLibraryFolder(const QString &folder);
    ~Library();
    Library(const Library &) = delete;
    Library &operator=(const Library &) = delete;

    static QString databaseFileName() { return QStringLiteral("catalog.sqlite"); }
    QString folder() const { return m_folder; }
    // The SQLite file, or the server catalog's URL (what messages name).
    QString databasePath() const;
    bool catalogOnServer() const;
    QString featuresPath() const;
    QString modelsPath() const;

    CatalogDatabase &database() const { return *m_db; }
    TrackStore &tracks() const { return *m_tracks; }
    ClipStore &clips() const { return *m_clips; }
    Taxonomy &taxonomy() const { return *m_taxonomy; }
    LabelStore &labels() const { return *m_labels; }
    // Undo / redo of the user's label edits (state in the catalog: shared across instances).
    LabelCommandLog &labelLog() const { return *m_labelLog; }
    PredictionStore &predictions() const { return *m_predictions; }
    ModelStore &models() const { return *m_models; }
    // Cross-fitted held-out scores of model versions (the "likely label errors" queue).
    HeldoutPredictionStore &heldoutPredictions() const { return *m_heldout; }
    // Rows of the feature store (the files are features::FeatureStore over featuresPath()).
    FeatureSetStore &featureSets() const { return *m_featureSets; }
    JobStore &jobs() const { return *m_jobs; }

private:
    explicit Library(const QString &folder);

    QString m_folder;
    std::unique_ptr<CatalogDatabase> m_db;
    std::unique_ptr<TrackStore> m_tracks;
    std::unique_ptr<ClipStore> m_clips;
    std::unique_ptr<Taxonomy> m_taxonomy;
    std::unique_ptr<LabelStore> m_labels;
    std::unique_ptr<LabelCommandLog> m_labelLog;
    std::unique_ptr<PredictionStore> m_predictions;
    std::unique_ptr<ModelStore> m_models;
    std::unique_ptr<HeldoutPredictionStore> m_heldout;
    std::unique_ptr<FeatureSetStore> m_featureSets;
    std::unique_ptr<JobStore> m_jobs;
};

} // namespace timbre::library
