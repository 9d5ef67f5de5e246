// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/LibraryBrowser.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/TrackTable.h"
#include "core/library/TrackTableModel.h"
#include "widgets/library/BrowserSnapshot.h"
#include "widgets/library/FacetPanel.h"
#include "widgets/library/ScanProblemsView.h"
#include "widgets/library/ScoreDelegate.h"

#include <QComboBox>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <utility>
#include <vector>

namespace timbre::widgets {

namespace {
const char *const kInstrumentsKey = "browser/instruments";
constexpr int kDefaultInstrumentColumns = 6;
// Label changes on more clips than this read the whole catalog again instead.
constexpr int kMaxInPlaceLabelUpdates = 500;
// Change notices during a scan come at every poll: at most one reload at a time, this long
// after the previous one ended (reading 100 000 tracks takes 1.7 s of a core).
constexpr int kReloadDelayMs = 500;

// The instruments with the most tracks labelled present or scored above 0.5, in taxonomy
// order; all of them for a small taxonomy.
QStringList defaultInstruments(const library::TrackTable &t)
{
    const int n = t.instrumentCount();
    if (n <= kDefaultInstrumentColumns)
        return t.instrumentKeys();
    std::vector<std::pair<int, int>> weight(static_cast<size_t>(n)); // (-count, instrument)
    for (int i = 0; i < n; ++i) {
        int count = 0;
        for (int r = 0; r < t.rowCount(); ++r) {
            if (t.label(r, i) == library::LabelState::Present
                || (t.hasScore(r, i) && t.score(r, i) > 0.5f))
                ++count;
        }
        weight[size_t(i)] = {-count, i};
    }
    std::sort(weight.begin(), weight.end());
    std::vector<int> chosen;
    for (int k = 0; k < kDefaultInstrumentColumns; ++k)
        chosen.push_back(weight[size_t(k)].second);
    std::sort(chosen.begin(), chosen.end());
    QStringList keys;
    for (int i : chosen)
        keys << t.instrumentKeys().at(i);
    return keys;
}
} // namespace

LibraryBrowser::LibraryBrowser(QWidget *parent)
    : QWidget(parent), m_model(new library::TrackTableModel(this))
{
    setObjectName(QStringLiteral("LibraryBrowser"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_facets = new FacetPanel(split);

    m_tabs = new QTabWidget(split);
    auto *tracks = new QWidget(m_tabs);
    auto *tracksLayout = new QVBoxLayout(tracks);
    tracksLayout->setContentsMargins(0, 4, 0, 0);

    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(tracks);
    m_filter->setPlaceholderText(tr("Filter: text, or e.g. violin > 0.7 and unlabelled"));
    m_filter->setClearButtonEnabled(true);
    m_instruments = new QToolButton(tracks);
    m_instruments->setText(tr("Instruments"));
    m_instruments->setToolTip(tr("Choose the instruments shown as columns"));
    m_instruments->setPopupMode(QToolButton::InstantPopup);
    m_instruments->setMenu(new QMenu(m_instruments));
    m_uncertainty = new QComboBox(tracks);
    m_uncertainty->setToolTip(tr("Most uncertain first: scores closest to 0.5 at the top"));
    m_count = new QLabel(tracks);
    // A restriction to given tracks (a version's errors) says what is listed, above all else.
    auto *restrictionBar = new QFrame(tracks);
    restrictionBar->setFrameShape(QFrame::StyledPanel);
    m_restrictionBar = restrictionBar;
    m_restrictionBar->setObjectName(QStringLiteral("TrackRestriction"));
    m_restrictionBar->setAutoFillBackground(true);
    {
        QPalette palette = m_restrictionBar->palette();
        palette.setColor(QPalette::Window, palette.color(QPalette::Highlight).lighter(185));
        m_restrictionBar->setPalette(palette);
    }
    auto *restrictionRow = new QHBoxLayout(m_restrictionBar);
    restrictionRow->setContentsMargins(6, 3, 3, 3);
    m_restrictionCaption = new QLabel(m_restrictionBar);
    m_restrictionCaption->setWordWrap(true);
    m_clearRestriction = new QToolButton(m_restrictionBar);
    m_clearRestriction->setText(tr("Show All Tracks"));
    m_clearRestriction->setToolTip(tr("Lift the restriction to these tracks"));
    restrictionRow->addWidget(m_restrictionCaption, 1);
    restrictionRow->addWidget(m_clearRestriction);
    m_restrictionBar->hide();
    tracksLayout->addWidget(m_restrictionBar);
    // The filter line gets a row of its own: expressions are long, and the dock is narrow.
    tracksLayout->addWidget(m_filter);
    filterRow->addWidget(m_instruments);
    filterRow->addSpacing(8);
    filterRow->addWidget(new QLabel(tr("Most uncertain first:"), tracks));
    filterRow->addWidget(m_uncertainty);
    filterRow->addStretch(1);
    filterRow->addWidget(m_count);
    tracksLayout->addLayout(filterRow);

    m_scoreNote = new QLabel(tracks);
    m_scoreNote->setWordWrap(true);
    m_scoreNote->hide();
    tracksLayout->addWidget(m_scoreNote);

    m_view = new QTableView(tracks);
    m_view->setModel(m_model);
    m_delegate = new ScoreDelegate(m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, whatever the number of tracks.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    // The instrument columns are what the browser is for: album, year and path (in the facets
    // and the tooltip) start hidden so the scores are on screen; the header's menu shows them.
    for (int c : {library::TrackTableModel::AlbumColumn, library::TrackTableModel::YearColumn,
                  library::TrackTableModel::PathColumn})
        m_view->setColumnHidden(c, true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint &at) {
                QMenu menu(this);
                for (int c = 0; c < library::TrackTableModel::FixedColumnCount; ++c) {
                    QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
                    a->setCheckable(true);
                    a->setChecked(!m_view->isColumnHidden(c));
                    connect(a, &QAction::toggled, this, [this, c](bool on) {
                        m_view->setColumnHidden(c, !on);
                        if (on)
                            m_view->resizeColumnToContents(c);
                    });
                }
                menu.exec(m_view->horizontalHeader()->mapToGlobal(at));
            });
    tracksLayout->addWidget(m_view, 1);

    m_problems = new ScanProblemsView(m_tabs);
    m_tabs->addTab(tracks, tr("Tracks"));
    m_tabs->addTab(m_problems, tr("Scan Problems"));
    split->addWidget(m_facets);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({190, 600});
    layout->addWidget(split, 1);

    // Instrument columns right after the title, before the other tags: they are what the
    // browser is for, and the dock is rarely wide enough for every column.
    connect(m_model, &QAbstractItemModel::modelReset, this,
            &LibraryBrowser::placeInstrumentColumns);
    connect(m_filter, &QLineEdit::textChanged, this, &LibraryBrowser::applyFilter);
    connect(m_clearRestriction, &QToolButton::clicked, this,
            &LibraryBrowser::clearTrackRestriction);
    connect(m_facets, &FacetPanel::selectionChanged, this, &LibraryBrowser::applyFacets);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LibraryBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LibraryBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LibraryBrowser::updateCount);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT trackActivated(m_model->trackIdAt(index.row()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LibraryBrowser::selectionChanged);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        // A click on a header replaces the uncertainty order.
        const QSignalBlocker block(m_uncertainty);
        m_uncertainty->setCurrentIndex(0);
    });
    connect(m_uncertainty, &QComboBox::currentIndexChanged, this,
            [this] { sortByUncertainty(m_uncertainty->currentData().toString()); });
    updateCount();
    rebuildInstrumentMenu();

    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(kReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &LibraryBrowser::reloadAsync);
}

LibraryBrowser::~LibraryBrowser() = default;

void LibraryBrowser::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!m_session) {
        setLibrary(nullptr);
        return;
    }
    connect(m_session, &library::LibrarySession::libraryChanged, this,
            [this] { setLibrary(m_session->library()); });
    connect(m_session, &library::LibrarySession::labelsChanged, this,
            [this](const QList<qint64> &clipIds, bool all) {
                if (all || clipIds.size() > kMaxInPlaceLabelUpdates)
                    scheduleReload();
                else
                    updateLabelsAsync(clipIds);
            });
    connect(m_session, &library::LibrarySession::tracksChanged, this,
            &LibraryBrowser::scheduleReload);
    connect(m_session, &library::LibrarySession::modelsChanged, this,
            &LibraryBrowser::scheduleReload);
    connect(m_session, &library::LibrarySession::activeModelChanged, this,
            &LibraryBrowser::scheduleReload);
    connect(m_session, &library::LibrarySession::predictionsChanged, this,
            &LibraryBrowser::scheduleReload);
    setLibrary(m_session->library());
}

void LibraryBrowser::scheduleReload()
{
    // Not restarted by each notice: during a scan they come every poll, and the table must
    // still be read now and then rather than only once the scan stops.
    if (m_loading) {
        m_reloadAgain = true;
        return;
    }
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void LibraryBrowser::updateLabelsAsync(const QList<qint64> &clipIds)
{
    if (!m_library || clipIds.isEmpty())
        return;
    if (m_loading)
        m_labelsDuringLoad << clipIds;
    QList<qint64> shown;
    for (qint64 id : clipIds)
        if (m_model->table().rowOfClip(id) >= 0)
            shown << id;
    if (shown.isEmpty())
        return; // region clips: the browser shows whole tracks only
    const int generation = m_generation;
    using Labels = QList<QPair<qint64, QList<library::Label>>>;
    auto *watcher = new QFutureWatcher<Labels>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a reload (which reads the labels too) or another library since
        const QStringList keys = m_model->table().instrumentKeys();
        for (const auto &[clipId, labels] : watcher->result()) {
            QHash<QString, library::LabelState> known;
            for (const library::Label &l : labels)
                known.insert(l.instrumentKey, l.state);
            for (const QString &key : keys)
                m_model->updateLabel(clipId, key, known.value(key, library::LabelState::Unknown));
        }
        m_view->viewport()->update();
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib, shown] {
        const library::CatalogThreadScope catalogScope(lib->database());
        Labels out;
        for (qint64 id : shown) {
            auto labels = lib->labels().labelsOfClip(id);
            if (labels)
                out.append({id, *labels});
        }
        return out;
    }));
}

void LibraryBrowser::setLibrary(std::shared_ptr<library::Library> library)
{
    m_library = std::move(library);
    m_labelsDuringLoad.clear();
    m_reloadAgain = false;
    if (!m_library) {
        m_loading = false;
        ++m_generation;
        setSnapshot(BrowserSnapshot());
        return;
    }
    reloadAsync();
}

void LibraryBrowser::reloadAsync()
{
    if (!m_library)
        return;
    const int generation = ++m_generation;
    m_loading = true;
    Q_EMIT statusMessage(tr("Reading the catalog…"));
    auto *watcher = new QFutureWatcher<BrowserSnapshot>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        if (std::exchange(m_reloadAgain, false))
            m_reloadTimer->start();
        const QList<qint64> changedMeanwhile = std::exchange(m_labelsDuringLoad, {});
        if (!changedMeanwhile.isEmpty())
            QTimer::singleShot(0, this,
                               [this, changedMeanwhile] { updateLabelsAsync(changedMeanwhile); });
        BrowserSnapshot snapshot = watcher->result();
        if (!snapshot.error.isEmpty()) {
            Q_EMIT statusMessage(tr("Cannot read the catalog: %1").arg(snapshot.error));
            return;
        }
        setSnapshot(std::move(snapshot));
        Q_EMIT statusMessage(tr("Tracks in the library: %1").arg(m_model->totalRowCount()));
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return BrowserSnapshot::loadBlocking(*lib);
    }));
}

void LibraryBrowser::setSnapshot(BrowserSnapshot snapshot)
{
    const bool firstLoad = m_model->totalRowCount() == 0;
    // A reload (after a job) resets the model: keep the user's selection across it.
    const QList<qint64> selected = selectedTrackIds();
    const QModelIndex current = m_view->currentIndex();
    const qint64 currentTrack = current.isValid() ? m_model->trackIdAt(current.row()) : 0;
    m_shown = snapshot.shown;
    m_shownModelName = snapshot.shownModelName;
    m_activeModelName = snapshot.activeModelName;
    m_model->setTable(std::move(snapshot.table));
    const QStringList keys = m_model->table().instrumentKeys();
    QStringList chosen = QSettings().value(QLatin1String(kInstrumentsKey)).toStringList();
    chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                [&keys](const QString &k) { return !keys.contains(k); }),
                 chosen.end());
    // Until the user chose some: the instruments the library has most of (a full taxonomy
    // of 20 columns would push every score off screen).
    m_model->setInstrumentColumns(chosen.isEmpty() ? defaultInstruments(m_model->table()) : chosen);
    m_facets->setFacets(snapshot.facets);
    applyFacets();
    m_problems->setProblems(snapshot.scanProblems);
    m_tabs->setTabText(1,
                       snapshot.scanProblems.isEmpty()
                               ? tr("Scan Problems")
                               : tr("Scan Problems (%1)").arg(snapshot.scanProblems.size()));
    rebuildInstrumentMenu();
    updateStaleMark();
    if (firstLoad)
        m_view->resizeColumnsToContents();
    QItemSelection reselect;
    // viewRowOfTrack() is a linear search: for a large selection, one pass over the rows.
    QHash<qint64, int> rowOf;
    if (selected.size() > 64) {
        for (int r = 0; r < m_model->rowCount(); ++r)
            rowOf.insert(m_model->trackIdAt(r), r);
    }
    for (qint64 id : selected) {
        const int row = rowOf.isEmpty() ? m_model->viewRowOfTrack(id) : rowOf.value(id, -1);
        if (row >= 0)
            reselect.select(m_model->index(row, 0),
                            m_model->index(row, m_model->columnCount() - 1));
    }
    if (!reselect.isEmpty()) {
        const int row = m_model->viewRowOfTrack(currentTrack);
        if (row >= 0)
            m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                      QItemSelectionModel::NoUpdate);
        m_view->selectionModel()->select(reselect, QItemSelectionModel::ClearAndSelect);
    }
    updateCount();
    Q_EMIT loaded();
}

void LibraryBrowser::rebuildInstrumentMenu()
{
    const library::TrackTable &t = m_model->table();
    const QStringList shown = m_model->instrumentColumns();
    QMenu *menu = m_instruments->menu();
    menu->clear();
    const QString uncertain = m_uncertainty->currentData().toString();
    const QSignalBlocker block(m_uncertainty);
    m_uncertainty->clear();
    m_uncertainty->addItem(tr("—"), QString());
    for (int i = 0; i < t.instrumentCount(); ++i) {
        const QString key = t.instrumentKeys().at(i);
        const QString name = t.instrumentNames().value(i, key);
        QAction *a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(shown.contains(key));
        connect(a, &QAction::toggled, this, [this, key](bool on) {
            QStringList keys = m_model->instrumentColumns();
            if (on) {
                // Keep the taxonomy's order rather than the order of clicking.
                keys << key;
                const QStringList all = m_model->table().instrumentKeys();
                std::sort(keys.begin(), keys.end(), [&all](const QString &a, const QString &b) {
                    return all.indexOf(a) < all.indexOf(b);
                });
            } else {
                keys.removeAll(key);
            }
            setInstrumentColumns(keys);
        });
        m_uncertainty->addItem(name, key);
    }
    const int keep = m_uncertainty->findData(uncertain);
    m_uncertainty->setCurrentIndex(keep < 0 ? 0 : keep);
    m_instruments->setEnabled(t.instrumentCount() > 0);
    m_uncertainty->setEnabled(t.instrumentCount() > 0);
}

void LibraryBrowser::setInstrumentColumns(const QStringList &keys)
{
    m_model->setInstrumentColumns(keys);
    QSettings().setValue(QLatin1String(kInstrumentsKey), m_model->instrumentColumns());
    for (int c = library::TrackTableModel::FixedColumnCount; c < m_model->columnCount(); ++c)
        m_view->resizeColumnToContents(c);
    const QStringList shown = m_model->instrumentColumns();
    for (QAction *a : m_instruments->menu()->actions()) {
        const QSignalBlocker block(a);
        const int i = int(m_instruments->menu()->actions().indexOf(a));
        a->setChecked(shown.contains(m_model->table().instrumentKeys().value(i)));
    }
}

void LibraryBrowser::sortByUncertainty(const QString &instrumentKey)
{
    if (instrumentKey.isEmpty()) {
        m_model->sort(-1);
        return;
    }
    {
        // Clear the header's indicator without it re-sorting the model by its column.
        const QSignalBlocker block(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    }
    m_model->sortByUncertainty(instrumentKey);
    const int index = m_uncertainty->findData(instrumentKey);
    if (index >= 0 && index != m_uncertainty->currentIndex()) {
        const QSignalBlocker block(m_uncertainty);
        m_uncertainty->setCurrentIndex(index);
    }
    m_view->viewport()->update();
}

void LibraryBrowser::placeInstrumentColumns()
{
    QHeaderView *header = m_view->horizontalHeader();
    const int instruments = m_model->columnCount() - library::TrackTableModel::FixedColumnCount;
    for (int k = 0; k < instruments; ++k) {
        const int logical = library::TrackTableModel::FixedColumnCount + k;
        const int from = header->visualIndex(logical);
        if (from >= 0 && from != 1 + k)
            header->moveSection(from, 1 + k);
    }
}

bool LibraryBrowser::scoresAreStale() const
{
    return m_shown.hasScores() && (m_shown.stale || m_shown.activeRunUnfinished);
}

void LibraryBrowser::updateStaleMark()
{
    QString why;
    if (m_shown.stale) {
        why = m_activeModelName.isEmpty()
                ? tr("Scores of model %1, which is no longer active.").arg(m_shownModelName)
                : tr("Scores of model %1: the active model %2 has not predicted yet (Library > "
                     "Predict).")
                          .arg(m_shownModelName, m_activeModelName);
    } else if (m_shown.activeRunUnfinished) {
        why = tr("The last prediction of model %1 did not finish; some scores may be older.")
                      .arg(m_shownModelName);
    }
    m_delegate->setStale(scoresAreStale(), why);
    m_scoreNote->setText(why);
    m_scoreNote->setVisible(!why.isEmpty());
    m_view->viewport()->update();
}

void LibraryBrowser::applyFilter()
{
    const library::CatalogError error = m_model->setFilterText(m_filter->text());
    // A half-typed expression keeps the last good filter; say why instead of flickering.
    m_filter->setToolTip(error.isError() ? error.message : QString());
    m_filter->setStyleSheet(error.isError() ? QStringLiteral("color: #b03030;") : QString());
    updateCount();
}

void LibraryBrowser::showFiltered(const QString &filterText)
{
    // A facet still selected would and itself with the filter: the count would not be the
    // overview's.
    m_facets->clearSelection();
    clearTrackRestriction();
    m_filter->setText(filterText);
    applyFilter(); // also when the text was already there (setText emits nothing then)
    m_tabs->setCurrentIndex(0);
}

void LibraryBrowser::showOnlyTracks(const QString &caption, const QList<qint64> &trackIds)
{
    m_restricted = true;
    m_onlyTracks = QSet<qint64>(trackIds.cbegin(), trackIds.cend());
    m_restrictionCaption->setText(caption);
    m_restrictionBar->show();
    // Whatever narrowed the table before would hide some of the listed tracks.
    {
        const QSignalBlocker blockFacets(m_facets);
        m_facets->clearSelection();
    }
    {
        const QSignalBlocker blockFilter(m_filter);
        m_filter->clear();
    }
    applyFilter();
    applyFacets();
    m_tabs->setCurrentIndex(0);
    Q_EMIT trackRestrictionChanged(true);
}

void LibraryBrowser::clearTrackRestriction()
{
    if (!m_restricted)
        return;
    m_restricted = false;
    m_onlyTracks.clear();
    m_restrictionCaption->clear();
    m_restrictionBar->hide();
    applyFacets();
    Q_EMIT trackRestrictionChanged(false);
}

QString LibraryBrowser::trackRestrictionCaption() const
{
    return m_restricted ? m_restrictionCaption->text() : QString();
}

void LibraryBrowser::applyFacets()
{
    library::TrackTableModel::RowPredicate facets = LibraryFacets::predicate(m_facets->selection());
    if (!m_restricted) {
        m_model->setRowPredicate(std::move(facets));
    } else {
        // And-ed with the facets (the filter line is and-ed by the model itself).
        m_model->setRowPredicate([facets = std::move(facets),
                                  only = m_onlyTracks](const library::TrackTable &t, int row) {
            return only.contains(t.row(row).trackId) && (!facets || facets(t, row));
        });
    }
    updateCount();
}

void LibraryBrowser::updateCount()
{
    // %n: "1 of 1 track" in English needs the plural-only translations/timbre_en.ts.
    m_count->setText(
            tr("%1 of %n track(s)", nullptr, m_model->totalRowCount()).arg(m_model->rowCount()));
}

QList<qint64> LibraryBrowser::selectedTrackIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &i : rows)
        ids << m_model->trackIdAt(i.row());
    return ids;
}

QList<qint64> LibraryBrowser::selectedClipIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &i : rows) {
        const qint64 clip = m_model->table().row(m_model->tableRowAt(i.row())).clipId;
        if (clip > 0)
            ids << clip;
    }
    return ids;
}

qint64 LibraryBrowser::selectAdjacent(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return 0;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1)
                                      : (delta >= 0 ? 0 : rows - 1);
    const qint64 trackId = m_model->trackIdAt(row);
    selectTrack(trackId);
    return trackId;
}

bool LibraryBrowser::selectTrack(qint64 trackId)
{
    const int row = m_model->viewRowOfTrack(trackId);
    if (row < 0)
        return false;
    // Explicit command: selectRow() would follow the keyboard modifiers held at the time.
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

} // namespace timbre::widgets
