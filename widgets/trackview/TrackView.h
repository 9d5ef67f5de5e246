// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>

namespace timbre::library {
class LibrarySession;
}

namespace timbre::widgets {

class AttentionLanes;
class CompareBar;
class OverviewStrip;
class PlaybackController;
class SpectrogramView;
class TrackViewport;
class TransportBar;

// The track view: transport bar, one attention lane per instrument, the spectrogram and an
// overview strip of the whole track, all on one time axis (TrackViewport).
//
// openFile() works without a library (spectrogram and playback only); with a library (the
// session's), openTrack() adds the lanes of the library's active model — drawn again when
// another version becomes active, whoever activated it — and a region selected in the
// spectrogram (shift-drag) becomes a region clip of the track (clipCreated). Decoding, tile
// rendering and attention run off the GUI thread; these calls return at once. The lanes' thread
// also decodes and embeds the track's audio again when overlapping instances are on
// (setOverlappingInstances), and reads its level when the lanes follow the loudness
// (setLevelCue).
//
// Comparing versions (setComparedModels), the lanes stack each compared version's sub-lane
// under each instrument and a bar above them names the versions, with a button back to the
// active model's lanes. Each (track, version) is computed once and kept, so switching between
// tracks, versions and modes already seen is instant.
class TrackView : public QWidget
{
    Q_OBJECT
public:
    explicit TrackView(QWidget *parent = nullptr);
    ~TrackView() override;

    // Opens an audio file outside any library. False (and statusMessage naming the file) when
    // it cannot be read; the previous track stays on screen then.
    bool openFile(const QString &path);
    // The session whose library openTrack() opens tracks of (nullptr: none). The view follows
    // its library and its active model.
    void setSession(library::LibrarySession *session);
    // A track of the session's library: its audio and the active model's lanes.
    bool openTrack(qint64 trackId);

    // Compares these versions (model ids of the session's library, in this order: tags A, B,
    // ...) in stacked lanes; empty = the active model's lanes again. A version that cannot be
    // computed (no such model, missing checkpoint, no features) shows why in its sub-lanes.
    // Leaving a library ends the comparison.
    void setComparedModels(const QList<qint64> &modelIds);
    QList<qint64> comparedModels() const;
    // The instrument a comparison is about: shown first (and shown) in the stacked lanes, until
    // the comparison ends.
    void focusInstrument(const QString &key);

    // The colour map of the spectrogram, the overview and the lanes' scores (the transport
    // bar's box shows it); the workbench applies its setting here on start and on save.
    void setColourMap(int kind);
    int colourMap() const;

    // Whether the lanes blend each instance with instances shifted by half an instance
    // (TrackAttention::setOverlap; the lanes' context menu switches it). On by default; the
    // workbench applies its setting here on start. A change computes the open track's lanes
    // again (or takes them from the cache: results are kept per switch position).
    void setOverlappingInstances(bool on);
    bool overlappingInstances() const;
    // The lanes' bars as high as their score instead of their attention (AttentionLanes::
    // setScoreHeights; the lanes' context menu switches it). Off by default; the workbench
    // applies its setting here on start.
    void setScoreHeights(bool on);
    bool scoreHeights() const;
    // Whether the lanes' scores follow the loudness: each instance's score moved by its audio
    // level relative to the track's mean (TrackAttention::setLevel, AttentionLanes::
    // setLevelCue; the lanes' context menu switches it). On by default; the workbench applies
    // its setting here on start. A change computes the open track's lanes again, or takes them
    // from the cache (results are kept per switch position; lanes without the level are cut
    // from those with it).
    void setLevelCue(bool on);
    bool levelCue() const;

    QString currentPath() const { return m_path; }
    qint64 currentTrackId() const { return m_trackId; }

    SpectrogramView *spectrogram() const { return m_spectrogram; }
    AttentionLanes *lanes() const { return m_lanes; }
    OverviewStrip *overview() const { return m_overview; }
    PlaybackController *playback() const { return m_playback; }
    TrackViewport *viewport() const { return m_viewport; }
    TransportBar *transport() const { return m_transport; }
    CompareBar *compareBar() const { return m_compareBar; }

Q_SIGNALS:
    void clipCreated(qint64 clipId);
    void statusMessage(const QString &text);
    // The lanes of the last openTrack() (or setComparedModels()) are drawn, or their error
    // shown: all compared versions' when comparing.
    void lanesReady();
    // The overlap switch changed (setOverlappingInstances or the lanes' context menu).
    void overlappingInstancesChanged(bool on);
    // The bar height switch changed in the lanes' context menu.
    void scoreHeightsChanged(bool on);
    // The loudness switch changed (setLevelCue or the lanes' context menu).
    void levelCueChanged(bool on);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool openAudio(const QString &path);
    void followLibrary();
    void requestLanes();
    void requestComparedLanes();
    void saveRegion(double startS, double endS);

    struct Private;
    std::unique_ptr<Private> d;
    QPointer<library::LibrarySession> m_session;
    QString m_path;
    qint64 m_trackId = 0;
    TrackViewport *m_viewport = nullptr;
    SpectrogramView *m_spectrogram = nullptr;
    AttentionLanes *m_lanes = nullptr;
    OverviewStrip *m_overview = nullptr;
    PlaybackController *m_playback = nullptr;
    TransportBar *m_transport = nullptr;
    CompareBar *m_compareBar = nullptr;
};

} // namespace timbre::widgets
