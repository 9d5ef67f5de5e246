// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ModelStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

#include <limits>

namespace timbre::library {

namespace {
QString nn(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
// JSON has no NaN: QJsonDocument writes it as null. Read back, null becomes NaN again (every
// null in a record stands for an undefined number).
QVariant nullsToNaN(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Nullptr:
        return std::numeric_limits<double>::quiet_NaN();
    case QMetaType::QVariantMap: {
        QVariantMap map = value.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            it.value() = nullsToNaN(it.value());
        return map;
    }
    case QMetaType::QVariantList: {
        QVariantList list = value.toList();
        for (QVariant &item : list)
            item = nullsToNaN(item);
        return list;
    }
    default:
        return value;
    }
}

} // namespace

ModelStore::ModelStore(const CatalogDatabase &db) : m_db(db) { }

CatalogResult<qint64> ModelStore::add(const ModelRecord &m) const
{
    if (m.name.isEmpty() || m.kind.isEmpty())
        return m_db.error(
                CatalogError::InvalidArgument,
                QStringLiteral("%1: a model needs a name and a kind").arg(m_db.filePath()));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM model WHERE name = ?"));
    q.addBindValue(m.name);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("checking model name %1").arg(m.name));
    if (q.next())
        return m_db.error(
                CatalogError::Conflict,
                QStringLiteral("%1: a model named '%2' exists").arg(m_db.filePath(), m.name));
    q.prepare(withReturningId(
            m_db,
            QStringLiteral(
                    "INSERT INTO model (name, kind, parent_id, extractor_id, "
                    "extractor_version, hyper_parameters, label_snapshot, created_ms, "
                    "metrics, checkpoint_file, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    q.addBindValue(m.name);
    q.addBindValue(m.kind);
    q.addBindValue(m.parentId > 0 ? QVariant(m.parentId)
                                  : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(nn(m.extractorId));
    q.addBindValue(m.extractorVersion);
    q.addBindValue(m.hyperParametersJson.isEmpty() ? QStringLiteral("{}") : m.hyperParametersJson);
    q.addBindValue(m.labelSnapshot);
    q.addBindValue(m.createdMs > 0 ? m.createdMs : QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(m.metricsJson.isEmpty() ? QStringLiteral("{}") : m.metricsJson);
    q.addBindValue(nn(m.checkpointFile));
    q.addBindValue(nn(m.note));
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("adding model %1").arg(m.name));
    return insertedId(q, m_db);
}

CatalogResult<qint64> ModelStore::add(const ModelRecord &model,
                                      const QList<QVariantMap> &history) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    CatalogResult<qint64> id = add(model);
    if (!id)
        return id;
    if (const CatalogError e = setHistory(*id, history); e.isError())
        return e;
    if (const CatalogError e = tx.commit(); e.isError())
        return e;
    return id;
}

CatalogError ModelStore::setHistory(qint64 modelId, const QList<QVariantMap> &records) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    QSqlQuery q(tx.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM model WHERE id = ?"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("finding model %1").arg(modelId));
    if (!q.next())
        return m_db.error(
                CatalogError::NotFound,
                QStringLiteral("%1: no model with id %2").arg(m_db.filePath()).arg(modelId));
    q.prepare(QStringLiteral("DELETE FROM model_epoch WHERE model_id = ?"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("clearing the history of model %1").arg(modelId));
    q.prepare(QStringLiteral("INSERT INTO model_epoch (model_id, epoch, record) VALUES (?, ?, ?)"));
    QSet<int> epochs;
    for (const QVariantMap &record : records) {
        if (record.value(QStringLiteral("partial")).toBool())
            continue;
        const int epoch = record.value(QStringLiteral("epoch")).toInt();
        if (epoch < 1 || epochs.contains(epoch))
            return m_db.error(CatalogError::InvalidArgument,
                              QStringLiteral("%1: history of model %2: epoch %3 is not a new "
                                             "epoch number >= 1")
                                      .arg(m_db.filePath())
                                      .arg(modelId)
                                      .arg(epoch));
        epochs.insert(epoch);
        q.addBindValue(modelId);
        q.addBindValue(epoch);
        q.addBindValue(QString::fromUtf8(
                QJsonDocument(QJsonObject::fromVariantMap(record)).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return m_db.queryError(
                    q, QStringLiteral("storing epoch %1 of model %2").arg(epoch).arg(modelId));
    }
    return tx.commit();
}

CatalogResult<QList<QVariantMap>> ModelStore::history(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT record FROM model_epoch WHERE model_id = ? ORDER BY epoch"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading the history of model %1").arg(modelId));
    QList<QVariantMap> out;
    while (q.next()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        out << nullsToNaN(json.toVariantMap()).toMap();
    }
    return out;
}

CatalogError ModelStore::setColumn(qint64 modelId, const QString &column,
                                   const QString &value) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE model SET %1 = ? WHERE id = ?").arg(column));
    q.addBindValue(nn(value));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("updating model %1").arg(modelId));
    if (q.numRowsAffected() != 1)
        return m_db.error(
                CatalogError::NotFound,
                QStringLiteral("%1: no model with id %2").arg(m_db.filePath()).arg(modelId));
    return {};
}

CatalogError ModelStore::setMetrics(qint64 modelId, const QString &metricsJson) const
{
    return setColumn(modelId, QStringLiteral("metrics"), metricsJson);
}

CatalogError ModelStore::setNote(qint64 modelId, const QString &note) const
{
    return setColumn(modelId, QStringLiteral("note"), note);
}

CatalogError ModelStore::rename(qint64 modelId, const QString &name) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: a model needs a name").arg(m_db.filePath()));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM model WHERE name = ? AND id <> ?"));
    q.addBindValue(trimmed);
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("checking model name %1").arg(trimmed));
    if (q.next())
        return m_db.error(
                CatalogError::Conflict,
                QStringLiteral("%1: a model named '%2' exists").arg(m_db.filePath(), trimmed));
    return setColumn(modelId, QStringLiteral("name"), trimmed);
}

CatalogError ModelStore::remove(qint64 modelId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM model WHERE id = ?"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("removing model %1").arg(modelId));
    if (q.numRowsAffected() != 1)
        return m_db.error(
                CatalogError::NotFound,
                QStringLiteral("%1: no model with id %2").arg(m_db.filePath()).arg(modelId));
    return {};
}

CatalogResult<QList<ModelRecord>> ModelStore::select(const QString &where,
                                                     const QVariant &bind) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, name, kind, coalesce(parent_id, 0), extractor_id, "
                             "extractor_version, hyper_parameters, label_snapshot, created_ms, "
                             "metrics, checkpoint_file, note, active FROM model %1 ORDER BY id")
                      .arg(where));
    if (bind.isValid())
        q.addBindValue(bind);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading models"));
    QList<ModelRecord> out;
    while (q.next()) {
        ModelRecord m;
        m.id = q.value(0).toLongLong();
        m.name = q.value(1).toString();
        m.kind = q.value(2).toString();
        m.parentId = q.value(3).toLongLong();
        m.extractorId = q.value(4).toString();
        m.extractorVersion = q.value(5).toInt();
        m.hyperParametersJson = q.value(6).toString();
        m.labelSnapshot = q.value(7).toLongLong();
        m.createdMs = q.value(8).toLongLong();
        m.metricsJson = q.value(9).toString();
        m.checkpointFile = q.value(10).toString();
        m.note = q.value(11).toString();
        m.active = q.value(12).toInt() == 1;
        out << m;
    }
    return out;
}

CatalogResult<std::optional<ModelRecord>> ModelStore::findById(qint64 modelId) const
{
    auto r = select(QStringLiteral("WHERE id = ?"), modelId);
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<ModelRecord>() : std::optional<ModelRecord>(r->first());
}

CatalogResult<std::optional<ModelRecord>> ModelStore::findByName(const QString &name) const
{
    auto r = select(QStringLiteral("WHERE name = ?"), name);
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<ModelRecord>() : std::optional<ModelRecord>(r->first());
}

CatalogError ModelStore::activate(qint64 modelId) const
{
    CatalogTransaction tx(m_db);
    if (tx.beginError().isError())
        return tx.beginError();
    {
        QSqlQuery q(tx.connection());
        q.prepare(QStringLiteral("SELECT 1 FROM model WHERE id = ?"));
        q.addBindValue(modelId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("finding model %1").arg(modelId));
        if (!q.next())
            return m_db.error(
                    CatalogError::NotFound,
                    QStringLiteral("%1: no model with id %2").arg(m_db.filePath()).arg(modelId));
        // Two statements because the partial unique index allows one active row at any time.
        if (!q.exec(QStringLiteral("UPDATE model SET active = 0 WHERE active = 1")))
            return m_db.queryError(q, QStringLiteral("deactivating models"));
        q.prepare(QStringLiteral("UPDATE model SET active = 1 WHERE id = ?"));
        q.addBindValue(modelId);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("activating model %1").arg(modelId));
    }
    return tx.commit();
}

CatalogResult<std::optional<ModelRecord>> ModelStore::active() const
{
    auto r = select(QStringLiteral("WHERE active = ?"), 1);
    if (!r)
        return r.error();
    return r->isEmpty() ? std::optional<ModelRecord>() : std::optional<ModelRecord>(r->first());
}

CatalogResult<QList<ModelRecord>> ModelStore::children(qint64 modelId) const
{
    return select(QStringLiteral("WHERE parent_id = ?"), modelId);
}

CatalogResult<QList<ModelRecord>> ModelStore::list() const
{
    return select(QString(), QVariant());
}

} // namespace timbre::library
