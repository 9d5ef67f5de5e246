// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/AudacityLabels.h"
#include "core/datasets/interchange/JamsExport.h"
#include "support/JsonFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelSource;
using library::LabelState;

namespace {

// Two tracks: "song" with weak labels, two activity regions and a model's scores; "other"
// with nothing at all.
LabelSnapshot snapshot()
{
    LabelSnapshot s;
    s.instruments = {QStringLiteral("piano"), QStringLiteral("violin"), QStringLiteral("drums")};
    library::TrackRecord song;
    song.id = 1;
    song.path = QStringLiteral("/music/song.flac");
    song.title = QStringLiteral("Ständchen");
    song.artist = QStringLiteral("Schubert");
    song.album = QStringLiteral("Lieder");
    song.durationS = 12.5;
    library::TrackRecord other = song;
    other.id = 2;
    other.path = QStringLiteral("/music/other.flac");
    s.tracks = {song, other};
    s.clips = {ExportedClip {10, QStringLiteral("song"), 1, song.path, 0, std::nullopt, false},
               ExportedClip {11, QStringLiteral("song#1.5-4"), 1, song.path, 1.5, 4.0, false},
               ExportedClip {12, QStringLiteral("song#6-7.25"), 1, song.path, 6, 7.25, false},
               ExportedClip {20, QStringLiteral("other"), 2, other.path, 0, std::nullopt, false}};
    s.labels = {ExportedLabel {QStringLiteral("song"), QStringLiteral("piano"), LabelState::Present,
                               LabelSource::User, QStringLiteral("ann"), 1},
                ExportedLabel {QStringLiteral("song"), QStringLiteral("violin"), LabelState::Absent,
                               LabelSource::User, QStringLiteral("ann"), 2},
                ExportedLabel {QStringLiteral("song#1.5-4"), QStringLiteral("piano"),
                               LabelState::Present, LabelSource::Import, QString(), 3},
                ExportedLabel {QStringLiteral("song#6-7.25"), QStringLiteral("drums"),
                               LabelState::Present, LabelSource::Import, QString(), 3},
                ExportedLabel {QStringLiteral("song#6-7.25"), QStringLiteral("piano"),
                               LabelState::Present, LabelSource::Import, QString(), 3}};
    s.predictions = {ExportedPrediction {QStringLiteral("att-1"), QStringLiteral("song"),
                                         QStringLiteral("piano"), 0.75f},
                     ExportedPrediction {QStringLiteral("att-1"), QStringLiteral("song"),
                                         QStringLiteral("drums"), 0.125f}};
    return s;
}

} // namespace

class JamsExportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesOneJamsPerLabelledTrack()
    {
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY(JamsExport::write(dir.filePath(QStringLiteral("jams")), snapshot(), &written,
                                  &error));
        QCOMPARE(written, QStringList {dir.filePath(QStringLiteral("jams/song.jams"))});

        const QJsonObject doc = timbre::testing::readJsonObject(written.first());
        const QJsonObject meta = doc.value(QStringLiteral("file_metadata")).toObject();
        QCOMPARE(meta.value(QStringLiteral("title")).toString(), QStringLiteral("Ständchen"));
        QCOMPARE(meta.value(QStringLiteral("release")).toString(), QStringLiteral("Lieder"));
        QCOMPARE(meta.value(QStringLiteral("duration")).toDouble(), 12.5);
        QCOMPARE(meta.value(QStringLiteral("identifiers"))
                         .toObject()
                         .value(QStringLiteral("path"))
                         .toString(),
                 QStringLiteral("/music/song.flac"));
        QVERIFY(doc.contains(QStringLiteral("sandbox")));

        const QJsonArray annotations = doc.value(QStringLiteral("annotations")).toArray();
        QCOMPARE(annotations.size(), 3);
        for (const QJsonValue &value : annotations)
            QCOMPARE(value.toObject().value(QStringLiteral("namespace")).toString(),
                     QStringLiteral("tag_open"));

        const QJsonObject labels = annotations[0].toObject();
        QCOMPARE(labels.value(QStringLiteral("sandbox"))
                         .toObject()
                         .value(QStringLiteral("kind"))
                         .toString(),
                 QStringLiteral("labels"));
        const QJsonArray present = labels.value(QStringLiteral("data")).toArray();
        QCOMPARE(present.size(), 1);
        QCOMPARE(present[0].toObject().value(QStringLiteral("value")).toString(),
                 QStringLiteral("piano"));
        QCOMPARE(present[0].toObject().value(QStringLiteral("time")).toDouble(), 0.0);
        QCOMPARE(present[0].toObject().value(QStringLiteral("duration")).toDouble(), 12.5);
        QCOMPARE(present[0].toObject().value(QStringLiteral("confidence")).toDouble(), 1.0);
        QCOMPARE(labels.value(QStringLiteral("sandbox"))
                         .toObject()
                         .value(QStringLiteral("absent"))
                         .toArray(),
                 QJsonArray {QStringLiteral("violin")});

        const QJsonArray activity
                = annotations[1].toObject().value(QStringLiteral("data")).toArray();
        QCOMPARE(activity.size(), 3);
        QCOMPARE(activity[0].toObject().value(QStringLiteral("time")).toDouble(), 1.5);
        QCOMPARE(activity[0].toObject().value(QStringLiteral("duration")).toDouble(), 2.5);
        QCOMPARE(activity[1].toObject().value(QStringLiteral("value")).toString(),
                 QStringLiteral("drums"));
        QCOMPARE(activity[1].toObject().value(QStringLiteral("duration")).toDouble(), 1.25);

        const QJsonObject model = annotations[2].toObject();
        QCOMPARE(model.value(QStringLiteral("sandbox"))
                         .toObject()
                         .value(QStringLiteral("model"))
                         .toString(),
                 QStringLiteral("att-1"));
        const QJsonArray scores = model.value(QStringLiteral("data")).toArray();
        QCOMPARE(scores.size(), 2);
        QCOMPARE(scores[0].toObject().value(QStringLiteral("confidence")).toDouble(), 0.75);
        QCOMPARE(scores[1].toObject().value(QStringLiteral("confidence")).toDouble(), 0.125);
    }

    void writesAudacityLabelTracks()
    {
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY(AudacityLabels::write(dir.filePath(QStringLiteral("aud")), snapshot(), &written,
                                      &error));
        QCOMPARE(written, QStringList {dir.filePath(QStringLiteral("aud/song.txt"))});
        QFile file(written.first());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
                 QByteArray("1.500000\t4.000000\tpiano\n"
                            "6.000000\t7.250000\tdrums\n"
                            "6.000000\t7.250000\tpiano\n"));
        file.close();

        QList<AudacityLabel> back;
        QList<DatasetIssue> issues;
        QVERIFY(AudacityLabels::read(written.first(), &back, &issues, &error));
        QCOMPARE(back.size(), 3);
        QCOMPARE(back[1].start, 6.0);
        QCOMPARE(back[1].end, 7.25);
        QCOMPARE(back[1].text, QStringLiteral("drums"));
        QVERIFY(issues.isEmpty());

        QFile edited(dir.filePath(QStringLiteral("edited.txt")));
        QVERIFY(edited.open(QIODevice::WriteOnly));
        edited.write("0.5\t1.0\tviolin\n\\\t100.0\t2000.0\nnonsense\n2\t1\tbackwards\n");
        edited.close();
        back.clear();
        QVERIFY(AudacityLabels::read(edited.fileName(), &back, &issues, &error));
        QCOMPARE(back.size(), 1);
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues[0].line, 3);
        QCOMPARE(issues[1].line, 4);
    }
};

QTEST_GUILESS_MAIN(JamsExportTest)
#include "JamsExport_test.moc"
