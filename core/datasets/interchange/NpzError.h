// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QString>

namespace timbre::datasets {

// Why reading or writing a NumPy .npy/.npz file (or a data set made of them) failed. The message
// names the file and, where it applies, the array.
enum class NpzErrorCode {
    None,
    FileNotFound,
    NotAZip, // not a zip archive at all
    Truncated, // a zip or an array shorter than its own header says
    Corrupt, // a zip whose entries cannot be read back (bad CRC, bad deflate stream)
    MissingArray,
    BadHeader, // not an NPY header, or one we cannot parse
    UnsupportedDtype, // a dtype this reader does not know (big-endian, objects, ...)
    FortranOrder, // fortran_order True is not supported
    WrongDtype, // a known dtype, but not one the caller accepts for this array
    ShapeMismatch, // wrong rank, or dimensions that disagree between arrays
    BadContents, // consistent arrays with unusable contents (a split naming unknown keys, ...)
    WriteFailed,
};

struct NpzErrorCodes
{
    using Code = NpzErrorCode;
};
// `path` is left empty where the message already names the file and the array.
using NpzError = util::ErrorValue<NpzErrorCodes>;

} // namespace timbre::datasets
