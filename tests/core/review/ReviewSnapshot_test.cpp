// SPDX-License-Identifier: GPL-3.0-or-later
// ReviewSnapshot::load reads the catalog through SQLite's C API (ScoreTableReader); this checks
// it returns exactly what reading the same rows through QtSql returns (the way it read them
// before) on a generated library with regions, keys, albums, test clips, gaps in the ids and
// two models' scores, and that a missing or corrupt catalog is an error naming the file.
#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/review/ReviewSnapshot.h"
#include "core/review/ScoreTableReader.h"

#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>

#include <cmath>
#include <cstring>
#include <limits>

using namespace timbre;
using namespace timbre::review;

namespace {

// The QtSql reading ReviewSnapshot::load did before it used the C API, kept as the reference.
QString referenceLoad(const library::Library &lib, const ReviewSnapshot::Request &request,
                      ReviewSnapshot *out)
{
    QSqlQuery q(lib.database().connection());
    q.setForwardOnly(true);
    ReviewSnapshot &s = *out;
    QHash<qint64, int> columnOf;
    if (!q.exec(QStringLiteral("SELECT id, key FROM instrument ORDER BY position, id")))
        return q.lastError().text();
    while (q.next()) {
        columnOf.insert(q.value(0).toLongLong(), int(s.instrumentKeys.size()));
        s.instrumentKeys << q.value(1).toString();
    }
    if (!q.exec(QStringLiteral("SELECT c.id, c.track_id, c.key, c.start_s, c.end_s, c.is_test, "
                               "t.path, t.artist, t.album FROM clip c JOIN track t ON t.id = "
                               "c.track_id ORDER BY c.id")))
        return q.lastError().text();
    QHash<QString, int> albums;
    QHash<qint64, int> rowOf;
    while (q.next()) {
        SnapshotClip c;
        c.clipId = q.value(0).toLongLong();
        c.trackId = q.value(1).toLongLong();
        c.key = q.value(2).toString();
        if (c.key.isEmpty() && !q.value(4).isNull())
            c.key = q.value(6).toString()
                    + QStringLiteral("#%1-%2")
                              .arg(q.value(3).toDouble(), 0, 'f', 2)
                              .arg(q.value(4).toDouble(), 0, 'f', 2);
        else if (c.key.isEmpty())
            c.key = q.value(6).toString();
        c.isTest = q.value(5).toInt() != 0;
        const QString album = q.value(8).toString();
        if (!album.isEmpty()) {
            const QString key = q.value(7).toString() + QChar(0x1f) + album;
            c.album = int(albums.value(key, int(albums.size())));
            albums.insert(key, c.album);
        }
        rowOf.insert(c.clipId, int(s.clips.size()));
        s.clips << c;
    }
    const size_t cells = size_t(s.rows()) * size_t(s.columns());
    s.labels.assign(cells, int8_t(-1));
    if (!q.exec(QStringLiteral("SELECT clip_id, instrument_id, value FROM label")))
        return q.lastError().text();
    while (q.next())
        s.labels[s.at(rowOf.value(q.value(0).toLongLong()),
                      columnOf.value(q.value(1).toLongLong()))]
                = int8_t(q.value(2).toInt() != 0 ? 1 : 0);
    const auto scores = [&](const QString &table, qint64 model, std::vector<float> *matrix) {
        matrix->assign(cells, std::numeric_limits<float>::quiet_NaN());
        q.prepare(QStringLiteral("SELECT clip_id, instrument_id, score FROM %1 WHERE model_id = ?")
                          .arg(table));
        q.addBindValue(model);
        if (!q.exec())
            return q.lastError().text();
        while (q.next())
            (*matrix)[s.at(rowOf.value(q.value(0).toLongLong()),
                           columnOf.value(q.value(1).toLongLong()))]
                    = q.value(2).toFloat();
        return QString();
    };
    QString e;
    if (request.scoresOf > 0
        && !(e = scores(QStringLiteral("prediction"), request.scoresOf, &s.scores)).isEmpty())
        return e;
    if (request.otherScoresOf > 0
        && !(e = scores(QStringLiteral("prediction"), request.otherScoresOf, &s.otherScores))
                    .isEmpty())
        return e;
    if (request.heldoutOf > 0
        && !(e = scores(QStringLiteral("heldout_prediction"), request.heldoutOf, &s.heldout))
                    .isEmpty())
        return e;
    return {};
}

// Bit for bit (NaN where the model has no score).
bool sameFloats(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size()
            && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

} // namespace

class ReviewSnapshotTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatQtSqlReads()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = library::Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY2(opened, qPrintable(opened.error().message));
        auto lib = opened.take();
        library::ModelRecord m;
        m.kind = QStringLiteral("att");
        m.name = QStringLiteral("a");
        const qint64 a = *lib->models().add(m);
        m.name = QStringLiteral("b");
        const qint64 b = *lib->models().add(m);

        QSqlDatabase db = lib->database().connection();
        QSqlQuery q(db);
        // 300 tracks: albums of 7 shared by artists two at a time, some without an album, a
        // non-ASCII path; a whole-track clip each, every third track also two regions (one
        // with a key), every fifth clip a test clip; then every 11th clip deleted (gaps).
        const QStringList statements {
                QStringLiteral(
                        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE "
                        "i + 1 < 300) INSERT INTO track (path, artist, album, added_ms, "
                        "updated_ms) SELECT '/mus\u00efk/\u266a ' || i || '.flac', 'artist' || "
                        "(i % 2), CASE WHEN i % 9 = 0 THEN '' ELSE 'album' || (i / 7) END, 0, 0 "
                        "FROM n"),
                QStringLiteral("INSERT INTO clip (track_id, created_ms) SELECT id, 0 FROM track"),
                QStringLiteral("INSERT INTO clip (track_id, start_s, end_s, created_ms) SELECT "
                               "id, 1.005, 11.5, 0 FROM track WHERE id % 3 = 0"),
                QStringLiteral("INSERT INTO clip (track_id, start_s, end_s, key, created_ms) "
                               "SELECT id, 20, 30.25, 'key-' || id, 0 FROM track WHERE id % 3 = "
                               "0"),
                QStringLiteral("UPDATE clip SET is_test = 1 WHERE id % 5 = 0"),
                QStringLiteral("DELETE FROM clip WHERE id % 11 = 0"),
                QStringLiteral("INSERT INTO prediction (model_id, clip_id, instrument_id, score) "
                               "SELECT %1, c.id, i.id, ((c.id * 7919 + i.id * 104729) % 1000003) / "
                               "1000003.0 "
                               "FROM clip c, instrument i WHERE (c.id + i.id) % 13 <> 0")
                        .arg(a),
                QStringLiteral("INSERT INTO prediction (model_id, clip_id, instrument_id, score) "
                               "SELECT %1, clip_id, instrument_id, 1.0 - score FROM prediction "
                               "WHERE model_id = %2 AND clip_id % 4 <> 0")
                        .arg(b)
                        .arg(a),
                QStringLiteral(
                        "INSERT INTO label (clip_id, instrument_id, value, source, "
                        "time_ms) SELECT c.id, i.id, (c.id * 31 + i.id * 17) % 2, 'import', 0 FROM "
                        "clip c, instrument i WHERE (c.id * 13 + i.id * 7) % 10 = 0"),
                QStringLiteral("INSERT INTO heldout_prediction (model_id, clip_id, "
                               "instrument_id, score, fold) SELECT %1, clip_id, instrument_id, "
                               "score / 3, clip_id % 5 FROM prediction WHERE model_id = %1 AND "
                               "clip_id IN (SELECT clip_id FROM label)")
                        .arg(a),
        };
        for (const QString &sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(sql.left(60) + q.lastError().text()));

        ReviewSnapshot::Request request;
        request.scoresOf = a;
        request.otherScoresOf = b;
        request.heldoutOf = a;
        auto loaded = ReviewSnapshot::load(*lib, request);
        QVERIFY2(loaded, qPrintable(loaded.error().message));
        ReviewSnapshot reference;
        QCOMPARE(referenceLoad(*lib, request, &reference), QString());

        const ReviewSnapshot &s = *loaded;
        QCOMPARE(s.instrumentKeys, reference.instrumentKeys);
        QVERIFY(s.columns() >= 20);
        QCOMPARE(s.rows(), reference.rows());
        QVERIFY(s.rows() > 400);
        int regions = 0, albums = 0, tests = 0;
        for (int r = 0; r < s.rows(); ++r) {
            const SnapshotClip &x = s.clips.at(r), &y = reference.clips.at(r);
            QCOMPARE(x.clipId, y.clipId);
            QCOMPARE(x.trackId, y.trackId);
            QCOMPARE(x.key, y.key);
            QCOMPARE(x.album, y.album);
            QCOMPARE(x.isTest, y.isTest);
            regions += x.key.contains(QLatin1Char('#'));
            albums += x.album >= 0;
            tests += x.isTest;
        }
        QVERIFY(regions > 0 && albums > 0 && tests > 0); // the fixture has what it claims
        QVERIFY(s.clips.first().key.startsWith(QStringLiteral("/mus\u00efk/\u266a ")));
        QVERIFY(s.labels == reference.labels);
        QVERIFY(sameFloats(s.scores, reference.scores));
        QVERIFY(sameFloats(s.otherScores, reference.otherScores));
        QVERIFY(sameFloats(s.heldout, reference.heldout));

        // Only what was asked for.
        auto labelsOnly = ReviewSnapshot::load(*lib, {});
        QVERIFY(labelsOnly);
        QVERIFY(labelsOnly->scores.empty() && labelsOnly->heldout.empty());
        QVERIFY(labelsOnly->labels == reference.labels);
    }

    void aMissingOrCorruptCatalogNamesTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("nowhere/catalog.sqlite"));
        auto none = ScoreTableReader::open(missing);
        QVERIFY(!none);
        QCOMPARE(none.error().code, library::CatalogError::OpenFailed);
        QCOMPARE(none.error().path, missing);
        QVERIFY2(none.error().message.contains(missing), qPrintable(none.error().message));

        const QString corrupt = dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto reader = ScoreTableReader::open(corrupt);
        QVERIFY2(reader, qPrintable(reader.error().message));
        auto rows = (*reader)->query("SELECT clip_id, instrument_id, score FROM prediction",
                                     QStringLiteral("reading scores"));
        library::CatalogError error;
        if (!rows)
            error = rows.error();
        else {
            QVERIFY(!rows->next());
            error = rows->error();
        }
        QCOMPARE(error.code, library::CatalogError::QueryFailed);
        QCOMPARE(error.path, corrupt);
        QVERIFY2(error.message.contains(corrupt)
                         && error.message.contains(QStringLiteral("reading scores")),
                 qPrintable(error.message));
    }
};

QTEST_GUILESS_MAIN(ReviewSnapshotTest)
#include "ReviewSnapshot_test.moc"
