// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/TransportBar.h"

#include "widgets/trackview/PlaybackController.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace timbre::widgets {

namespace {

QString clock(double seconds)
{
    const int minutes = int(seconds / 60.0);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60.0, 4, 'f', 1,
                                                    QLatin1Char('0'));
}

QToolButton *button(QWidget *parent, QStyle::StandardPixmap icon, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

TransportBar::TransportBar(PlaybackController *playback, SpectrogramView *spectrogram,
                           TrackViewport *viewport, QWidget *parent)
    : QWidget(parent), m_playback(playback), m_spectrogram(spectrogram)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(4, 2, 4, 2);
    m_play = button(this, QStyle::SP_MediaPlay, tr("Play / pause (Space)"));
    m_loop = button(this, QStyle::SP_BrowserReload, tr("Loop the selected region"));
    m_loop->setCheckable(true);
    m_position = new QLabel(clock(0.0), this);
    m_position->setMinimumWidth(
            m_position->fontMetrics().horizontalAdvance(QStringLiteral("00:00.0 / 00:00.0")));
    auto *zoomIn = button(this, QStyle::SP_ArrowUp, tr("Zoom in (+)"));
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *zoomOut = button(this, QStyle::SP_ArrowDown, tr("Zoom out (-)"));
    zoomOut->setText(QStringLiteral("\u2212"));
    zoomOut->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *fit = new QToolButton(this);
    fit->setText(tr("Whole track"));
    fit->setAutoRaise(true);
    fit->setToolTip(tr("Show the whole track (0)"));
    m_colours = new QComboBox(this);
    m_colours->addItems(ColourMap::names());
    m_colours->setToolTip(tr("Colour map"));
    m_floor = new QDoubleSpinBox(this);
    m_ceiling = new QDoubleSpinBox(this);
    for (QDoubleSpinBox *box : {m_floor, m_ceiling}) {
        box->setRange(-160.0, 20.0);
        box->setDecimals(0);
        box->setSingleStep(5.0);
        box->setSuffix(tr(" dB"));
    }
    m_floor->setToolTip(tr("Quietest level shown"));
    m_ceiling->setToolTip(tr("Loudest level shown"));
    m_floor->setValue(spectrogram->floorDb());
    m_ceiling->setValue(spectrogram->ceilingDb());
    m_notice = new QLabel(this);
    m_notice->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    row->addWidget(m_play);
    row->addWidget(m_loop);
    row->addWidget(m_position);
    row->addSpacing(6);
    row->addWidget(zoomOut);
    row->addWidget(zoomIn);
    row->addWidget(fit);
    row->addSpacing(6);
    row->addWidget(m_colours);
    row->addWidget(new QLabel(tr("Range"), this));
    row->addWidget(m_floor);
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(m_ceiling);
    row->addSpacing(6);
    row->addWidget(m_notice, 1);

    connect(m_play, &QToolButton::clicked, playback, &PlaybackController::togglePlay);
    connect(playback, &PlaybackController::playingChanged, this, [this](bool playing) {
        m_play->setIcon(
                style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(playback, &PlaybackController::positionChanged, this, &TransportBar::showPosition);
    connect(m_loop, &QToolButton::toggled, this, [this](bool on) {
        if (on && m_spectrogram->selectionEnd() > m_spectrogram->selectionStart())
            m_playback->setLoop(m_spectrogram->selectionStart(), m_spectrogram->selectionEnd());
        else
            m_playback->clearLoop();
        if (on && !m_playback->isLooping())
            m_loop->setChecked(false); // nothing selected to loop
    });
    connect(spectrogram, &SpectrogramView::regionSelected, this, [this](double a, double b) {
        if (m_loop->isChecked())
            m_playback->setLoop(a, b);
    });
    connect(zoomIn, &QToolButton::clicked, viewport, &TrackViewport::zoomIn);
    connect(zoomOut, &QToolButton::clicked, viewport, &TrackViewport::zoomOut);
    connect(fit, &QToolButton::clicked, viewport, &TrackViewport::fitAll);
    connect(m_colours, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        m_spectrogram->setColourMap(ColourMap::Kind(i));
        Q_EMIT styleChanged();
    });
    const auto range = [this] {
        m_spectrogram->setDbRange(float(m_floor->value()), float(m_ceiling->value()));
        Q_EMIT styleChanged();
    };
    connect(m_floor, &QDoubleSpinBox::editingFinished, this, range);
    connect(m_ceiling, &QDoubleSpinBox::editingFinished, this, range);
}

void TransportBar::showPosition(double seconds)
{
    m_position->setText(
            QStringLiteral("%1 / %2").arg(clock(seconds), clock(m_playback->duration())));
}

void TransportBar::setColourMap(int kind)
{
    m_colours->setCurrentIndex(kind);
}

void TransportBar::setNotice(const QString &text)
{
    m_notice->setText(text);
}

QString TransportBar::notice() const
{
    return m_notice->text();
}

} // namespace timbre::widgets
