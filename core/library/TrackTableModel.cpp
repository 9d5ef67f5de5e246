// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/TrackTableModel.h"

#include "core/library/Library.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace timbre::library {

namespace {

QString formatDuration(float seconds)
{
    if (seconds <= 0)
        return QString();
    const int total = int(std::lround(seconds));
    const int h = total / 3600;
    const int m = (total / 60) % 60;
    const int s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
                .arg(h)
                .arg(m, 2, 10, QLatin1Char('0'))
                .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString labelGlyph(LabelState s)
{
    switch (s) {
    case LabelState::Present:
        return QStringLiteral("\u2713");
    case LabelState::Absent:
        return QStringLiteral("\u2717");
    case LabelState::Unknown:
        break;
    }
    return QStringLiteral("?");
}

} // namespace

TrackTableModel::TrackTableModel(QObject *parent) : QAbstractTableModel(parent) { }

CatalogError TrackTableModel::load(const Library &library, qint64 modelId)
{
    CatalogResult<TrackTable> table = TrackTable::load(library, modelId);
    if (!table)
        return table.error();
    setTable(table.take());
    return {};
}

void TrackTableModel::setTable(TrackTable table)
{
    beginResetModel();
    const QStringList shown = instrumentColumns();
    m_table = std::move(table);
    m_columns.clear();
    for (const QString &k : shown) {
        const int i = m_table.instrumentIndex(k);
        if (i >= 0)
            m_columns << i;
    }
    // the filter was compiled against the old instrument list
    if (!m_filter.isEmpty()) {
        auto reparsed = TrackFilter::parse(m_filter.text(), m_table.instrumentKeys());
        m_filter = reparsed ? reparsed.take() : TrackFilter();
    }
    if (m_sortKind == SortKind::Uncertainty)
        m_sortKind = SortKind::None;
    applyFilter();
    applySort();
    endResetModel();
}

void TrackTableModel::setInstrumentColumns(const QStringList &keys)
{
    beginResetModel();
    m_columns.clear();
    for (const QString &k : keys) {
        const int i = m_table.instrumentIndex(k);
        if (i >= 0 && !m_columns.contains(i))
            m_columns << i;
    }
    if (m_sortKind == SortKind::Column && m_sortColumn >= FixedColumnCount) {
        m_sortKind = SortKind::None;
        m_sortColumn = -1;
        applySort();
    }
    endResetModel();
}

QStringList TrackTableModel::instrumentColumns() const
{
    QStringList out;
    for (int i : m_columns)
        out << m_table.instrumentKeys().value(i);
    return out;
}

int TrackTableModel::columnOfInstrument(const QString &key) const
{
    const int i = m_table.instrumentIndex(key);
    const int c = int(m_columns.indexOf(i));
    return i < 0 || c < 0 ? -1 : FixedColumnCount + c;
}

CatalogError TrackTableModel::setFilterText(const QString &text)
{
    CatalogResult<TrackFilter> parsed = TrackFilter::parse(text, m_table.instrumentKeys());
    if (!parsed)
        return parsed.error();
    beginResetModel();
    m_filter = parsed.take();
    applyFilter();
    applySort();
    endResetModel();
    Q_EMIT filterChanged(m_filter.text());
    return {};
}

void TrackTableModel::clearFilter()
{
    setFilterText(QString());
}

void TrackTableModel::setRowPredicate(RowPredicate accept)
{
    beginResetModel();
    m_accept = std::move(accept);
    applyFilter();
    applySort();
    endResetModel();
}

void TrackTableModel::applyFilter()
{
    m_view.clear();
    const int n = m_table.rowCount();
    m_view.reserve(size_t(n));
    if (m_accept) {
        for (int r = 0; r < n; ++r) {
            if (m_accept(m_table, r) && (m_filter.isEmpty() || m_filter.matches(m_table, r)))
                m_view.push_back(r);
        }
        return;
    }
    if (m_filter.isEmpty()) {
        for (int r = 0; r < n; ++r)
            m_view.push_back(r);
        return;
    }
    for (int r = 0; r < n; ++r) {
        if (m_filter.matches(m_table, r))
            m_view.push_back(r);
    }
}

void TrackTableModel::applySort()
{
    const TrackTable &t = m_table;
    const bool desc = m_sortOrder == Qt::DescendingOrder;
    auto byKey = [&](auto key) {
        // key(row) -> comparable; ties by table row so the order is total and repeatable
        std::sort(m_view.begin(), m_view.end(), [&](int a, int b) {
            const auto ka = key(a);
            const auto kb = key(b);
            if (ka < kb)
                return !desc;
            if (kb < ka)
                return desc;
            return a < b;
        });
    };
    auto byText = [&](auto field) {
        std::sort(m_view.begin(), m_view.end(), [&](int a, int b) {
            const int c = QString::compare(field(t.row(a)), field(t.row(b)), Qt::CaseInsensitive);
            if (c != 0)
                return desc ? c > 0 : c < 0;
            return a < b;
        });
    };
    // Scores: missing ones last whatever the order. The keys are gathered into one contiguous
    // vector first: reading them from the row-major score matrix inside the comparator costs a
    // cache miss per comparison, and that dominated the 100 000-row sort.
    auto byScore = [&](auto value) {
        std::vector<std::pair<float, int>> keyed;
        keyed.reserve(m_view.size());
        std::vector<int> unscored;
        for (int r : m_view) {
            const float v = value(r);
            if (std::isnan(v))
                unscored.push_back(r);
            else
                keyed.emplace_back(desc ? -v : v, r);
        }
        std::sort(keyed.begin(), keyed.end()); // ties: ascending table row
        std::sort(unscored.begin(), unscored.end());
        size_t k = 0;
        for (const auto &p : keyed)
            m_view[k++] = p.second;
        for (int r : unscored)
            m_view[k++] = r;
    };

    switch (m_sortKind) {
    case SortKind::None:
        std::sort(m_view.begin(), m_view.end());
        return;
    case SortKind::Uncertainty: {
        // sortByUncertainty() sets the order to ascending: closest to 0.5 first
        const int i = m_sortInstrument;
        byScore([&](int r) { return std::fabs(t.score(r, i) - 0.5f); });
        return;
    }
    case SortKind::Column:
        break;
    }
    switch (m_sortColumn) {
    case TitleColumn:
        byText([](const TrackTable::Row &r) -> const QString & { return r.title; });
        return;
    case ArtistColumn:
        byText([](const TrackTable::Row &r) -> const QString & { return r.artist; });
        return;
    case AlbumColumn:
        byText([](const TrackTable::Row &r) -> const QString & { return r.album; });
        return;
    case GenreColumn:
        byText([](const TrackTable::Row &r) -> const QString & { return r.genre; });
        return;
    case PathColumn:
        byText([](const TrackTable::Row &r) -> const QString & { return r.path; });
        return;
    case YearColumn:
        byKey([&](int r) { return t.row(r).year; });
        return;
    case DurationColumn:
        byKey([&](int r) { return t.row(r).durationS; });
        return;
    default:
        break;
    }
    const int c = m_sortColumn - FixedColumnCount;
    if (c >= 0 && c < m_columns.size()) {
        const int i = m_columns[c];
        byScore([&](int r) { return t.score(r, i); });
    } else {
        std::sort(m_view.begin(), m_view.end());
    }
}

void TrackTableModel::sortPreservingSelection()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> tableRows;
    tableRows.reserve(before.size());
    for (const QModelIndex &i : before)
        tableRows << m_view[size_t(i.row())];
    applySort();
    if (!before.isEmpty()) {
        std::vector<int> viewRowOf(size_t(m_table.rowCount()), -1);
        for (size_t v = 0; v < m_view.size(); ++v)
            viewRowOf[size_t(m_view[v])] = int(v);
        QModelIndexList after;
        after.reserve(before.size());
        for (int k = 0; k < before.size(); ++k)
            after << index(viewRowOf[size_t(tableRows[k])], before[k].column());
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TrackTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortKind = column < 0 || column >= columnCount() ? SortKind::None : SortKind::Column;
    m_sortColumn = m_sortKind == SortKind::None ? -1 : column;
    m_sortOrder = order;
    sortPreservingSelection();
}

void TrackTableModel::sortByUncertainty(const QString &instrumentKey)
{
    const int i = m_table.instrumentIndex(instrumentKey);
    if (i < 0)
        return;
    m_sortKind = SortKind::Uncertainty;
    m_sortInstrument = i;
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    sortPreservingSelection();
}

int TrackTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_view.size());
}

int TrackTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FixedColumnCount + int(m_columns.size());
}

QVariant TrackTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_view.size()) || index.column() >= columnCount())
        return QVariant();
    const int r = m_view[size_t(index.row())];
    const TrackTable::Row &row = m_table.row(r);
    switch (role) {
    case TrackIdRole:
        return row.trackId;
    case ClipIdRole:
        return row.clipId;
    case ScanStateRole:
        return int(row.scanState);
    case DurationSecondsRole:
        return row.durationS;
    default:
        break;
    }
    const int column = index.column();
    if (column >= FixedColumnCount) {
        const int i = m_columns[column - FixedColumnCount];
        switch (role) {
        case Qt::DisplayRole: {
            const QString glyph = labelGlyph(m_table.label(r, i));
            return m_table.hasScore(r, i)
                    ? QStringLiteral("%1 %2").arg(double(m_table.score(r, i)), 0, 'f', 2).arg(glyph)
                    : QStringLiteral("\u2013 %1").arg(glyph);
        }
        case ScoreRole:
            return m_table.hasScore(r, i) ? QVariant(m_table.score(r, i)) : QVariant();
        case LabelStateRole:
            return int(m_table.label(r, i));
        case InstrumentKeyRole:
            return m_table.instrumentKeys().value(i);
        case InstrumentColourRole:
            return m_table.instrumentColours().value(i);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant();
        }
    }
    if (role == Qt::ToolTipRole)
        return row.scanState == ScanState::Missing ? tr("%1 (missing)").arg(row.path) : row.path;
    if (role == Qt::TextAlignmentRole) {
        return column == YearColumn || column == DurationColumn
                ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                : QVariant();
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (column) {
    case TitleColumn:
        return row.title.isEmpty() ? QFileInfo(row.path).completeBaseName() : row.title;
    case ArtistColumn:
        return row.artist;
    case AlbumColumn:
        return row.album;
    case GenreColumn:
        return row.genre;
    case YearColumn:
        return row.year > 0 ? QString::number(row.year) : QString();
    case DurationColumn:
        return formatDuration(row.durationS);
    case PathColumn:
        return row.path;
    default:
        return QVariant();
    }
}

QVariant TrackTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= FixedColumnCount) {
        const int i = m_columns[section - FixedColumnCount];
        if (role == Qt::DisplayRole)
            return m_table.instrumentNames().value(i);
        if (role == InstrumentKeyRole)
            return m_table.instrumentKeys().value(i);
        if (role == InstrumentColourRole)
            return m_table.instrumentColours().value(i);
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case ArtistColumn:
        return tr("Artist");
    case AlbumColumn:
        return tr("Album");
    case GenreColumn:
        return tr("Genre");
    case YearColumn:
        return tr("Year");
    case DurationColumn:
        return tr("Duration");
    case PathColumn:
        return tr("Path");
    default:
        return QVariant();
    }
}

int TrackTableModel::viewRowOfTrack(qint64 trackId) const
{
    const int r = m_table.rowOfTrack(trackId);
    if (r < 0)
        return -1;
    const auto it = std::find(m_view.begin(), m_view.end(), r);
    return it == m_view.end() ? -1 : int(it - m_view.begin());
}

void TrackTableModel::updateLabel(qint64 clipId, const QString &instrumentKey, LabelState state)
{
    const int r = m_table.rowOfClip(clipId);
    const int i = m_table.instrumentIndex(instrumentKey);
    if (r < 0 || i < 0)
        return;
    m_table.setLabel(r, i, state);
    const int c = int(m_columns.indexOf(i));
    if (c < 0)
        return;
    const auto it = std::find(m_view.begin(), m_view.end(), r);
    if (it == m_view.end())
        return;
    const QModelIndex changed = index(int(it - m_view.begin()), FixedColumnCount + c);
    Q_EMIT dataChanged(changed, changed, {Qt::DisplayRole, LabelStateRole});
}

} // namespace timbre::library
