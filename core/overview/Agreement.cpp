// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overview/Agreement.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace timbre::overview {

double fleissKappa(const QList<QList<int>> &ratings)
{
    double sumP = 0; // sum of each item's agreement
    double present = 0; // judgements "present"
    double total = 0; // judgements
    int items = 0;
    for (const QList<int> &item : ratings) {
        const qsizetype n = item.size();
        if (n < 2)
            continue;
        double ones = 0;
        for (int v : item)
            ones += v ? 1 : 0;
        const double zeros = double(n) - ones;
        sumP += (ones * (ones - 1) + zeros * (zeros - 1)) / (double(n) * double(n - 1));
        present += ones;
        total += double(n);
        ++items;
    }
    if (items == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const double meanP = sumP / items;
    const double p1 = present / total;
    const double chance = p1 * p1 + (1 - p1) * (1 - p1);
    if (chance >= 1.0)
        return std::numeric_limits<double>::quiet_NaN();
    return (meanP - chance) / (1 - chance);
}

double cohenKappa(const QList<int> &first, const QList<int> &second)
{
    const qsizetype n = std::min(first.size(), second.size());
    if (n == 0)
        return std::numeric_limits<double>::quiet_NaN();
    double agree = 0;
    double a1 = 0;
    double b1 = 0;
    for (qsizetype i = 0; i < n; ++i) {
        agree += (first[i] != 0) == (second[i] != 0) ? 1 : 0;
        a1 += first[i] ? 1 : 0;
        b1 += second[i] ? 1 : 0;
    }
    const double po = agree / double(n);
    const double pa = a1 / double(n);
    const double pb = b1 / double(n);
    const double pe = pa * pb + (1 - pa) * (1 - pb);
    if (pe >= 1.0)
        return std::numeric_limits<double>::quiet_NaN();
    return (po - pe) / (1 - pe);
}

library::CatalogResult<QList<InstrumentAgreement>> measureAgreement(const library::Library &lib)
{
    const library::CatalogDatabase &db = lib.database();
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT i.key, a.clip_id, a.annotator, a.value FROM instrument i "
                               "LEFT JOIN annotator_label a ON a.instrument_id = i.id "
                               "ORDER BY i.position, i.id, a.clip_id, a.annotator")))
        return db.queryError(q, QStringLiteral("reading the annotators' labels"));
    // instrument -> clip -> annotator -> value, in taxonomy order
    QList<QString> order;
    QHash<QString, QMap<qint64, QMap<QString, int>>> byInstrument;
    while (q.next()) {
        const QString key = q.value(0).toString();
        if (!byInstrument.contains(key)) {
            order << key;
            byInstrument.insert(key, {});
        }
        if (!q.value(1).isNull())
            byInstrument[key][q.value(1).toLongLong()].insert(q.value(2).toString(),
                                                              q.value(3).toInt());
    }
    QList<InstrumentAgreement> out;
    for (const QString &key : std::as_const(order)) {
        InstrumentAgreement a;
        a.instrument = key;
        QList<QList<int>> ratings;
        QMap<QString, bool> raters;
        // pair -> (values of the first, values of the second)
        QMap<QPair<QString, QString>, QPair<QList<int>, QList<int>>> pairs;
        for (const QMap<QString, int> &clip : byInstrument.value(key)) {
            if (clip.size() < 2)
                continue;
            ratings << clip.values();
            const QStringList who = clip.keys(); // sorted
            for (qsizetype i = 0; i < who.size(); ++i) {
                raters.insert(who[i], true);
                for (qsizetype j = i + 1; j < who.size(); ++j) {
                    auto &p = pairs[{who[i], who[j]}];
                    p.first << clip.value(who[i]);
                    p.second << clip.value(who[j]);
                }
            }
        }
        a.items = int(ratings.size());
        a.annotators = int(raters.size());
        a.fleissKappa = fleissKappa(ratings);
        for (auto it = pairs.constBegin(); it != pairs.constEnd(); ++it) {
            PairAgreement p;
            p.first = it.key().first;
            p.second = it.key().second;
            p.items = int(it->first.size());
            int same = 0;
            for (int i = 0; i < p.items; ++i)
                same += it->first[i] == it->second[i] ? 1 : 0;
            p.agreed = p.items > 0 ? double(same) / p.items : 0.0;
            p.kappa = cohenKappa(it->first, it->second);
            a.pairs << p;
        }
        out << a;
    }
    return out;
}

} // namespace timbre::overview
