// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/Library.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/JobStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFileInfo>

namespace timbre::library {

Library::Library(const QString &folder) : m_folder(folder) { }

Library::~Library()
{
    // Stores hold references into the database: drop them first.
    m_jobs.reset();
    m_featureSets.reset();
    m_heldout.reset();
    m_models.reset();
    m_predictions.reset();
    m_labelLog.reset();
    m_labels.reset();
    m_taxonomy.reset();
    m_clips.reset();
    m_tracks.reset();
    m_db.reset();
}

QString Library::databasePath() const
{
    if (m_db && m_db->isPostgres())
        return m_db->filePath();
    return QDir(m_folder).filePath(databaseFileName());
}

bool Library::catalogOnServer() const
{
    return m_db && m_db->isPostgres();
}

bool Library::isLibraryFolder(const QString &folder)
{
    const QDir dir(folder);
    return QFileInfo::exists(dir.filePath(databaseFileName()))
            || QFileInfo::exists(dir.filePath(CatalogLocation::configFileName()));
}

QString Library::featuresPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("features"));
}

QString Library::modelsPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("models"));
}

CatalogResult<std::unique_ptr<Library>> Library::open(const QString &folder, OpenMode mode,
                                                      const QString &server)
{
    const QString abs = QFileInfo(folder).absoluteFilePath();
    const QString dbPath = QDir(abs).filePath(databaseFileName());
    const QString confPath = QDir(abs).filePath(CatalogLocation::configFileName());
    if (mode == OpenMode::ExistingOnly && !isLibraryFolder(abs)) {
        return CatalogError::make(
                CatalogError::NotFound, abs,
                QStringLiteral("%1: not a library (no %2)").arg(abs, databaseFileName()));
    }
    CatalogLocation location = CatalogLocation::sqliteFile(dbPath);
    bool newServerCatalog = false;
    if (QFileInfo::exists(confPath)) {
        CatalogResult<CatalogLocation> read = CatalogLocation::readConfig(confPath);
        if (!read)
            return read.error();
        location = *read;
    } else if (!QFileInfo::exists(dbPath)) {
        const QString url
                = !server.isEmpty() ? server : qEnvironmentVariable("TIMBRE_CATALOG_SERVER");
        if (!url.isEmpty()) {
            CatalogResult<CatalogLocation> parsed
                    = CatalogLocation::parseUrl(url, CatalogLocation::newSchemaName());
            if (!parsed)
                return parsed.error();
            location = *parsed;
            newServerCatalog = true;
        }
    }
    if (QFileInfo::exists(abs) && !QFileInfo(abs).isDir()) {
        return CatalogError::make(CatalogError::Io, abs,
                                  QStringLiteral("%1: not a folder").arg(abs));
    }
    if (!QDir().mkpath(abs)) {
        return CatalogError::make(CatalogError::Io, abs,
                                  QStringLiteral("%1: cannot create the library folder").arg(abs));
    }

    std::unique_ptr<Library> lib(new Library(abs));
    lib->m_db = std::make_unique<CatalogDatabase>(location);
    // The version check comes before anything is created or written, so a library from a
    // newer build is left exactly as it was.
    const CatalogError opened = lib->m_db->open();
    if (opened.isError())
        return opened;
    if (newServerCatalog) {
        // Written after the schema exists: a folder never names a catalog that is not there.
        const CatalogError written = location.writeConfig(confPath);
        if (written.isError())
            return written;
    }
    for (const QString &sub : {lib->featuresPath(), lib->modelsPath()}) {
        if (!QDir().mkpath(sub)) {
            return CatalogError::make(CatalogError::Io, sub,
                                      QStringLiteral("%1: cannot create folder").arg(sub));
        }
    }
    lib->m_tracks = std::make_unique<TrackStore>(*lib->m_db);
    lib->m_clips = std::make_unique<ClipStore>(*lib->m_db);
    lib->m_taxonomy = std::make_unique<Taxonomy>(*lib->m_db);
    lib->m_labels = std::make_unique<LabelStore>(*lib->m_db);
    lib->m_labelLog = std::make_unique<LabelCommandLog>(*lib->m_db, *lib->m_labels);
    lib->m_predictions = std::make_unique<PredictionStore>(*lib->m_db);
    lib->m_models = std::make_unique<ModelStore>(*lib->m_db);
    lib->m_heldout = std::make_unique<HeldoutPredictionStore>(*lib->m_db);
    lib->m_featureSets = std::make_unique<FeatureSetStore>(*lib->m_db);
    lib->m_jobs = std::make_unique<JobStore>(*lib->m_db);
    // Not only when wasCreated(): a process killed between creating the schema and seeding
    // would otherwise leave a library without instruments. A no-op once seeded.
    const CatalogError seeded = lib->m_taxonomy->seedDefaults();
    if (seeded.isError())
        return seeded;
    return lib;
}

} // namespace timbre::library
