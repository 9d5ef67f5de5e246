// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/review/ReviewTypes.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace timbre::library {
class LibrarySession;
}

namespace timbre::widgets {

// The review queues beside the label editor (docs/REVIEW_QUEUES.md): pick a queue (uncertain,
// likely label errors, disagreement, unlabelled), see its ranked entries (clip, instrument,
// current label, score), and walk it from the editor with one key (Q). Ranking runs on the
// thread pool (core/review's ReviewQueue); the list stays as ranked while the user labels, so
// the walk does not reshuffle under them, and is ranked again when the model or its scores
// change or on Refresh. A queue that cannot be ranked (no model, no scores, no cross-fit yet)
// says why and which command makes what it needs.
class ReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget *parent = nullptr);
    ~ReviewPanel() override;

    void setSession(library::LibrarySession *session);
    void setKind(review::QueueKind kind);
    review::QueueKind kind() const;
    // Ranks the chosen queue again (off the GUI thread); queueReady follows.
    void refresh();
    // Entries shown, best first.
    const QList<review::ReviewEntry> &entries() const { return m_entries; }
    // The track of a clip in the queue (0 when it is not in it).
    qint64 trackOfClip(qint64 clipId) const { return m_trackOfClip.value(clipId); }
    // The instrument the queue ranks a clip for (its best entry's; empty when none).
    QString instrumentOfClip(qint64 clipId) const;
    // Marks the entry of `clipId` as the current one (the editor moved there).
    void showCurrent(qint64 clipId);
    QString statusText() const;
    QTreeWidget *list() const { return m_list; }

    static constexpr int kLimit = 500; // entries ranked and shown

Q_SIGNALS:
    // The ranked clips, best first (one per clip), for the editor's Q key.
    void queueReady(const QList<qint64> &clipIds);
    // The user chose an entry (double-click or Enter).
    void entryActivated(qint64 clipId, qint64 trackId, const QString &instrumentKey);

private:
    void showRanked(const QList<review::ReviewEntry> &entries, const QString &problem);
    QString labelText(library::LabelState state) const;

    QPointer<library::LibrarySession> m_session;
    QList<review::ReviewEntry> m_entries;
    QHash<qint64, qint64> m_trackOfClip;
    QHash<QString, QString> m_names; // instrument key -> display name
    QString m_problem;
    int m_generation = 0;
    bool m_ranking = false;

    QComboBox *m_kind = nullptr;
    QToolButton *m_refresh = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace timbre::widgets
