// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace timbre::audio {

// FFmpeg logs to stderr by default; library code must not print. install() replaces the
// global log callback once (thread-safe) with one that keeps, per thread, the last message
// of level error or worse, so errors can quote FFmpeg's own words. Our FFmpeg calls run with
// thread_count = 1, so the messages arrive on the thread that made the call.
class FfmpegLog
{
public:
    static void install();
    // Forget the calling thread's last message (call before an operation).
    static void clear();
    // The calling thread's last message since clear(), trimmed; empty if none.
    static QString lastMessage();
    // "av_strerror text: last logged message" (either part omitted when empty).
    static QString describe(int averror);
};

} // namespace timbre::audio
