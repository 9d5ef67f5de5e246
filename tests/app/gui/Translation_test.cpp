// SPDX-License-Identifier: GPL-3.0-or-later
// The German interface (docs/ARCHITECTURE.md §1.7, translations/): the translator compiled into
// timbre_gui turns the real main window's menus, actions, docks and status texts German, with
// German plural forms (and English ones from the plural-only English file); Qt's own strings
// follow where Qt's German catalogue is installed; built-in instrument names a library stored
// in English show in German; the language is chosen from --lang, then
// TIMBRE_LANG; and lupdate run over the sources the workbench translates finds no string
// without a German translation in translations/timbre_de.ts.
#include "app/gui/MainWindow.h"
#include "app/gui/Translations.h"
#include "core/jobs/ExtractJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/PredictJob.h"
#include "core/jobs/ScanJob.h"
#include "core/jobs/TrainJob.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "widgets/jobs/JobTitles.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <memory>
#include <vector>

using namespace timbre;

namespace {

// Every action text of the window's menus (submenus included, recent libraries left out) and
// its dock and tool bar titles, in a stable order.
QStringList windowTexts(gui::MainWindow &window)
{
    QStringList texts;
    std::function<void(QMenu *)> walk = [&](QMenu *menu) {
        texts << menu->title();
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu()) {
                texts << a->menu()->title();
                continue; // Open Recent holds folder paths only
            }
            texts << a->text();
            if (!a->toolTip().isEmpty() && a->toolTip() != QString(a->text()).remove('&'))
                texts << a->toolTip();
        }
    };
    for (QAction *top : window.menuBar()->actions())
        walk(top->menu());
    for (QDockWidget *dock : window.findChildren<QDockWidget *>())
        texts << dock->windowTitle();
    texts << window.windowTitle();
    return texts;
}

QStringList statusLabels(gui::MainWindow &window)
{
    QStringList texts;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        if (!label->text().isEmpty())
            texts << label->text();
    return texts;
}

} // namespace

class TranslationTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
    }

    void cleanup() { QVERIFY(gui::installTranslators(QStringLiteral("en"))); }

    void languageChoice()
    {
        qunsetenv("TIMBRE_LANG");
        QCOMPARE(gui::chooseLanguage(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(gui::chooseLanguage(QStringLiteral("de_DE.UTF-8")), QStringLiteral("de"));
        qputenv("TIMBRE_LANG", "de_AT");
        QCOMPARE(gui::chooseLanguage(), QStringLiteral("de"));
        QCOMPARE(gui::chooseLanguage(QStringLiteral("en")), QStringLiteral("en")); // --lang wins
        qunsetenv("TIMBRE_LANG");
        QVERIFY(gui::availableLanguages().contains(gui::chooseLanguage()));
        QVERIFY(!gui::installTranslators(QStringLiteral("fr"))); // none: the caller says so
    }

    void mainWindowInGerman()
    {
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
        QStringList english;
        {
            gui::MainWindow window;
            english = windowTexts(window);
            QVERIFY(english.contains(QStringLiteral("&File")));
            QVERIFY(statusLabels(window).contains(QStringLiteral("No library")));
        }

        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        gui::MainWindow window;
        window.show();
        QStringList menus;
        for (QAction *top : window.menuBar()->actions())
            menus << top->text();
        QCOMPARE(menus,
                 (QStringList {QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                               QStringLiteral("&Bibliothek"), QStringLiteral("&Ansicht"),
                               QStringLiteral("&Hilfe")}));
        QVERIFY(statusLabels(window).contains(QStringLiteral("Keine Bibliothek")));
        const QStringList german = windowTexts(window);
        QVERIFY(german.contains(QStringLiteral("&Merkmale extrahieren")));
        QVERIFY(german.contains(QStringLiteral("Modell nach&trainieren")));
        QVERIFY(german.contains(QStringLiteral("&Vorhersagen")));

        // Nothing of the window is left in English, but for words German shares.
        const QStringList same {QStringLiteral("Jobs"), QStringLiteral("Labels"),
                                QStringLiteral("Timbre Workbench")};
        QCOMPARE(german.size(), english.size());
        QStringList untranslated;
        for (int i = 0; i < english.size(); ++i)
            if (german.at(i) == english.at(i) && !same.contains(english.at(i)))
                untranslated << english.at(i);
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1String(" | "))));

        // Accelerators stay unique within each menu.
        for (QAction *top : window.menuBar()->actions()) {
            QStringList keys;
            for (QAction *a : top->menu()->actions()) {
                const QRegularExpressionMatch m
                        = QRegularExpression(QStringLiteral("&(\\w)")).match(a->text());
                if (!m.hasMatch())
                    continue;
                const QString key = m.captured(1).toLower();
                QVERIFY2(!keys.contains(key), qPrintable(top->text() + QLatin1String(": ") + key));
                keys << key;
            }
        }

        // A status message from a refused library.
        QVERIFY(!window.openLibrary(m_dir.filePath(QStringLiteral("no such folder"))));
        QVERIFY2(window.statusBar()->currentMessage().startsWith(
                         QStringLiteral("Bibliothek kann nicht geöffnet werden: ")),
                 qPrintable(window.statusBar()->currentMessage()));
    }

    // Job titles come from core in English; the jobs panel shows them in the interface's
    // language (widgets::JobTitles), in English word for word what core says.
    void jobTitlesFollowTheLanguage()
    {
        std::vector<std::unique_ptr<jobs::Job>> made;
        const auto job = [&made](jobs::JobWorker *worker) -> const jobs::Job & {
            made.push_back(std::make_unique<jobs::Job>(std::unique_ptr<jobs::JobWorker>(worker)));
            return *made.back();
        };
        library::ScanOptions scan;
        scan.roots = QStringList {QStringLiteral("/music/a"), QStringLiteral("/music/b")};
        jobs::ExtractOptions extract;
        extract.extractorId = QStringLiteral("vggish");
        jobs::PredictOptions predictActive;
        jobs::PredictOptions predictThree;
        predictThree.modelId = 3;
        jobs::TrainJobOptions train;
        train.kind = QStringLiteral("mt");
        jobs::TrainJobOptions retrain = train;
        retrain.warmStart = QStringLiteral("active");
        jobs::TrainJobOptions retrainFrom = train;
        retrainFrom.warmStart = QStringLiteral("2");
        const QList<const jobs::Job *> all {&job(new jobs::ScanJob(m_dir.path(), scan)),
                                            &job(new jobs::ExtractJob(extract)),
                                            &job(new jobs::PredictJob(predictActive)),
                                            &job(new jobs::PredictJob(predictThree)),
                                            &job(new jobs::TrainJob(train)),
                                            &job(new jobs::TrainJob(retrain)),
                                            &job(new jobs::TrainJob(retrainFrom))};

        QVERIFY(gui::installTranslators(QStringLiteral("en")));
        for (const jobs::Job *j : all)
            QCOMPARE(widgets::JobTitles::title(*j), j->title());

        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        QStringList german;
        for (const jobs::Job *j : all)
            german << widgets::JobTitles::title(*j);
        QCOMPARE(german,
                 (QStringList {QStringLiteral("/music/a, /music/b einlesen"),
                               QStringLiteral("vggish-Merkmale extrahieren"),
                               QStringLiteral("Mit dem aktiven Modell vorhersagen"),
                               QStringLiteral("Mit Modell 3 vorhersagen"),
                               QStringLiteral("mt trainieren"),
                               QStringLiteral("mt ab dem aktiven Modell neu trainieren"),
                               QStringLiteral("mt ab Modell 2 neu trainieren")}));
        // An unknown kind keeps the worker's title.
        QCOMPARE(widgets::JobTitles::title(QStringLiteral("export"), {}, QStringLiteral("Export")),
                 QStringLiteral("Export"));
    }

    void pluralForms()
    {
        const char *context = "timbre::widgets::LibraryBrowser";
        const char *source = "%1 of %n track(s)";
        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate(context, source, nullptr, 1).arg(1),
                 QStringLiteral("1 von 1 Spur"));
        QCOMPARE(QCoreApplication::translate(context, source, nullptr, 60).arg(12),
                 QStringLiteral("12 von 60 Spuren"));
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate(context, source, nullptr, 1).arg(1),
                 QStringLiteral("1 of 1 track"));
        QCOMPARE(QCoreApplication::translate(context, source, nullptr, 60).arg(12),
                 QStringLiteral("12 of 60 tracks"));
        // Instrument names (core's taxonomy) and table headers are part of it.
        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate("timbre::library::Taxonomy", "Violin"),
                 QStringLiteral("Violine"));
        QCOMPARE(QCoreApplication::translate("timbre::library::TrackTableModel", "Duration"),
                 QStringLiteral("Dauer"));
    }

    // A library made without a translator (the command line) stores English names; the
    // ones the user did not change show in German, a renamed one as the user wrote it.
    void instrumentNamesFollowTheLanguage()
    {
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")),
                                          library::Library::OpenMode::CreateIfMissing);
        QVERIFY2(lib, qPrintable(lib ? QString() : lib.error().message));
        QVERIFY(!(*lib)->taxonomy()
                         .rename(QStringLiteral("organ"), QStringLiteral("Hammond"))
                         .isError());
        auto nameOf = [&lib](const QString &key) {
            auto found = (*lib)->taxonomy().find(key);
            return found && *found ? (*found)->displayName : QString();
        };
        QCOMPARE(nameOf(QStringLiteral("violin")), QStringLiteral("Violin"));
        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        QCOMPARE(nameOf(QStringLiteral("violin")), QStringLiteral("Violine"));
        QCOMPARE(nameOf(QStringLiteral("voice")), QStringLiteral("Gesang"));
        QCOMPARE(nameOf(QStringLiteral("organ")), QStringLiteral("Hammond"));
    }

    void qtOwnStringsFollow()
    {
        const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFile::exists(dir + QLatin1String("/qtbase_de.qm")))
            QSKIP("Qt's German catalogue (qt6-translations-l10n) is not installed");
        QVERIFY(gui::installTranslators(QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Abbrechen"));
    }

    // lupdate over the translated sources, into a copy of timbre_de.ts: no new and no
    // unfinished message, so every tr() string of widgets/ and app/gui/ has its German.
    void noStringWithoutGerman()
    {
        const QString source = QStringLiteral(TIMBRE_SOURCE_DIR);
        const QString ts = m_dir.filePath(QStringLiteral("timbre_de.ts"));
        QVERIFY(QFile::copy(source + QLatin1String("/translations/timbre_de.ts"), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QStringList args {QStringLiteral("-I"), source};
        for (const QString &input : QStringLiteral(TIMBRE_TR_INPUTS).split(QLatin1Char(',')))
            args << source + QLatin1Char('/') + input;
        args << QStringLiteral("-locations") << QStringLiteral("none")
             << QStringLiteral("-no-obsolete") << QStringLiteral("-ts") << ts;
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(TIMBRE_LUPDATE), args);
        QVERIFY(lupdate.waitForFinished(60000));
        const QString log = QString::fromUtf8(lupdate.readAll());
        QVERIFY2(lupdate.exitCode() == 0, qPrintable(log));
        const QRegularExpressionMatch found
                = QRegularExpression(
                          QStringLiteral("Found (\\d+) source text\\(s\\) \\((\\d+) new"))
                          .match(log);
        QVERIFY2(found.hasMatch(), qPrintable(log));
        QVERIFY2(found.captured(1).toInt() >= 200, qPrintable(log));

        QFile file(ts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context, text;
        QStringList unfinished;
        int messages = 0, plurals = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                ++messages;
                plurals += xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source")) {
                text = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool open = xml.attributes().value(QLatin1String("type"))
                        == QLatin1String("unfinished");
                const QString translated
                        = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (open || translated.trimmed().isEmpty())
                    unfinished << context + QLatin1String(": ") + text;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 strings without German (cmake --build build "
                                           "--target update_translations, then translate "
                                           "translations/timbre_de.ts): %2")
                                    .arg(unfinished.size())
                                    .arg(unfinished.join(QLatin1String(" | ")))));
        QCOMPARE(found.captured(2).toInt(), 0);
        QCOMPARE(messages, found.captured(1).toInt());
        QVERIFY(plurals >= 1);
    }
};

QTEST_MAIN(TranslationTest)
#include "Translation_test.moc"
