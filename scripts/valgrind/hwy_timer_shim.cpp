// SPDX-License-Identifier: GPL-3.0-or-later
// Preloaded under Valgrind only (scripts/memcheck.sh). Debian 12's libhwy (Highway, loaded
// through FFmpeg's libjxl) measures its timer with RDTSCP in a static initializer when CPUID
// says the processor has it; Valgrind 3.19 passes that CPUID bit through but cannot run the
// instruction and kills the program with SIGILL before main. libhwy calls the function through
// its own PLT, so this definition takes its place. Nothing of ours uses Highway's timers.
#include <cstdint>

namespace hwy::platform {
uint64_t TimerResolution()
{
    return 1;
}
} // namespace hwy::platform
