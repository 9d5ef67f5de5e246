// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::widgets {

// One key per instrument for the label editor: the first letter of its name that no earlier
// instrument took and the editor does not use for itself (P, A, U set a label, N next clip,
// Q next in the queue, Y accept the model's suggestion), else the first free letter of the
// alphabet, else a digit 1-9; a null QChar when all are taken (arrow keys still reach it).
// Names are given in taxonomy order, so earlier instruments keep their keys when one is added.
class InstrumentHotkeys
{
public:
    static QString reservedLetters() { return QStringLiteral("apnquy"); }
    static QList<QChar> assign(const QStringList &names);
};

} // namespace timbre::widgets
