// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ShownScores.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class QComboBox;
class QTimer;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QToolButton;

namespace timbre::library {
class Library;
class LibrarySession;
class TrackTableModel;
} // namespace timbre::library

namespace timbre::widgets {

class FacetPanel;
class ScanProblemsView;
class ScoreDelegate;
struct BrowserSnapshot;

// The library browser: facets (folders, artists, albums, genres) beside a filter line
// ("violin > 0.7 and unlabelled", free text) over a table of tracks with their tags and one
// column per chosen instrument (the shown model's score and the label state), and a tab with
// the files the scan could not read. Everything is read from the catalog on a worker thread;
// the GUI thread only swaps the finished snapshot in.
//
// The table is in memory (TrackTable, filtered and sorted in C++), so it needs no lazy
// fetching: QTableView asks only for the visible rows, and 100 000 tracks scroll as fast as
// 100 (measured in tests/widgets/library/LibraryBrowser_test.cpp, see docs/BENCHMARKS.md).
class LibraryBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit LibraryBrowser(QWidget *parent = nullptr);
    ~LibraryBrowser() override;

    // Follows the session's library and its change notices: label changes update their cells in
    // place, other changes (tracks, models, scores) read the catalog again.
    void setSession(library::LibrarySession *session);
    // Shows `library` (shared with the loader thread, which may outlive a quick switch).
    void setLibrary(std::shared_ptr<library::Library> library);
    // Reads the catalog again (after a scan, a prediction, a model change).
    void reloadAsync();
    // Shows an already loaded snapshot (what reloadAsync() does when the loader is done).
    void setSnapshot(BrowserSnapshot snapshot);

    library::TrackTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    FacetPanel *facets() const { return m_facets; }
    ScanProblemsView *scanProblems() const { return m_problems; }
    QLineEdit *filterLine() const { return m_filter; }
    QTabWidget *tabs() const { return m_tabs; }
    const library::ShownScores &shownScores() const { return m_shown; }
    QString shownModelName() const { return m_shownModelName; }
    QString activeModelName() const { return m_activeModelName; }
    bool scoresAreStale() const;

    // Track ids of the selected rows, in view order.
    QList<qint64> selectedTrackIds() const;
    // Their whole-track clips (the labelled bags), in view order.
    QList<qint64> selectedClipIds() const;
    // Selects the row `delta` rows below (above, when negative) the current one, clamped;
    // returns its track id (0 when the table is empty).
    qint64 selectAdjacent(int delta);
    // Reads the labels of these clips again and updates their cells.
    void updateLabelsAsync(const QList<qint64> &clipIds);
    // Selects the track's row and scrolls to it; false when it is filtered out or unknown.
    bool selectTrack(qint64 trackId);
    // Instruments shown as columns (keys); remembered across sessions.
    void setInstrumentColumns(const QStringList &keys);
    // Most uncertain first (|score - 0.5| ascending); empty key = back to the header's sort.
    void sortByUncertainty(const QString &instrumentKey);
    // Lists exactly the tracks `filterText` selects (a click in the instrumentation
    // overview): facet selection and track restriction cleared, the filter line set, the
    // tracks tab in front.
    void showFiltered(const QString &filterText);
    // Restricts the table to these tracks (a version's errors from the comparison view), with
    // `caption` above the table and a button that lifts the restriction. The facets and the
    // filter line are cleared, so every listed track shows, and then narrow the list further
    // as usual. Stays across reloads until cleared.
    void showOnlyTracks(const QString &caption, const QList<qint64> &trackIds);
    void clearTrackRestriction();
    bool isTrackRestricted() const { return m_restricted; }
    QString trackRestrictionCaption() const;
    QToolButton *clearRestrictionButton() const { return m_clearRestriction; }

Q_SIGNALS:
    void statusMessage(const QString &text);
    // Double-click or Enter on a row.
    void trackActivated(qint64 trackId);
    void selectionChanged();
    // A snapshot was shown (after setLibrary / reloadAsync).
    void loaded();
    // showOnlyTracks() / clearTrackRestriction() (or the caption's button).
    void trackRestrictionChanged(bool restricted);

private:
    void applyFilter();
    void applyFacets();
    void updateCount();
    void rebuildInstrumentMenu();
    void updateStaleMark();
    void placeInstrumentColumns();
    void scheduleReload();

    std::shared_ptr<library::Library> m_library;
    library::TrackTableModel *m_model = nullptr;
    FacetPanel *m_facets = nullptr;
    ScanProblemsView *m_problems = nullptr;
    ScoreDelegate *m_delegate = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QToolButton *m_instruments = nullptr;
    QComboBox *m_uncertainty = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_scoreNote = nullptr;
    QWidget *m_restrictionBar = nullptr;
    QLabel *m_restrictionCaption = nullptr;
    QToolButton *m_clearRestriction = nullptr;
    bool m_restricted = false;
    QSet<qint64> m_onlyTracks; // when m_restricted
    QTableView *m_view = nullptr;
    library::ShownScores m_shown;
    QString m_shownModelName;
    QString m_activeModelName;
    int m_generation = 0; // drops results of loads started for an earlier library
    QPointer<library::LibrarySession> m_session;
    QTimer *m_reloadTimer = nullptr; // coalesces change notices into one reload
    bool m_loading = false;
    bool m_reloadAgain = false; // a change notice came while a reload was reading
    // Clips whose labels changed while a reload was reading: read again after it, as the
    // reload may have read them before the change.
    QList<qint64> m_labelsDuringLoad;
};

} // namespace timbre::widgets
