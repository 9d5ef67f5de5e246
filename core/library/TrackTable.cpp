// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/TrackTable.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

#include <QSqlQuery>
#include <QVariant>

#include <limits>

namespace timbre::library {

void TrackTable::setInstruments(const QStringList &keys, const QStringList &displayNames,
                                const QStringList &colours)
{
    m_keys = keys;
    m_names = displayNames.size() == keys.size() ? displayNames : keys;
    m_colours = colours;
    while (m_colours.size() < keys.size())
        m_colours << QStringLiteral("#808080");
    m_scores.assign(m_rows.size() * size_t(keys.size()), std::numeric_limits<float>::quiet_NaN());
    m_labels.assign(m_rows.size() * size_t(keys.size()), qint8(LabelState::Unknown));
}

void TrackTable::reserve(int rows)
{
    m_rows.reserve(size_t(rows));
    m_search.reserve(size_t(rows));
    m_scores.reserve(size_t(rows) * size_t(m_keys.size()));
    m_labels.reserve(size_t(rows) * size_t(m_keys.size()));
}

int TrackTable::addRow(const Row &row)
{
    const int index = int(m_rows.size());
    m_rows.push_back(row);
    const QChar sep(0x1f); // a separator no query can match across fields
    m_search.push_back(
            (row.title + sep + row.artist + sep + row.album + sep + row.genre + sep + row.path)
                    .toLower());
    m_scores.resize(m_scores.size() + size_t(m_keys.size()),
                    std::numeric_limits<float>::quiet_NaN());
    m_labels.resize(m_labels.size() + size_t(m_keys.size()), qint8(LabelState::Unknown));
    if (row.clipId > 0)
        m_rowOfClip.insert(row.clipId, index);
    m_rowOfTrack.insert(row.trackId, index);
    return index;
}

CatalogResult<TrackTable> TrackTable::load(const Library &library, qint64 modelId)
{
    const CatalogDatabase &db = library.database();
    TrackTable table;
    auto instruments = library.taxonomy().instruments();
    if (!instruments)
        return instruments.error();
    QStringList keys, names, colours;
    QHash<qint64, int> columnOf;
    for (const Instrument &i : *instruments) {
        columnOf.insert(i.id, int(keys.size()));
        keys << i.key;
        names << i.displayName;
        colours << i.colour;
    }
    table.setInstruments(keys, names, colours);

    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT count(*) FROM track")) && q.next())
        table.reserve(q.value(0).toInt());
    if (!q.exec(QStringLiteral("SELECT t.id, c.id, t.path, t.title, t.artist, t.album, t.genre, "
                               "t.year, t.duration_s, t.scan_state FROM track t LEFT JOIN clip c "
                               "ON c.track_id = t.id AND c.end_s IS NULL ORDER BY t.id")))
        return db.queryError(q, QStringLiteral("loading the track table"));
    while (q.next()) {
        Row r;
        r.trackId = q.value(0).toLongLong();
        r.clipId = q.value(1).toLongLong();
        r.path = q.value(2).toString();
        r.title = q.value(3).toString();
        r.artist = q.value(4).toString();
        r.album = q.value(5).toString();
        r.genre = q.value(6).toString();
        r.year = q.value(7).toInt();
        r.durationS = q.value(8).toFloat();
        r.scanState = scanStateFromName(q.value(9).toString());
        table.addRow(r);
    }
    if (!q.exec(QStringLiteral("SELECT clip_id, instrument_id, value FROM label")))
        return db.queryError(q, QStringLiteral("loading labels"));
    while (q.next()) {
        const int row = table.rowOfClip(q.value(0).toLongLong());
        const int column = columnOf.value(q.value(1).toLongLong(), -1);
        if (row >= 0 && column >= 0)
            table.setLabel(row, column,
                           q.value(2).toInt() ? LabelState::Present : LabelState::Absent);
    }
    if (modelId > 0) {
        q.prepare(QStringLiteral("SELECT clip_id, instrument_id, score FROM prediction WHERE "
                                 "model_id = ?"));
        q.addBindValue(modelId);
        if (!q.exec())
            return db.queryError(q, QStringLiteral("loading predictions"));
        while (q.next()) {
            const int row = table.rowOfClip(q.value(0).toLongLong());
            const int column = columnOf.value(q.value(1).toLongLong(), -1);
            if (row >= 0 && column >= 0)
                table.setScore(row, column, q.value(2).toFloat());
        }
    }
    return table;
}

} // namespace timbre::library
