// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QString>

#include <optional>
#include <utility>

namespace timbre::library {

// Every catalog call reports failure as a value: a code a caller can branch on plus a message
// that names the database file, so a CLI can print it verbatim and a GUI can show it.
struct CatalogErrorCodes
{
    enum Code {
        None = 0,
        OpenFailed, // the driver could not open or create the file
        NotACatalog, // a SQLite file without our schema_version table, or not SQLite
        NewerSchema, // written by a newer build: refused, file left untouched
        MigrationFailed, // an upgrade step failed; the transaction was rolled back
        QueryFailed, // a statement failed (message carries the driver's text)
        NotFound, // the track / clip / instrument / batch named does not exist
        InvalidArgument, // a caller passed something the catalog cannot store
        Conflict, // unique key taken, or state changed underneath an undo
        Io, // library folder could not be created or read
        ParseError, // a filter expression could not be parsed
    };
};
using CatalogError = util::ErrorValue<CatalogErrorCodes>;

// A value or a CatalogError. Small on purpose: move-only payloads (unique_ptr) work, and the
// call site reads `if (!r) return r.error();`.
template<typename T> class CatalogResult
{
public:
    CatalogResult(T value) : m_value(std::move(value)) { }
    CatalogResult(CatalogError error) : m_error(std::move(error)) { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const CatalogError &error() const { return m_error; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    T take() { return std::move(*m_value); }

private:
    std::optional<T> m_value;
    CatalogError m_error;
};

} // namespace timbre::library
