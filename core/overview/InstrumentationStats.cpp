// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overview/InstrumentationStats.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <numeric>

namespace timbre::overview {

namespace {

// Builds one GroupShares while the clips are walked: a group index per distinct value, then
// ordered for display once every clip is counted.
class GroupCounter
{
public:
    explicit GroupCounter(int instruments) { m_out.instruments = instruments; }

    int groupOf(const QString &name)
    {
        auto it = m_index.constFind(name);
        if (it != m_index.constEnd())
            return *it;
        const int g = int(m_out.names.size());
        m_index.insert(name, g);
        m_out.names << name;
        m_out.clips.push_back(0);
        m_out.present.resize(m_out.present.size() + size_t(m_out.instruments), 0);
        m_out.predicted.resize(m_out.predicted.size() + size_t(m_out.instruments), 0);
        return g;
    }
    void addClip(int group) { ++m_out.clips[size_t(group)]; }
    void addPresent(int group, int instrument) { ++m_out.present[cell(group, instrument)]; }
    void addPredicted(int group, int instrument) { ++m_out.predicted[cell(group, instrument)]; }

    // Most clips first, then by name, so the table opens on the groups that matter.
    GroupShares finish()
    {
        const int n = m_out.groupCount();
        std::vector<int> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [this](int a, int b) {
            if (m_out.clips[size_t(a)] != m_out.clips[size_t(b)])
                return m_out.clips[size_t(a)] > m_out.clips[size_t(b)];
            return m_out.names[a] < m_out.names[b];
        });
        GroupShares sorted;
        sorted.instruments = m_out.instruments;
        const size_t k = size_t(m_out.instruments);
        for (int g : order) {
            sorted.names << m_out.names[g];
            sorted.clips.push_back(m_out.clips[size_t(g)]);
            sorted.present.insert(sorted.present.end(), m_out.present.begin() + g * k,
                                  m_out.present.begin() + (g + 1) * k);
            sorted.predicted.insert(sorted.predicted.end(), m_out.predicted.begin() + g * k,
                                    m_out.predicted.begin() + (g + 1) * k);
        }
        return sorted;
    }

private:
    size_t cell(int group, int instrument) const
    {
        return size_t(group) * size_t(m_out.instruments) + size_t(instrument);
    }

    QHash<QString, int> m_index;
    GroupShares m_out;
};

} // namespace

const GroupShares &InstrumentationStats::groups(GroupField field) const
{
    switch (field) {
    case GroupField::Genre:
        return genres;
    case GroupField::Artist:
        return artists;
    case GroupField::Album:
        break;
    }
    return albums;
}

library::CatalogResult<InstrumentationStats>
InstrumentationStats::loadBlocking(const library::Library &library, qint64 modelId,
                                   const QHash<QString, double> &thresholds)
{
    const library::CatalogDatabase &db = library.database();
    auto instruments = library.taxonomy().instruments();
    if (!instruments)
        return instruments.error();
    InstrumentationStats s;
    s.modelId = modelId;
    QHash<qint64, int> columnOf;
    for (const library::Instrument &i : *instruments) {
        columnOf.insert(i.id, int(s.keys.size()));
        s.keys << i.key;
        s.names << i.displayName;
        s.colours << i.colour;
        // The browser compares scores as floats: so does this count (TrackFilter::parse).
        s.thresholds.push_back(double(float(thresholds.value(i.key, kDefaultThreshold))));
    }
    const int n = s.instrumentCount();
    const size_t nn = size_t(n);

    // The browser's rows: every track with its whole-track clip (none yet: all unknown).
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.id, t.genre, t.artist, t.album FROM track t LEFT JOIN "
                               "clip c ON c.track_id = t.id AND c.end_s IS NULL")))
        return db.queryError(q, QStringLiteral("counting tracks for the overview"));
    GroupCounter genres(n), artists(n), albums(n);
    std::vector<int> groupOfRow[3];
    QHash<qint64, int> rowOfClip;
    while (q.next()) {
        const int row = s.clips++;
        const qint64 clip = q.value(0).toLongLong();
        if (clip > 0)
            rowOfClip.insert(clip, row);
        groupOfRow[0].push_back(genres.groupOf(q.value(1).toString()));
        groupOfRow[1].push_back(artists.groupOf(q.value(2).toString()));
        groupOfRow[2].push_back(albums.groupOf(q.value(3).toString()));
    }
    GroupCounter *counters[3] = {&genres, &artists, &albums};

    // Present labels and model calls as two rows x instruments bit tables (a byte each: 100 000
    // clips x 20 instruments is 2 MB), filled from the rows SQL selects.
    std::vector<quint8> isPresent(size_t(s.clips) * nn, 0);
    std::vector<quint8> isPredicted(size_t(s.clips) * nn, 0);
    if (!q.exec(QStringLiteral("SELECT clip_id, instrument_id FROM label WHERE value = 1")))
        return db.queryError(q, QStringLiteral("counting present labels"));
    while (q.next()) {
        const int row = rowOfClip.value(q.value(0).toLongLong(), -1);
        const int column = columnOf.value(q.value(1).toLongLong(), -1);
        if (row >= 0 && column >= 0) // labels of region clips are not browser rows
            isPresent[size_t(row) * nn + size_t(column)] = 1;
    }
    s.absent.assign(nn, 0);
    if (!q.exec(QStringLiteral("SELECT l.instrument_id, count(*) FROM label l JOIN clip c ON "
                               "c.id = l.clip_id WHERE l.value = 0 AND c.end_s IS NULL "
                               "GROUP BY l.instrument_id")))
        return db.queryError(q, QStringLiteral("counting absent labels"));
    while (q.next()) {
        const int column = columnOf.value(q.value(0).toLongLong(), -1);
        if (column >= 0)
            s.absent[size_t(column)] = q.value(1).toInt();
    }
    if (modelId > 0) {
        // prediction_by_score (model, instrument, score): one range scan per instrument reads
        // only the clips at or above the threshold.
        q.prepare(QStringLiteral("SELECT clip_id FROM prediction WHERE model_id = ? AND "
                                 "instrument_id = ? AND score >= ?"));
        for (const library::Instrument &i : *instruments) {
            const int column = columnOf.value(i.id);
            q.bindValue(0, modelId);
            q.bindValue(1, i.id);
            q.bindValue(2, s.thresholds[size_t(column)]);
            if (!q.exec())
                return db.queryError(q, QStringLiteral("counting scores of %1").arg(i.key));
            while (q.next()) {
                const int row = rowOfClip.value(q.value(0).toLongLong(), -1);
                if (row >= 0)
                    isPredicted[size_t(row) * nn + size_t(column)] = 1;
            }
        }
    }

    // One pass over the clips: per instrument, per pair, per group.
    s.present.assign(nn, 0);
    s.predicted.assign(nn, 0);
    s.presentPairs.assign(nn * nn, 0);
    s.predictedPairs.assign(nn * nn, 0);
    std::vector<int> on;
    on.reserve(nn);
    auto countRow = [&](const quint8 *bits, std::vector<int> &perInstrument,
                        std::vector<int> &pairs, int row, bool labels) {
        on.clear();
        for (int i = 0; i < n; ++i) {
            if (bits[i])
                on.push_back(i);
        }
        for (int a : on) {
            ++perInstrument[size_t(a)];
            for (int b : on)
                ++pairs[size_t(a) * nn + size_t(b)];
            for (int f = 0; f < 3; ++f) {
                const int g = groupOfRow[f][size_t(row)];
                if (labels)
                    counters[f]->addPresent(g, a);
                else
                    counters[f]->addPredicted(g, a);
            }
        }
    };
    for (int row = 0; row < s.clips; ++row) {
        for (int f = 0; f < 3; ++f)
            counters[f]->addClip(groupOfRow[f][size_t(row)]);
        countRow(isPresent.data() + size_t(row) * nn, s.present, s.presentPairs, row, true);
        countRow(isPredicted.data() + size_t(row) * nn, s.predicted, s.predictedPairs, row, false);
    }
    s.genres = genres.finish();
    s.artists = artists.finish();
    s.albums = albums.finish();
    return s;
}

} // namespace timbre::overview
