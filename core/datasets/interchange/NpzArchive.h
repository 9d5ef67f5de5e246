// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/NpyArray.h"
#include "core/datasets/interchange/NpzError.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace timbre::datasets {

// A NumPy .npz file (a zip of .npy members, stored or deflated) read and written through
// libzip. Reading loads every member into memory: OpenMIC-2018's npz is ~30 MB.
//
//     NpzArchive npz;
//     if (NpzError e = NpzArchive::read(path, &npz); !e.ok()) return e;
//     NpyArray x;
//     e = npz.require("X", {"|u1"}, 3, &x);
class NpzArchive
{
public:
    // Fills *out with every member. Errors: FileNotFound, NotAZip, Truncated (the zip's
    // directory or a member is cut short), Corrupt (bad CRC or deflate data), and the NPY
    // parse errors of NpyArray::fromNpy for a member.
    static NpzError read(const QString &path, NpzArchive *out);

    // Writes the arrays as <name>.npy members (deflated when compress is true, as
    // numpy.savez_compressed; stored otherwise, as numpy.savez). Replaces an existing file.
    static NpzError write(const QString &path, const std::vector<NpyArray> &arrays,
                          bool compress = true);

    QString path() const { return m_path; }
    QStringList names() const;
    bool contains(const QString &name) const;
    const NpyArray *find(const QString &name) const;

    // The array `name` with one of `dtypes` (normalised descriptors, e.g. "<f4"; "<U" and "|S"
    // accept any width; empty accepts any) and, when rank >= 0, that many dimensions.
    // MissingArray, WrongDtype or ShapeMismatch otherwise, naming the file and the array.
    NpzError require(const QString &name, const QStringList &dtypes, int rank, NpyArray *out) const;

private:
    QString m_path;
    std::map<QString, NpyArray> m_arrays;
};

} // namespace timbre::datasets
