// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/labels/InstrumentHotkeys.h"

namespace timbre::widgets {

QList<QChar> InstrumentHotkeys::assign(const QStringList &names)
{
    QString taken = reservedLetters();
    QString fallback;
    for (char c = 'a'; c <= 'z'; ++c)
        fallback += QLatin1Char(c);
    for (char c = '1'; c <= '9'; ++c)
        fallback += QLatin1Char(c);
    QList<QChar> keys;
    for (const QString &name : names) {
        QChar key;
        // Accents and umlauts fold to their base letter (Flöte -> f, Éclair -> e).
        const QString plain = name.toLower().normalized(QString::NormalizationForm_D);
        for (const QChar c : plain) {
            if (c >= QLatin1Char('a') && c <= QLatin1Char('z') && !taken.contains(c)) {
                key = c;
                break;
            }
        }
        if (key.isNull()) {
            for (const QChar c : std::as_const(fallback)) {
                if (!taken.contains(c)) {
                    key = c;
                    break;
                }
            }
        }
        if (!key.isNull())
            taken += key;
        keys << key;
    }
    return keys;
}

} // namespace timbre::widgets
