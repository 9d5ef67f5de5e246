// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre library migrate DIR --to postgresql://...` against a real server: a SQLite library
// with labels, an undo stack, a model and its scores is copied whole, the folder then opens
// the server catalog with the same status and export, the ids continue, and a second migrate
// or a URL with a password is refused. Runs where CTest's `postgres` fixture started a server
// (the _postgres variant, TIMBRE_CATALOG_SERVER); skipped elsewhere.
#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using timbre::testing::CliRun;
using timbre::testing::runCli;

namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class LibraryMigrateTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesEverythingAndSwitchesTheFolder();

private:
    QTemporaryDir m_dir;
};

void LibraryMigrateTest::copiesEverythingAndSwitchesTheFolder()
{
    const QString server = qEnvironmentVariable("TIMBRE_CATALOG_SERVER");
    if (server.isEmpty())
        QSKIP("no PostgreSQL server (TIMBRE_CATALOG_SERVER); CTest's _postgres variant has one");
    // The library to migrate is a SQLite one: no server for the commands that make it.
    QProcessEnvironment local = QProcessEnvironment::systemEnvironment();
    local.remove(QStringLiteral("TIMBRE_CATALOG_SERVER"));
    const QString corpus = m_dir.filePath(QStringLiteral("corpus"));
    const QString lib = m_dir.filePath(QStringLiteral("lib"));
    RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), corpus,
                   QStringLiteral("--clips"), QStringLiteral("8"), QStringLiteral("--seconds"),
                   QStringLiteral("3"), QStringLiteral("--no-stems"), QStringLiteral("--quiet"),
                   QStringLiteral("--seed"), QStringLiteral("5")},
                  120000, local));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), lib}, 60000, local));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), lib,
                   QDir(corpus).filePath(QStringLiteral("mixes")), QStringLiteral("--quiet")},
                  60000, local));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), lib,
                   QDir(corpus).filePath(QStringLiteral("labels.csv"))},
                  60000, local));
    RUN_OK(runCli({QStringLiteral("extract"), lib, QStringLiteral("--extractor"),
                   QStringLiteral("cnn"), QStringLiteral("--quiet")},
                  120000, local));
    RUN_OK(runCli({QStringLiteral("models"), lib, QStringLiteral("--import-starter")}, 60000,
                  local));
    RUN_OK(runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib}, 120000, local));
    const QString clip = QStringLiteral("clip_0001");
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("set"), lib, QStringLiteral("--clip"),
                   clip, QStringLiteral("--instrument"), QStringLiteral("piano"),
                   QStringLiteral("--value"), QStringLiteral("unknown"), QStringLiteral("--author"),
                   QStringLiteral("ana")},
                  60000, local));
    const CliRun before
            = runCli({QStringLiteral("library"), QStringLiteral("status"), lib}, 60000, local);
    RUN_OK(before);
    const QString exportBefore = m_dir.filePath(QStringLiteral("before.json"));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("export"), lib,
                   QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"),
                   exportBefore},
                  60000, local));
    QVERIFY(before.out.contains(QStringLiteral("scored=yes")));

    const CliRun migrated = runCli({QStringLiteral("library"), QStringLiteral("migrate"), lib,
                                    QStringLiteral("--to"), server},
                                   120000, local);
    RUN_OK(migrated);
    QVERIFY2(migrated.out.contains(QStringLiteral("copied label rows=")), qPrintable(migrated.out));
    QVERIFY2(migrated.out.contains(QStringLiteral("copied prediction rows=")),
             qPrintable(migrated.out));
    QVERIFY2(migrated.out.contains(QStringLiteral("migrated to=") + server
                                   + QStringLiteral("?schema=lib_")),
             qPrintable(migrated.out));
    // Every table reported, none empty that had rows: label_history has the import and the set.
    const QRegularExpression history(QStringLiteral("copied label_history rows=(\\d+)"));
    QVERIFY(history.match(migrated.out).captured(1).toInt() > 8);
    QVERIFY(QFile::exists(QDir(lib).filePath(QStringLiteral("catalog.conf"))));
    QVERIFY(QFile::exists(QDir(lib).filePath(QStringLiteral("catalog.sqlite.migrated"))));
    QVERIFY(!QFile::exists(QDir(lib).filePath(QStringLiteral("catalog.sqlite"))));
    QVERIFY(!readAll(QDir(lib).filePath(QStringLiteral("catalog.conf")))
                     .contains(QStringLiteral("PGPASSWORD=")));

    // The folder now opens the server catalog: same status, same labels and scores.
    const CliRun after
            = runCli({QStringLiteral("library"), QStringLiteral("status"), lib}, 60000, local);
    RUN_OK(after);
    QCOMPARE(after.out, before.out);
    const QString exportAfter = m_dir.filePath(QStringLiteral("after.json"));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("export"), lib,
                   QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"),
                   exportAfter},
                  60000, local));
    QCOMPARE(readAll(exportAfter), readAll(exportBefore));

    // The undo stack came along (the set is undone), and new rows get fresh ids.
    const CliRun undo
            = runCli({QStringLiteral("labels"), QStringLiteral("undo"), lib}, 60000, local);
    RUN_OK(undo);
    QVERIFY2(undo.out.startsWith(QStringLiteral("undone batch=")), qPrintable(undo.out));
    const CliRun predict
            = runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib}, 120000, local);
    RUN_OK(predict);
    QVERIFY2(predict.out.contains(QStringLiteral("(run 2)")), qPrintable(predict.out));

    // Refusals change nothing.
    const CliRun again = runCli({QStringLiteral("library"), QStringLiteral("migrate"), lib,
                                 QStringLiteral("--to"), server},
                                60000, local);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("on a server already")), qPrintable(again.err));
    QString withPassword = server;
    withPassword.replace(QStringLiteral("@"), QStringLiteral(":secret@"));
    const CliRun secret = runCli({QStringLiteral("library"), QStringLiteral("init"),
                                  m_dir.filePath(QStringLiteral("other")),
                                  QStringLiteral("--server"), withPassword},
                                 60000, local);
    QCOMPARE(secret.exitCode, 1);
    QVERIFY2(secret.err.contains(QStringLiteral("PGPASSWORD")), qPrintable(secret.err));
}

QTEST_GUILESS_MAIN(LibraryMigrateTest)
#include "LibraryMigrate_test.moc"
