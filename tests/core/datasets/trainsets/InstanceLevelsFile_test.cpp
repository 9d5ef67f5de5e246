// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/InstanceLevelsFile.h"

#include <QFile>
#include <QFuture>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using timbre::datasets::InstanceLevelsFile;
using timbre::datasets::NpzErrorCode;

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class InstanceLevelsFileTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A second write of some clips replaces their rows and keeps the others.
    void mergeKeepsOtherClips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(InstanceLevelsFile::fileName());
        InstanceLevelsFile::Levels first;
        first.insert(QStringLiteral("b"), {-10.5f, -20.25f});
        first.insert(QStringLiteral("a"), {-3.0f});
        QVERIFY(InstanceLevelsFile::merge(path, first).ok());
        InstanceLevelsFile::Levels second;
        second.insert(QStringLiteral("b"), {-1.0f, -2.0f, -3.0f});
        QVERIFY(InstanceLevelsFile::merge(path, second).ok());
        InstanceLevelsFile::Levels read;
        QVERIFY(InstanceLevelsFile::read(path, &read).ok());
        QCOMPARE(read.size(), 2);
        QCOMPARE(read.value(QStringLiteral("a")), (std::vector<float> {-3.0f}));
        QCOMPARE(read.value(QStringLiteral("b")), (std::vector<float> {-1.0f, -2.0f, -3.0f}));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("clip,levels_db\na,-3.00\nb,-1.00 -2.00 -3.00\n"));
    }

    // Writers in parallel threads (as array tasks into one folder would be): every clip's row
    // is kept, none lost to another writer's read-modify-write.
    void concurrentWritersKeepEveryRow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(InstanceLevelsFile::fileName());
        QList<QFuture<bool>> writers;
        for (int w = 0; w < 8; ++w)
            writers << QtConcurrent::run([path, w] {
                bool ok = true;
                for (int c = 0; c < 5; ++c) {
                    InstanceLevelsFile::Levels one;
                    one.insert(QStringLiteral("w%1c%2").arg(w).arg(c), {float(-w), float(-c)});
                    ok = ok && InstanceLevelsFile::merge(path, one).ok();
                }
                return ok;
            });
        for (QFuture<bool> &f : writers)
            QVERIFY(f.result());
        InstanceLevelsFile::Levels read;
        QVERIFY(InstanceLevelsFile::read(path, &read).ok());
        QCOMPARE(read.size(), 40);
        QCOMPARE(read.value(QStringLiteral("w7c4")), (std::vector<float> {-7.0f, -4.0f}));
    }

    // A bad value or row is an error naming the file and the line; a missing file is
    // FileNotFound.
    void badRowsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("levels.csv"));
        InstanceLevelsFile::Levels read;
        QCOMPARE(InstanceLevelsFile::read(path, &read).code, NpzErrorCode::FileNotFound);
        QVERIFY(writeText(path, "clip,levels_db\na,-3 -4\nb,-2 loud\n"));
        const auto bad = InstanceLevelsFile::read(path, &read);
        QCOMPARE(bad.code, NpzErrorCode::BadContents);
        QVERIFY2(bad.message.contains(path + QStringLiteral(":3")), qPrintable(bad.message));
        QVERIFY2(bad.message.contains(QStringLiteral("'loud'")), qPrintable(bad.message));
        QVERIFY(writeText(path, "clip,levels_db\nno comma here\n"));
        QVERIFY(InstanceLevelsFile::read(path, &read)
                        .message.contains(path + QStringLiteral(":2")));
        // A merge over a broken file refuses rather than dropping its rows.
        InstanceLevelsFile::Levels one;
        one.insert(QStringLiteral("c"), {-1.0f});
        QVERIFY(!InstanceLevelsFile::merge(path, one).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("clip,levels_db\nno comma here\n"));
    }
};

QTEST_GUILESS_MAIN(InstanceLevelsFileTest)
#include "InstanceLevelsFile_test.moc"
