// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/ScientificSpinBox.h"

#include <QLineEdit>
#include <QLocale>

#include <cmath>

namespace timbre::widgets {

ScientificSpinBox::ScientificSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    // QDoubleSpinBox rounds every value to decimals(): enough of them to keep 1e-7 exact.
    setDecimals(12);
    setRange(1e-7, 1.0);
}

QString ScientificSpinBox::textFromValue(double value) const
{
    return locale().toString(value, 'g', 4);
}

double ScientificSpinBox::valueFromText(const QString &text) const
{
    return locale().toDouble(text.trimmed());
}

QValidator::State ScientificSpinBox::validate(QString &text, int &) const
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QValidator::Intermediate;
    bool ok = false;
    const double v = locale().toDouble(t, &ok);
    if (ok && v >= minimum() && v <= maximum())
        return QValidator::Acceptable;
    // "1e", "5e-", "0,00" on the way to a number.
    static const QString partial = QStringLiteral("0123456789eE+-");
    for (const QChar c : t) {
        if (!partial.contains(c) && c != locale().decimalPoint().front())
            return QValidator::Invalid;
    }
    return QValidator::Intermediate;
}

void ScientificSpinBox::stepBy(int steps)
{
    setValue(value() * std::pow(2.0, steps));
    selectAll();
}

} // namespace timbre::widgets
