// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace timbre::gui {

namespace {

// The translators installed by the last installTranslators() call, owned by the application.
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QString twoLetters(const QString &language)
{
    // "de_DE.UTF-8", "de-AT", "DE" -> "de"
    return language.trimmed().left(2).toLower();
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("de"), QStringLiteral("en")};
}

QString chooseLanguage(const QString &requested)
{
    if (!requested.trimmed().isEmpty())
        return twoLetters(requested);
    const QString fromEnv = qEnvironmentVariable("TIMBRE_LANG");
    if (!fromEnv.trimmed().isEmpty())
        return twoLetters(fromEnv);
    const QString system = twoLetters(QLocale::system().name());
    return availableLanguages().contains(system) ? system : QStringLiteral("en");
}

bool installTranslators(const QString &language)
{
    for (const QPointer<QTranslator> &t : installed()) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();

    auto *own = new QTranslator(QCoreApplication::instance());
    if (!own->load(QStringLiteral(":/i18n/timbre_%1.qm").arg(language))) {
        delete own;
        return false;
    }
    // Qt's own strings (standard buttons, file dialogs, context menus) in the same language.
    if (language != QLatin1String("en")) {
        auto *qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            installed() << qt;
        } else {
            delete qt;
        }
    }
    QCoreApplication::installTranslator(own);
    installed() << own;
    // Number and date formats follow the language the user chose over the system's.
    if (twoLetters(QLocale().name()) != language)
        QLocale::setDefault(QLocale(language));
    return true;
}

} // namespace timbre::gui
