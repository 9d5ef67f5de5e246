// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/Diversifier.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace timbre::review {

std::vector<int> Diversifier::order(const std::vector<int> &ranked,
                                    const std::vector<qint64> &trackOf,
                                    const std::vector<int> &albumOf, const DiversityOptions &o)
{
    const size_t n = ranked.size();
    const int window = std::max(1, o.window);
    if (!o.enabled || n < 2 || window < 2)
        return ranked;
    const size_t depth = std::min(n, size_t(std::max(0, o.depth)));
    std::vector<int> out;
    out.reserve(n);
    std::unordered_map<qint64, int> perTrack;
    std::unordered_map<int, int> perAlbum;
    std::deque<int> recent; // the last `window - 1` picks: with the next one they make a window
    const auto trackFits = [&](int c) {
        const auto t = perTrack.find(trackOf[size_t(c)]);
        return t == perTrack.end() || t->second < std::max(1, o.perTrack);
    };
    const auto fits = [&](int c) {
        if (!trackFits(c))
            return false;
        const int album = albumOf[size_t(c)];
        if (album < 0)
            return true;
        const auto a = perAlbum.find(album);
        return a == perAlbum.end() || a->second < std::max(1, o.perAlbum);
    };
    const auto take = [&](int c) {
        out.push_back(c);
        ++perTrack[trackOf[size_t(c)]];
        if (albumOf[size_t(c)] >= 0)
            ++perAlbum[albumOf[size_t(c)]];
        recent.push_back(c);
        if (int(recent.size()) >= window) {
            const int old = recent.front();
            recent.pop_front();
            --perTrack[trackOf[size_t(old)]];
            if (albumOf[size_t(old)] >= 0)
                --perAlbum[albumOf[size_t(old)]];
        }
    };

    std::vector<int> waiting; // passed over, priority order; -1 = taken since
    size_t firstWaiting = 0; // waiting[< firstWaiting] are all taken
    size_t next = 0; // into ranked
    while (out.size() < depth) {
        int pick = -1;
        for (size_t w = firstWaiting; w < waiting.size(); ++w) {
            if (waiting[w] >= 0 && fits(waiting[w])) {
                pick = waiting[w];
                waiting[w] = -1;
                break;
            }
        }
        while (pick < 0 && next < n) {
            const int c = ranked[next++];
            if (fits(c))
                pick = c;
            else
                waiting.push_back(c);
        }
        if (pick < 0) {
            // Nothing fits. Bend the album cap before the track rule (another clip of the
            // same track is the nearer duplicate): the best waiting clip of a track not in
            // the window, else the best waiting clip.
            size_t chosen = waiting.size();
            for (size_t w = firstWaiting; w < waiting.size() && chosen == waiting.size(); ++w)
                if (waiting[w] >= 0 && trackFits(waiting[w]))
                    chosen = w;
            if (chosen == waiting.size()) {
                while (firstWaiting < waiting.size() && waiting[firstWaiting] < 0)
                    ++firstWaiting;
                chosen = firstWaiting;
            }
            pick = waiting[chosen];
            waiting[chosen] = -1;
        }
        take(pick);
        while (firstWaiting < waiting.size() && waiting[firstWaiting] < 0)
            ++firstWaiting;
    }
    // The tail, in priority order: every waiting candidate came from ranked[0, next), so it
    // precedes all of ranked[next, n).
    std::vector<int> rest;
    for (size_t w = firstWaiting; w < waiting.size(); ++w)
        if (waiting[w] >= 0)
            rest.push_back(waiting[w]);
    out.insert(out.end(), rest.begin(), rest.end());
    out.insert(out.end(), ranked.begin() + std::ptrdiff_t(next), ranked.end());
    return out;
}

} // namespace timbre::review
