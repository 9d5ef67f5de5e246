// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/TileCache.h"

namespace timbre::widgets {

const Tile *TileCache::find(const TileKey &key)
{
    auto it = m_tiles.find(key);
    if (it == m_tiles.end())
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->use);
    return &it->tile;
}

const Tile *TileCache::peek(const TileKey &key) const
{
    auto it = m_tiles.constFind(key);
    return it == m_tiles.constEnd() ? nullptr : &it->tile;
}

void TileCache::insert(const TileKey &key, Tile tile)
{
    auto it = m_tiles.find(key);
    if (it != m_tiles.end()) {
        m_bytes -= it->tile.image.sizeInBytes();
        m_order.erase(it->use);
        m_tiles.erase(it);
    }
    m_bytes += tile.image.sizeInBytes();
    m_order.push_front(key);
    m_tiles.insert(key, Entry {std::move(tile), m_order.begin()});
    while (m_bytes > m_budget && m_order.size() > 1) {
        const TileKey oldest = m_order.back();
        m_order.pop_back();
        auto victim = m_tiles.find(oldest);
        m_bytes -= victim->tile.image.sizeInBytes();
        m_tiles.erase(victim);
    }
}

void TileCache::removeLevel(int level)
{
    for (auto it = m_order.begin(); it != m_order.end();) {
        if (it->level != level) {
            ++it;
            continue;
        }
        auto entry = m_tiles.find(*it);
        m_bytes -= entry->tile.image.sizeInBytes();
        m_tiles.erase(entry);
        it = m_order.erase(it);
    }
}

void TileCache::clear()
{
    m_tiles.clear();
    m_order.clear();
    m_bytes = 0;
}

} // namespace timbre::widgets
