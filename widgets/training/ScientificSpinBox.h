// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QDoubleSpinBox>

namespace timbre::widgets {

// A spin box for numbers spanning decades (learning rates: 1e-5 ... 1e-2): shows them as
// "0.001" or "5e-04" in the user's locale and steps by factors of two rather than by a fixed
// amount, which would jump from 1e-4 to 0 or need a thousand steps.
class ScientificSpinBox : public QDoubleSpinBox
{
    Q_OBJECT
public:
    explicit ScientificSpinBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;
    void stepBy(int steps) override;
};

} // namespace timbre::widgets
