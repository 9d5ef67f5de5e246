// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/inference/TrackAttention.h"
#include "widgets/trackview/ColourMap.h"

#include <QColor>
#include <QList>
#include <QPair>
#include <QSet>
#include <QWidget>

class QMenu;
class QPainter;

namespace timbre::widgets {

class TrackViewport;

// How an instrument key is shown (the library's taxonomy; the key itself without one).
struct LaneInstrument
{
    QString key;
    QString name;
    QColor colour;
};

// One version in a comparison (AttentionLanes::setVersions): its sub-lane under each
// instrument draws `result`, or `message` in its place.
struct LaneVersion
{
    qint64 modelId = 0;
    QString tag; // short, on each of its sub-lanes ("A")
    QString name; // the version's name, in the legend
    inference::TrackAttentionResult result; // drawn when ok() and `message` is empty
    // Shown instead of bars: "computing" while result is ok() (nothing computed yet), the reason
    // when result has an error.
    QString message;

    bool drawable() const
    {
        const size_t cells = size_t(result.instances) * size_t(result.classes);
        return message.isEmpty() && result.ok() && result.classes > 0
                && result.instanceScores.size() == cells
                && result.clipScores.size() == size_t(result.classes)
                && (result.attention.empty() || result.attention.size() == cells);
    }
    bool failed() const { return !result.ok(); }
};

// One lane per instrument above the spectrogram, on its time axis (TrackViewport): a bar per
// instance whose height is the instance's attention weight (scaled so the lane's largest
// weight fills it) and whose colour is the instance score (colour map, legend at the top).
// The gutter shows the instrument's name and clip score. Instruments are toggled on and off
// from the context menu; by default those the model scores at 0.5 or more are shown (the
// three best when none is). Models without attention draw the instance score as the height.
// Draws a result computed elsewhere (off the GUI thread); never computes.
//
// Where a result has overlapScores (each instance blended with a grid shifted by half an
// instance, TrackAttention::setOverlap), those colour the bars; the context menu's
// "Overlapping instances" asks for them (overlappingInstancesToggled: the track view computes
// the lanes again) and the header says when they were asked for but could not be computed.
// Where a result has levelsDb (each instance's audio level, TrackAttention::setLevel) and
// "Follow the loudness" is on, the bars' scores are moved by each instance's level relative to
// the track's mean (InstanceLevel::blend, docs/METHOD.md §10.7); the menu's switch asks for the
// levels (levelCueToggled) and the header says when they could not be read.
//
// Comparing versions (setVersions), each shown instrument gets one sub-lane per version,
// stacked under the instrument's name: tagged with the version's tag, colour and clip score,
// on the same time axis and colour map, a legend naming the versions. Instruments either
// version scores at 0.5 or more are shown; sub-lanes shrink (down to kMinSubLaneHeight) to keep
// the lanes within setStackedHeightBudget(). A version without a result shows its message in
// its sub-lanes while the others draw.
class AttentionLanes : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLaneHeight = 26;
    static constexpr int kHeaderHeight = 18;
    static constexpr int kSubLaneHeight = 20;
    static constexpr int kMinSubLaneHeight = 10;
    static constexpr int kGroupGap = 5;

    explicit AttentionLanes(TrackViewport *viewport, QWidget *parent = nullptr);

    void setGutterWidth(int pixels);
    // The lanes of one track. Another result for the track and model shown (its overlapping
    // instances arriving, the switch toggled) keeps the instruments the user showed or hid.
    void setResult(const inference::TrackAttentionResult &result,
                   const QList<LaneInstrument> &instruments = {});
    // No lanes; `text` in their place (no model, no features, computing...).
    void setMessage(const QString &text);
    // Stacked lanes of several versions for track `trackId` (see above); instruments the user
    // showed or hid stay so while the track stays the same. An empty `instruments` keeps the
    // last ones. setResult() and setMessage() end the comparison.
    void setVersions(qint64 trackId, const QList<LaneVersion> &versions,
                     const QList<LaneInstrument> &instruments = {});
    bool isStacked() const { return !m_versions.isEmpty(); }
    const QList<LaneVersion> &versions() const { return m_versions; }
    // Shown first among the stacked lanes and shown even when no version scores it highly (the
    // instrument a comparison was opened for); empty = none.
    void setFocusInstrument(const QString &key);
    QString focusInstrument() const { return m_focus; }
    // The most pixels the stacked lanes should take (the track view gives a share of its
    // height); sub-lanes shrink to fit it, and past kMinSubLaneHeight the widget grows instead.
    void setStackedHeightBudget(int pixels);
    int subLaneHeight() const;
    // The bar area of version `version`'s sub-lane under shown instrument `lane`.
    QRect subLaneRect(int lane, int version) const;
    // The colour of the version at `index` in a comparison (tag, sub-lane edge, legend).
    static QColor versionColour(int index);
    QString message() const { return m_message; }
    const inference::TrackAttentionResult &result() const { return m_result; }

    void setInstrumentVisible(const QString &key, bool visible);
    // Keys of the shown lanes, top to bottom.
    QStringList visibleKeys() const;
    // The bar area of the shown lane `index` (0 = top), in widget coordinates; stacked, the
    // area of all its sub-lanes.
    QRect laneRect(int index) const;
    // The instance-score colours (the workbench's colour map setting; magma by default).
    void setColourMap(ColourMap::Kind kind);
    ColourMap::Kind colourMap() const { return m_colours.kind(); }
    QColor scoreColour(float score) const { return QColor::fromRgb(m_colours.map(score)); }
    // The scores that colour a result's bars: overlapScores when it has them, else
    // instanceScores.
    static const std::vector<float> &colourScores(const inference::TrackAttentionResult &result);
    // The scores the bars are drawn with: colourScores() moved by the instances' levels
    // (InstanceLevel::blend) when `levelCue` and the result has levels of its shape, else
    // colourScores() as they are.
    static std::vector<float> barScores(const inference::TrackAttentionResult &result,
                                        bool levelCue);
    // Whether barScores(result, levelCue()) uses the result's levels.
    static bool followsLoudness(const inference::TrackAttentionResult &result, bool levelCue);
    void setPlayhead(double seconds);

    // The context menu's "Overlapping instances" check (the track view's switch); setting it
    // emits nothing.
    void setOverlappingInstances(bool on) { m_overlapping = on; }
    bool overlappingInstances() const { return m_overlapping; }
    // The context menu's "Bar height: score": each bar as high as the score that colours it
    // (0 to 1 over the lane's height) instead of its attention weight. The score is what
    // localises the instrument in time (docs/RESULTS.md, "Overlapping instances in the C++
    // evaluation": within-track 83.8 for the instance score against 81.5 for the attention
    // evidence); the attention says which seconds the clip score rests on. Setting it repaints
    // and emits nothing.
    void setScoreHeights(bool on);
    bool scoreHeights() const { return m_scoreHeights; }
    // The context menu's "Follow the loudness": the bars' scores moved by each instance's
    // level relative to the track's mean (barScores), where the result has levels; on by
    // default. Setting it repaints (a result without levels draws as before until the track
    // view brings one with them) and emits nothing.
    void setLevelCue(bool on);
    bool levelCue() const { return m_levelCue; }

Q_SIGNALS:
    // A click in a lane: the instance under the pointer.
    void laneClicked(const QString &key, double startS, double endS);
    // The user switched overlapping instances on or off in the context menu.
    void overlappingInstancesToggled(bool on);
    // The user switched the bars' height between attention and score in the context menu.
    void scoreHeightsToggled(bool on);
    // The user switched "Follow the loudness" on or off in the context menu.
    void levelCueToggled(bool on);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void relayout();
    // `overlapping`: the bars' colours are overlapping instances' scores; `loudness`: moved by
    // the instances' levels.
    int paintLegend(QPainter &p, const QString &heightText, bool overlapping, bool loudness);
    // After the legend: why overlapping instances or levels asked for are missing.
    void paintNotes(QPainter &p, int left);
    void paintPlayhead(QPainter &p);
    // `scores`: barScores() of `result`.
    void paintBars(QPainter &p, const QRect &r, const inference::TrackAttentionResult &result,
                   const std::vector<float> &scores, int k, float top) const;
    // m_barScores and m_versionScores from the results and the switch.
    void updateBarScores();
    // Stacked mode (AttentionLanesStacked.cpp).
    void resetStackedVisibility();
    int stackedGroups() const;
    void paintStacked(QPainter &p);
    void paintStackedLegend(QPainter &p);
    void stackedMousePress(const QPoint &pos);
    void addStackedMenuActions(QMenu &menu);
    void addOverlapAction(QMenu &menu);
    // "height: attention", "height: score" or, for a model without attention,
    // "height: instance score".
    QString heightLegend(bool hasAttention) const;
    // Why the shown lanes lack overlapping instances that were asked for; empty when they have
    // them or were not asked.
    QString overlapNote() const;
    // Why the shown lanes lack the levels "Follow the loudness" asked for; empty when they have
    // them, were not asked or the switch is off.
    QString levelNote() const;
    // What the header (`capital` false) or its tooltip says about both: a format with %1 and
    // the reason, one for each missing part, or one for both when the reason is the same.
    QList<QPair<QString, QString>> headerNotes(bool capital) const;
    QStringList stackedKeys() const;
    int classIndex(const QString &key) const;
    QString displayName(const QString &key) const;
    QColor instrumentColour(const QString &key) const;

    TrackViewport *m_viewport;
    inference::TrackAttentionResult m_result;
    QList<LaneInstrument> m_instruments;
    QSet<QString> m_hidden;
    QSet<QString> m_shown;
    QString m_message;
    ColourMap m_colours {ColourMap::Magma};
    std::vector<float> m_laneMax; // per class: the largest bar value, for scaling
    std::vector<float> m_barScores; // barScores(m_result, m_levelCue)
    QList<LaneVersion> m_versions;
    QList<std::vector<float>> m_versionMax; // m_laneMax of each version
    QList<std::vector<float>> m_versionScores; // barScores() of each version
    QSet<QString> m_userShown; // shown from the menu (kept across a comparison's updates)
    QString m_focus;
    qint64 m_stackedTrack = 0;
    int m_stackedBudget = 360;
    int m_gutter = 150;
    double m_playheadS = -1.0;
    bool m_overlapping = true;
    bool m_scoreHeights = false;
    bool m_levelCue = true;
};

} // namespace timbre::widgets
