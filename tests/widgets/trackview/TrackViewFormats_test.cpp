// SPDX-License-Identifier: GPL-3.0-or-later
// Every mp3 and flac once crashed the workbench's decoder on a fresh machine while the wav-only
// widget tests passed (docs/ARCHITECTURE.md §1.7). The track view opens a 2 kHz stereo tone
// written in every format the encoder writes, offscreen, and the spectrogram it draws has its
// brightest row at 2 kHz and dark rows elsewhere (pixels, not just "no crash").
#include "core/audio/AudioEncoder.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre;
using namespace timbre::widgets;

class TrackViewFormatsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void opensAndDrawsEveryFormat_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("extension");
        QTest::newRow("wav") << int(audio::AudioFormat::Wav) << "wav";
        QTest::newRow("flac") << int(audio::AudioFormat::Flac) << "flac";
        QTest::newRow("ogg") << int(audio::AudioFormat::Ogg) << "ogg";
        QTest::newRow("opus") << int(audio::AudioFormat::Opus) << "opus";
        QTest::newRow("mp3") << int(audio::AudioFormat::Mp3) << "mp3";
        QTest::newRow("m4a") << int(audio::AudioFormat::M4a) << "m4a";
        QTest::newRow("aiff") << int(audio::AudioFormat::Aiff) << "aiff";
    }

    void opensAndDrawsEveryFormat()
    {
        QFETCH(int, format);
        QFETCH(QString, extension);
        constexpr int kRate = 44100;
        constexpr double kHz = 2000.0;
        std::vector<float> stereo(size_t(20.0 * kRate) * 2);
        for (size_t i = 0; i < stereo.size() / 2; ++i) {
            const float v = 0.4f * float(std::sin(2.0 * M_PI * kHz * double(i) / kRate));
            stereo[2 * i] = v;
            stereo[2 * i + 1] = v;
        }
        const QString path = m_dir.filePath(QStringLiteral("tone.") + extension);
        const auto written = audio::AudioEncoder::write(path, stereo, 2, kRate,
                                                        audio::AudioFormat(format));
        QVERIFY2(!written.isError(), qPrintable(written.message));

        TrackView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.openFile(path));
        SpectrogramView *spectrogram = view.spectrogram();
        QTRY_VERIFY_WITH_TIMEOUT(spectrogram->isSettled(), 20000);
        const QImage image = spectrogram->grab().toImage();
        const QRect plot = spectrogram->plotRect();
        QVERIFY(plot.width() > 100 && plot.height() > 100);
        int best = -1;
        double bestSum = -1.0;
        for (int y = plot.top(); y <= plot.bottom(); ++y) {
            double sum = 0.0;
            for (int x = plot.left() + 10; x < plot.right() - 10; ++x)
                sum += qGray(image.pixel(x, y));
            if (sum > bestSum) {
                bestSum = sum;
                best = y;
            }
        }
        const double hz = spectrogram->frequencyAtY(best);
        QVERIFY2(std::abs(hz - kHz) < 80.0,
                 qPrintable(QStringLiteral("%1: row %2 shows %3 Hz").arg(extension).arg(best).arg(hz)));
        const int quiet = int(spectrogram->yForFrequency(300.0));
        QVERIFY(qGray(image.pixel(plot.center().x(), quiet)) < 70);
        QVERIFY(qGray(image.pixel(plot.center().x(), best)) > 150);
    }
};

QTEST_MAIN(TrackViewFormatsTest)
#include "TrackViewFormats_test.moc"
