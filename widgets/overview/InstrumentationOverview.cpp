// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/InstrumentationOverview.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/overview/AlbumActivity.h"
#include "core/overview/OverviewFilter.h"
#include "widgets/overview/AlbumActivityModel.h"
#include "widgets/overview/CoOccurrenceModel.h"
#include "widgets/overview/GroupShareModel.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

namespace timbre::widgets {

using overview::CountBy;
using overview::GroupField;
namespace OverviewFilter = overview::OverviewFilter;

namespace {

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setSectionsClickable(true);
    return view;
}

} // namespace

InstrumentationOverview::InstrumentationOverview(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *countByLabel = new QLabel(tr("Count &by:"), this);
    m_countBy = new QComboBox(this);
    m_countBy->addItem(tr("Labels (present)"), int(CountBy::Labels));
    m_countBy->addItem(tr("Model scores (at or above the threshold)"), int(CountBy::Predictions));
    m_countBy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_countBy->setMinimumContentsLength(18);
    m_countBy->setToolTip(tr("What the co-occurrence, group and album tables count"));
    countByLabel->setBuddy(m_countBy);
    m_modelNote = new QLabel(this);
    m_modelNote->setWordWrap(true);
    top->addWidget(countByLabel);
    top->addWidget(m_countBy);
    top->addStretch(1);
    layout->addLayout(top);
    layout->addWidget(m_modelNote);

    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);

    m_counts = new InstrumentCountsChart(m_tabs);
    m_tabs->addTab(m_counts, tr("&Instruments"));

    auto *pairsPage = new QWidget(m_tabs);
    auto *pairsLayout = new QVBoxLayout(pairsPage);
    m_pairsNote = new QLabel(pairsPage);
    m_pairsNote->setWordWrap(true);
    m_pairs = new CoOccurrenceModel(this);
    m_pairsView = makeTable(pairsPage);
    m_pairsView->setModel(m_pairs);
    m_pairsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_pairsView->horizontalHeader()->setDefaultSectionSize(76);
    pairsLayout->addWidget(m_pairsNote);
    pairsLayout->addWidget(m_pairsView, 1);
    m_tabs->addTab(pairsPage, tr("&Co-occurrence"));

    auto *groupPage = new QWidget(m_tabs);
    auto *groupLayout = new QVBoxLayout(groupPage);
    auto *groupRow = new QHBoxLayout;
    m_groupField = new QComboBox(groupPage);
    m_groupField->addItem(tr("Genre"), int(GroupField::Genre));
    m_groupField->addItem(tr("Artist"), int(GroupField::Artist));
    m_groupField->addItem(tr("Album"), int(GroupField::Album));
    auto *groupLabel = new QLabel(tr("&Group by:"), groupPage);
    groupLabel->setBuddy(m_groupField);
    groupRow->addWidget(groupLabel);
    groupRow->addWidget(m_groupField);
    groupRow->addStretch(1);
    auto *groupNote = new QLabel(tr("Each cell: the share of the group's clips with the "
                                    "instrument."),
                                 groupPage);
    groupNote->setWordWrap(true);
    m_groups = new GroupShareModel(this);
    m_groupView = makeTable(groupPage);
    m_groupView->setModel(m_groups);
    m_groupView->horizontalHeader()->setDefaultSectionSize(76);
    groupLayout->addLayout(groupRow);
    groupLayout->addWidget(groupNote);
    groupLayout->addWidget(m_groupView, 1);
    m_tabs->addTab(groupPage, tr("By g&roup"));

    auto *albumPage = new QWidget(m_tabs);
    auto *albumLayout = new QVBoxLayout(albumPage);
    auto *albumRow = new QHBoxLayout;
    m_album = new QComboBox(albumPage);
    m_album->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_album->setMinimumContentsLength(16);
    auto *albumLabel = new QLabel(tr("&Album:"), albumPage);
    albumLabel->setBuddy(m_album);
    albumRow->addWidget(albumLabel);
    albumRow->addWidget(m_album);
    albumRow->addStretch(1);
    auto *albumNote = new QLabel(tr("Each cell: the model's score, and the label (✓ present, "
                                    "✗ absent)."),
                                 albumPage);
    albumNote->setWordWrap(true);
    m_albumModel = new AlbumActivityModel(this);
    m_albumView = makeTable(albumPage);
    m_albumView->setModel(m_albumModel);
    m_albumView->horizontalHeader()->setDefaultSectionSize(76);
    albumLayout->addLayout(albumRow);
    albumLayout->addWidget(albumNote);
    albumLayout->addWidget(m_albumView, 1);
    m_tabs->addTab(albumPage, tr("A&lbum"));

    auto *agreementPage = new QWidget(m_tabs);
    auto *agreementLayout = new QVBoxLayout(agreementPage);
    m_agreementNote = new QLabel(agreementPage);
    m_agreementNote->setWordWrap(true);
    m_agreement = new QTableWidget(agreementPage);
    m_agreement->setObjectName(QStringLiteral("AgreementTable"));
    m_agreement->setColumnCount(5);
    m_agreement->setHorizontalHeaderLabels({tr("Instrument"), tr("Clips"), tr("Annotators"),
                                            tr("Fleiss' κ"), tr("Pairs (Cohen's κ)")});
    m_agreement->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_agreement->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_agreement->verticalHeader()->hide();
    m_agreement->horizontalHeader()->setStretchLastSection(true);
    agreementLayout->addWidget(m_agreementNote);
    agreementLayout->addWidget(m_agreement, 1);
    m_tabs->addTab(agreementPage, tr("A&greement"));

    connect(m_counts, &InstrumentCountsChart::barActivated, this,
            &InstrumentationOverview::activateCount);
    for (QTableView *view : {m_pairsView, m_groupView, m_albumView}) {
        // A click, or Enter on the current cell: the same way into the browser.
        void (InstrumentationOverview::*slot)(const QModelIndex &)
                = view == m_pairsView ? &InstrumentationOverview::activatePair
                : view == m_groupView ? &InstrumentationOverview::activateGroup
                                      : &InstrumentationOverview::activateAlbumCell;
        connect(view, &QAbstractItemView::clicked, this, slot);
        connect(view, &QAbstractItemView::activated, this, slot);
    }
    connect(m_albumView->verticalHeader(), &QHeaderView::sectionClicked, this,
            [this](int row) { activateAlbumCell(m_albumModel->index(row, 0)); });
    connect(m_albumView->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        const int k = m_albumModel->instrumentAt(column);
        const auto &stats = m_snapshot.stats;
        if (k < 0 || k >= stats.instrumentCount())
            return;
        Q_EMIT filterRequested(OverviewFilter::groupWith(GroupField::Album, m_albumModel->activity().album,
                                                         stats.keys[k], countBy(),
                                                         stats.thresholds[size_t(k)]));
    });
    connect(m_countBy, &QComboBox::currentIndexChanged, this, [this] { refreshGroups(); });
    connect(m_groupField, &QComboBox::currentIndexChanged, this, [this] { refreshGroups(); });
    connect(m_album, &QComboBox::currentIndexChanged, this,
            [this] { showAlbum(m_album->currentData().toString()); });
    refreshViews();
}

InstrumentationOverview::~InstrumentationOverview()
{
    // A read still running must not outlive the view: at the end of the program it would use
    // its catalog connection while the application is being torn down (a PostgreSQL catalog's
    // driver crashed there). Reads are short; this waits for at most the one in flight.
    for (QFutureWatcherBase *watcher : findChildren<QFutureWatcherBase *>())
        watcher->waitForFinished();
}

void InstrumentationOverview::setLibrary(std::shared_ptr<library::Library> library)
{
    m_library = std::move(library);
    ++m_generation;
    ++m_albumGeneration;
    setSnapshot(OverviewSnapshot());
    reload();
}

void InstrumentationOverview::reload()
{
    if (!m_library)
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    loadAsync();
}

void InstrumentationOverview::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        loadAsync();
}

void InstrumentationOverview::loadAsync()
{
    m_stale = false;
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<OverviewSnapshot>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        OverviewSnapshot snapshot = watcher->result();
        if (!snapshot.error.isEmpty()) {
            Q_EMIT statusMessage(tr("Cannot count the library's instruments: %1")
                                         .arg(snapshot.error));
            return;
        }
        setSnapshot(std::move(snapshot));
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return OverviewSnapshot::loadBlocking(*lib);
    }));
}

void InstrumentationOverview::setSnapshot(OverviewSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    refreshViews();
    Q_EMIT loaded();
}

CountBy InstrumentationOverview::countBy() const
{
    return CountBy(m_countBy->currentData().toInt());
}

void InstrumentationOverview::setCountBy(CountBy by)
{
    m_countBy->setCurrentIndex(m_countBy->findData(int(by)));
}

void InstrumentationOverview::setGroupField(GroupField field)
{
    m_groupField->setCurrentIndex(m_groupField->findData(int(field)));
}

QList<int> InstrumentationOverview::shownInstruments() const
{
    // The instruments the library has anything on: 20 empty rows would hide the few that
    // matter. A library without labels or scores shows them all (all unknown).
    const auto &s = m_snapshot.stats;
    QList<int> some;
    for (int k = 0; k < s.instrumentCount(); ++k) {
        if (s.present[size_t(k)] + s.absent[size_t(k)] + s.predicted[size_t(k)] > 0)
            some << k;
    }
    if (!some.isEmpty())
        return some;
    for (int k = 0; k < s.instrumentCount(); ++k)
        some << k;
    return some;
}

QString InstrumentationOverview::scoresTitle() const
{
    if (m_snapshot.modelName.isEmpty())
        return QString();
    // The model's name is in the note above the tabs: the chart title stays short.
    return m_snapshot.storedThresholds
            ? tr("Scores at or above the tuned thresholds")
            : tr("Scores at or above %1")
                      .arg(QLocale().toString(overview::kDefaultThreshold, 'g', 3));
}

void InstrumentationOverview::refreshViews()
{
    const QList<int> instruments = shownInstruments();
    m_counts->setCounts(m_snapshot.stats, instruments, scoresTitle());
    QString note;
    if (!m_library)
        note = tr("No library open.");
    else if (m_snapshot.modelName.isEmpty())
        note = tr("No model scores yet: Library > Predict scores the clips.");
    else if (m_snapshot.shown.stale)
        note = tr("Scores of model %1, not of the active model (it has not predicted yet).")
                       .arg(m_snapshot.modelName);
    else
        note = tr("Scores of the active model %1.").arg(m_snapshot.modelName);
    m_modelNote->setText(note);
    refreshGroups();
    rebuildAlbumList();
    refreshAgreement();
}

void InstrumentationOverview::refreshAgreement()
{
    const auto kappa = [](double k) {
        return std::isnan(k) ? QStringLiteral("–") : QLocale().toString(k, 'f', 2);
    };
    QList<const overview::InstrumentAgreement *> judged;
    for (const overview::InstrumentAgreement &a : m_snapshot.agreement) {
        if (a.items > 0)
            judged << &a;
    }
    m_agreementNote->setText(
            judged.isEmpty()
                    ? tr("No clip has been labelled by two annotators yet. Each person's labels "
                         "are kept beside the adjudicated one; once two have judged the same "
                         "clips, their agreement shows here.")
                    : tr("Agreement beyond chance on the clips two or more annotators labelled: "
                         "1 = always the same, 0 = no better than chance, below 0 = worse."));
    m_agreement->setRowCount(int(judged.size()));
    const QStringList &keys = m_snapshot.stats.keys;
    for (int r = 0; r < judged.size(); ++r) {
        const overview::InstrumentAgreement &a = *judged.at(r);
        const qsizetype k = keys.indexOf(a.instrument);
        QStringList pairs;
        for (const overview::PairAgreement &p : a.pairs)
            pairs << tr("%1–%2: %3 (%n clip(s))", nullptr, p.items)
                             .arg(p.first, p.second, kappa(p.kappa));
        const QStringList cells {k >= 0 ? m_snapshot.stats.names.at(k) : a.instrument,
                                 QLocale().toString(a.items), QLocale().toString(a.annotators),
                                 kappa(a.fleissKappa), pairs.join(QStringLiteral("; "))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c >= 1 && c <= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_agreement->setItem(r, c, item);
        }
    }
    m_agreement->resizeColumnsToContents();
}

void InstrumentationOverview::refreshGroups()
{
    const CountBy by = countBy();
    const auto &s = m_snapshot.stats;
    QList<int> instruments;
    for (int k = 0; k < s.instrumentCount(); ++k) {
        if ((by == CountBy::Labels ? s.present : s.predicted)[size_t(k)] > 0)
            instruments << k;
    }
    m_pairs->setCounts(s, by, instruments);
    m_pairsNote->setText(
            instruments.isEmpty()
                    ? (by == CountBy::Labels ? tr("No clip is labelled present yet.")
                                             : tr("No clip is scored at or above the threshold."))
                    : by == CountBy::Labels
                    ? tr("Clips where both instruments are labelled present; on the diagonal, the "
                         "instrument alone.")
                    : tr("Clips where the model scores both instruments at or above the "
                         "threshold; on the diagonal, the instrument alone."));
    m_groups->setShares(s, GroupField(m_groupField->currentData().toInt()), by, instruments);
    m_groupView->resizeColumnToContents(GroupShareModel::NameColumn);
    m_groupView->setColumnWidth(GroupShareModel::NameColumn,
                                std::min(m_groupView->columnWidth(GroupShareModel::NameColumn), 240));
}

void InstrumentationOverview::rebuildAlbumList()
{
    const QString current = m_album->currentData().toString();
    {
        const QSignalBlocker block(m_album);
        m_album->clear();
        const overview::GroupShares &albums = m_snapshot.stats.albums;
        for (int g = 0; g < albums.groupCount(); ++g) {
            if (albums.names[g].isEmpty())
                continue; // untagged tracks are no album
            m_album->addItem(tr("%1 (%n track(s))", nullptr, albums.clips[size_t(g)])
                                     .arg(albums.names[g]),
                             albums.names[g]);
        }
        const int keep = m_album->findData(current);
        m_album->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    showAlbum(m_album->currentData().toString());
}

void InstrumentationOverview::showAlbum(const QString &album)
{
    const int generation = ++m_albumGeneration;
    if (!m_library || album.isEmpty()) {
        m_albumModel->setActivity(overview::AlbumActivity(), {});
        Q_EMIT albumLoaded();
        return;
    }
    if (m_album->currentData().toString() != album) {
        const QSignalBlocker block(m_album);
        m_album->setCurrentIndex(m_album->findData(album));
    }
    using Result = library::CatalogResult<overview::AlbumActivity>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_albumGeneration)
            return;
        Result result = watcher->result();
        if (!result) {
            Q_EMIT statusMessage(tr("Cannot read the album: %1").arg(result.error().message));
            return;
        }
        m_albumModel->setActivity(result.take(), m_snapshot.stats.thresholds);
        m_albumView->resizeColumnsToContents();
        Q_EMIT albumLoaded();
    });
    std::shared_ptr<library::Library> lib = m_library;
    const qint64 model = m_snapshot.stats.modelId;
    watcher->setFuture(QtConcurrent::run([lib, album, model] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return overview::AlbumActivity::loadBlocking(*lib, album, model);
    }));
}

void InstrumentationOverview::activateCount(int instrument, InstrumentCountsChart::Count count)
{
    const auto &s = m_snapshot.stats;
    if (instrument < 0 || instrument >= s.instrumentCount())
        return;
    const QString &key = s.keys[instrument];
    switch (count) {
    case InstrumentCountsChart::Count::Present:
        Q_EMIT filterRequested(OverviewFilter::label(key, library::LabelState::Present));
        return;
    case InstrumentCountsChart::Count::Absent:
        Q_EMIT filterRequested(OverviewFilter::label(key, library::LabelState::Absent));
        return;
    case InstrumentCountsChart::Count::Unknown:
        Q_EMIT filterRequested(OverviewFilter::label(key, library::LabelState::Unknown));
        return;
    case InstrumentCountsChart::Count::Scored:
        if (s.modelId > 0)
            Q_EMIT filterRequested(OverviewFilter::scored(key, s.thresholds[size_t(instrument)]));
        return;
    }
}

void InstrumentationOverview::activatePair(const QModelIndex &index)
{
    const auto &s = m_snapshot.stats;
    const int a = m_pairs->instrumentAt(index.row());
    const int b = m_pairs->instrumentAt(index.column());
    if (!index.isValid() || a < 0 || b < 0)
        return;
    Q_EMIT filterRequested(OverviewFilter::both(s.keys[a], s.thresholds[size_t(a)], s.keys[b],
                                                s.thresholds[size_t(b)], countBy()));
}

void InstrumentationOverview::activateGroup(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto &s = m_snapshot.stats;
    const auto field = GroupField(m_groupField->currentData().toInt());
    const QString group = m_groups->groupAt(index.row());
    const int k = m_groups->instrumentAt(index.column());
    Q_EMIT filterRequested(k < 0 ? OverviewFilter::group(field, group)
                                 : OverviewFilter::groupWith(field, group, s.keys[k], countBy(),
                                                             s.thresholds[size_t(k)]));
}

void InstrumentationOverview::activateAlbumCell(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString path = m_albumModel->activity().paths.value(index.row());
    if (!path.isEmpty())
        Q_EMIT filterRequested(OverviewFilter::track(path));
}

} // namespace timbre::widgets
