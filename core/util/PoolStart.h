// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Starting work on a QThreadPool so that ThreadSanitizer sees the hand-over. Debian's Qt is not
// instrumented: the pool passes a task to its thread under Qt's own locks, which TSan cannot
// see, so everything the caller wrote before start() (the task's captures included) looks raced
// with the task (docs/RELIABILITY.md §2). startOnPool() marks the start as a release and the
// task's first step as the matching acquire. In other builds it is pool.start().
#include <QThreadPool>

#include <functional>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define TIMBRE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TIMBRE_TSAN 1
#endif
#endif

#ifdef TIMBRE_TSAN
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace timbre::util {

#ifdef TIMBRE_TSAN
// The one synchronisation address of every pool start: the task reaches it without reading its
// own captures first (which the acquire has to cover).
inline char g_poolStartEdge;
#endif

template<typename Work> void startOnPool(QThreadPool &pool, Work &&work, int priority = 0)
{
#ifdef TIMBRE_TSAN
    std::function<void()> task = [work = std::forward<Work>(work)]() mutable {
        __tsan_acquire(&g_poolStartEdge);
        work();
    };
    __tsan_release(&g_poolStartEdge);
    pool.start(std::move(task), priority);
#else
    pool.start(std::function<void()>(std::forward<Work>(work)), priority);
#endif
}

} // namespace timbre::util
