// SPDX-License-Identifier: GPL-3.0-or-later
// AttentionLanes comparing versions: one sub-lane per version under each instrument.
#include "widgets/trackview/AttentionLanes.h"

#include "widgets/trackview/TrackViewport.h"

#include <QMenu>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

namespace {

// Text inside a (dark) lane: waiting, or why a version has no lanes.
const QColor kPendingText(176, 176, 184);
const QColor kErrorText(255, 140, 128);

int classOf(const LaneVersion &version, const QString &key)
{
    return version.drawable() ? int(version.result.classKeys.indexOf(key)) : -1;
}

} // namespace

QColor AttentionLanes::versionColour(int index)
{
    // Told apart from each other and from the magma/viridis bar colours, light enough for dark
    // text on them and visible on light and dark window themes.
    static const QColor colours[]
            = {QColor(79, 195, 247), QColor(255, 183, 77),  QColor(129, 199, 132),
               QColor(240, 98, 146), QColor(186, 104, 200), QColor(161, 136, 127)};
    constexpr int n = int(sizeof(colours) / sizeof(colours[0]));
    return colours[((index % n) + n) % n];
}

void AttentionLanes::setVersions(qint64 trackId, const QList<LaneVersion> &versions,
                                 const QList<LaneInstrument> &instruments)
{
    if (versions.isEmpty()) {
        setMessage(tr("No versions to compare"));
        return;
    }
    const bool sameTrack = isStacked() && trackId == m_stackedTrack;
    m_message.clear();
    m_result = inference::TrackAttentionResult();
    m_versions = versions;
    m_stackedTrack = trackId;
    if (!instruments.isEmpty())
        m_instruments = instruments;
    if (!sameTrack) {
        m_hidden.clear();
        m_userShown.clear();
    }
    m_versionMax.clear();
    for (const LaneVersion &v : m_versions) {
        std::vector<float> top;
        if (v.drawable()) {
            const inference::TrackAttentionResult &r = v.result;
            const std::vector<float> &bars = r.hasAttention() ? r.attention : r.instanceScores;
            top.assign(size_t(r.classes), 0.0f);
            for (int i = 0; i < r.instances; ++i)
                for (int k = 0; k < r.classes; ++k)
                    top[size_t(k)] = std::max(top[size_t(k)], bars[size_t(i * r.classes + k)]);
        }
        m_versionMax << top;
    }
    updateBarScores();
    resetStackedVisibility();
    relayout();
}

void AttentionLanes::setFocusInstrument(const QString &key)
{
    m_focus = key;
    if (isStacked()) {
        resetStackedVisibility();
        relayout();
    }
}

void AttentionLanes::setStackedHeightBudget(int pixels)
{
    if (pixels == m_stackedBudget)
        return;
    m_stackedBudget = pixels;
    if (isStacked())
        relayout();
}

// Instruments in the versions' class order (the focused one first).
QStringList AttentionLanes::stackedKeys() const
{
    QStringList keys;
    for (const LaneVersion &v : m_versions)
        if (v.drawable())
            for (const QString &key : v.result.classKeys)
                if (!keys.contains(key))
                    keys << key;
    if (!m_focus.isEmpty() && keys.removeAll(m_focus) > 0)
        keys.prepend(m_focus);
    return keys;
}

// Shown: what any version scores at 0.5 or more (else the three it scores highest), the focused
// instrument and those shown from the menu, less those hidden from it.
void AttentionLanes::resetStackedVisibility()
{
    const QStringList keys = stackedKeys();
    QList<QPair<float, QString>> best;
    m_shown.clear();
    for (const QString &key : keys) {
        float top = 0.0f;
        for (const LaneVersion &v : m_versions) {
            const int k = classOf(v, key);
            if (k >= 0 && size_t(k) < v.result.clipScores.size())
                top = std::max(top, v.result.clipScores[size_t(k)]);
        }
        if (top >= 0.5f)
            m_shown.insert(key);
        best.append({top, key});
    }
    if (m_shown.isEmpty()) {
        std::stable_sort(best.begin(), best.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (int i = 0; i < std::min(3, int(best.size())); ++i)
            m_shown.insert(best.at(i).second);
    }
    if (keys.contains(m_focus))
        m_shown.insert(m_focus);
    for (const QString &key : m_userShown)
        if (keys.contains(key))
            m_shown.insert(key);
    for (const QString &key : m_hidden)
        m_shown.remove(key);
}

// Instrument groups laid out: at least one (all hidden, or no version has lanes yet).
int AttentionLanes::stackedGroups() const
{
    return std::max(1, int(visibleKeys().size()));
}

int AttentionLanes::subLaneHeight() const
{
    if (!isStacked())
        return kLaneHeight;
    const int groups = stackedGroups();
    const int lanes = groups * int(m_versions.size());
    const int room = m_stackedBudget - kHeaderHeight - 3 - (groups - 1) * kGroupGap;
    return std::clamp(room / std::max(1, lanes), kMinSubLaneHeight, kSubLaneHeight);
}

QRect AttentionLanes::subLaneRect(int lane, int version) const
{
    const int h = subLaneHeight();
    const int group = int(m_versions.size()) * h + kGroupGap;
    return QRect(m_gutter, kHeaderHeight + lane * group + 1 + version * h,
                 std::max(1, width() - m_gutter), h - 1);
}

void AttentionLanes::paintStackedLegend(QPainter &p)
{
    int drawable = 0;
    int attention = 0;
    bool overlapping = false;
    bool loudness = false;
    for (const LaneVersion &v : m_versions) {
        drawable += v.drawable() ? 1 : 0;
        attention += v.drawable() && v.result.hasAttention() ? 1 : 0;
        overlapping = overlapping
                || (v.drawable() && !v.result.overlapScores.empty()
                    && &colourScores(v.result) == &v.result.overlapScores);
        loudness = loudness || (v.drawable() && followsLoudness(v.result, levelCue()));
    }
    const QString heightText = attention == 0 ? heightLegend(false)
            : (attention == drawable || scoreHeights())
            ? heightLegend(true)
            : tr("height: attention (instance score without)");
    int x = paintLegend(p, heightText, overlapping, loudness) + 24;
    // The versions: tag chip and name. Every name gets the same room, so two names that share
    // a prefix elide alike; when there is too little room for a readable name only the chips
    // are drawn (the comparison banner above the view names the versions in full).
    const QFontMetrics fm = p.fontMetrics();
    const int top = 2;
    const int h = kHeaderHeight - 4;
    int chips = 0;
    for (const LaneVersion &version : m_versions)
        chips += fm.horizontalAdvance(version.tag) + 8 + 4 + 14;
    const int count = std::max(1, int(m_versions.size()));
    const int room = (width() - x - chips) / count;
    const bool named = room >= fm.horizontalAdvance(QStringLiteral("mt-…0000"));
    for (int v = 0; v < m_versions.size(); ++v) {
        const LaneVersion &version = m_versions.at(v);
        const int tagWidth = fm.horizontalAdvance(version.tag) + 8;
        if (width() - x < tagWidth)
            break;
        p.fillRect(QRect(x, top, tagWidth, h), versionColour(v));
        p.setPen(QColor(20, 20, 20));
        p.drawText(QRect(x, top, tagWidth, h), Qt::AlignCenter, version.tag);
        x += tagWidth + 4;
        if (!named) {
            x += 6;
            continue;
        }
        const QString name = fm.elidedText(version.name, Qt::ElideMiddle, room);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(x, top, fm.horizontalAdvance(name) + 2, h), Qt::AlignVCenter, name);
        x += fm.horizontalAdvance(name) + 14;
    }
}

void AttentionLanes::paintStacked(QPainter &p)
{
    paintStackedLegend(p);
    const QStringList keys = visibleKeys();
    const int h = subLaneHeight();
    QFont small = font();
    if (QFontMetrics(small).height() > h)
        small.setPixelSize(std::max(7, h - 2));
    const QFontMetrics sfm(small);
    int tagWidth = 0;
    for (const LaneVersion &v : m_versions)
        tagWidth = std::max(tagWidth, sfm.horizontalAdvance(v.tag) + 8);
    const int stripe = 3;
    const int scoreWidth = sfm.horizontalAdvance(QStringLiteral("0.00")) + 4;
    const int scoreLeft = m_gutter - 4 - stripe - scoreWidth;
    const int tagLeft = scoreLeft - 3 - tagWidth;
    const int nameWidth = std::max(10, tagLeft - 4 - 16);

    // One version's sub-lane: its tag and edge in its colour, and its clip score (or a dash).
    const auto paintTag = [&](int v, const QRect &r, const QString &score) {
        const QColor colour = versionColour(v);
        p.fillRect(QRect(m_gutter - 1 - stripe, r.top(), stripe, r.height()), colour);
        p.setFont(small);
        const QRect chip(tagLeft, r.top() + 1, tagWidth, std::max(1, r.height() - 2));
        p.fillRect(chip, colour);
        p.setPen(QColor(20, 20, 20));
        p.drawText(chip, Qt::AlignCenter, m_versions.at(v).tag);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(scoreLeft, r.top(), scoreWidth, r.height()),
                   Qt::AlignVCenter | Qt::AlignRight, score);
        p.setFont(font());
    };
    const auto paintNote = [&](const QRect &r, const QString &text, const QColor &colour) {
        p.setFont(small);
        p.setPen(colour);
        p.drawText(r.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   sfm.elidedText(text, Qt::ElideRight, r.width() - 12));
        p.setFont(font());
    };
    const auto versionNote
            = [](const LaneVersion &v) { return v.message.isEmpty() ? v.result.error : v.message; };
    const QString dash = QStringLiteral("–");

    if (keys.isEmpty()) {
        // Nothing to group by: every version's state, or that all instruments are hidden.
        const bool anyDrawable = std::any_of(m_versions.begin(), m_versions.end(),
                                             [](const LaneVersion &v) { return v.drawable(); });
        for (int v = 0; v < m_versions.size(); ++v) {
            const QRect r = subLaneRect(0, v);
            p.fillRect(r, QColor(24, 24, 28));
            paintTag(v, r, dash);
            const LaneVersion &version = m_versions.at(v);
            if (!version.drawable())
                paintNote(r, versionNote(version), version.failed() ? kErrorText : kPendingText);
            else if (v == 0 || !anyDrawable)
                paintNote(r, tr("All instruments hidden (right-click to show some)"), kPendingText);
        }
        paintPlayhead(p);
        return;
    }

    const QFontMetrics fm(font());
    for (int lane = 0; lane < keys.size(); ++lane) {
        const QString &key = keys.at(lane);
        const QRect group = laneRect(lane);
        // Gutter: the instrument once for its group (wrapped onto two lines when it has room).
        p.fillRect(QRect(4, group.top() + 2, 8, std::max(1, group.height() - 4)),
                   instrumentColour(key));
        QFont nameFont = font();
        nameFont.setBold(key == m_focus);
        p.setFont(nameFont);
        const QFontMetrics nfm(nameFont);
        const QString name = displayName(key);
        const QRect nameRect(16, group.top(), nameWidth, group.height());
        p.setPen(palette().color(QPalette::WindowText));
        if (nfm.horizontalAdvance(name) > nameWidth && group.height() >= 2 * nfm.lineSpacing())
            p.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, name);
        else
            p.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                       nfm.elidedText(name, Qt::ElideRight, nameWidth));
        p.setFont(font());
        for (int v = 0; v < m_versions.size(); ++v) {
            const LaneVersion &version = m_versions.at(v);
            const QRect r = subLaneRect(lane, v);
            p.fillRect(r, QColor(24, 24, 28));
            const int k = classOf(version, key);
            if (k < 0) {
                paintTag(v, r, dash);
                if (!version.drawable())
                    paintNote(r, versionNote(version),
                              version.failed() ? kErrorText : kPendingText);
                else
                    paintNote(r, tr("not an instrument of this version"), kPendingText);
                continue;
            }
            paintTag(v, r, QString::number(version.result.clipScores[size_t(k)], 'f', 2));
            paintBars(p, r, version.result, m_versionScores.value(v), k,
                      m_versionMax.at(v)[size_t(k)]);
        }
    }
    paintPlayhead(p);
}

void AttentionLanes::stackedMousePress(const QPoint &pos)
{
    const QStringList keys = visibleKeys();
    for (int lane = 0; lane < keys.size(); ++lane) {
        for (int v = 0; v < m_versions.size(); ++v) {
            if (!subLaneRect(lane, v).contains(pos))
                continue;
            const LaneVersion &version = m_versions.at(v);
            if (classOf(version, keys.at(lane)) < 0)
                return;
            const double hop = version.result.hopS > 0 ? version.result.hopS : 1.0;
            const double t = m_viewport->timeAtX(pos.x() - m_gutter);
            const int i = std::clamp(int(std::floor(t / hop)), 0,
                                     std::max(0, version.result.instances - 1));
            Q_EMIT laneClicked(keys.at(lane), i * hop, (i + 1) * hop);
            return;
        }
    }
}

void AttentionLanes::addStackedMenuActions(QMenu &menu)
{
    for (const QString &key : stackedKeys()) {
        QStringList scores;
        for (const LaneVersion &v : m_versions) {
            const int k = classOf(v, key);
            scores << QStringLiteral("%1 %2").arg(
                    v.tag,
                    k >= 0 ? QString::number(v.result.clipScores[size_t(k)], 'f', 2)
                           : QStringLiteral("–"));
        }
        QAction *a = menu.addAction(
                QStringLiteral("%1  (%2)")
                        .arg(displayName(key), scores.join(QStringLiteral(" · "))));
        a->setCheckable(true);
        a->setChecked(m_shown.contains(key));
        connect(a, &QAction::toggled, this,
                [this, key](bool on) { setInstrumentVisible(key, on); });
    }
}

} // namespace timbre::widgets
