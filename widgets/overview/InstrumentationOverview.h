// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/overview/InstrumentationStats.h"
#include "widgets/overview/InstrumentCountsChart.h"
#include "widgets/overview/OverviewSnapshot.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QModelIndex;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

class AlbumActivityModel;
class CoOccurrenceModel;
class GroupShareModel;

// The library's instrumentation at a glance (docs/ARCHITECTURE.md §6): clips per instrument
// (labels present / absent / unknown, and scored at or above the threshold), a co-occurrence
// heat map, instrumentation by genre / artist / album, and one album's tracks x instruments.
// Every bar and cell is a way into the data: a click emits filterRequested() with the library
// browser's filter text for exactly the clips it counts (core/overview/OverviewFilter).
//
// Counting runs on a worker thread (QtConcurrent) and the GUI thread swaps the finished
// snapshot in; results of a load started before a newer one are dropped. reload() while the
// overview is hidden only marks it stale: it reads the catalog again when next shown.
class InstrumentationOverview : public QWidget
{
    Q_OBJECT
public:
    explicit InstrumentationOverview(QWidget *parent = nullptr);
    ~InstrumentationOverview() override;

    void setLibrary(std::shared_ptr<library::Library> library);
    // Shows an already loaded snapshot (what a reload does when the loader is done).
    void setSnapshot(OverviewSnapshot snapshot);
    const OverviewSnapshot &snapshot() const { return m_snapshot; }

    overview::CountBy countBy() const;
    void setCountBy(overview::CountBy by);
    void setGroupField(overview::GroupField field);
    // Loads the album's activity grid (asynchronously; albumLoaded() when shown).
    void showAlbum(const QString &album);

    InstrumentCountsChart *counts() const { return m_counts; }
    QTableView *coOccurrenceView() const { return m_pairsView; }
    QTableView *groupView() const { return m_groupView; }
    QTableView *albumView() const { return m_albumView; }
    // Per instrument: clips judged by two or more annotators, who, Fleiss' kappa, each pair's
    // Cohen's kappa.
    QTableWidget *agreementTable() const { return m_agreement; }
    QLabel *agreementNote() const { return m_agreementNote; }
    QTabWidget *tabs() const { return m_tabs; }

public Q_SLOTS:
    // Reads the catalog again (labels, predictions or the active model changed).
    void reload();

    // What a click on a bar or cell does; public so that keyboard paths and tests use the
    // same code as the mouse.
    void activateCount(int instrument, timbre::widgets::InstrumentCountsChart::Count count);
    void activatePair(const QModelIndex &index);
    void activateGroup(const QModelIndex &index);
    void activateAlbumCell(const QModelIndex &index);

Q_SIGNALS:
    // The browser's filter text for the clips a clicked bar or cell counts.
    void filterRequested(const QString &filterText);
    void statusMessage(const QString &text);
    // A snapshot was shown (after setLibrary / reload).
    void loaded();
    void albumLoaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadAsync();
    void refreshViews();
    void refreshGroups();
    void rebuildAlbumList();
    QList<int> shownInstruments() const;
    QString scoresTitle() const;

    std::shared_ptr<library::Library> m_library;
    OverviewSnapshot m_snapshot;
    bool m_stale = false;
    int m_generation = 0; // drops results of loads started before the newest
    int m_albumGeneration = 0;

    QComboBox *m_countBy = nullptr;
    QLabel *m_modelNote = nullptr;
    QTabWidget *m_tabs = nullptr;
    InstrumentCountsChart *m_counts = nullptr;
    CoOccurrenceModel *m_pairs = nullptr;
    QTableView *m_pairsView = nullptr;
    QLabel *m_pairsNote = nullptr;
    QComboBox *m_groupField = nullptr;
    GroupShareModel *m_groups = nullptr;
    QTableView *m_groupView = nullptr;
    QComboBox *m_album = nullptr;
    AlbumActivityModel *m_albumModel = nullptr;
    QTableView *m_albumView = nullptr;
    QTableWidget *m_agreement = nullptr;
    QLabel *m_agreementNote = nullptr;

    void refreshAgreement();
};

} // namespace timbre::widgets
