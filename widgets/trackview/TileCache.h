// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QHash>
#include <QImage>

#include <list>

namespace timbre::widgets {

struct TileKey
{
    int level = 0;
    qint64 index = 0;
    bool operator==(const TileKey &o) const { return level == o.level && index == o.index; }
};

inline size_t qHash(const TileKey &k, size_t seed = 0)
{
    return ::qHash(qint64(k.index) * 64 + k.level, seed);
}

struct Tile
{
    QImage image;
    bool complete = false;
    quint64 dataVersion = 0; // the spectrogram's progress count it was rendered at
};

// Rendered tiles by zoom level and index, least recently used dropped beyond a byte budget.
// GUI thread only (render threads hand their images over through queued calls).
class TileCache
{
public:
    explicit TileCache(qint64 budgetBytes = 64LL << 20) : m_budget(budgetBytes) { }

    // nullptr if absent; marks the tile used.
    const Tile *find(const TileKey &key);
    // Without touching the LRU order (fallback drawing from other levels).
    const Tile *peek(const TileKey &key) const;
    void insert(const TileKey &key, Tile tile);
    void clear();
    // Drops every tile of `level` (a scale that changed under the same key).
    void removeLevel(int level);
    int count() const { return int(m_tiles.size()); }
    qint64 bytes() const { return m_bytes; }

private:
    struct Entry
    {
        Tile tile;
        std::list<TileKey>::iterator use;
    };
    QHash<TileKey, Entry> m_tiles;
    std::list<TileKey> m_order; // most recently used first
    qint64 m_budget;
    qint64 m_bytes = 0;
};

} // namespace timbre::widgets
