// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's language: English source strings, German complete (translations/).
#pragma once

#include <QString>
#include <QStringList>

namespace timbre::gui {

// Languages with a translation compiled in (":/i18n/timbre_<language>.qm"): "de", "en".
QStringList availableLanguages();

// The language to show: `requested` (from --lang) when given, else $TIMBRE_LANG, else the
// system locale's language (LANG=de_DE.UTF-8 gives "de") when there is a translation for it,
// else "en". A given language is returned as its two-letter code ("de_DE" -> "de") even when
// there is no translation for it; installTranslators() then says so.
QString chooseLanguage(const QString &requested = QString());

// Installs on the application the workbench's translator for `language` (English carries only
// its plural forms) and Qt's own (qtbase_<language>.qm from the Qt installation) when present,
// replacing the ones an earlier call installed. Returns false when the workbench has no
// translation for `language` (the interface then stays English).
bool installTranslators(const QString &language);

} // namespace timbre::gui
