// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace timbre::library {

class CatalogDatabase;

// One row of `instrument`.
struct Instrument
{
    qint64 id = 0;
    QString key; // stable identifier, [a-z][a-z0-9_]*, never changes once created
    QString displayName; // the user's name for it (translated default for built-in keys)
    QString colour; // "#rrggbb"
    int position = 0; // 0-based order in the label editor and the browser columns
};

// The instrument taxonomy of a library: the 20 OpenMIC-2018 classes by default (seeded when a
// library is created), extended and edited by the user. Keys are stable — labels, predictions
// and trained models refer to them — so there is rename (display name) but no re-key.
// Same threading and transaction rules as TrackStore.
class Taxonomy
{
public:
    explicit Taxonomy(const CatalogDatabase &db);

    // Ordered by position.
    CatalogResult<QList<Instrument>> instruments() const;
    CatalogResult<QStringList> keys() const;
    CatalogResult<std::optional<Instrument>> find(const QString &key) const;

    // Appends an instrument. InvalidArgument for a malformed key or colour, Conflict if the
    // key exists. An empty colour picks the first palette colour no instrument uses yet.
    CatalogResult<Instrument> add(const QString &key, const QString &displayName,
                                  const QString &colour = QString()) const;
    CatalogError rename(const QString &key, const QString &displayName) const;
    CatalogError recolour(const QString &key, const QString &colour) const;
    // Sets the whole order: `keysInOrder` must be a permutation of keys().
    CatalogError reorder(const QStringList &keysInOrder) const;
    // Moves one instrument to `position` (clamped), shifting the others.
    CatalogError move(const QString &key, int position) const;
    // Inserts the default instruments if the table is empty (a new library).
    CatalogError seedDefaults() const;

    static bool isValidKey(const QString &key);
    static bool isValidColour(const QString &colour);
    // The OpenMIC-2018 classes in class-map order with display names and colours.
    static QList<Instrument> defaultInstruments();
    // 20 visually distinct colours; the defaults use them in order.
    static QStringList palette();

private:
    CatalogError writePositions(const QStringList &keysInOrder) const;

    const CatalogDatabase &m_db;
};

} // namespace timbre::library
