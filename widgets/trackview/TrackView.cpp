// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/TrackView.h"

#include "core/inference/TrackAttention.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/CompareBar.h"
#include "widgets/trackview/OverviewStrip.h"
#include "widgets/trackview/PlaybackController.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackViewport.h"
#include "widgets/trackview/TransportBar.h"

#include <QFutureWatcher>
#include <QHash>
#include <QKeyEvent>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <map>

namespace timbre::widgets {

namespace {
constexpr int kGutter = 150;
constexpr int kCachedLanes = 64; // (track, version) results kept, oldest dropped first

// A model's lanes of a track: the checkpoint file tells a version from a later one that got a
// deleted version's id; lanes with and without overlapping instances, and with and without the
// instances' levels, are kept apart.
QString laneKey(qint64 trackId, qint64 modelId, const QString &checkpoint, bool overlap, bool level)
{
    return QStringLiteral("%1/%2/%3%4/%5")
            .arg(trackId)
            .arg(modelId)
            .arg(overlap ? QStringLiteral("overlap") : QStringLiteral("plain"),
                 level ? QStringLiteral("+level") : QString(), checkpoint);
}

// `result` less what (overlap, level) does not ask for.
inference::TrackAttentionResult cutTo(inference::TrackAttentionResult result, bool overlap,
                                      bool level)
{
    if (!overlap) {
        result.overlapScores.clear();
        result.overlapNote.clear();
    }
    if (!level) {
        result.levelsDb.clear();
        result.levelNote.clear();
    }
    return result;
}

QString versionTag(int index)
{
    return index < 26 ? QString(QChar(u'A' + index)) : QString::number(index + 1);
}
} // namespace

// The lanes' model runs on one thread of its own (TrackAttention is one per thread and keeps
// the loaded model between tracks); the GUI thread only posts requests and draws answers.
struct TrackView::Private
{
    std::shared_ptr<library::Library> library;
    QThread laneThread;
    QObject *laneContext = nullptr; // lives on laneThread
    // Used on laneThread only: one per model asked for (each keeps its model loaded);
    // attentionLibrary keeps the library they read alive there.
    std::map<qint64, std::unique_ptr<inference::TrackAttention>> attentions;
    std::shared_ptr<library::Library> attentionLibrary;
    // GUI thread: computed lanes by laneKey(), oldest first in cacheOrder.
    QHash<QString, inference::TrackAttentionResult> cache;
    QStringList cacheOrder;
    QList<LaneInstrument> instruments; // the taxonomy as the last computation read it
    QList<qint64> compared;
    QString focus;
    QList<LaneVersion> versions; // the comparison on screen, filled in as versions arrive
    bool overlap = true; // what the next requests ask for (TrackAttention::setOverlap)
    bool level = true; // likewise (TrackAttention::setLevel)
    std::atomic<quint64> laneRequest {0}; // the newest request; the lane thread reads it
    // Lanes wait for the view's first paint: their first request loads the model engine
    // (LibTorch, 0.4-0.8 s), and a dlopen holds the loader's lock, which the GUI thread needs
    // for the plugins it loads while the window first shows (measured: show() took 1.1 s
    // instead of 25 ms when the lanes were requested before it).
    bool painted = false;
    bool lanesPending = false;

    ~Private()
    {
        laneThread.quit();
        laneThread.wait();
        delete laneContext;
        attentions.clear();
        attentionLibrary.reset();
    }

    // Lane thread: the model's TrackAttention, dropping those of models not in `keep`, with
    // overlapping instances and levels on or off.
    inference::TrackAttention &attentionFor(const std::shared_ptr<library::Library> &lib,
                                            qint64 modelId, const QList<qint64> &keep, bool overlap,
                                            bool level)
    {
        if (attentionLibrary != lib) {
            attentions.clear();
            attentionLibrary = lib;
        }
        for (auto it = attentions.begin(); it != attentions.end();)
            it = keep.contains(it->first) ? std::next(it) : attentions.erase(it);
        std::unique_ptr<inference::TrackAttention> &slot = attentions[modelId];
        if (!slot)
            slot = std::make_unique<inference::TrackAttention>(*lib);
        slot->setOverlap(overlap);
        slot->setLevel(level);
        return *slot;
    }

    // GUI thread: the lanes of (track, model, checkpoint) with (overlap, level) when kept, or
    // cut from kept ones that hold more (with the overlap or the levels besides), kept then too.
    bool cached(qint64 trackId, qint64 modelId, const QString &checkpoint, bool overlap, bool level,
                inference::TrackAttentionResult *out)
    {
        const QString key = laneKey(trackId, modelId, checkpoint, overlap, level);
        if (cache.contains(key)) {
            *out = cache.value(key);
            return true;
        }
        for (const auto &[o, l] :
             {std::pair {overlap, true}, std::pair {true, level}, std::pair {true, true}}) {
            const QString more = laneKey(trackId, modelId, checkpoint, o, l);
            if (more != key && cache.contains(more)) {
                *out = cutTo(cache.value(more), overlap, level);
                remember(key, *out);
                return true;
            }
        }
        return false;
    }

    void remember(const QString &key, const inference::TrackAttentionResult &result)
    {
        // A missing checkpoint or features may be there next time. Lanes without the overlap
        // or levels they asked for are kept (a rescan, which clears the cache, notices a file
        // come back).
        if (!result.ok())
            return;
        if (!cache.contains(key))
            cacheOrder << key;
        cache.insert(key, result);
        while (cacheOrder.size() > kCachedLanes)
            cache.remove(cacheOrder.takeFirst());
    }
};

// Lane thread: a model that scores whole clips only (fc) has no instances to draw.
static void noteClipOnly(inference::TrackAttentionResult *result)
{
    if (result->ok()
        && result->instanceScores.size() != size_t(result->instances) * size_t(result->classes))
        result->error = TrackView::tr("model %1 scores whole clips only: no instance lanes")
                                .arg(result->modelId);
}

// Lane thread: the taxonomy's names and colours for the lanes' gutter.
static QList<LaneInstrument> readInstruments(const library::Library &lib)
{
    QList<LaneInstrument> instruments;
    if (auto list = lib.taxonomy().instruments())
        for (const library::Instrument &i : *list)
            instruments << LaneInstrument {i.key, i.displayName, QColor(i.colour)};
    return instruments;
}

TrackView::TrackView(QWidget *parent) : QWidget(parent), d(std::make_unique<Private>())
{
    m_viewport = new TrackViewport(this);
    m_playback = new PlaybackController(this);
    m_spectrogram = new SpectrogramView(m_viewport, this);
    m_lanes = new AttentionLanes(m_viewport, this);
    m_overview = new OverviewStrip(m_viewport, this);
    m_transport = new TransportBar(m_playback, m_spectrogram, m_viewport, this);
    m_compareBar = new CompareBar(this);
    m_compareBar->hide();
    m_spectrogram->setGutterWidth(kGutter);
    m_lanes->setGutterWidth(kGutter);
    m_overview->setGutterWidth(kGutter);
    m_overview->setStyle(m_spectrogram->style());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_transport);
    layout->addWidget(m_compareBar);
    layout->addWidget(m_lanes);
    layout->addWidget(m_spectrogram, 1);
    layout->addWidget(m_overview);

    d->laneContext = new QObject;
    d->laneContext->moveToThread(&d->laneThread);
    d->laneThread.setObjectName(QStringLiteral("attention lanes"));
    d->laneThread.start(QThread::LowPriority);

    connect(m_compareBar, &CompareBar::leaveRequested, this, [this] { setComparedModels({}); });
    connect(m_transport, &TransportBar::styleChanged, this, [this] {
        m_overview->setStyle(m_spectrogram->style());
        m_lanes->setColourMap(m_spectrogram->colourMap());
    });
    m_lanes->setColourMap(m_spectrogram->colourMap());
    connect(m_spectrogram, &SpectrogramView::dataProgress, m_overview, &OverviewStrip::dataChanged);
    connect(m_spectrogram, &SpectrogramView::decoded, this, [this](const QString &error) {
        m_playback->setDuration(m_viewport->durationS());
        if (!error.isEmpty())
            Q_EMIT statusMessage(error);
    });
    connect(m_spectrogram, &SpectrogramView::clicked, m_playback, &PlaybackController::seek);
    connect(m_spectrogram, &SpectrogramView::regionSelected, this,
            [this](double a, double b) { saveRegion(a, b); });
    connect(m_lanes, &AttentionLanes::overlappingInstancesToggled, this,
            &TrackView::setOverlappingInstances);
    connect(m_lanes, &AttentionLanes::scoreHeightsToggled, this, &TrackView::scoreHeightsChanged);
    connect(m_lanes, &AttentionLanes::levelCueToggled, this, &TrackView::setLevelCue);
    connect(m_lanes, &AttentionLanes::laneClicked, this,
            [this](const QString &, double start, double) {
                m_playback->playSpan(start, start + 1.0);
            });
    connect(m_playback, &PlaybackController::positionChanged, this, [this](double s) {
        m_spectrogram->setPlayhead(s);
        m_lanes->setPlayhead(s);
        m_overview->setPlayhead(s);
        if (m_playback->isPlaying())
            m_viewport->ensureVisible(s);
    });
    connect(m_playback, &PlaybackController::message, this, [this](const QString &text) {
        m_transport->setNotice(text);
        Q_EMIT statusMessage(text);
    });
}

// Space reaches here from every pane that does not use it (they pass unknown keys up).
void TrackView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier) {
        m_playback->togglePlay();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

TrackView::~TrackView() = default;

void TrackView::setColourMap(int kind)
{
    m_transport->setColourMap(kind); // applies to the spectrogram, overview and lanes
}

int TrackView::colourMap() const
{
    return m_spectrogram->colourMap();
}

void TrackView::setOverlappingInstances(bool on)
{
    m_lanes->setOverlappingInstances(on);
    if (on == d->overlap)
        return;
    d->overlap = on;
    Q_EMIT overlappingInstancesChanged(on);
    if (d->library && (m_trackId > 0 || !d->compared.isEmpty()))
        requestLanes();
}

bool TrackView::overlappingInstances() const
{
    return d->overlap;
}

void TrackView::setScoreHeights(bool on)
{
    m_lanes->setScoreHeights(on);
}

bool TrackView::scoreHeights() const
{
    return m_lanes->scoreHeights();
}

void TrackView::setLevelCue(bool on)
{
    m_lanes->setLevelCue(on);
    if (on == d->level)
        return;
    d->level = on;
    Q_EMIT levelCueChanged(on);
    if (d->library && (m_trackId > 0 || !d->compared.isEmpty()))
        requestLanes();
}

bool TrackView::levelCue() const
{
    return d->level;
}

bool TrackView::openFile(const QString &path)
{
    if (!openAudio(path))
        return false;
    m_trackId = 0;
    ++d->laneRequest;
    m_lanes->setMessage(d->library ? tr("This file is not a track of the open library: no lanes")
                                   : tr("Open a library track to see where its instruments play"));
    return true;
}

bool TrackView::openAudio(const QString &path)
{
    QString error;
    if (!m_spectrogram->openFile(path, &error)) {
        Q_EMIT statusMessage(tr("Cannot open %1").arg(error));
        return false;
    }
    m_path = path;
    m_overview->setSpectrogram(m_spectrogram->spectrogram());
    m_playback->setSource(path, m_viewport->durationS());
    return true;
}

void TrackView::setSession(library::LibrarySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &library::LibrarySession::libraryChanged, this,
                &TrackView::followLibrary);
        // A retrain or another version activated (here, by a job or another process): the
        // open track's lanes are the new version's.
        connect(m_session, &library::LibrarySession::activeModelChanged, this, [this] {
            if (d->library && m_trackId > 0 && d->compared.isEmpty())
                requestLanes();
        });
        // Compared versions renamed or deleted: the bar and lanes say so (cached lanes stay).
        connect(m_session, &library::LibrarySession::modelsChanged, this, [this] {
            if (d->library && !d->compared.isEmpty())
                requestLanes();
        });
        // Tracks rescanned or their features extracted again: lanes are computed afresh.
        connect(m_session, &library::LibrarySession::tracksChanged, this, [this] {
            d->cache.clear();
            d->cacheOrder.clear();
        });
    }
    followLibrary();
}

void TrackView::followLibrary()
{
    ++d->laneRequest;
    d->lanesPending = false;
    // The lane thread may hold the old library's model: it drops it there, in its own time (it
    // may be loading the model engine), and attentionLibrary keeps that library open until then.
    QMetaObject::invokeMethod(
            d->laneContext,
            [p = d.get()] {
                p->attentions.clear();
                p->attentionLibrary.reset();
            },
            Qt::QueuedConnection);
    d->library = m_session ? m_session->library() : nullptr;
    m_trackId = 0;
    // Another library: its versions are others, and so are its lanes.
    d->cache.clear();
    d->cacheOrder.clear();
    d->compared.clear();
    d->focus.clear();
    d->versions.clear();
    m_compareBar->hide();
}

bool TrackView::openTrack(qint64 trackId)
{
    if (!d->library) {
        Q_EMIT statusMessage(tr("No library is open"));
        return false;
    }
    auto track = d->library->tracks().findById(trackId);
    if (!track || !track->has_value()) {
        Q_EMIT statusMessage(track ? tr("No track %1 in the library").arg(trackId)
                                   : track.error().message);
        return false;
    }
    const library::TrackRecord record = **track;
    if (!openAudio(record.path)) {
        // The lanes still tell where the instruments are; the catalog knows the length.
        m_path = record.path;
        m_spectrogram->clear(tr("Cannot read the audio file %1").arg(record.path));
        m_overview->setSpectrogram(nullptr);
        m_viewport->reset(record.durationS, 100.0);
        m_playback->setSource(QString(), record.durationS);
    }
    m_trackId = trackId;
    requestLanes();
    return true;
}

void TrackView::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (d->painted)
        return;
    d->painted = true;
    if (d->lanesPending)
        QTimer::singleShot(0, this, [this] {
            if (d->lanesPending && d->library) {
                d->lanesPending = false;
                requestLanes();
            }
        });
}

void TrackView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Stacked lanes take at most two fifths of the view; the spectrogram keeps the rest.
    m_lanes->setStackedHeightBudget(std::max(4 * AttentionLanes::kSubLaneHeight, height() * 2 / 5));
}

void TrackView::requestLanes()
{
    if (!d->compared.isEmpty()) {
        requestComparedLanes();
        return;
    }
    const quint64 request = ++d->laneRequest;
    auto active = d->library->models().active();
    if (!active || !active->has_value()) {
        m_lanes->setMessage(active ? tr("Extract features and train a model to see lanes")
                                   : active.error().message);
        return;
    }
    const qint64 modelId = (*active)->id;
    const qint64 trackId = m_trackId;
    const bool overlap = d->overlap;
    const bool level = d->level;
    const QString checkpoint = (*active)->checkpointFile;
    const QString key = laneKey(trackId, modelId, checkpoint, overlap, level);
    inference::TrackAttentionResult kept;
    if (d->cached(trackId, modelId, checkpoint, overlap, level, &kept)) {
        m_lanes->setResult(kept, d->instruments);
        Q_EMIT lanesReady();
        return;
    }
    // With overlapping instances or levels the plain lanes come first (cached features:
    // milliseconds) and are recoloured when the track's audio has been decoded and embedded
    // again (seconds for a long track): shown at once when they are kept (or lanes with one of
    // the two asked for, the switch of the other just turned on), else computed first.
    const QString plainKey = laneKey(trackId, modelId, checkpoint, false, false);
    bool plainShown = false;
    for (const auto &[o, l] :
         {std::pair {overlap, false}, std::pair {false, level}, std::pair {false, false}}) {
        if (!plainShown && d->cached(trackId, modelId, checkpoint, o, l, &kept)) {
            m_lanes->setResult(kept, d->instruments);
            plainShown = true;
        }
    }
    if (!plainShown)
        m_lanes->setMessage(
                tr("Computing where the instruments play (model %1)…").arg((*active)->name));
    if (!d->painted) {
        d->lanesPending = true; // paintEvent asks again
        return;
    }
    Private *p = d.get();
    std::shared_ptr<library::Library> lib = d->library;
    // GUI thread: draws a result; `last` = the request's final one (lanesReady).
    const auto deliver = [this, request](const QString &resultKey,
                                         const inference::TrackAttentionResult &result,
                                         const QList<LaneInstrument> &instruments, bool last) {
        d->remember(resultKey, result);
        d->instruments = instruments;
        if (request != d->laneRequest)
            return;
        if (result.ok()) {
            m_lanes->setResult(result, instruments);
            if (!result.overlapNote.isEmpty() && result.overlapNote == result.levelNote)
                Q_EMIT statusMessage(
                        tr("No overlapping instances or loudness: %1").arg(result.overlapNote));
            else if (!result.overlapNote.isEmpty())
                Q_EMIT statusMessage(tr("No overlapping instances: %1").arg(result.overlapNote));
            else if (!result.levelNote.isEmpty())
                Q_EMIT statusMessage(tr("No loudness: %1").arg(result.levelNote));
        } else {
            m_lanes->setMessage(tr("No lanes: %1").arg(result.error));
            Q_EMIT statusMessage(result.error);
        }
        if (last)
            Q_EMIT lanesReady();
    };
    QMetaObject::invokeMethod(
            d->laneContext,
            [this, p, lib, request, trackId, modelId, overlap, level, plainShown, key, plainKey,
             deliver] {
                if (request != p->laneRequest)
                    return; // a newer track was asked for meanwhile
                inference::TrackAttention &attention
                        = p->attentionFor(lib, modelId, {modelId}, false, false);
                const QList<LaneInstrument> instruments = readInstruments(*lib);
                if ((overlap || level) && !plainShown) {
                    inference::TrackAttentionResult plain = attention.compute(trackId, modelId);
                    noteClipOnly(&plain);
                    const bool last = !plain.ok(); // the overlap would fail the same way
                    QMetaObject::invokeMethod(
                            this,
                            [deliver, plainKey, plain = std::move(plain), instruments, last] {
                                deliver(plainKey, plain, instruments, last);
                            },
                            Qt::QueuedConnection);
                    if (last || request != p->laneRequest)
                        return;
                }
                attention.setOverlap(overlap);
                attention.setLevel(level);
                inference::TrackAttentionResult result = attention.compute(trackId, modelId);
                noteClipOnly(&result);
                QMetaObject::invokeMethod(
                        this,
                        [deliver, key, result = std::move(result), instruments] {
                            deliver(key, result, instruments, true);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void TrackView::setComparedModels(const QList<qint64> &modelIds)
{
    QList<qint64> ids;
    for (qint64 id : modelIds)
        if (!ids.contains(id))
            ids << id;
    if (ids == d->compared)
        return;
    d->compared = ids;
    if (ids.isEmpty()) {
        d->focus.clear();
        d->versions.clear();
        m_lanes->setFocusInstrument(QString());
        m_compareBar->hide();
    } else {
        m_compareBar->show();
    }
    if (!d->library)
        return;
    if (m_trackId > 0 || !ids.isEmpty())
        requestLanes();
}

QList<qint64> TrackView::comparedModels() const
{
    return d->compared;
}

void TrackView::focusInstrument(const QString &key)
{
    d->focus = key;
    m_lanes->setFocusInstrument(key);
}

// The compared versions' lanes of the open track: those computed before at once, the others
// on the lane thread, each drawn as it arrives.
void TrackView::requestComparedLanes()
{
    const quint64 request = ++d->laneRequest;
    const qint64 trackId = m_trackId;
    QList<LaneVersion> versions;
    QList<CompareBar::Version> named;
    QList<QPair<int, QString>> missing; // index in versions, laneKey
    for (int i = 0; i < d->compared.size(); ++i) {
        LaneVersion v;
        v.modelId = d->compared.at(i);
        v.tag = versionTag(i);
        v.name = tr("version %1").arg(v.modelId);
        auto model = d->library->models().findById(v.modelId);
        if (!model || !model->has_value()) {
            v.result.error = model ? tr("No version %1 in the library").arg(v.modelId)
                                   : model.error().message;
            v.message = tr("No lanes: %1").arg(v.result.error);
        } else if (trackId > 0) {
            v.name = (*model)->name;
            const QString key
                    = laneKey(trackId, v.modelId, (*model)->checkpointFile, d->overlap, d->level);
            if (!d->cached(trackId, v.modelId, (*model)->checkpointFile, d->overlap, d->level,
                           &v.result)) {
                v.message = tr("Computing where the instruments play…");
                missing.append({i, key});
            }
        } else {
            v.name = (*model)->name;
        }
        named << CompareBar::Version {v.tag, v.name};
        versions << v;
    }
    m_compareBar->setVersions(named);
    m_compareBar->show();
    if (trackId <= 0)
        return; // the lanes keep saying why there are none
    d->versions = versions;
    m_lanes->setFocusInstrument(d->focus);
    m_lanes->setVersions(trackId, versions, d->instruments);
    if (missing.isEmpty()) {
        Q_EMIT lanesReady();
        return;
    }
    if (!d->painted) {
        d->lanesPending = true; // paintEvent asks again
        return;
    }
    Private *p = d.get();
    std::shared_ptr<library::Library> lib = d->library;
    const QList<qint64> keep = d->compared;
    const bool overlap = d->overlap;
    const bool level = d->level;
    for (const auto &[index, key] : missing) {
        const qint64 modelId = versions.at(index).modelId;
        QMetaObject::invokeMethod(
                d->laneContext,
                [this, p, lib, request, trackId, modelId, keep, overlap, level, index = index,
                 key = key] {
                    if (request != p->laneRequest)
                        return;
                    inference::TrackAttentionResult result
                            = p->attentionFor(lib, modelId, keep, overlap, level)
                                      .compute(trackId, modelId);
                    noteClipOnly(&result);
                    const QList<LaneInstrument> instruments = readInstruments(*lib);
                    QMetaObject::invokeMethod(
                            this,
                            [this, request, index, key, result = std::move(result), instruments] {
                                d->remember(key, result);
                                d->instruments = instruments;
                                if (request != d->laneRequest || index >= d->versions.size())
                                    return;
                                LaneVersion &v = d->versions[index];
                                v.result = result;
                                v.message = result.ok() ? QString()
                                                        : tr("No lanes: %1").arg(result.error);
                                if (!result.ok())
                                    Q_EMIT statusMessage(result.error);
                                m_lanes->setVersions(m_trackId, d->versions, instruments);
                                const bool settled = std::none_of(
                                        d->versions.begin(), d->versions.end(),
                                        [](const LaneVersion &l) {
                                            return !l.message.isEmpty() && l.result.ok();
                                        });
                                if (settled)
                                    Q_EMIT lanesReady();
                            },
                            Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
    }
}

void TrackView::saveRegion(double startS, double endS)
{
    if (!d->library || m_trackId <= 0) {
        Q_EMIT statusMessage(tr("Selected %1 s to %2 s; open a library track to keep regions as "
                                "clips")
                                     .arg(startS, 0, 'f', 2)
                                     .arg(endS, 0, 'f', 2));
        return;
    }
    std::shared_ptr<library::Library> lib = d->library;
    const qint64 trackId = m_trackId;
    auto *watcher = new QFutureWatcher<library::CatalogResult<qint64>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, startS, endS] {
        watcher->deleteLater();
        const library::CatalogResult<qint64> id = watcher->result();
        if (!id) {
            Q_EMIT statusMessage(tr("Cannot save the region: %1").arg(id.error().message));
            return;
        }
        Q_EMIT statusMessage(tr("Clip %1 created (%2 s to %3 s)")
                                     .arg(*id)
                                     .arg(startS, 0, 'f', 2)
                                     .arg(endS, 0, 'f', 2));
        Q_EMIT clipCreated(*id);
    });
    watcher->setFuture(QtConcurrent::run([lib, trackId, startS, endS] {
        const library::CatalogThreadScope catalogScope(lib->database());
        return lib->clips().addRegionClip(trackId, startS, endS);
    }));
}

} // namespace timbre::widgets
