// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/SpectrogramRaster.h"

#include "core/dsp/TrackSpectrogram.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace timbre::widgets {

RasterImage renderSpectrogramRaster(const dsp::TrackSpectrogram &spectrogram, double startS,
                                    double secondsPerPixel, int width, const RasterStyle &style)
{
    RasterImage out;
    const int rows = spectrogram.rows();
    out.image = QImage(width, rows, QImage::Format_ARGB32_Premultiplied);
    out.image.fill(Qt::transparent);
    const double fps = spectrogram.framesPerSecond();
    const bool finished = spectrogram.isFinished();
    const long long frames = spectrogram.frameCount();
    const float range = std::max(1e-3f, style.ceilingDb - style.floorDb);
    const float scale = 255.0f / range;
    const auto &table = style.colours.table();
    std::vector<float> peak(static_cast<size_t>(rows));
    bool complete = true;
    for (int x = 0; x < width; ++x) {
        const double t0 = startS + x * secondsPerPixel;
        // Frame f is centred on f / fps: a column takes the frames centred inside it, or the
        // nearest one when it is narrower than a frame.
        long long f0 = (long long)std::ceil(t0 * fps - 0.5);
        long long f1 = (long long)std::ceil((t0 + secondsPerPixel) * fps - 0.5);
        if (f1 <= f0) {
            f0 = (long long)std::floor((t0 + secondsPerPixel / 2) * fps + 0.5);
            f1 = f0 + 1;
        }
        if (f0 < 0)
            f0 = 0;
        if (f0 >= frames && finished)
            continue; // past the end
        std::fill(peak.begin(), peak.end(), -1e30f);
        bool any = false;
        for (long long f = f0; f < f1; ++f) {
            const float *row = spectrogram.frame(f);
            if (!row) {
                if (!(finished && f >= frames))
                    complete = false;
                continue;
            }
            any = true;
            for (int r = 0; r < rows; ++r)
                peak[size_t(r)] = std::max(peak[size_t(r)], row[r]);
        }
        if (!any)
            continue;
        for (int r = 0; r < rows; ++r) {
            const int index = int((peak[size_t(r)] - style.floorDb) * scale);
            auto *line = reinterpret_cast<QRgb *>(out.image.scanLine(rows - 1 - r));
            line[x] = table[size_t(std::clamp(index, 0, 255))];
        }
    }
    out.complete = complete;
    return out;
}

} // namespace timbre::widgets
