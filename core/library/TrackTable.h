// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"
#include "core/library/TrackRecord.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

namespace timbre::library {

class Library;

// The library browser's data, loaded once into compact in-memory columns so that filtering
// and sorting 100 000 tracks is plain C++ over vectors, never a query per row. One row per
// track (its whole-track clip carries labels and scores); one score and one label state per
// (row, instrument) for every instrument of the taxonomy, so filters may name any of them.
// Not a QObject, not thread-bound: a loader thread may build it and hand it over by value.
class TrackTable
{
public:
    struct Row
    {
        qint64 trackId = 0;
        qint64 clipId = 0; // whole-track clip; 0 if the track has none yet
        QString path;
        QString title;
        QString artist;
        QString album;
        QString genre;
        int year = 0;
        float durationS = 0;
        ScanState scanState = ScanState::Ok;
    };

    // Reads tracks, whole-track labels and (modelId > 0) that model's bag scores.
    static CatalogResult<TrackTable> load(const Library &library, qint64 modelId = 0);

    // Builders for generated data (tests, benchmarks) and for load().
    void setInstruments(const QStringList &keys, const QStringList &displayNames = QStringList(),
                        const QStringList &colours = QStringList());
    void reserve(int rows);
    int addRow(const Row &row); // scores NaN, labels unknown; returns the row index
    void setScore(int row, int instrument, float score) { m_scores[cell(row, instrument)] = score; }
    void setLabel(int row, int instrument, LabelState state)
    {
        m_labels[cell(row, instrument)] = qint8(state);
    }

    int rowCount() const { return int(m_rows.size()); }
    int instrumentCount() const { return int(m_keys.size()); }
    const Row &row(int r) const { return m_rows[size_t(r)]; }
    const QStringList &instrumentKeys() const { return m_keys; }
    const QStringList &instrumentNames() const { return m_names; }
    const QStringList &instrumentColours() const { return m_colours; }
    int instrumentIndex(const QString &key) const { return int(m_keys.indexOf(key)); }
    // NaN when the model has no score for it.
    float score(int r, int instrument) const { return m_scores[cell(r, instrument)]; }
    bool hasScore(int r, int instrument) const { return !std::isnan(score(r, instrument)); }
    LabelState label(int r, int instrument) const
    {
        return LabelState(m_labels[cell(r, instrument)]);
    }
    // Lower-cased title, artist, album, genre and path, for text search.
    const QString &searchText(int r) const { return m_search[size_t(r)]; }
    // Row index of a clip / track, -1 if absent.
    int rowOfClip(qint64 clipId) const { return m_rowOfClip.value(clipId, -1); }
    int rowOfTrack(qint64 trackId) const { return m_rowOfTrack.value(trackId, -1); }

private:
    size_t cell(int r, int instrument) const
    {
        return size_t(r) * size_t(m_keys.size()) + size_t(instrument);
    }

    std::vector<Row> m_rows;
    QStringList m_keys;
    QStringList m_names;
    QStringList m_colours;
    std::vector<float> m_scores; // row-major rows x instruments
    std::vector<qint8> m_labels; // LabelState values
    std::vector<QString> m_search;
    QHash<qint64, int> m_rowOfClip;
    QHash<qint64, int> m_rowOfTrack;
};

} // namespace timbre::library
