#pragma once
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

struct NpzError
{
    NpzErrorCode code = NpzErrorCode::None;
    QString message;

    bool ok() const { return code == NpzErrorCode::None; }
    static NpzError make(NpzErrorCode code, const QString &message) { return {code, message}; }
};

} // namespace timbre::datasets
