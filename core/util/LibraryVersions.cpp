// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/LibraryVersions.h"

#include <fftw3.h>
#include <taglib/taglib.h>
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace timbre {

QList<QPair<QString, QString>> libraryVersions()
{
    const QString taglib = QStringLiteral("%1.%2.%3")
                               .arg(TAGLIB_MAJOR_VERSION)
                               .arg(TAGLIB_MINOR_VERSION)
                               .arg(TAGLIB_PATCH_VERSION);
    QString fftw = QString::fromLatin1(fftwf_version);
    if (fftw.startsWith(QLatin1String("fftw-")))
        fftw = fftw.mid(5);
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("LibTorch"), QString::fromLatin1(TIMBRE_LIBTORCH_VERSION)},
        {QStringLiteral("FFmpeg"), QString::fromLatin1(av_version_info())},
        {QStringLiteral("FFTW"), fftw},
        {QStringLiteral("TagLib"), taglib},
    };
}

} // namespace timbre
