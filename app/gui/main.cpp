// `timbre-workbench`: the desktop workbench.
#include "app/gui/MainWindow.h"

#include "widgets/AboutDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPainter>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
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
    parser.addOptions({screenshot, delay, about});
    parser.process(app);

    timbre::gui::MainWindow window;
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        window.restoreLastSession();
    else if (arguments.size() == 1 && QFileInfo(arguments.first()).isDir())
        window.openLibrary(arguments.first());
    else
        window.openAudioFiles(arguments);
    window.show();

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
