// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCoreApplication>
#include <QRgb>
#include <QStringList>

#include <array>

namespace timbre::widgets {

// A 256-entry colour table for values in [0, 1]: viridis and magma (perceptually uniform,
// from the polynomial fits of matplotlib's tables, within about 1 % of them), and grey.
class ColourMap
{
    Q_DECLARE_TR_FUNCTIONS(timbre::widgets::ColourMap)
public:
    enum Kind { Viridis, Magma, Grey };

    explicit ColourMap(Kind kind = Viridis);

    Kind kind() const { return m_kind; }
    QRgb at(int index) const { return m_table[size_t(qBound(0, index, 255))]; }
    QRgb map(double value01) const { return at(int(value01 * 255.0 + 0.5)); }
    const std::array<QRgb, 256> &table() const { return m_table; }

    static QStringList names(); // in Kind order, translated
    static QString name(Kind kind);

private:
    Kind m_kind;
    std::array<QRgb, 256> m_table {};
};

} // namespace timbre::widgets
