// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/review/ReviewPanel.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/Taxonomy.h"
#include "core/review/ReviewQueue.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace timbre::widgets {

namespace {

struct Ranked
{
    QList<review::ReviewEntry> entries;
    QHash<QString, QString> names; // instrument key -> display name (translated defaults)
    QString problem;
};

QString scoreText(float score)
{
    return std::isnan(score) ? QStringLiteral("–") : QString::number(double(score), 'f', 2);
}

} // namespace

ReviewPanel::ReviewPanel(QWidget *parent) : QWidget(parent)
{
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Uncertain"), int(review::QueueKind::Uncertain));
    m_kind->addItem(tr("Likely label errors"), int(review::QueueKind::LabelErrors));
    m_kind->addItem(tr("Disagreement"), int(review::QueueKind::Disagreement));
    m_kind->addItem(tr("Unlabelled"), int(review::QueueKind::Unlabelled));
    m_kind->setToolTip(tr("Uncertain: unknown labels the model is least sure of. Likely label "
                          "errors: labels the model, trained without them, contradicts. "
                          "Disagreement: where the active version and its parent differ most. "
                          "Unlabelled: clips without any label."));
    m_refresh = new QToolButton(this);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Rank the queue again with the current labels and scores"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Clip"), tr("Instrument"), tr("Label"), tr("Score")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    // Measure only the rows in view: every relayout of the window (a dock shown, say) sized the
    // columns over up to 1000 rows, about 15 ms on the GUI thread.
    m_list->header()->setResizeContentsPrecision(0);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_kind, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_refresh, &QToolButton::clicked, this, [this] { refresh(); });
    auto activate = [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        const int row = m_list->indexOfTopLevelItem(item);
        if (row < 0 || row >= m_entries.size())
            return;
        const review::ReviewEntry &e = m_entries.at(row);
        Q_EMIT entryActivated(e.clipId, e.trackId, e.instrumentKey);
    };
    connect(m_list, &QTreeWidget::itemActivated, this,
            [activate](QTreeWidgetItem *item, int) { activate(item); });
    showRanked({}, tr("Open a library to rank its clips for review."));
}

ReviewPanel::~ReviewPanel() = default;

void ReviewPanel::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!session)
        return;
    // The model or its scores changed: the ranking is stale. Label edits do not re-rank (the
    // walk would reshuffle under the user); Refresh does.
    connect(session, &library::LibrarySession::libraryChanged, this, [this] { refresh(); });
    connect(session, &library::LibrarySession::activeModelChanged, this, [this] { refresh(); });
    connect(session, &library::LibrarySession::predictionsChanged, this, [this] { refresh(); });
    if (session->library())
        refresh();
}

void ReviewPanel::setKind(review::QueueKind kind)
{
    const int index = m_kind->findData(int(kind));
    if (index == m_kind->currentIndex())
        refresh();
    else
        m_kind->setCurrentIndex(index); // refreshes
}

review::QueueKind ReviewPanel::kind() const
{
    return review::QueueKind(m_kind->currentData().toInt());
}

void ReviewPanel::refresh()
{
    const std::shared_ptr<library::Library> lib = m_session ? m_session->library() : nullptr;
    const int generation = ++m_generation;
    if (!lib) {
        showRanked({}, tr("Open a library to rank its clips for review."));
        return;
    }
    m_ranking = true;
    m_status->setText(tr("Ranking…"));
    const review::QueueKind kind = this->kind();
    QPointer<ReviewPanel> self(this);
    auto future = QtConcurrent::run([lib, kind] {
        const library::CatalogThreadScope catalogScope(lib->database());
        review::QueueOptions options;
        options.limit = kLimit;
        // Test clips measure the versions; labelling them from a queue would bias that.
        options.includeTestClips = false;
        Ranked out;
        auto ranked = review::ReviewQueue::rank(*lib, kind, options);
        if (ranked)
            out.entries = *ranked;
        else
            out.problem = ranked.error().message;
        if (auto instruments = lib->taxonomy().instruments()) {
            for (const library::Instrument &i : *instruments)
                out.names.insert(i.key, i.displayName);
        }
        return out;
    });
    auto *watcher = new QFutureWatcher<Ranked>(this);
    connect(watcher, &QFutureWatcher<Ranked>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer ranking was asked for
        m_ranking = false;
        const Ranked r = watcher->result();
        m_names = r.names;
        showRanked(r.entries, r.problem);
    });
    watcher->setFuture(future);
}

void ReviewPanel::showRanked(const QList<review::ReviewEntry> &entries, const QString &problem)
{
    m_entries = entries;
    m_problem = problem;
    m_trackOfClip.clear();
    m_list->clear();
    QList<qint64> clips;
    QList<QTreeWidgetItem *> items;
    items.reserve(entries.size());
    for (const review::ReviewEntry &e : entries) {
        if (!m_trackOfClip.contains(e.clipId))
            clips << e.clipId;
        m_trackOfClip.insert(e.clipId, e.trackId);
        auto *item = new QTreeWidgetItem;
        item->setText(0, e.clipKey.section(QLatin1Char('/'), -1));
        item->setToolTip(0, e.clipKey);
        item->setText(1, m_names.value(e.instrumentKey, e.instrumentKey));
        item->setText(2, labelText(e.currentLabel));
        QString score = scoreText(e.score);
        if (!std::isnan(e.otherScore))
            score += QStringLiteral(" / ") + scoreText(e.otherScore);
        item->setText(3, score);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        items << item;
    }
    m_list->addTopLevelItems(items);
    m_status->setText(statusText());
    Q_EMIT queueReady(clips);
}

QString ReviewPanel::statusText() const
{
    if (!m_problem.isEmpty())
        return m_problem;
    if (m_entries.isEmpty())
        return tr("Nothing to review in this queue.");
    return tr("%n entries; Q in the label editor walks them.", nullptr, int(m_entries.size()));
}

QString ReviewPanel::instrumentOfClip(qint64 clipId) const
{
    for (const review::ReviewEntry &e : m_entries) {
        if (e.clipId == clipId)
            return e.instrumentKey;
    }
    return QString();
}

void ReviewPanel::showCurrent(qint64 clipId)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).clipId == clipId) {
            QTreeWidgetItem *item = m_list->topLevelItem(row);
            m_list->setCurrentItem(item);
            m_list->scrollToItem(item);
            return;
        }
    }
}

QString ReviewPanel::labelText(library::LabelState state) const
{
    switch (state) {
    case library::LabelState::Present:
        return tr("present");
    case library::LabelState::Absent:
        return tr("absent");
    case library::LabelState::Unknown:
        break;
    }
    return tr("unknown");
}

} // namespace timbre::widgets
