// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogCopy.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogLocation.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/Library.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace timbre::library {

namespace {

// Parents before children, so every foreign key finds its row. schema_version is written by
// the migrations of the new schema itself.
const char *const kTables[] = {
        "library_meta",  "instrument",         "track",
        "clip",          "label_batch",        "label",
        "label_history", "feature_set",        "model",
        "model_epoch",   "prediction_run",     "prediction",
        "heldout_run",   "heldout_prediction", "job",
        "job_failure",
};

// Tables whose id is an identity column on the server: its sequence must continue after the
// copied ids.
bool hasIdentity(const QString &table)
{
    return table != QLatin1String("library_meta") && table != QLatin1String("label")
            && table != QLatin1String("model_epoch") && table != QLatin1String("prediction")
            && table != QLatin1String("heldout_run")
            && table != QLatin1String("heldout_prediction");
}

CatalogError fail(const QString &folder, const QString &message)
{
    return CatalogError::make(CatalogError::MigrationFailed, folder, message);
}

} // namespace

CatalogResult<CatalogCopyResult>
copyCatalogToServer(const QString &libraryFolder, const QString &serverUrl,
                    const std::function<void(const CopiedTable &)> &progress)
{
    QElapsedTimer clock;
    clock.start();
    auto source = Library::open(libraryFolder, Library::OpenMode::ExistingOnly);
    if (!source)
        return source.error();
    const Library &lib = **source;
    if (lib.catalogOnServer()) {
        return CatalogError::make(CatalogError::InvalidArgument, lib.folder(),
                                  QStringLiteral("%1: the catalog is on a server already (%2)")
                                          .arg(lib.folder(), lib.databasePath()));
    }
    CatalogResult<CatalogLocation> target
            = CatalogLocation::parseUrl(serverUrl, CatalogLocation::newSchemaName());
    if (!target)
        return target.error();
    CatalogDatabase server(*target);
    const CatalogError opened = server.open();
    if (opened.isError())
        return opened;
    if (!server.wasCreated()) {
        return CatalogError::make(CatalogError::Conflict, target->display(),
                                  QStringLiteral("%1: schema %2 holds a catalog already; "
                                                 "migrate into a new one")
                                          .arg(target->display(), target->schema));
    }
    const auto dropSchema = [&server, &target] {
        QSqlQuery q(server.connection());
        q.exec(QStringLiteral("DROP SCHEMA \"%1\" CASCADE").arg(target->schema));
    };

    CatalogCopyResult result;
    result.url = target->url();
    {
        CatalogTransaction tx(server);
        if (tx.beginError().isError()) {
            dropSchema();
            return tx.beginError();
        }
        QSqlQuery out(tx.connection());
        // The new schema's own first rows (its creation time) give way to the library's.
        if (!out.exec(QStringLiteral("DELETE FROM library_meta"))) {
            const CatalogError e = server.queryError(out, QStringLiteral("clearing library_meta"));
            tx.rollback();
            dropSchema();
            return e;
        }
        for (const char *table : kTables) {
            const QString name = QLatin1String(table);
            QSqlQuery columns(lib.database().connection());
            if (!columns.exec(
                        QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid")
                                .arg(name))) {
                const CatalogError e
                        = lib.database().queryError(columns, QStringLiteral("listing columns"));
                tx.rollback();
                dropSchema();
                return e;
            }
            QStringList cols;
            while (columns.next())
                cols << columns.value(0).toString();
            QSqlQuery in(lib.database().connection());
            in.setForwardOnly(true);
            const QString order = hasIdentity(name) ? QStringLiteral(" ORDER BY id") : QString();
            if (!in.exec(QStringLiteral("SELECT %1 FROM %2%3")
                                 .arg(cols.join(QStringLiteral(", ")), name, order))) {
                const CatalogError e
                        = lib.database().queryError(in, QStringLiteral("reading %1").arg(name));
                tx.rollback();
                dropSchema();
                return e;
            }
            // Many rows per INSERT: one round trip to the server per row would make a million
            // scores take minutes.
            const int perStatement = std::max(1, std::min(500, 60000 / int(cols.size())));
            QString placeholders = QStringLiteral("(")
                    + QStringList(cols.size(), QStringLiteral("?")).join(QStringLiteral(", "))
                    + QLatin1Char(')');
            QList<QVariantList> pending;
            qint64 copied = 0;
            const auto flush = [&]() -> bool {
                if (pending.isEmpty())
                    return true;
                QStringList rows(pending.size(), placeholders);
                out.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                                    .arg(name, cols.join(QStringLiteral(", ")),
                                         rows.join(QStringLiteral(", "))));
                for (const QVariantList &row : std::as_const(pending)) {
                    for (const QVariant &v : row)
                        out.addBindValue(v);
                }
                const bool ok = out.exec();
                copied += pending.size();
                pending.clear();
                return ok;
            };
            while (in.next()) {
                QVariantList row;
                row.reserve(cols.size());
                for (int c = 0; c < cols.size(); ++c)
                    row << in.value(c);
                pending << row;
                if (pending.size() == perStatement && !flush())
                    break;
            }
            if (!flush() || out.lastError().isValid()) {
                const CatalogError e
                        = server.queryError(out, QStringLiteral("copying %1").arg(name));
                tx.rollback();
                dropSchema();
                return e;
            }
            if (hasIdentity(name)
                && !out.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                            "COALESCE(MAX(id), 0) + 1, false) FROM %1")
                                     .arg(name))) {
                const CatalogError e = server.queryError(
                        out, QStringLiteral("continuing the ids of %1").arg(name));
                tx.rollback();
                dropSchema();
                return e;
            }
            // The check: every row arrived.
            QSqlQuery count(lib.database().connection());
            qint64 expected = -1;
            if (count.exec(QStringLiteral("SELECT count(*) FROM %1").arg(name)) && count.next())
                expected = count.value(0).toLongLong();
            qint64 arrived = -2;
            if (out.exec(QStringLiteral("SELECT count(*) FROM %1").arg(name)) && out.next())
                arrived = out.value(0).toLongLong();
            if (expected != arrived || expected != copied) {
                tx.rollback();
                dropSchema();
                return fail(lib.folder(),
                            QStringLiteral("%1: table %2: %3 rows in the SQLite "
                                           "catalog, %4 copied, %5 on the server; "
                                           "nothing was changed")
                                    .arg(lib.folder(), name)
                                    .arg(expected)
                                    .arg(copied)
                                    .arg(arrived));
            }
            result.tables << CopiedTable {name, arrived};
            if (progress)
                progress(result.tables.last());
        }
        out = QSqlQuery();
        const CatalogError committed = tx.commit();
        if (committed.isError()) {
            dropSchema();
            return committed;
        }
    }
    // Switch the folder over: settings first, then the old file out of the way (kept).
    const QString folder = lib.folder();
    const QString dbPath = lib.databasePath();
    source = CatalogError(); // close every connection to the SQLite file
    const QString confPath = QDir(folder).filePath(CatalogLocation::configFileName());
    const CatalogError written = target->writeConfig(confPath);
    if (written.isError()) {
        dropSchema();
        return written;
    }
    const QString kept = dbPath + QStringLiteral(".migrated");
    QFile::remove(kept);
    // The last connection's close checkpointed the WAL and removed it; if one is left (another
    // process has the file open), it moves with the file.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(dbPath + suffix)) {
            QFile::remove(kept + suffix);
            QFile::rename(dbPath + suffix, kept + suffix);
        }
    }
    if (!QFile::rename(dbPath, kept)) {
        QFile::remove(confPath);
        dropSchema();
        return fail(folder,
                    QStringLiteral("%1: cannot rename %2 to %3; nothing was changed")
                            .arg(folder, dbPath, kept));
    }
    result.seconds = clock.elapsed() / 1000.0;
    return result;
}

} // namespace timbre::library
