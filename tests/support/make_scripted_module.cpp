// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: writes a small TorchScript module for the core/ and app/ tests, which cannot
// include LibTorch themselves.
//   make_scripted_module band-mean OUT.pt DIMENSION [SCALE]
//   make_scripted_module wrong-shape|tuple|wrong-input|integer OUT.pt
#include "ScriptedModules.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_scripted_module KIND OUT.pt [DIMENSION [SCALE]]\n");
        return 2;
    }
    const std::string kind = argv[1];
    const std::string out = argv[2];
    try {
        torch::jit::Module m("Empty");
        if (kind == "band-mean" && argc >= 4)
            m = timbre::testing::bandMeanLinearModule(
                    std::atoi(argv[3]), argc >= 5 ? std::strtof(argv[4], nullptr) : 1.0f);
        else if (kind == "wrong-shape")
            m = timbre::testing::wrongShapeModule();
        else if (kind == "tuple")
            m = timbre::testing::tupleModule();
        else if (kind == "wrong-input")
            m = timbre::testing::wrongInputModule();
        else if (kind == "integer")
            m = timbre::testing::integerModule();
        else {
            std::fprintf(stderr, "make_scripted_module: unknown kind '%s'\n", kind.c_str());
            return 2;
        }
        m.save(out);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "make_scripted_module: %s\n", e.what());
        return 1;
    }
    return 0;
}
