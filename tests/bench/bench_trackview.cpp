// SPDX-License-Identifier: GPL-3.0-or-later
// Track view timings (goals: docs/ARCHITECTURE.md §9): open a 10-minute mp3 until the first
// screenful of spectrogram is painted and until the view (spectrogram and overview) has
// settled; then the repaint time of pans and zooms. Not a Google Benchmark program: it drives
// the real widgets once, as a user would, and prints one line per figure.
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_trackview [--minutes 10] [--mp3 FILE]
//                                                              [--screenshot FILE.png]
#include "core/audio/AudioEncoder.h"
#include "widgets/trackview/OverviewStrip.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace timbre;

namespace {

// Something with structure to look at: a melody of harmonic notes, a bass line, noise hits.
QString makeMp3(const QString &path, double minutes)
{
    if (QFileInfo::exists(path))
        return path;
    const int rate = 44100;
    const size_t n = size_t(minutes * 60.0 * rate);
    std::vector<float> stereo(2 * n);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    const double scale[] = {261.6, 293.7, 329.6, 392.0, 440.0, 523.3, 587.3, 659.3};
    double phase = 0.0, bassPhase = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double t = double(i) / rate;
        const int note = int(t * 2.0);
        const double f = scale[(note * 5 + note / 8) % 8];
        const double bass = scale[(note / 4) % 4] / 4.0;
        phase += 2.0 * M_PI * f / rate;
        bassPhase += 2.0 * M_PI * bass / rate;
        const double within = t * 2.0 - note;
        const double env = std::exp(-3.0 * within);
        double v = 0.0;
        for (int h = 1; h <= 6; ++h)
            v += env * 0.25 / h * std::sin(h * phase);
        v += 0.2 * std::sin(bassPhase) + 0.05 * std::sin(3 * bassPhase);
        const double beat = t - std::floor(t);
        if (beat < 0.05)
            v += 0.3 * (1.0 - beat / 0.05) * noise(rng);
        stereo[2 * i] = stereo[2 * i + 1] = float(0.6 * v);
    }
    const auto e = audio::AudioEncoder::write(path, stereo, 2, rate, audio::AudioFormat::Mp3);
    if (e.isError()) {
        std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        return QString();
    }
    return path;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("minutes"), QStringLiteral("Track length."),
                      QStringLiteral("M"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("mp3"), QStringLiteral("The file (generated if absent)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("screenshot"), QStringLiteral("Save the settled view."),
                      QStringLiteral("PNG")});
    parser.process(app);
    const double minutes = parser.value(QStringLiteral("minutes")).toDouble();
    QString mp3 = parser.value(QStringLiteral("mp3"));
    if (mp3.isEmpty())
        mp3 = QDir::temp().filePath(QStringLiteral("timbre-bench-%1min.mp3").arg(minutes));
    if (makeMp3(mp3, minutes).isEmpty())
        return 1;

    widgets::TrackView view;
    view.resize(1600, 1000);
    view.show();
    waitFor([] { return false; }, 200); // let the window map and lay out
    bool first = false;
    QObject::connect(view.spectrogram(), &widgets::SpectrogramView::firstScreenPainted,
                     [&first] { first = true; });
    QTextStream out(stdout);
    QElapsedTimer clock;
    clock.start();
    if (!view.openFile(mp3))
        return 1;
    const double openMs = clock.nsecsElapsed() / 1e6;
    waitFor([&] { return first; }, 10000);
    const double firstMs = clock.nsecsElapsed() / 1e6;
    waitFor([&] { return view.spectrogram()->isSettled() && view.overview()->isSettled(); }, 20000);
    const double settledMs = clock.nsecsElapsed() / 1e6;
    out << "file " << mp3 << " (" << view.viewport()->durationS() << " s)\n";
    out << "openFile returned after " << openMs << " ms\n";
    out << "first screenful painted " << firstMs << " ms\n";
    out << "spectrogram and overview settled " << settledMs << " ms\n";

    // Pans and zooms: the synchronous repaint, and how long until the new range is rendered.
    widgets::TrackViewport *vp = view.viewport();
    widgets::SpectrogramView *s = view.spectrogram();
    std::vector<double> panPaint, zoomPaint, panWall, zoomSettle;
    for (int i = 0; i < 40; ++i) {
        vp->panPixels(i % 2 ? -120 : 160);
        QElapsedTimer t;
        t.start();
        s->repaint();
        panWall.push_back(t.nsecsElapsed() / 1e6);
        panPaint.push_back(s->lastPaintMs());
        waitFor([&] { return s->isSettled(); }, 5000);
    }
    for (int i = 0; i < 16; ++i) {
        vp->zoomBy(i % 8 < 4 ? 1 : -1, vp->plotWidth() / 2.0);
        QElapsedTimer t;
        t.start();
        s->repaint();
        zoomPaint.push_back(s->lastPaintMs());
        waitFor([&] { return s->isSettled(); }, 5000);
        zoomSettle.push_back(t.nsecsElapsed() / 1e6);
    }
    out << "pan repaint: median " << median(panPaint) << " ms, max "
        << *std::max_element(panPaint.begin(), panPaint.end()) << " ms (paintEvent); wall median "
        << median(panWall) << " ms\n";
    out << "zoom repaint: median " << median(zoomPaint) << " ms, max "
        << *std::max_element(zoomPaint.begin(), zoomPaint.end())
        << " ms (paintEvent); until rendered: median " << median(zoomSettle) << " ms, max "
        << *std::max_element(zoomSettle.begin(), zoomSettle.end()) << " ms\n";
    const QString shot = parser.value(QStringLiteral("screenshot"));
    if (!shot.isEmpty()) {
        vp->reset(vp->durationS(), vp->framesPerSecond());
        vp->setVisibleStart(60.0);
        waitFor([&] { return s->isSettled(); }, 5000);
        view.grab().save(shot);
    }
    return 0;
}
