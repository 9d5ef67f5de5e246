// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/trackview/ColourMap.h"

#include <QImage>

namespace timbre::dsp {
class TrackSpectrogram;
}

namespace timbre::widgets {

// How spectrogram values become colours. Passed by value to render threads.
struct RasterStyle
{
    ColourMap colours;
    float floorDb = -90.0f; // at or below: the map's first colour
    float ceilingDb = -10.0f; // at or above: its last
};

struct RasterImage
{
    QImage image; // width x spectrogram rows, lowest frequency in the bottom row
    bool complete = false; // every frame it covers was decoded (or lies past the end)
};

// Pixel column x of the result covers seconds [startS + x * spp, startS + (x + 1) * spp); a
// column holding several frames shows each row's loudest (so short notes survive zooming out),
// a frame wider than a pixel repeats. Frames not decoded yet are left transparent. Thread-safe
// (reads the spectrogram as TrackSpectrogram allows); not a QObject, runs on render threads.
RasterImage renderSpectrogramRaster(const dsp::TrackSpectrogram &spectrogram, double startS,
                                    double secondsPerPixel, int width, const RasterStyle &style);

} // namespace timbre::widgets
