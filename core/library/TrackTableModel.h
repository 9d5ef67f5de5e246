// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"
#include "core/library/TrackFilter.h"
#include "core/library/TrackTable.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace timbre::library {

class Library;

// The library browser's table: tags, duration and one column per selected instrument (model
// score plus label state ✓ / ✗ / ?). Filtering and sorting are done here, in C++ over the
// in-memory TrackTable, instead of in a QSortFilterProxyModel: a proxy would call data() and
// build QVariants for every comparison, too slow for 100 000 rows. The model keeps a vector of
// visible table rows; a filter change resets it, a sort reorders it keeping persistent indexes
// (selection) valid. QtCore only: testable without a display.
class TrackTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        ArtistColumn,
        AlbumColumn,
        GenreColumn,
        YearColumn,
        DurationColumn,
        PathColumn,
        FixedColumnCount // instrument columns follow, in instrumentColumns() order
    };
    enum Role {
        TrackIdRole = Qt::UserRole + 1,
        ClipIdRole,
        InstrumentKeyRole, // instrument columns: the key
        ScoreRole, // instrument columns: float, invalid when the model has none
        LabelStateRole, // instrument columns: int(LabelState)
        InstrumentColourRole, // instrument columns: "#rrggbb"
        ScanStateRole, // int(ScanState)
        DurationSecondsRole, // float
    };

    explicit TrackTableModel(QObject *parent = nullptr);

    // Reloads everything from the catalog (labels, and scores of `modelId` when > 0).
    CatalogError load(const Library &library, qint64 modelId = 0);
    // Replaces the data (generated tables, or one loaded on another thread).
    void setTable(TrackTable table);
    const TrackTable &table() const { return m_table; }

    // Instruments shown as columns; unknown keys are ignored.
    void setInstrumentColumns(const QStringList &keys);
    QStringList instrumentColumns() const;
    int columnOfInstrument(const QString &key) const;

    // Parses and applies a TrackFilter expression; on ParseError the current filter stays.
    CatalogError setFilterText(const QString &text);
    QString filterText() const { return m_filter.text(); }
    void clearFilter();
    // Narrows the visible rows further, and-ed with the filter expression (the browser's
    // facets: folder, artist, album, genre). Called with table rows; empty = every row.
    using RowPredicate = std::function<bool(const TrackTable &table, int row)>;
    void setRowPredicate(RowPredicate accept);

    // Sorts visible rows by a column (an instrument column sorts by score, tracks without a
    // score last in either order). Ties keep catalog order. -1 = catalog order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Most uncertain first: |score - 0.5| ascending, tracks without a score last.
    void sortByUncertainty(const QString &instrumentKey);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int totalRowCount() const { return m_table.rowCount(); }
    int tableRowAt(int viewRow) const { return m_view[size_t(viewRow)]; }
    qint64 trackIdAt(int viewRow) const { return m_table.row(tableRowAt(viewRow)).trackId; }
    int viewRowOfTrack(qint64 trackId) const; // -1 when filtered out or unknown

    // Keeps the table in step with a label edit without a reload. The row is neither
    // re-filtered nor moved, so it does not jump away from under the user.
    void updateLabel(qint64 clipId, const QString &instrumentKey, LabelState state);

Q_SIGNALS:
    void filterChanged(const QString &text);

private:
    enum class SortKind { None, Column, Uncertainty };
    void applyFilter();
    void applySort();
    void sortPreservingSelection();

    TrackTable m_table;
    TrackFilter m_filter;
    RowPredicate m_accept;
    std::vector<int> m_view; // visible table rows in display order
    QList<int> m_columns; // instrument index per instrument column
    SortKind m_sortKind = SortKind::None;
    int m_sortColumn = -1;
    int m_sortInstrument = -1; // for SortKind::Uncertainty
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace timbre::library
