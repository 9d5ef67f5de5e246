// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogLocation.h"

#include "core/util/SaveFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace timbre::library {

namespace {

bool isPlainIdentifier(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

} // namespace

CatalogLocation CatalogLocation::sqliteFile(const QString &filePath)
{
    CatalogLocation l;
    l.filePath = QFileInfo(filePath).absoluteFilePath();
    return l;
}

QString CatalogLocation::url() const
{
    QString text = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        text += user + QLatin1Char('@');
    text += host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + database;
    if (!schema.isEmpty())
        text += QStringLiteral("?schema=") + schema;
    return text;
}

QString CatalogLocation::display() const
{
    return isServer() ? url() : filePath;
}

CatalogResult<CatalogLocation> CatalogLocation::parseUrl(const QString &text,
                                                         const QString &defaultSchema)
{
    const auto bad = [&](const QString &why) {
        return CatalogError::make(
                CatalogError::InvalidArgument, text,
                QStringLiteral("%1: not a catalog server URL: %2").arg(text, why));
    };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return bad(url.errorString());
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return bad(QStringLiteral("expected postgresql://[user@]host[:port]/database"));
    if (!url.password().isEmpty())
        return bad(QStringLiteral("it holds a password; give it in PGPASSWORD or ~/.pgpass "
                                  "instead (it would be stored in plain text)"));
    CatalogLocation l;
    l.backend = Backend::Postgres;
    l.host = url.host();
    l.port = url.port(5432);
    l.user = url.userName();
    l.database = url.path().mid(1);
    if (l.host.isEmpty())
        return bad(QStringLiteral("no host"));
    if (l.database.isEmpty() || l.database.contains(QLatin1Char('/')))
        return bad(QStringLiteral("no database name after the host"));
    const QUrlQuery query(url);
    l.schema = query.hasQueryItem(QStringLiteral("schema"))
            ? query.queryItemValue(QStringLiteral("schema"))
            : defaultSchema;
    if (!l.schema.isEmpty() && !isPlainIdentifier(l.schema))
        return bad(QStringLiteral("schema '%1' is not a lower-case identifier").arg(l.schema));
    return l;
}

CatalogResult<CatalogLocation> CatalogLocation::readConfig(const QString &confPath)
{
    QFile file(confPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return CatalogError::make(CatalogError::OpenFailed, confPath,
                                  QStringLiteral("%1: cannot read the catalog settings: %2")
                                          .arg(confPath, file.errorString()));
    }
    int lineNumber = 0;
    QString url;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const QString key = line.left(eq).trimmed();
        if (eq < 0 || key != QLatin1String("url")) {
            return CatalogError::make(CatalogError::InvalidArgument, confPath,
                                      QStringLiteral("%1:%2: expected 'url = postgresql://...'")
                                              .arg(confPath)
                                              .arg(lineNumber));
        }
        url = line.mid(eq + 1).trimmed();
    }
    if (url.isEmpty()) {
        return CatalogError::make(
                CatalogError::InvalidArgument, confPath,
                QStringLiteral("%1: no 'url = postgresql://...' line").arg(confPath));
    }
    CatalogResult<CatalogLocation> parsed = parseUrl(url);
    if (!parsed) {
        return CatalogError::make(CatalogError::InvalidArgument, confPath,
                                  QStringLiteral("%1: %2").arg(confPath, parsed.error().message));
    }
    if (parsed->schema.isEmpty()) {
        return CatalogError::make(CatalogError::InvalidArgument, confPath,
                                  QStringLiteral("%1: the url names no ?schema=").arg(confPath));
    }
    return parsed;
}

CatalogError CatalogLocation::writeConfig(const QString &confPath) const
{
    QSaveFile file(confPath);
    const QByteArray text
            = QStringLiteral("# This library's catalog is on a PostgreSQL server. The password "
                             "comes from\n"
                             "# PGPASSWORD or ~/.pgpass, never from this file.\nurl = %1\n")
                      .arg(url())
                      .toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()
        || !util::commitSaveFile(file)) {
        return CatalogError::make(CatalogError::Io, confPath,
                                  QStringLiteral("%1: cannot write the catalog settings: %2")
                                          .arg(confPath, file.errorString()));
    }
    return {};
}

QString CatalogLocation::newSchemaName()
{
    return QStringLiteral("lib_") + QUuid::createUuid().toString(QUuid::Id128).left(16).toLower();
}

} // namespace timbre::library
