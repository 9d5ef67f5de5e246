// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/FfmpegLog.h"

#include <QRegularExpression>

#include <cstdarg>
#include <cstdio>
#include <mutex>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

namespace timbre::audio {

namespace {

thread_local char t_lastMessage[512] = {0};
thread_local int t_printPrefix = 1;

void captureCallback(void *avcl, int level, const char *format, va_list args)
{
    if (level > AV_LOG_ERROR)
        return;
    char line[512];
    va_list copy;
    va_copy(copy, args);
    av_log_format_line2(avcl, level, format, copy, line, sizeof line, &t_printPrefix);
    va_end(copy);
    // Messages may come in pieces without a newline; keep the last complete-looking one.
    std::snprintf(t_lastMessage, sizeof t_lastMessage, "%s", line);
}

} // namespace

void FfmpegLog::install()
{
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_level(AV_LOG_ERROR);
        av_log_set_callback(&captureCallback);
    });
}

void FfmpegLog::clear()
{
    t_lastMessage[0] = '\0';
}

QString FfmpegLog::lastMessage()
{
    // "[flac @ 0x55d0c...] decode_frame() failed" -> "[flac] decode_frame() failed": the
    // context's address means nothing to a user.
    static const QRegularExpression address(QStringLiteral(" @ 0x[0-9a-fA-F]+\\]"));
    return QString::fromUtf8(t_lastMessage).replace(address, QStringLiteral("]")).trimmed();
}

QString FfmpegLog::describe(int averror)
{
    QString text;
    if (averror < 0) {
        char buffer[AV_ERROR_MAX_STRING_SIZE] = {0};
        av_strerror(averror, buffer, sizeof buffer);
        text = QString::fromUtf8(buffer);
    }
    const QString logged = lastMessage();
    if (!logged.isEmpty() && !text.contains(logged))
        text = text.isEmpty() ? logged : text + QStringLiteral(": ") + logged;
    return text;
}

} // namespace timbre::audio
