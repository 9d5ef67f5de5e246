// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"
#include "core/dsp/TrackSpectrogramBuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace timbre;
using namespace timbre::dsp;

namespace {

QString writeTone(const QString &dir, const QString &name, double hz, double seconds,
                  float amplitude, int rate = 22050)
{
    std::vector<float> x(size_t(seconds * rate));
    for (size_t n = 0; n < x.size(); ++n)
        x[n] = amplitude * float(std::sin(2.0 * M_PI * hz * double(n) / rate));
    const QString path = dir + QLatin1Char('/') + name;
    const auto e = audio::AudioEncoder::write(path, x, 1, rate, audio::AudioFormat::Wav);
    return e.isError() ? QString() : path;
}

int brightestRow(const TrackSpectrogram &s, long long frame)
{
    const float *f = s.frame(frame);
    return int(std::max_element(f, f + s.rows()) - f);
}

} // namespace

class TrackSpectrogramTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toneLandsInItsRowAtItsLevel()
    {
        QTemporaryDir dir;
        const QString path = writeTone(dir.path(), QStringLiteral("tone.wav"), 1000.0, 3.0, 0.5f);
        QVERIFY(!path.isEmpty());
        for (const auto scale : {TrackSpectrogramConfig::Mel, TrackSpectrogramConfig::Linear}) {
            TrackSpectrogramBuildOptions o;
            o.config.scale = scale;
            QString error;
            auto s = TrackSpectrogramBuilder::compute(path, o, &error);
            QVERIFY2(s, qPrintable(error));
            QVERIFY(error.isEmpty());
            QVERIFY(s->isFinished());
            // Centred frames: 1 + samples / hop.
            QCOMPARE(s->frameCount(), 1 + 3 * 16000 / 160);
            QCOMPARE(s->contiguousFrames(), s->frameCount());
            QVERIFY(qAbs(s->durationSeconds() - 3.0) < 0.02);
            const int row = brightestRow(*s, 150);
            QVERIFY2(qAbs(row - s->config().rowForHz(1000.0)) <= 1.0,
                     qPrintable(QStringLiteral("row %1, expected %2")
                                        .arg(row)
                                        .arg(s->config().rowForHz(1000.0))));
            QVERIFY(qAbs(s->config().hzForRow(row) - 1000.0) < 40.0);
            // Amplitude 0.5 = -6 dB against a full-scale sine (within the bin-edge loss).
            const float peak = s->frame(150)[row];
            QVERIFY2(peak > -9.5f && peak < -4.0f, qPrintable(QString::number(peak)));
            // Far from the tone: the window's sidelobes only.
            QVERIFY(s->frame(150)[s->rows() - 2] < peak - 60.0f);
        }
    }

    void partsDecodedAtOnceEqualOnePart()
    {
        QTemporaryDir dir;
        const QString path
                = writeTone(dir.path(), QStringLiteral("long.wav"), 440.0, 150.0, 0.3f, 16000);
        QVERIFY(!path.isEmpty());
        TrackSpectrogramBuildOptions one;
        one.threads = 1;
        TrackSpectrogramBuildOptions two;
        two.threads = 2;
        QString error;
        auto a = TrackSpectrogramBuilder::compute(path, one, &error);
        auto b = TrackSpectrogramBuilder::compute(path, two, &error);
        QVERIFY(a && b);
        QCOMPARE(a->frameCount(), b->frameCount());
        QCOMPARE(b->frameCount(), 1 + 150 * 100);
        double worst = 0.0;
        for (long long f = 0; f < a->frameCount(); ++f)
            for (int r = 0; r < a->rows(); ++r)
                worst = std::max(worst, double(std::abs(a->frame(f)[r] - b->frame(f)[r])));
        QVERIFY2(worst < 0.05, qPrintable(QString::number(worst)));
    }

    void firstSecondsReportedBeforeTheEnd()
    {
        QTemporaryDir dir;
        const QString path
                = writeTone(dir.path(), QStringLiteral("long.wav"), 440.0, 120.0, 0.3f, 16000);
        QString error;
        TrackSpectrogramBuildOptions o;
        o.threads = 1;
        o.earlySeconds = 5.0;
        o.progressIntervalMs = 100000;
        auto s = TrackSpectrogramBuilder::prepare(path, o.config, &error);
        QVERIFY(s);
        QCOMPARE(s->frameCount(), 1 + 120 * 100); // from the container before decoding
        std::vector<long long> seen;
        std::vector<bool> finished;
        o.onProgress = [&] {
            seen.push_back(s->contiguousFrames());
            finished.push_back(s->isFinished());
        };
        TrackSpectrogramBuilder::build(*s, o);
        QVERIFY(seen.size() >= 2);
        QVERIFY(seen.front() >= 500 && seen.front() < 1000);
        QVERIFY(!finished.front());
        QVERIFY(finished.back());
        QCOMPARE(seen.back(), s->frameCount());
    }

    void cancelStopsEarly()
    {
        QTemporaryDir dir;
        const QString path
                = writeTone(dir.path(), QStringLiteral("long.wav"), 440.0, 120.0, 0.3f, 16000);
        std::atomic<bool> cancel {true};
        TrackSpectrogramBuildOptions o;
        o.cancel = &cancel;
        QString error;
        auto s = TrackSpectrogramBuilder::compute(path, o, &error);
        QVERIFY(s && s->isFinished());
        QVERIFY(s->frameCount() < 100 * 10);
    }

    void badFileNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("not-audio.mp3"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(5000, 'x'));
        f.close();
        QString error;
        QVERIFY(!TrackSpectrogramBuilder::compute(path, {}, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!TrackSpectrogramBuilder::compute(dir.filePath(QStringLiteral("missing.wav")), {},
                                                  &error));
        QVERIFY(error.contains(QStringLiteral("missing.wav")));
    }
};

QTEST_GUILESS_MAIN(TrackSpectrogramTest)
#include "TrackSpectrogram_test.moc"
