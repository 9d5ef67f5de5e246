#pragma once
#include <QString>

namespace timbre::features {

// A feature file failure as a value: a code a caller can branch on (a Truncated or
// ChecksumMismatch file is simply recomputed) and a one-line English message that starts with
// the file's path, so a log line or a dialog says which file and what is wrong with it.
struct FeatureFileError
{
    enum Code {
        None = 0,
        NotFound, // no file at the path
        OpenFailed, // exists but cannot be opened or mapped
        Truncated, // shorter than its header says (or than a header)
        BadMagic, // not a feature file
        UnknownVersion, // a feature file of a format this build does not read
        BadHeader, // header fields inconsistent (sizes, encoding, lengths)
        ChecksumMismatch, // the stored checksum does not match the bytes
        WriteFailed, // the temporary file could not be written or renamed into place
        InvalidArgument, // the caller passed something a feature file cannot hold
    };

    Code code = None;
    QString path;
    QString message; // "<path>: <what>"

    bool ok() const { return code == None; }
    bool isError() const { return code != None; }

    static FeatureFileError make(Code code, const QString &path, const QString &what)
    {
        return FeatureFileError {code, path, QStringLiteral("%1: %2").arg(path, what)};
    }
};

} // namespace timbre::features
