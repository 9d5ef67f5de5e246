// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overview/AlbumActivity.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

namespace timbre::overview {

library::CatalogResult<AlbumActivity>
AlbumActivity::loadBlocking(const library::Library &library, const QString &album,
                            qint64 modelId)
{
    const library::CatalogDatabase &db = library.database();
    auto instruments = library.taxonomy().instruments();
    if (!instruments)
        return instruments.error();
    AlbumActivity a;
    a.album = album;
    QHash<qint64, int> columnOf;
    for (const library::Instrument &i : *instruments) {
        columnOf.insert(i.id, int(a.keys.size()));
        a.keys << i.key;
        a.names << i.displayName;
    }
    const size_t n = size_t(a.keys.size());

    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.id, c.id, t.title, t.path, t.track_number FROM track t "
                             "LEFT JOIN clip c ON c.track_id = t.id AND c.end_s IS NULL "
                             "WHERE t.album = ? ORDER BY t.track_number = 0, t.track_number, "
                             "t.path"));
    q.addBindValue(album);
    if (!q.exec())
        return db.queryError(q, QStringLiteral("reading album \"%1\"").arg(album));
    QHash<qint64, int> rowOfClip;
    while (q.next()) {
        const int row = a.trackCount();
        a.trackIds << q.value(0).toLongLong();
        if (q.value(1).toLongLong() > 0)
            rowOfClip.insert(q.value(1).toLongLong(), row);
        const QString path = q.value(3).toString();
        const QString title = q.value(2).toString();
        a.titles << (title.isEmpty() ? QFileInfo(path).fileName() : title);
        a.paths << path;
        a.trackNumbers << q.value(4).toInt();
    }
    a.scores.assign(size_t(a.trackCount()) * n, std::numeric_limits<float>::quiet_NaN());
    a.labels.assign(size_t(a.trackCount()) * n, library::LabelState::Unknown);

    // Labels and scores of the album's whole-track clips (clip_by_track, then the primary keys).
    q.prepare(QStringLiteral("SELECT l.clip_id, l.instrument_id, l.value FROM track t JOIN clip c "
                             "ON c.track_id = t.id AND c.end_s IS NULL JOIN label l ON "
                             "l.clip_id = c.id WHERE t.album = ?"));
    q.addBindValue(album);
    if (!q.exec())
        return db.queryError(q, QStringLiteral("reading labels of album \"%1\"").arg(album));
    while (q.next()) {
        const int row = rowOfClip.value(q.value(0).toLongLong(), -1);
        const int column = columnOf.value(q.value(1).toLongLong(), -1);
        if (row >= 0 && column >= 0)
            a.labels[size_t(row) * n + size_t(column)] = q.value(2).toInt()
                    ? library::LabelState::Present
                    : library::LabelState::Absent;
    }
    if (modelId > 0) {
        q.prepare(QStringLiteral("SELECT p.clip_id, p.instrument_id, p.score FROM track t JOIN "
                                 "clip c ON c.track_id = t.id AND c.end_s IS NULL JOIN "
                                 "prediction p ON p.model_id = ? AND p.clip_id = c.id "
                                 "WHERE t.album = ?"));
        q.addBindValue(modelId);
        q.addBindValue(album);
        if (!q.exec())
            return db.queryError(q, QStringLiteral("reading scores of album \"%1\"").arg(album));
        while (q.next()) {
            const int row = rowOfClip.value(q.value(0).toLongLong(), -1);
            const int column = columnOf.value(q.value(1).toLongLong(), -1);
            if (row >= 0 && column >= 0)
                a.scores[size_t(row) * n + size_t(column)] = q.value(2).toFloat();
        }
    }
    return a;
}

} // namespace timbre::overview
