// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/LogMelConfig.h"

namespace timbre::dsp {

LogMelConfig LogMelConfig::vggish()
{
    return LogMelConfig {};
}

LogMelConfig LogMelConfig::strongLabel()
{
    LogMelConfig config;
    config.sampleRate = 44100;
    config.windowLength = 2048;
    config.hopLength = 512;
    config.fftSize = 2048;
    config.melBands = 96;
    config.fMin = 0.0;
    config.fMax = 22050.0;
    config.scale = MelScale::Slaney;
    config.triangles = MelTriangles::Hertz;
    config.norm = MelNorm::Slaney;
    config.center = true;
    config.power = true;
    config.compression = Decibel;
    config.logOffset = 0.0f;
    config.topDb = 80.0f;
    return config;
}

StftConfig LogMelConfig::stftConfig() const
{
    StftConfig stft;
    stft.windowLength = windowLength;
    stft.hopLength = hopLength;
    stft.fftSize = fftSize;
    stft.center = center;
    stft.kind = power ? SpectrumKind::Power : SpectrumKind::Magnitude;
    stft.plan = plan;
    return stft;
}

MelFilterbankConfig LogMelConfig::melConfig() const
{
    MelFilterbankConfig mel;
    mel.sampleRate = sampleRate;
    mel.fftSize = fftSize;
    mel.bands = melBands;
    mel.fMin = fMin;
    mel.fMax = fMax;
    mel.scale = scale;
    mel.triangles = triangles;
    mel.norm = norm;
    return mel;
}

QString LogMelConfig::validate() const
{
    QString error = stftConfig().validate();
    if (error.isEmpty())
        error = melConfig().validate();
    if (error.isEmpty() && compression == LogOffset && !(logOffset > 0.0f))
        error = QStringLiteral("log offset must be positive (got %1)").arg(logOffset);
    return error;
}

QString LogMelConfig::toString() const
{
    return QStringLiteral("sr=%1 win=%2 hop=%3 fft=%4 bands=%5 fmin=%6 fmax=%7 scale=%8 "
                          "triangles=%9 norm=%10 center=%11 power=%12 compression=%13 "
                          "offset=%14 topdb=%15")
            .arg(sampleRate)
            .arg(windowLength)
            .arg(hopLength)
            .arg(fftSize)
            .arg(melBands)
            .arg(fMin)
            .arg(fMax)
            .arg(scale == MelScale::Htk ? QStringLiteral("htk") : QStringLiteral("slaney"))
            .arg(triangles == MelTriangles::Mel ? QStringLiteral("mel") : QStringLiteral("hz"))
            .arg(norm == MelNorm::Slaney ? QStringLiteral("slaney") : QStringLiteral("none"))
            .arg(center ? 1 : 0)
            .arg(power ? 1 : 0)
            .arg(compression == LogOffset ? QStringLiteral("log") : QStringLiteral("db"))
            .arg(logOffset)
            .arg(topDb);
}

bool LogMelConfig::operator==(const LogMelConfig &o) const
{
    return sampleRate == o.sampleRate && windowLength == o.windowLength && hopLength == o.hopLength
            && fftSize == o.fftSize && melBands == o.melBands && fMin == o.fMin && fMax == o.fMax
            && scale == o.scale && triangles == o.triangles && norm == o.norm && center == o.center
            && power == o.power && compression == o.compression && logOffset == o.logOffset
            && topDb == o.topDb;
}

} // namespace timbre::dsp
