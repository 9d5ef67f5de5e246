// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ModelEngine.h"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <future>
#include <mutex>

#ifndef TIMBRE_MODEL_ENGINE_PATH
#error "models/CMakeLists.txt defines TIMBRE_MODEL_ENGINE_PATH (the plugin's build path)"
#endif

namespace timbre::models {

PredictorBackend::~PredictorBackend() = default;
EmbeddingBackend::~EmbeddingBackend() = default;
ModelEngine::~ModelEngine() = default;

namespace {

constexpr const char *kFileName = "libtimbre_model_engine.so";

struct EngineState
{
    std::once_flag once;
    std::atomic<ModelEngine *> engine {nullptr};
    ModelError error; // written once, inside call_once
    std::mutex preloadMutex;
    // Destroyed at exit after waiting for the load: no dlopen outlives the program's teardown.
    std::future<void> preload;
};

EngineState &state()
{
    static EngineState s;
    return s;
}

bool exists(const std::string &path)
{
    return !path.empty() && ::access(path.c_str(), R_OK) == 0;
}

// The directory of the running program, for a plugin installed next to it.
std::string programDirectory()
{
    char buffer[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0)
        return {};
    std::string path(buffer, size_t(n));
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

void load(EngineState &s)
{
    const std::string path = modelEnginePath();
    const std::string prefix = "the model engine " + path + " cannot be loaded: ";
    auto fail = [&](const std::string &why) {
        s.error = ModelError::make(ModelError::Code::EngineUnavailable, path, prefix + why);
    };
    if (!exists(path)) {
        fail("no such file (build the timbre_model_engine target, or point "
             "TIMBRE_MODEL_ENGINE at it)");
        return;
    }
    // RTLD_LOCAL: the engine's own copy of the api types never interposes the program's.
    void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = ::dlerror();
        fail(why ? why : "dlopen failed");
        return;
    }
    using Entry = ModelEngine *(*)(int);
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "timbre_model_engine"));
    if (!entry) {
        fail("it has no timbre_model_engine entry point (not a model engine)");
        ::dlclose(handle);
        return;
    }
    ModelEngine *engine = entry(ModelEngine::kAbiVersion);
    if (!engine) {
        fail("it was built from another version of the workbench (rebuild it)");
        ::dlclose(handle);
        return;
    }
    // Never dlclose'd: predictors and embeddings it made may live until exit.
    s.engine.store(engine);
}

} // namespace

ModelEngine *modelEngine(ModelError *error)
{
    EngineState &s = state();
    std::call_once(s.once, [&s] { load(s); });
    ModelEngine *engine = s.engine.load();
    if (!engine && error)
        *error = s.error;
    return engine;
}

void preloadModelEngine()
{
    EngineState &s = state();
    std::lock_guard<std::mutex> lock(s.preloadMutex);
    if (s.preload.valid() || s.engine.load())
        return;
    s.preload = std::async(std::launch::async, [] { modelEngine(); });
}

bool modelEngineLoaded()
{
    return state().engine.load() != nullptr;
}

std::string modelEnginePath()
{
    if (const char *env = std::getenv("TIMBRE_MODEL_ENGINE"); env && *env)
        return env;
    const std::string built = TIMBRE_MODEL_ENGINE_PATH;
    if (exists(built))
        return built;
    // A build tree or an installation that moved: the engine beside the program, or in the
    // lib/ folder above it (build/app/cli/timbre -> build/lib, prefix/bin -> prefix/lib).
    const std::string program = programDirectory();
    if (!program.empty()) {
        for (const char *relative : {"/", "/../lib/", "/../../lib/"}) {
            const std::string candidate = program + relative + kFileName;
            if (exists(candidate))
                return candidate;
        }
    }
    return built;
}

} // namespace timbre::models
