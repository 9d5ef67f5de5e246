// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QPair>
#include <QString>

namespace timbre {

// The versions of the libraries this build runs with, as (name, version) pairs in a
// fixed order: Qt, LibTorch, FFmpeg, FFTW, TagLib. Shown by `timbre --version` and About.
QList<QPair<QString, QString>> libraryVersions();

} // namespace timbre
