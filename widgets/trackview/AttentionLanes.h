#pragma once
#include "core/eval/TrackAttention.h"
#include "widgets/trackview/ColourMap.h"

#include <QColor>
#include <QSet>
#include <QWidget>

namespace timbre::widgets {

class TrackViewport;

// How an instrument key is shown (the library's taxonomy; the key itself without one).
struct LaneInstrument
{
    QString key;
    QString name;
    QColor colour;
};

// One lane per instrument above the spectrogram, on its time axis (TrackViewport): a bar per
// instance whose height is the instance's attention weight (scaled so the lane's largest
// weight fills it) and whose colour is the instance score (colour map, legend at the top).
// The gutter shows the instrument's name and clip score. Instruments are toggled on and off
// from the context menu; by default those the model scores at 0.5 or more are shown (the
// three best when none is). Models without attention draw the instance score as the height.
// Draws a result computed elsewhere (off the GUI thread); never computes.
class AttentionLanes : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLaneHeight = 26;
    static constexpr int kHeaderHeight = 18;

    explicit AttentionLanes(TrackViewport *viewport, QWidget *parent = nullptr);

    void setGutterWidth(int pixels);
    void setResult(const eval::TrackAttentionResult &result,
                   const QList<LaneInstrument> &instruments = {});
    // No lanes; `text` in their place (no model, no features, computing...).
    void setMessage(const QString &text);
    QString message() const { return m_message; }
    const eval::TrackAttentionResult &result() const { return m_result; }

    void setInstrumentVisible(const QString &key, bool visible);
    // Keys of the shown lanes, top to bottom.
    QStringList visibleKeys() const;
    // The bar area of the shown lane `index` (0 = top), in widget coordinates.
    QRect laneRect(int index) const;
    // The instance-score colours (the workbench's colour map setting; magma by default).
    void setColourMap(ColourMap::Kind kind);
    ColourMap::Kind colourMap() const { return m_colours.kind(); }
    QColor scoreColour(float score) const { return QColor::fromRgb(m_colours.map(score)); }
    void setPlayhead(double seconds);

Q_SIGNALS:
    // A click in a lane: the instance under the pointer.
    void laneClicked(const QString &key, double startS, double endS);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void relayout();
    int classIndex(const QString &key) const;
    QString displayName(const QString &key) const;
    QColor instrumentColour(const QString &key) const;

    TrackViewport *m_viewport;
    eval::TrackAttentionResult m_result;
    QList<LaneInstrument> m_instruments;
    QSet<QString> m_hidden;
    QSet<QString> m_shown;
    QString m_message;
    ColourMap m_colours {ColourMap::Magma};
    std::vector<float> m_laneMax; // per class: the largest bar value, for scaling
    int m_gutter = 150;
    double m_playheadS = -1.0;
};

} // namespace timbre::widgets
