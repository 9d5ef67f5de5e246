// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre-workbench`: the desktop workbench.
#include "app/gui/LaunchTiming.h"
#include "app/gui/MainWindow.h"
#include "app/gui/Translations.h"

#include "widgets/AboutDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPainter>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    timbre::gui::LaunchTiming::mark("main"); // after the loader and static initialisers
    QApplication app(argc, argv);
    timbre::gui::LaunchTiming::mark("qapplication");
    QApplication::setApplicationName(QStringLiteral("timbre-workbench"));
    QApplication::setOrganizationName(QStringLiteral("Timbre Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(TIMBRE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Timbre Workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
            QStringLiteral("LIBRARY_DIR | AUDIO_FILE..."),
            QStringLiteral("A library folder to open, or audio files to look at without one. "
                           "Without arguments the last library is opened again."));
    const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QStringLiteral("Render the window (and --about) to <png> after <ms>, then quit."),
            QStringLiteral("png"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Delay before the screenshot."),
                                   QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption about(QStringLiteral("about"),
                                   QStringLiteral("Show the About dialog on start."));
    const QCommandLineOption language(
            QStringLiteral("lang"),
            QStringLiteral("Interface language: de or en (default: $TIMBRE_LANG, else the "
                           "system locale's language)."),
            QStringLiteral("code"));
    parser.addOptions({screenshot, delay, about, language});
    parser.process(app);

    const QString chosen = timbre::gui::chooseLanguage(parser.value(language));
    if (!timbre::gui::installTranslators(chosen)) {
        std::fprintf(stderr, "timbre-workbench: no %s translation; available: %s\n",
                     qPrintable(chosen),
                     qPrintable(timbre::gui::availableLanguages().join(QLatin1String(", "))));
        timbre::gui::installTranslators(QStringLiteral("en"));
    }

    timbre::gui::LaunchTiming::mark("translators");
    timbre::gui::MainWindow window;
    timbre::gui::LaunchTiming::mark("window-built");
    // TIMBRE_TIMING=1: "first-screen MS" and "settled MS" since process start on stderr.
    if (qEnvironmentVariableIntValue("TIMBRE_TIMING") > 0)
        new timbre::gui::LaunchTiming(window.trackView(), &window);
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        window.restoreLastSession();
    else if (arguments.size() == 1 && QFileInfo(arguments.first()).isDir())
        window.openLibrary(arguments.first());
    else
        window.openAudioFiles(arguments);
    timbre::gui::LaunchTiming::mark("opened");
    window.show();
    timbre::gui::LaunchTiming::mark("shown");
    QTimer::singleShot(0, &app, [] { timbre::gui::LaunchTiming::mark("event-loop"); });

    timbre::widgets::AboutDialog *aboutDialog = nullptr;
    if (parser.isSet(about)) {
        aboutDialog = new timbre::widgets::AboutDialog(&window);
        aboutDialog->show();
    }

    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &app, [&window, aboutDialog, path] {
            QPixmap shot = window.grab();
            if (aboutDialog) {
                // Compose the dialog over the window where a user would see it.
                QPainter painter(&shot);
                const QPixmap dialogShot = aboutDialog->grab();
                painter.drawPixmap((shot.width() - dialogShot.width()) / 2,
                                   (shot.height() - dialogShot.height()) / 2, dialogShot);
            }
            if (!shot.save(path))
                std::fprintf(stderr, "timbre-workbench: cannot write screenshot %s\n",
                             qPrintable(path));
            QApplication::quit();
        });
    }
    return app.exec();
}
