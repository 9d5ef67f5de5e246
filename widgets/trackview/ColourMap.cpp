// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/ColourMap.h"

#include <cmath>

namespace timbre::widgets {

namespace {

// Degree-6 polynomial fits (per channel, coefficients c0..c6) of matplotlib's viridis and
// magma; evaluating a fit beats shipping 2 x 256 hand-copied triples.
constexpr double kViridis[7][3] = {{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                   {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                   {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                   {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                   {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                   {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                   {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
constexpr double kMagma[7][3]
        = {{-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
           {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
           {8.353717279216625, -3.577719514958484, 0.3144679030132573},
           {-27.66873308576866, 14.26473078096533, -13.64921318813922},
           {52.17613981234068, -27.94360607168351, 12.94416944238394},
           {-50.76852536473588, 29.04658282127291, 4.23415299384598},
           {18.65570506591883, -11.48977351997711, -5.601961508734096}};

QRgb evaluate(const double (&c)[7][3], double t)
{
    int rgb[3];
    for (int ch = 0; ch < 3; ++ch) {
        double v = c[6][ch];
        for (int k = 5; k >= 0; --k)
            v = v * t + c[k][ch];
        rgb[ch] = qBound(0, int(std::lround(v * 255.0)), 255);
    }
    return qRgb(rgb[0], rgb[1], rgb[2]);
}

} // namespace

ColourMap::ColourMap(Kind kind) : m_kind(kind)
{
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        switch (kind) {
        case Viridis:
            m_table[size_t(i)] = evaluate(kViridis, t);
            break;
        case Magma:
            m_table[size_t(i)] = evaluate(kMagma, t);
            break;
        case Grey:
            m_table[size_t(i)] = qRgb(i, i, i);
            break;
        }
    }
}

QString ColourMap::name(Kind kind)
{
    switch (kind) {
    case Viridis:
        return tr("Viridis");
    case Magma:
        return tr("Magma");
    case Grey:
        return tr("Grey");
    }
    return QString();
}

QStringList ColourMap::names()
{
    return {name(Viridis), name(Magma), name(Grey)};
}

} // namespace timbre::widgets
