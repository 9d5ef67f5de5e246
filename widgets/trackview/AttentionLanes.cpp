// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/AttentionLanes.h"

#include "core/inference/InstanceLevel.h"
#include "widgets/trackview/TrackViewport.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace timbre::widgets {

namespace {
// A menu tooltip as rich text, which Qt wraps instead of drawing one line across the screen.
QString paragraph(const QString &text)
{
    return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
}
} // namespace

AttentionLanes::AttentionLanes(TrackViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_viewport, &TrackViewport::changed, this, qOverload<>(&QWidget::update));
    setMessage(tr("Open a track of a library to see where its instruments play"));
}

void AttentionLanes::setColourMap(ColourMap::Kind kind)
{
    if (kind == m_colours.kind())
        return;
    m_colours = ColourMap(kind);
    update();
}

void AttentionLanes::setGutterWidth(int pixels)
{
    m_gutter = pixels;
    update();
}

void AttentionLanes::setMessage(const QString &text)
{
    m_message = text;
    m_result = inference::TrackAttentionResult();
    m_versions.clear();
    m_versionMax.clear();
    m_versionScores.clear();
    m_barScores.clear();
    m_shown.clear();
    relayout();
}

void AttentionLanes::setResult(const inference::TrackAttentionResult &result,
                               const QList<LaneInstrument> &instruments)
{
    if (!result.ok()) {
        setMessage(result.error);
        return;
    }
    // The same track's lanes under the same model again (recoloured by overlapping
    // instances, or the switch toggled): the instruments the user showed or hid stay so.
    const bool sameLanes = m_message.isEmpty() && !isStacked() && result.trackId != 0
            && result.trackId == m_result.trackId && result.modelId == m_result.modelId
            && result.classKeys == m_result.classKeys;
    m_message.clear();
    m_result = result;
    m_instruments = instruments;
    m_versions.clear();
    m_versionMax.clear();
    m_versionScores.clear();
    updateBarScores();
    const int classes = result.classes;
    const bool attention = result.hasAttention();
    const std::vector<float> &bars = attention ? result.attention : result.instanceScores;
    m_laneMax.assign(size_t(classes), 0.0f);
    for (int i = 0; i < result.instances; ++i)
        for (int k = 0; k < classes; ++k)
            m_laneMax[size_t(k)] = std::max(m_laneMax[size_t(k)], bars[size_t(i * classes + k)]);
    if (sameLanes) {
        relayout();
        return;
    }
    m_hidden.clear();
    m_shown.clear();
    m_userShown.clear();
    for (int k = 0; k < classes; ++k)
        if (size_t(k) < result.clipScores.size() && result.clipScores[size_t(k)] >= 0.5f)
            m_shown.insert(result.classKeys.value(k));
    if (m_shown.isEmpty()) {
        std::vector<int> order(static_cast<size_t>(classes));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            return result.clipScores[size_t(a)] > result.clipScores[size_t(b)];
        });
        for (size_t i = 0; i < std::min<size_t>(3, order.size()); ++i)
            m_shown.insert(result.classKeys.value(order[i]));
    }
    relayout();
}

void AttentionLanes::setInstrumentVisible(const QString &key, bool visible)
{
    if (visible) {
        m_shown.insert(key);
        m_userShown.insert(key);
        m_hidden.remove(key);
    } else {
        m_shown.remove(key);
        m_userShown.remove(key);
        m_hidden.insert(key);
    }
    relayout();
}

QStringList AttentionLanes::visibleKeys() const
{
    if (isStacked()) {
        QStringList keys;
        for (const QString &key : stackedKeys())
            if (m_shown.contains(key))
                keys << key;
        return keys;
    }
    QStringList keys;
    for (const QString &key : m_result.classKeys)
        if (m_shown.contains(key))
            keys << key;
    return keys;
}

void AttentionLanes::relayout()
{
    if (isStacked()) {
        const int groups = stackedGroups();
        setFixedHeight(kHeaderHeight + groups * int(m_versions.size()) * subLaneHeight()
                       + (groups - 1) * kGroupGap + 3);
        update();
        return;
    }
    const int lanes = m_message.isEmpty() ? int(visibleKeys().size()) : 0;
    setFixedHeight(m_message.isEmpty() ? kHeaderHeight + std::max(1, lanes) * kLaneHeight + 2 : 44);
    update();
}

QRect AttentionLanes::laneRect(int index) const
{
    if (isStacked())
        return subLaneRect(index, 0).united(subLaneRect(index, int(m_versions.size()) - 1));
    return QRect(m_gutter, kHeaderHeight + index * kLaneHeight + 1, std::max(1, width() - m_gutter),
                 kLaneHeight - 3);
}

int AttentionLanes::classIndex(const QString &key) const
{
    return int(m_result.classKeys.indexOf(key));
}

QString AttentionLanes::displayName(const QString &key) const
{
    for (const LaneInstrument &i : m_instruments)
        if (i.key == key && !i.name.isEmpty())
            return i.name;
    return key;
}

QColor AttentionLanes::instrumentColour(const QString &key) const
{
    for (const LaneInstrument &i : m_instruments)
        if (i.key == key && i.colour.isValid())
            return i.colour;
    return palette().color(QPalette::Highlight);
}

void AttentionLanes::setPlayhead(double seconds)
{
    if (seconds == m_playheadS)
        return;
    const int oldX = m_gutter + int(std::floor(m_viewport->xForTime(m_playheadS)));
    m_playheadS = seconds;
    const int newX = m_gutter + int(std::floor(m_viewport->xForTime(m_playheadS)));
    update(QRect(oldX - 2, 0, 5, height()));
    update(QRect(newX - 2, 0, 5, height()));
}

void AttentionLanes::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (isStacked()) {
        paintStacked(p);
        return;
    }
    const QFontMetrics fm = p.fontMetrics();
    if (!m_message.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(m_gutter, 0, 0, 0),
                   Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, m_message);
        return;
    }
    const int legendEnd = paintLegend(p, heightLegend(m_result.hasAttention()),
                                      !m_result.overlapScores.empty()
                                              && &colourScores(m_result) == &m_result.overlapScores,
                                      followsLoudness(m_result, m_levelCue));
    paintNotes(p, legendEnd);

    const QStringList keys = visibleKeys();
    if (keys.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(laneRect(0), Qt::AlignVCenter | Qt::AlignLeft,
                   tr("All instruments hidden (right-click to show some)"));
    }
    for (int lane = 0; lane < keys.size(); ++lane) {
        const QString &key = keys.at(lane);
        const int k = classIndex(key);
        const QRect r = laneRect(lane);
        p.fillRect(r, QColor(24, 24, 28));
        // Gutter: colour swatch, name, clip score.
        p.fillRect(QRect(4, r.top() + 4, 8, r.height() - 8), instrumentColour(key));
        p.setPen(palette().color(QPalette::WindowText));
        const QString score = QString::number(m_result.clipScores[size_t(k)], 'f', 2);
        const int scoreWidth = fm.horizontalAdvance(QStringLiteral("0.00")) + 6;
        p.drawText(QRect(16, r.top(), m_gutter - 20 - scoreWidth, r.height()), Qt::AlignVCenter,
                   fm.elidedText(displayName(key), Qt::ElideRight, m_gutter - 20 - scoreWidth));
        p.drawText(QRect(m_gutter - scoreWidth - 4, r.top(), scoreWidth, r.height()),
                   Qt::AlignVCenter | Qt::AlignRight, score);
        paintBars(p, r, m_result, m_barScores, k, m_laneMax[size_t(k)]);
    }
    paintPlayhead(p);
}

// The header: what height and colour mean; returns where it ends.
int AttentionLanes::paintLegend(QPainter &p, const QString &heightText, bool overlapping,
                                bool loudness)
{
    const QFontMetrics fm = p.fontMetrics();
    p.setPen(palette().color(QPalette::WindowText));
    const QRect legend(m_gutter, 2, std::max(1, width() - m_gutter), kHeaderHeight - 4);
    const QString colourText = overlapping
            ? (loudness ? tr("colour: overlapping instances' score with loudness 0")
                        : tr("colour: overlapping instances' score 0"))
            : (loudness ? tr("colour: instance score with loudness 0")
                        : tr("colour: instance score 0"));
    int x = legend.left();
    p.drawText(QRect(x, legend.top(), fm.horizontalAdvance(heightText) + 4, legend.height()),
               Qt::AlignVCenter, heightText);
    x += fm.horizontalAdvance(heightText) + 16;
    p.drawText(QRect(x, legend.top(), fm.horizontalAdvance(colourText) + 4, legend.height()),
               Qt::AlignVCenter, colourText);
    x += fm.horizontalAdvance(colourText) + 4;
    for (int i = 0; i < 100; ++i)
        p.fillRect(QRect(x + i, legend.top() + 3, 1, legend.height() - 6),
                   scoreColour(float(i / 99.0)));
    p.drawText(QRect(x + 104, legend.top(), 40, legend.height()), Qt::AlignVCenter,
               QStringLiteral("1"));
    p.drawText(QRect(4, legend.top(), m_gutter - 8, legend.height()), Qt::AlignVCenter,
               tr("Instrument  clip score"));
    return x + 104 + fm.horizontalAdvance(QStringLiteral("1"));
}

// After the legend, when overlapping instances or levels were asked for and could not be had:
// says so; each reason is elided in the middle (a long path's start matters least: its file
// name and the error are at the end) and whole in the header's tooltip.
void AttentionLanes::paintNotes(QPainter &p, int left)
{
    const QList<QPair<QString, QString>> notes = headerNotes(false);
    if (notes.isEmpty())
        return;
    const QFontMetrics fm = p.fontMetrics();
    constexpr int gap = 16;
    const QRect all(left + gap, 2, width() - left - 20, kHeaderHeight - 4);
    int whole = gap * int(notes.size() - 1);
    for (const auto &[prefix, note] : notes)
        whole += fm.horizontalAdvance(prefix.arg(note));
    // All in full when they fit, else an equal share of the room each.
    const int share = (all.width() - gap * int(notes.size() - 1)) / int(notes.size());
    p.setPen(palette().color(QPalette::PlaceholderText));
    int x = all.left();
    for (const auto &[prefix, note] : notes) {
        const int roomWidth
                = whole <= all.width() ? fm.horizontalAdvance(prefix.arg(note)) + 2 : share;
        const QRect room(x, all.top(), roomWidth, all.height());
        x += roomWidth + gap;
        if (room.width() < fm.horizontalAdvance(QStringLiteral("……")))
            continue;
        const int noteRoom = room.width() - fm.horizontalAdvance(prefix.arg(QString()));
        // Below some 16 characters of reason, a middle-elided one says nothing.
        const QString text = noteRoom >= 16 * fm.averageCharWidth()
                ? prefix.arg(fm.elidedText(note, Qt::ElideMiddle, noteRoom))
                : fm.elidedText(prefix.arg(note), Qt::ElideRight, room.width());
        p.drawText(room, Qt::AlignVCenter | Qt::AlignLeft, text);
    }
}

QString AttentionLanes::overlapNote() const
{
    if (!isStacked())
        return m_message.isEmpty() ? m_result.overlapNote : QString();
    QStringList notes;
    for (const LaneVersion &v : m_versions)
        if (v.drawable() && !v.result.overlapNote.isEmpty())
            notes << QStringLiteral("%1: %2").arg(v.tag, v.result.overlapNote);
    return notes.join(QLatin1Char('\n'));
}

QString AttentionLanes::levelNote() const
{
    if (!m_levelCue)
        return {};
    // A note with levels after all (an older result) says nothing.
    const auto noteOf = [](const inference::TrackAttentionResult &r) {
        return r.levelsDb.empty() ? r.levelNote : QString();
    };
    if (!isStacked())
        return m_message.isEmpty() ? noteOf(m_result) : QString();
    QStringList notes;
    for (const LaneVersion &v : m_versions)
        if (v.drawable() && !noteOf(v.result).isEmpty())
            notes << QStringLiteral("%1: %2").arg(v.tag, noteOf(v.result));
    return notes.join(QLatin1Char('\n'));
}

QList<QPair<QString, QString>> AttentionLanes::headerNotes(bool capital) const
{
    const QString overlap = overlapNote();
    const QString level = levelNote();
    QList<QPair<QString, QString>> notes;
    // A missing or changed audio file costs both, for one reason: said once.
    if (!overlap.isEmpty() && overlap == level) {
        notes.append({capital ? tr("No overlapping instances or loudness: %1")
                              : tr("no overlapping instances or loudness: %1"),
                      overlap});
        return notes;
    }
    if (!overlap.isEmpty())
        notes.append(
                {capital ? tr("No overlapping instances: %1") : tr("no overlapping instances: %1"),
                 overlap});
    if (!level.isEmpty())
        notes.append({capital ? tr("No loudness: %1") : tr("no loudness: %1"), level});
    return notes;
}

const std::vector<float> &
AttentionLanes::colourScores(const inference::TrackAttentionResult &result)
{
    // A blend of another shape than the plain scores (an older result) is not drawn.
    if (!result.overlapScores.empty()
        && result.overlapScores.size() == result.instanceScores.size())
        return result.overlapScores;
    return result.instanceScores;
}

bool AttentionLanes::followsLoudness(const inference::TrackAttentionResult &result, bool levelCue)
{
    return levelCue && result.instances > 0 && result.classes > 0
            && result.levelsDb.size() == size_t(result.instances)
            && result.instanceScores.size() == size_t(result.instances) * size_t(result.classes);
}

std::vector<float> AttentionLanes::barScores(const inference::TrackAttentionResult &result,
                                             bool levelCue)
{
    const std::vector<float> &scores = colourScores(result);
    if (!followsLoudness(result, levelCue))
        return scores;
    std::vector<float> moved = inference::InstanceLevel::blend(scores, result.instances,
                                                               result.classes, result.levelsDb);
    return moved.size() == scores.size() ? moved : scores;
}

void AttentionLanes::updateBarScores()
{
    m_barScores = barScores(m_result, m_levelCue);
    m_versionScores.clear();
    for (const LaneVersion &v : m_versions)
        m_versionScores << (v.drawable() ? barScores(v.result, m_levelCue) : std::vector<float>());
}

bool AttentionLanes::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QList<QPair<QString, QString>> notes = headerNotes(true);
        if (!notes.isEmpty() && help->pos().y() < kHeaderHeight) {
            QStringList lines;
            for (const auto &[prefix, note] : notes)
                lines << prefix.arg(note);
            QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

QString AttentionLanes::heightLegend(bool hasAttention) const
{
    if (!hasAttention)
        return tr("height: instance score");
    return m_scoreHeights ? tr("height: score") : tr("height: attention");
}

void AttentionLanes::setScoreHeights(bool on)
{
    if (on == m_scoreHeights)
        return;
    m_scoreHeights = on;
    update();
}

void AttentionLanes::setLevelCue(bool on)
{
    if (on == m_levelCue)
        return;
    m_levelCue = on;
    updateBarScores();
    update();
}

void AttentionLanes::addOverlapAction(QMenu &menu)
{
    menu.addSeparator();
    QAction *height = menu.addAction(tr("Bar height: score"));
    height->setToolTip(
            paragraph(tr("Draws each bar as high as its score instead of its attention "
                         "weight: where the instrument sounds rather than what the clip score "
                         "rests on")));
    height->setCheckable(true);
    height->setChecked(m_scoreHeights);
    connect(height, &QAction::toggled, this, [this](bool on) {
        setScoreHeights(on);
        Q_EMIT scoreHeightsToggled(on);
    });
    QAction *a = menu.addAction(tr("Overlapping instances"));
    a->setToolTip(paragraph(tr("Colours each instance by its score blended with those of instances "
                               "shifted by half an instance (decodes the track again)")));
    menu.setToolTipsVisible(true);
    a->setCheckable(true);
    a->setChecked(m_overlapping);
    connect(a, &QAction::toggled, this, [this](bool on) {
        m_overlapping = on;
        Q_EMIT overlappingInstancesToggled(on);
    });
    QAction *level = menu.addAction(tr("Follow the loudness"));
    level->setToolTip(
            paragraph(tr("Moves each instance's score by how much louder or quieter than the "
                         "track's mean it is: an instrument that joins makes the mix louder "
                         "(decodes the track again)")));
    level->setCheckable(true);
    level->setChecked(m_levelCue);
    connect(level, &QAction::toggled, this, [this](bool on) {
        setLevelCue(on);
        Q_EMIT levelCueToggled(on);
    });
}

void AttentionLanes::paintPlayhead(QPainter &p)
{
    if (m_playheadS >= 0.0) {
        const int px = m_gutter + int(std::floor(m_viewport->xForTime(m_playheadS)));
        if (px >= m_gutter && px < width()) {
            p.setPen(QPen(QColor(255, 64, 64), 2));
            p.drawLine(px, kHeaderHeight, px, height());
        }
    }
}

// Instance bars of class `k` in `r`: height = attention (or instance score) over `top`, colour =
// the bar score (barScores: instance or overlap score, moved by the level when that is on).
void AttentionLanes::paintBars(QPainter &p, const QRect &r,
                               const inference::TrackAttentionResult &result,
                               const std::vector<float> &scores, int k, float top) const
{
    const double hop = result.hopS > 0 ? result.hopS : 1.0;
    const int classes = result.classes;
    if (scores.size() != result.instanceScores.size())
        return;
    const std::vector<float> &colours = scores;
    // A score is a probability: drawn on the lane's absolute scale, not scaled to its maximum.
    const bool byScore = m_scoreHeights && result.hasAttention();
    const std::vector<float> &bars = byScore ? colours
            : result.hasAttention()          ? result.attention
                                             : result.instanceScores;
    if (byScore)
        top = 1.0f;
    const double t0 = m_viewport->visibleStartS();
    const double t1 = m_viewport->visibleEndS();
    if (top <= 0.0f)
        top = 1.0f;
    const int first = std::max(0, int(std::floor(t0 / hop)));
    const int last = std::min(result.instances - 1, int(std::ceil(t1 / hop)));
    for (int i = first; i <= last; ++i) {
        const int xa = m_gutter + int(std::floor(m_viewport->xForTime(i * hop)));
        const int xb = m_gutter + int(std::floor(m_viewport->xForTime((i + 1) * hop)));
        const int left = std::max(xa, r.left());
        const int right = std::min(xb - (xb - xa > 3 ? 1 : 0), r.right() + 1);
        if (right <= left)
            continue;
        const float value = bars[size_t(i * classes + k)] / top;
        const int h = int(std::lround(std::clamp(value, 0.0f, 1.0f) * r.height()));
        if (h <= 0)
            continue;
        p.fillRect(QRect(left, r.bottom() + 1 - h, right - left, h),
                   scoreColour(colours[size_t(i * classes + k)]));
    }
}

void AttentionLanes::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    if (isStacked()) {
        stackedMousePress(pos);
        return;
    }
    if (!m_message.isEmpty())
        return;
    const QStringList keys = visibleKeys();
    for (int lane = 0; lane < keys.size(); ++lane) {
        if (!laneRect(lane).contains(pos))
            continue;
        const double hop = m_result.hopS > 0 ? m_result.hopS : 1.0;
        const double t = m_viewport->timeAtX(pos.x() - m_gutter);
        const int i = std::clamp(int(std::floor(t / hop)), 0, std::max(0, m_result.instances - 1));
        Q_EMIT laneClicked(keys.at(lane), i * hop, (i + 1) * hop);
        return;
    }
}

void AttentionLanes::contextMenuEvent(QContextMenuEvent *event)
{
    if (isStacked()) {
        QMenu menu(this);
        addStackedMenuActions(menu);
        addOverlapAction(menu);
        menu.exec(event->globalPos());
        return;
    }
    if (!m_message.isEmpty() || m_result.classes == 0)
        return;
    QMenu menu(this);
    for (int k = 0; k < m_result.classes; ++k) {
        const QString key = m_result.classKeys.value(k);
        QAction *a = menu.addAction(QStringLiteral("%1  (%2)")
                                            .arg(displayName(key))
                                            .arg(m_result.clipScores[size_t(k)], 0, 'f', 2));
        a->setCheckable(true);
        a->setChecked(m_shown.contains(key));
        connect(a, &QAction::toggled, this,
                [this, key](bool on) { setInstrumentVisible(key, on); });
    }
    addOverlapAction(menu);
    menu.exec(event->globalPos());
}

} // namespace timbre::widgets
