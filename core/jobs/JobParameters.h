// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A job's options as the parameters the job table stores (JSON) and back, declared once per
// job as a list of (key, member) fields instead of two hand-written maps that must agree.
// A key missing from a stored map leaves the member at its default (an older job row resumes
// with what a new option defaults to). Types: QString, bool, int, qint64, double, QVariantMap,
// QList<qint64>; quint64 is stored as text, since JSON numbers cannot hold every 64-bit seed.
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <functional>
#include <type_traits>
#include <vector>

namespace timbre::jobs {

template<typename Options> class JobParameters
{
public:
    template<typename T> JobParameters &field(const QString &key, T Options::*member)
    {
        Field f;
        f.write = [key, member](const Options &o, QVariantMap *map) {
            map->insert(key, toVariant(o.*member));
        };
        f.read = [key, member](const QVariantMap &map, Options *o) {
            const auto it = map.constFind(key);
            if (it != map.constEnd())
                o->*member = fromVariant<T>(*it);
        };
        m_fields.push_back(std::move(f));
        return *this;
    }

    QVariantMap toMap(const Options &options) const
    {
        QVariantMap map;
        for (const Field &f : m_fields)
            f.write(options, &map);
        return map;
    }

    // Starts from `defaults` (a default-constructed Options unless a job resets something).
    Options fromMap(const QVariantMap &map, Options defaults = Options()) const
    {
        for (const Field &f : m_fields)
            f.read(map, &defaults);
        return defaults;
    }

private:
    struct Field
    {
        std::function<void(const Options &, QVariantMap *)> write;
        std::function<void(const QVariantMap &, Options *)> read;
    };

    template<typename T> static QVariant toVariant(const T &value)
    {
        if constexpr (std::is_same_v<T, quint64>) {
            return QString::number(value);
        } else if constexpr (std::is_same_v<T, QList<qint64>>) {
            QVariantList list;
            for (qint64 v : value)
                list << v;
            return list;
        } else {
            return QVariant::fromValue(value);
        }
    }

    template<typename T> static T fromVariant(const QVariant &v)
    {
        if constexpr (std::is_same_v<T, quint64>) {
            return v.toString().toULongLong();
        } else if constexpr (std::is_same_v<T, QList<qint64>>) {
            QList<qint64> list;
            for (const QVariant &item : v.toList())
                list << item.toLongLong();
            return list;
        } else if constexpr (std::is_same_v<T, QVariantMap>) {
            return v.toMap();
        } else {
            return v.value<T>();
        }
    }

    std::vector<Field> m_fields;
};

} // namespace timbre::jobs
