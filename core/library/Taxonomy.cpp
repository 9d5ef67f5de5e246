// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/Taxonomy.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"
#include "core/util/OpenMicClasses.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace timbre::library {

namespace {

// Display names of the OpenMIC-2018 keys, marked for Qt Linguist.
const char *const kDefaultNames[][2] = {
        {"accordion", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Accordion")},
        {"banjo", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Banjo")},
        {"bass", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Bass")},
        {"cello", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Cello")},
        {"clarinet", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Clarinet")},
        {"cymbals", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Cymbals")},
        {"drums", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Drums")},
        {"flute", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Flute")},
        {"guitar", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Guitar")},
        {"mallet_percussion", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Mallet percussion")},
        {"mandolin", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Mandolin")},
        {"organ", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Organ")},
        {"piano", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Piano")},
        {"saxophone", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Saxophone")},
        {"synthesizer", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Synthesizer")},
        {"trombone", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Trombone")},
        {"trumpet", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Trumpet")},
        {"ukulele", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Ukulele")},
        {"violin", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Violin")},
        {"voice", QT_TRANSLATE_NOOP("timbre::library::Taxonomy", "Voice")},
};

QString defaultDisplayName(const QString &key)
{
    for (const auto &entry : kDefaultNames) {
        if (key == QLatin1String(entry[0]))
            return QCoreApplication::translate("timbre::library::Taxonomy", entry[1]);
    }
    QString name = key;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

// A built-in instrument's stored name that is still its English default (a library made by
// the command line, which has no translator) shows in the interface's language; a name the
// user gave it stays as it is.
QString shownName(const QString &key, const QString &stored)
{
    for (const auto &entry : kDefaultNames) {
        if (key == QLatin1String(entry[0]))
            return stored == QLatin1String(entry[1])
                    ? QCoreApplication::translate("timbre::library::Taxonomy", entry[1])
                    : stored;
    }
    return stored;
}

} // namespace

Taxonomy::Taxonomy(const CatalogDatabase &db) : m_db(db) { }

QStringList Taxonomy::palette()
{
    // Sasha Trubetskoy's "20 simple, distinct colours", reordered so neighbours in the
    // OpenMIC order differ strongly in hue.
    return {QStringLiteral("#e6194b"), QStringLiteral("#3cb44b"), QStringLiteral("#4363d8"),
            QStringLiteral("#f58231"), QStringLiteral("#911eb4"), QStringLiteral("#46f0f0"),
            QStringLiteral("#f032e6"), QStringLiteral("#bcf60c"), QStringLiteral("#008080"),
            QStringLiteral("#9a6324"), QStringLiteral("#ffe119"), QStringLiteral("#800000"),
            QStringLiteral("#aaffc3"), QStringLiteral("#808000"), QStringLiteral("#000075"),
            QStringLiteral("#fabebe"), QStringLiteral("#e6beff"), QStringLiteral("#ffd8b1"),
            QStringLiteral("#808080"), QStringLiteral("#fffac8")};
}

QList<Instrument> Taxonomy::defaultInstruments()
{
    const QStringList keys = openMicClasses();
    const QStringList colours = palette();
    QList<Instrument> out;
    for (int i = 0; i < keys.size(); ++i)
        out << Instrument {0, keys[i], defaultDisplayName(keys[i]), colours[i % colours.size()], i};
    return out;
}

bool Taxonomy::isValidKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    return re.match(key).hasMatch();
}

bool Taxonomy::isValidColour(const QString &colour)
{
    static const QRegularExpression re(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return re.match(colour).hasMatch();
}

CatalogResult<QList<Instrument>> Taxonomy::instruments() const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, key, display_name, colour, position FROM instrument "
                               "ORDER BY position, id")))
        return m_db.queryError(q, QStringLiteral("reading the taxonomy"));
    QList<Instrument> out;
    while (q.next()) {
        const QString key = q.value(1).toString();
        out << Instrument {q.value(0).toLongLong(), key, shownName(key, q.value(2).toString()),
                           q.value(3).toString(), q.value(4).toInt()};
    }
    return out;
}

CatalogResult<QStringList> Taxonomy::keys() const
{
    auto all = instruments();
    if (!all)
        return all.error();
    QStringList out;
    for (const Instrument &i : *all)
        out << i.key;
    return out;
}

CatalogResult<std::optional<Instrument>> Taxonomy::find(const QString &key) const
{
    auto all = instruments();
    if (!all)
        return all.error();
    for (const Instrument &i : *all) {
        if (i.key == key)
            return std::optional<Instrument>(i);
    }
    return std::optional<Instrument>();
}

CatalogResult<Instrument> Taxonomy::add(const QString &key, const QString &displayName,
                                        const QString &colour) const
{
    if (!isValidKey(key))
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: instrument key '%2' must match [a-z][a-z0-9_]*")
                                  .arg(m_db.filePath(), key));
    if (!colour.isEmpty() && !isValidColour(colour))
        return m_db.error(
                CatalogError::InvalidArgument,
                QStringLiteral("%1: colour '%2' is not #rrggbb").arg(m_db.filePath(), colour));
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    Instrument inst;
    {
        auto existing = instruments();
        if (!existing)
            return existing.error();
        QSet<QString> used;
        int position = 0;
        for (const Instrument &i : *existing) {
            if (i.key == key)
                return m_db.error(
                        CatalogError::Conflict,
                        QStringLiteral("%1: instrument '%2' exists").arg(m_db.filePath(), key));
            used.insert(i.colour.toLower());
            position = std::max(position, i.position + 1);
        }
        QString chosen = colour.toLower();
        if (chosen.isEmpty()) {
            const QStringList p = palette();
            chosen = p[existing->size() % p.size()];
            for (const QString &c : p) {
                if (!used.contains(c)) {
                    chosen = c;
                    break;
                }
            }
        }
        inst = Instrument {0, key, displayName.isEmpty() ? defaultDisplayName(key) : displayName,
                           chosen, position};
        QSqlQuery q(tx.connection());
        q.prepare(withReturningId(
                m_db,
                QStringLiteral("INSERT INTO instrument (key, display_name, colour, position) "
                               "VALUES (?, ?, ?, ?)")));
        q.addBindValue(inst.key);
        q.addBindValue(inst.displayName);
        q.addBindValue(inst.colour);
        q.addBindValue(inst.position);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("adding instrument %1").arg(key));
        inst.id = insertedId(q, m_db);
    }
    const CatalogError e = tx.commit();
    if (e.isError())
        return e;
    return inst;
}

CatalogError Taxonomy::rename(const QString &key, const QString &displayName) const
{
    if (displayName.trimmed().isEmpty())
        return m_db.error(
                CatalogError::InvalidArgument,
                QStringLiteral("%1: empty display name for '%2'").arg(m_db.filePath(), key));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE instrument SET display_name = ? WHERE key = ?"));
    q.addBindValue(displayName.trimmed());
    q.addBindValue(key);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("renaming instrument %1").arg(key));
    if (q.numRowsAffected() != 1)
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no instrument '%2'").arg(m_db.filePath(), key));
    return {};
}

CatalogError Taxonomy::recolour(const QString &key, const QString &colour) const
{
    if (!isValidColour(colour))
        return m_db.error(
                CatalogError::InvalidArgument,
                QStringLiteral("%1: colour '%2' is not #rrggbb").arg(m_db.filePath(), colour));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE instrument SET colour = ? WHERE key = ?"));
    q.addBindValue(colour.toLower());
    q.addBindValue(key);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("recolouring instrument %1").arg(key));
    if (q.numRowsAffected() != 1)
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no instrument '%2'").arg(m_db.filePath(), key));
    return {};
}

CatalogError Taxonomy::writePositions(const QStringList &keysInOrder) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE instrument SET position = ? WHERE key = ?"));
    for (int i = 0; i < keysInOrder.size(); ++i) {
        q.bindValue(0, i);
        q.bindValue(1, keysInOrder[i]);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("reordering instruments"));
    }
    return {};
}

CatalogError Taxonomy::reorder(const QStringList &keysInOrder) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    auto current = keys();
    if (!current)
        return current.error();
    QStringList a = *current;
    QStringList b = keysInOrder;
    a.sort();
    b.sort();
    if (a != b)
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: reorder needs every instrument key exactly once")
                                  .arg(m_db.filePath()));
    const CatalogError e = writePositions(keysInOrder);
    if (e.isError())
        return e;
    return tx.commit();
}

CatalogError Taxonomy::move(const QString &key, int position) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    auto current = keys();
    if (!current)
        return current.error();
    QStringList order = *current;
    const int from = order.indexOf(key);
    if (from < 0)
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no instrument '%2'").arg(m_db.filePath(), key));
    order.removeAt(from);
    order.insert(std::clamp(position, 0, int(order.size())), key);
    const CatalogError e = writePositions(order);
    if (e.isError())
        return e;
    return tx.commit();
}

CatalogError Taxonomy::seedDefaults() const
{
    {
        // Checked before taking the write lock: opening a library must not wait for writers.
        QSqlQuery q(m_db.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM instrument")) || !q.next())
            return m_db.queryError(q, QStringLiteral("counting instruments"));
        if (q.value(0).toInt() > 0)
            return {};
    }
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM instrument")) || !q.next())
            return m_db.queryError(q, QStringLiteral("counting instruments"));
        if (q.value(0).toInt() > 0)
            return {};
        q.prepare(QStringLiteral("INSERT INTO instrument (key, display_name, colour, position) "
                                 "VALUES (?, ?, ?, ?)"));
        for (const Instrument &i : defaultInstruments()) {
            q.bindValue(0, i.key);
            q.bindValue(1, i.displayName);
            q.bindValue(2, i.colour);
            q.bindValue(3, i.position);
            if (!q.exec())
                return m_db.queryError(q, QStringLiteral("seeding instrument %1").arg(i.key));
        }
    }
    return tx.commit();
}

} // namespace timbre::library
