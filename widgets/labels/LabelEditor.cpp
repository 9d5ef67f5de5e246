// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/labels/LabelEditor.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/LabelWriteQueue.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "models/api/ModelKinds.h"
#include "widgets/labels/InstrumentHotkeys.h"
#include "widgets/labels/LabelConflictBar.h"

#include <QAction>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace timbre::widgets {

using library::LabelState;

namespace {

enum Column { KeyColumn, NameColumn, LabelColumn, ScoreColumn };

QString author()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("workbench") : user;
}

QColor stateColour(LabelState state)
{
    switch (state) {
    case LabelState::Present:
        return QColor(0x1b, 0x7f, 0x3b);
    case LabelState::Absent:
        return QColor(0xb0, 0x30, 0x30);
    case LabelState::Unknown:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

} // namespace

LabelEditor::LabelEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("LabelEditor"));
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("ClipTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_save = new SaveStateLabel(this);
    layout->addWidget(m_save);

    m_conflictBar = new LabelConflictBar(this);
    m_conflictBar->setInstrumentNames([this](const QString &key) {
        const int row = m_shown.indexOf(key);
        return row >= 0 ? m_shown.instruments.at(row).displayName : key;
    });
    connect(m_conflictBar, &LabelConflictBar::resolved, this, &LabelEditor::resolveConflict);
    layout->addWidget(m_conflictBar);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("InstrumentList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("Key"), tr("Instrument"), tr("Label"), tr("Score")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->installEventFilter(this);
    layout->addWidget(m_list, 4);

    auto *accept = new QHBoxLayout;
    accept->addWidget(new QLabel(tr("Confident: present ≥"), this));
    m_presentAt = new QDoubleSpinBox(this);
    m_presentAt->setRange(0.5, 1.0);
    m_presentAt->setSingleStep(0.05);
    m_presentAt->setValue(0.9);
    accept->addWidget(m_presentAt);
    accept->addWidget(new QLabel(tr("absent ≤"), this));
    m_absentAt = new QDoubleSpinBox(this);
    m_absentAt->setRange(0.0, 0.5);
    m_absentAt->setSingleStep(0.05);
    m_absentAt->setValue(0.1);
    accept->addWidget(m_absentAt);
    m_acceptAll = new QPushButton(tr("Accept (Shift+Y)"), this);
    m_acceptAll->setToolTip(tr("Accept the model's confident suggestions for every unknown label "
                               "of the clip(s), as one undoable step"));
    accept->addStretch(1);
    layout->addLayout(accept);
    // The button on a row of its own keeps the dock narrow enough for a 1600-pixel window.
    auto *acceptRow = new QHBoxLayout;
    acceptRow->addWidget(m_acceptAll);
    acceptRow->addStretch(1);
    layout->addLayout(acceptRow);
    connect(m_acceptAll, &QPushButton::clicked, this, &LabelEditor::acceptConfident);

    m_model = new QLabel(this);
    m_model->setObjectName(QStringLiteral("ModelInfo"));
    m_model->setWordWrap(true);
    layout->addWidget(m_model);

    layout->addWidget(new QLabel(tr("History of this clip"), this));
    m_history = new QTreeWidget(this);
    m_history->setObjectName(QStringLiteral("LabelHistory"));
    m_history->setRootIsDecorated(false);
    m_history->setUniformRowHeights(true);
    m_history->setHeaderLabels({tr("When"), tr("Who"), tr("Instrument"), tr("Change")});
    m_history->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_history, 1);

    m_keys = new QLabel(this);
    m_keys->setWordWrap(true);
    m_keys->setText(tr("Keys: an instrument's key picks it · P present · A absent · U unknown · "
                       "Y accept the model's suggestion · Shift+Y accept all confident · "
                       "N / Shift+N next / previous clip · Q next in queue · Ctrl+Z undo · "
                       "Ctrl+Shift+Z redo"));
    QPalette dim = m_keys->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::Disabled, QPalette::WindowText));
    m_keys->setPalette(dim);
    layout->addWidget(m_keys);
    // Where the help is hidden for room, hovering the list still says it.
    m_list->setToolTip(m_keys->text());

    m_undo = new QAction(tr("&Undo Label Edit"), this);
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setEnabled(false);
    connect(m_undo, &QAction::triggered, this, [this] {
        if (!m_writer)
            return;
        m_writer->undoAsync();
        setSaveState(SaveState::Saving);
    });
    m_redo = new QAction(tr("&Redo Label Edit"), this);
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    m_redo->setEnabled(false);
    connect(m_redo, &QAction::triggered, this, [this] {
        if (!m_writer)
            return;
        m_writer->redoAsync();
        setSaveState(SaveState::Saving);
    });
    connect(m_presentAt, &QDoubleSpinBox::valueChanged, this, &LabelEditor::updateTexts);
    connect(m_absentAt, &QDoubleSpinBox::valueChanged, this, &LabelEditor::updateTexts);
    updateTexts();
}

LabelEditor::~LabelEditor() = default;

void LabelEditor::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    const auto follow = [this] {
        // The old writer finishes its queued writes in its destructor.
        m_writer.reset();
        m_clips.clear();
        m_queue.clear();
        m_queueAt = -1;
        ++m_generation;
        showLabels(ClipLabels());
        m_undo->setEnabled(false);
        m_redo->setEnabled(false);
        setSaveState(SaveState::Idle);
        if (!m_session || !m_session->library())
            return;
        m_writer = std::make_unique<library::LabelWriteQueue>(m_session->library(), author());
        connect(m_writer.get(), &library::LabelWriteQueue::written, this, &LabelEditor::onWritten);
        connect(m_writer.get(), &library::LabelWriteQueue::undoStateChanged, this,
                &LabelEditor::onUndoState);
        m_writer->refreshUndoStateAsync();
    };
    if (!m_session) {
        follow();
        return;
    }
    connect(m_session, &library::LibrarySession::libraryChanged, this, follow);
    connect(m_session, &library::LibrarySession::labelsChanged, this,
            [this](const QList<qint64> &clipIds, bool all) {
                if (m_writer)
                    m_writer->refreshUndoStateAsync(); // another process may have edited
                bool mine = all;
                for (qint64 id : clipIds)
                    mine = mine || m_clips.contains(id);
                if (mine)
                    reloadAsync();
            });
    // Scores, the active model and its label snapshot are on screen too.
    connect(m_session, &library::LibrarySession::modelsChanged, this, &LabelEditor::reloadAsync);
    connect(m_session, &library::LibrarySession::activeModelChanged, this,
            &LabelEditor::reloadAsync);
    connect(m_session, &library::LibrarySession::predictionsChanged, this,
            &LabelEditor::reloadAsync);
    follow();
}

void LabelEditor::setClips(const QList<qint64> &clipIds)
{
    QList<qint64> ids;
    for (qint64 id : clipIds)
        if (id > 0 && !ids.contains(id))
            ids << id;
    if (ids == m_clips)
        return;
    m_clips = ids;
    reloadAsync();
}

void LabelEditor::setQueue(const QList<qint64> &clipIds)
{
    m_queue = clipIds;
    m_queueAt = -1;
}

void LabelEditor::showClip(qint64 clipId, const QString &instrument)
{
    setClips({clipId});
    if (!instrument.isEmpty())
        setCurrentInstrument(instrument);
}

void LabelEditor::showQueueClip(qint64 clipId, const QString &instrument)
{
    showClip(clipId, instrument);
    m_queueAt = int(m_queue.indexOf(clipId));
}

void LabelEditor::listenToKeys(QWidget *widget)
{
    if (widget)
        widget->installEventFilter(this);
}

void LabelEditor::reloadAsync()
{
    const int generation = ++m_generation;
    if (!m_session || !m_session->library() || m_clips.isEmpty()) {
        showLabels(ClipLabels());
        return;
    }
    if (m_writer && m_writer->pending() > 0) {
        // What the catalog holds now is about to change again: read it once the queue drains.
        m_reloadWhenWritten = true;
        return;
    }
    std::shared_ptr<library::Library> lib = m_session->library();
    const QList<qint64> clips = m_clips;
    auto *watcher = new QFutureWatcher<ClipLabels>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        ClipLabels labels = watcher->result();
        if (!labels.error.isEmpty())
            Q_EMIT statusMessage(tr("Cannot read the labels: %1").arg(labels.error));
        showLabels(std::move(labels));
    });
    watcher->setFuture(QtConcurrent::run([lib, clips] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return ClipLabels::loadBlocking(*lib, clips);
    }));
}

void LabelEditor::showLabels(ClipLabels labels)
{
    const QString current = m_wantedInstrument.isEmpty() ? currentInstrument() : m_wantedInstrument;
    const bool sameInstruments = [&] {
        if (labels.instruments.size() != m_shown.instruments.size())
            return false;
        for (int i = 0; i < labels.instruments.size(); ++i)
            if (labels.instruments.at(i).key != m_shown.instruments.at(i).key
                || labels.instruments.at(i).displayName != m_shown.instruments.at(i).displayName)
                return false;
        return true;
    }();
    m_shown = std::move(labels);
    if (!sameInstruments) {
        m_list->clear();
        QStringList names;
        for (const library::Instrument &i : std::as_const(m_shown.instruments))
            names << i.displayName;
        m_hotkeys = InstrumentHotkeys::assign(names);
        for (int i = 0; i < m_shown.instruments.size(); ++i) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setData(NameColumn, Qt::UserRole, m_shown.instruments.at(i).key);
            item->setText(KeyColumn,
                          m_hotkeys.at(i).isNull() ? QString()
                                                   : QString(m_hotkeys.at(i).toUpper()));
            item->setTextAlignment(KeyColumn, Qt::AlignCenter);
            item->setText(NameColumn, m_shown.instruments.at(i).displayName);
            QColor swatch(m_shown.instruments.at(i).colour);
            if (swatch.isValid())
                item->setForeground(KeyColumn, swatch.darker(130));
        }
        setCurrentInstrument(current);
        if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
            m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    m_wantedInstrument.clear(); // an instrument this clip does not have is not kept waiting
    // (the rows are filled by updateTexts below)

    m_history->clear();
    QList<QTreeWidgetItem *> historyItems;
    for (const library::LabelHistoryEntry &h : std::as_const(m_shown.history)) {
        auto *item = new QTreeWidgetItem;
        historyItems << item;
        item->setText(
                0,
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(h.timeMs), QLocale::ShortFormat));
        item->setText(1, h.author);
        const int i = m_shown.indexOf(h.instrumentKey);
        item->setText(2, i >= 0 ? m_shown.instruments.at(i).displayName : h.instrumentKey);
        // Same state, other source: a person confirmed an imported or accepted label.
        QString change = h.oldState == h.newState
                ? tr("%1 confirmed").arg(stateText(h.newState))
                : tr("%1 → %2").arg(stateText(h.oldState), stateText(h.newState));
        if (h.source == library::LabelSource::AcceptedPrediction)
            change = tr("%1 (model's suggestion)").arg(change);
        else if (h.source == library::LabelSource::Import)
            change = tr("%1 (import)").arg(change);
        if (h.undone)
            change = tr("%1, undone").arg(change);
        item->setText(3, change);
    }
    m_history->addTopLevelItems(historyItems);
    updateTexts();
    Q_EMIT loaded();
}

QString LabelEditor::stateText(LabelState state) const
{
    switch (state) {
    case LabelState::Present:
        return tr("✓ present");
    case LabelState::Absent:
        return tr("✗ absent");
    case LabelState::Unknown:
        break;
    }
    return tr("? unknown");
}

// Every row at once: with the columns sized to their contents, each cell set would measure the
// whole column again (about 20 ms for 20 instruments on every clip Q opens); sized once here.
void LabelEditor::updateRows()
{
    QHeaderView *header = m_list->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    for (int i = 0; i < m_shown.instruments.size(); ++i)
        updateRow(i);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void LabelEditor::updateRow(int i)
{
    QTreeWidgetItem *item = m_list->topLevelItem(i);
    if (!item || i >= m_shown.instruments.size())
        return;
    const QString key = m_shown.instruments.at(i).key;
    if (m_shown.isSingle()) {
        const LabelState state = m_shown.states.value(i, LabelState::Unknown);
        item->setText(LabelColumn, stateText(state));
        item->setForeground(LabelColumn, stateColour(state));
        const std::optional<float> s = m_shown.score(m_shown.clipIds.first(), key);
        item->setText(ScoreColumn, s ? QLocale().toString(*s, 'f', 2) : QStringLiteral("—"));
        QString tip;
        if (s && *s >= presentThreshold())
            tip = tr("The model suggests present");
        else if (s && *s <= absentThreshold())
            tip = tr("The model suggests absent");
        item->setToolTip(ScoreColumn, tip);
        item->setForeground(ScoreColumn,
                            s && (*s >= presentThreshold() || *s <= absentThreshold())
                                    ? palette().color(QPalette::Text)
                                    : palette().color(QPalette::Disabled, QPalette::Text));
    } else {
        const int n = int(m_shown.clipIds.size());
        const int present = m_shown.presentCounts.value(i);
        const int absent = m_shown.absentCounts.value(i);
        item->setText(LabelColumn,
                      tr("✓ %1 · ✗ %2 · ? %3").arg(present).arg(absent).arg(n - present - absent));
        item->setForeground(LabelColumn, palette().color(QPalette::Text));
        item->setText(ScoreColumn, QString());
    }
}

void LabelEditor::updateTexts()
{
    const bool any = !m_shown.clipIds.isEmpty() && m_shown.error.isEmpty();
    if (m_clips.isEmpty()) {
        m_title->setText(tr("No clip: select a track in the library or a region in the track "
                            "view"));
    } else if (!m_shown.error.isEmpty()) {
        m_title->setText(tr("Cannot read the labels: %1").arg(m_shown.error));
    } else if (!m_shown.isSingle()) {
        m_title->setText(tr("%n clip(s) selected: a key sets the label on all of them", nullptr,
                            int(m_shown.clipIds.size())));
    } else if (m_shown.regionStartS) {
        m_title->setText(tr("%1, region %2–%3 s")
                                 .arg(m_shown.trackTitle)
                                 .arg(*m_shown.regionStartS, 0, 'f', 1)
                                 .arg(m_shown.regionEndS.value_or(0.0), 0, 'f', 1));
    } else {
        m_title->setText(m_shown.trackTitle);
    }
    m_list->setEnabled(any);
    m_acceptAll->setEnabled(any && m_shown.modelId > 0);
    if (m_shown.modelId <= 0) {
        m_model->setText(any ? tr("No active model: no scores to show") : QString());
    } else {
        const models::ModelKind *kind = models::findModelKind(m_shown.modelKind.toStdString());
        const bool teacher = kind && kind->teacher;
        const QString scores = teacher
                ? tr("Scores: model %1 (Mean Teacher: the teacher's)").arg(m_shown.modelName)
                : tr("Scores: model %1").arg(m_shown.modelName);
        m_model->setText(tr("%1. %n label change(s) since it was trained.", nullptr,
                            int(m_shown.changesSinceTrained))
                                 .arg(scores));
    }
    updateRows();
}

void LabelEditor::setCurrentInstrument(const QString &key)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == key) {
            m_list->setCurrentItem(item);
            m_list->scrollToItem(item);
            m_wantedInstrument.clear();
            return;
        }
    }
    // Asked for before the clips' labels (and so the instrument rows) have loaded, e.g. by a
    // review queue's Q on the editor's first clip: picked once they are shown.
    m_wantedInstrument = key;
}

QString LabelEditor::currentInstrument() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, Qt::UserRole).toString() : QString();
}

QChar LabelEditor::hotkey(const QString &instrumentKey) const
{
    const int i = m_shown.indexOf(instrumentKey);
    return i >= 0 ? m_hotkeys.value(i) : QChar();
}

void LabelEditor::setThresholds(double present, double absent)
{
    m_presentAt->setValue(present);
    m_absentAt->setValue(absent);
}

double LabelEditor::presentThreshold() const
{
    return m_presentAt->value();
}

double LabelEditor::absentThreshold() const
{
    return m_absentAt->value();
}

void LabelEditor::setLabel(LabelState state)
{
    const QString key = currentInstrument();
    if (!m_writer || key.isEmpty() || m_clips.isEmpty())
        return;
    // Written even while the clip's labels are still being read (keys typed right after N):
    // the instrument keys are the taxonomy's, whichever clip is shown.
    const QString description = QStringLiteral("%1 %2").arg(key, library::labelStateName(state));
    // Written against the versions shown, so a change someone else made meanwhile comes back
    // as a conflict instead of being overwritten unseen. Labels not read yet (keys typed
    // before the clip's labels arrived) go without the check, as nothing was shown.
    const bool read = m_shown.clipIds == m_clips;
    QList<library::LabelEdit> edits;
    edits.reserve(m_clips.size());
    for (qint64 clip : std::as_const(m_clips))
        edits.append({clip, key, state, read ? m_shown.version(clip, key) : qint64(-1)});
    // On a selection each clip is its own judgement: one that someone else changed meanwhile
    // is shown as a conflict, the others are written.
    const bool single = m_clips.size() == 1;
    m_writer->setLabelsAsync(
            edits,
            single ? description
                   : QStringLiteral("%1 on %2 clips").arg(description).arg(m_clips.size()),
            single ? library::OnConflict::WriteNothing : library::OnConflict::WriteTheRest);
    const int i = m_shown.indexOf(key);
    if (i >= 0 && m_shown.clipIds == m_clips) {
        // Shown at once; the catalog's answer confirms it or the clip is read again.
        if (m_shown.isSingle()) {
            m_shown.states[i] = state;
        } else {
            const int n = int(m_clips.size());
            m_shown.presentCounts[i] = state == LabelState::Present ? n : 0;
            m_shown.absentCounts[i] = state == LabelState::Absent ? n : 0;
        }
        updateRow(i);
    }
    setSaveState(SaveState::Saving);
}

void LabelEditor::acceptSuggestion()
{
    const QString key = currentInstrument();
    if (!m_writer || key.isEmpty() || m_shown.clipIds != m_clips)
        return;
    QList<library::LabelEdit> edits;
    for (qint64 clip : std::as_const(m_clips)) {
        if (const std::optional<float> s = m_shown.score(clip, key))
            edits.append({clip, key, *s >= 0.5f ? LabelState::Present : LabelState::Absent,
                          m_shown.version(clip, key)});
    }
    if (edits.isEmpty()) {
        Q_EMIT statusMessage(tr("The active model has no score for this instrument here"));
        return;
    }
    m_writer->acceptPredictionsAsync(edits, library::OnConflict::WriteTheRest);
    if (m_shown.isSingle())
        m_shown.states[m_shown.indexOf(key)] = edits.first().state;
    updateRow(m_shown.indexOf(key));
    setSaveState(SaveState::Saving);
}

void LabelEditor::acceptConfident()
{
    if (!m_writer || m_shown.clipIds != m_clips || m_shown.clipIds.isEmpty())
        return;
    // Only unknown labels: a person's present or absent is never overruled by a threshold.
    QList<library::LabelEdit> edits;
    for (qint64 clip : std::as_const(m_clips)) {
        for (int i = 0; i < m_shown.instruments.size(); ++i) {
            const QString key = m_shown.instruments.at(i).key;
            if (m_shown.label(clip, key) != LabelState::Unknown)
                continue;
            const std::optional<float> s = m_shown.score(clip, key);
            if (!s)
                continue;
            // Against the version read: "unknown" may no longer be true by now.
            if (*s >= presentThreshold())
                edits.append({clip, key, LabelState::Present, m_shown.version(clip, key)});
            else if (*s <= absentThreshold())
                edits.append({clip, key, LabelState::Absent, m_shown.version(clip, key)});
        }
    }
    if (edits.isEmpty()) {
        Q_EMIT statusMessage(tr("No confident suggestion for an unknown label"));
        return;
    }
    m_writer->acceptPredictionsAsync(edits, library::OnConflict::WriteTheRest);
    if (m_shown.isSingle()) {
        for (const library::LabelEdit &e : std::as_const(edits))
            m_shown.states[m_shown.indexOf(e.instrumentKey)] = e.state;
        updateRows();
    }
    setSaveState(SaveState::Saving);
}

void LabelEditor::nextInQueue()
{
    if (m_queue.isEmpty()) {
        Q_EMIT nextInQueueRequested();
        return;
    }
    const int next = m_queueAt + 1; // -1 + 1: the queue's first clip
    if (next >= m_queue.size()) {
        Q_EMIT statusMessage(tr("End of the review queue"));
        return;
    }
    setClips({m_queue.at(next)});
    m_queueAt = next;
    Q_EMIT queueClipChosen(m_queue.at(next));
}

bool LabelEditor::handleKey(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods
            = event->modifiers() & ~(Qt::KeypadModifier | Qt::GroupSwitchModifier);
    if (mods != Qt::NoModifier && mods != Qt::ShiftModifier)
        return false;
    const bool shift = mods == Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_P:
        if (shift)
            return false;
        setLabel(LabelState::Present);
        return true;
    case Qt::Key_A:
        if (shift)
            return false;
        setLabel(LabelState::Absent);
        return true;
    case Qt::Key_U:
        if (shift)
            return false;
        setLabel(LabelState::Unknown);
        return true;
    case Qt::Key_Y:
        shift ? acceptConfident() : acceptSuggestion();
        return true;
    case Qt::Key_N:
        Q_EMIT clipStepRequested(shift ? -1 : 1);
        return true;
    case Qt::Key_Q:
        if (shift)
            return false;
        nextInQueue();
        return true;
    default:
        break;
    }
    if (shift)
        return false;
    const QString text = event->text().toLower();
    if (text.size() != 1)
        return false;
    const int i = int(m_hotkeys.indexOf(text.at(0)));
    if (i < 0 || i >= m_shown.instruments.size())
        return false;
    setCurrentInstrument(m_shown.instruments.at(i).key);
    return true;
}

bool LabelEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && handleKey(static_cast<QKeyEvent *>(event)))
        return true;
    return QWidget::eventFilter(watched, event);
}

// The keys' help is five wrapped lines in a narrow dock. Below the height where the list shows
// all twenty OpenMIC instruments and the clip's history a few rows beside the help, the list
// and the history win; the help stays in the list's tooltip (and the README's shortcut table).
void LabelEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_keys->setVisible(event->size().height() >= 52 * fontMetrics().height());
}

void LabelEditor::keyPressEvent(QKeyEvent *event)
{
    if (!handleKey(event))
        QWidget::keyPressEvent(event);
}

void LabelEditor::onWritten(const library::LabelWriteResult &result)
{
    if (!result.ok()) {
        QString why;
        switch (result.problem) {
        case library::LabelWriteResult::Problem::CatalogGone:
            why = tr("%1 is gone").arg(result.detail);
            break;
        case library::LabelWriteResult::Problem::ReadOnly:
            why = tr("%1 is read-only").arg(result.detail);
            break;
        default:
            why = result.detail;
            break;
        }
        setSaveState(SaveState::NotSaved, why);
        Q_EMIT statusMessage(tr("Label not saved: %1").arg(why));
        m_reloadWhenWritten = true; // show what the catalog really holds
    } else if (!result.change.conflicts.isEmpty()) {
        // A bulk edit wrote the clips that did not conflict (OnConflict::WriteTheRest).
        if (result.change.batchId > 0 && m_session)
            m_session->announceLabels(result.change.batchId, result.clipIds());
        for (const library::LabelConflict &c : result.change.conflicts) {
            // A write of our own that the reload has not caught up with is no conflict.
            if (m_writer && c.theirAuthor == m_writer->author()) {
                m_writer->setLabelsAsync({{c.clipId, c.instrumentKey, c.mine, c.version}},
                                         QStringLiteral("%1 %2").arg(
                                                 c.instrumentKey, library::labelStateName(c.mine)));
                continue;
            }
            m_conflictBar->add(c);
        }
        if (m_conflictBar->hasConflict()) {
            setSaveState(SaveState::NotSaved,
                         tr("%1 changed it meanwhile").arg(m_conflictBar->current().theirAuthor));
        }
        m_reloadWhenWritten = true;
    } else {
        if (result.change.batchId > 0 && m_session)
            m_session->announceLabels(result.change.batchId, result.clipIds());
        if (result.kind == library::LabelWriteResult::Kind::Undo
            || result.kind == library::LabelWriteResult::Kind::Redo) {
            if (result.change.targetBatchId == 0)
                Q_EMIT statusMessage(result.kind == library::LabelWriteResult::Kind::Undo
                                             ? tr("Nothing to undo")
                                             : tr("Nothing to redo"));
            else if (result.change.skipped > 0)
                Q_EMIT statusMessage(tr("%n label(s) changed by someone else since were left "
                                        "alone",
                                        nullptr, result.change.skipped));
        }
        // The history (and for undo the labels) changed: read the clip again.
        m_reloadWhenWritten = true;
        if (m_writer && m_writer->pending() == 0)
            setSaveState(m_save->state() == SaveState::NotSaved && result.change.batchId == 0
                                 ? SaveState::NotSaved
                                 : SaveState::Saved);
    }
    if (m_writer && m_writer->pending() == 0 && m_reloadWhenWritten) {
        m_reloadWhenWritten = false;
        reloadAsync();
    }
}

void LabelEditor::onUndoState(const library::LabelUndoState &state)
{
    m_undo->setEnabled(state.canUndo);
    m_redo->setEnabled(state.canRedo);
    m_undo->setText(state.canUndo ? tr("&Undo %1").arg(state.undoText) : tr("&Undo Label Edit"));
    m_redo->setText(state.canRedo ? tr("&Redo %1").arg(state.redoText) : tr("&Redo Label Edit"));
}

void LabelEditor::setSaveState(SaveState state, const QString &problem)
{
    m_save->setState(state, problem);
    Q_EMIT saveStateChanged(state);
}

void LabelEditor::resolveConflict(const library::LabelConflict &c, bool keepMine)
{
    if (keepMine && m_writer) {
        // Against the version the conflict showed: a third change would conflict again.
        m_writer->setLabelsAsync(
                {{c.clipId, c.instrumentKey, c.mine, c.version}},
                QStringLiteral("%1 %2").arg(c.instrumentKey, library::labelStateName(c.mine)));
        setSaveState(SaveState::Saving);
    } else {
        setSaveState(SaveState::Saved); // theirs is what the catalog holds
        reloadAsync();
    }
}

QString LabelEditor::conflictText() const
{
    return m_conflictBar->text();
}

QPushButton *LabelEditor::keepMineButton() const
{
    return m_conflictBar->keepMineButton();
}

QPushButton *LabelEditor::takeTheirsButton() const
{
    return m_conflictBar->takeTheirsButton();
}

} // namespace timbre::widgets
