// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import Labels…'s dialog, offscreen: the preview counts and shows how rows match before
// anything is written, Import writes the matched rows as one batch, a file nothing in the
// library matches is named with its problem and leaves the Import button off.
#include "core/audio/AudioEncoder.h"
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "widgets/library/ImportLabelsDialog.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace timbre;
using library::LabelState;

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// audio/clip_000.flac .. clip_002.flac (flac, as people's libraries hold them), scanned.
std::shared_ptr<library::Library> makeLibrary(const QTemporaryDir &dir)
{
    const QString audio = dir.filePath(QStringLiteral("music/audio"));
    QDir().mkpath(audio);
    for (int i = 0; i < 3; ++i) {
        std::vector<float> x(8000);
        for (size_t n = 0; n < x.size(); ++n)
            x[n] = 0.3f * float(std::sin(0.05 * double(n) * (i + 1)));
        const QString path = QDir(audio).filePath(QStringLiteral("clip_%1.flac").arg(i, 3, 10, QLatin1Char('0')));
        if (audio::AudioEncoder::write(path, x, 1, 16000, audio::AudioFormat::Flac).isError())
            return nullptr;
    }
    auto opened = library::Library::open(dir.filePath(QStringLiteral("lib")));
    if (!opened)
        return nullptr;
    std::shared_ptr<library::Library> lib(opened.take());
    library::LibraryScanner scanner(lib->database(),
                                    library::ScanOptions {{dir.filePath(QStringLiteral("music"))}, 1, 100});
    if (!scanner.runBlocking())
        return nullptr;
    return lib;
}

LabelState stateOf(const library::Library &lib, const QString &path, const QString &instrument)
{
    datasets::LabelsCsvImport names(lib);
    if (names.load().isError())
        return LabelState::Unknown;
    QString why;
    auto clip = names.resolve(path, false, &why);
    if (!clip || !clip->has_value())
        return LabelState::Unknown;
    return lib.labels().state(**clip, instrument).valueOr(LabelState::Unknown);
}

} // namespace

class ImportLabelsDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previewThenImport()
    {
        QTemporaryDir dir;
        auto lib = makeLibrary(dir);
        QVERIFY(lib);
        const QString csv = dir.filePath(QStringLiteral("mine.csv"));
        QVERIFY(writeText(csv, "file,instrument,present\n"
                               "clip_000.flac,accordion,1\n"
                               "audio/clip_001.flac,accordion,0\n"
                               "clip_119.mp3,accordion,1\n"
                               "clip_002.flac,theremin,1\n"));
        const qint64 before = *lib->labels().latestBatchId();

        widgets::ImportLabelsDialog dialog(lib);
        QSignalSpy ready(&dialog, &widgets::ImportLabelsDialog::previewReady);
        dialog.setFile(csv);
        QVERIFY(ready.wait(10000));
        QCOMPARE(dialog.previewCounts().rows, 4);
        QCOMPARE(dialog.previewCounts().matched, 2);
        QCOMPARE(dialog.previewCounts().unmatched, 1);
        QCOMPARE(dialog.previewCounts().unknownInstrument, 1);
        QVERIFY2(dialog.summaryText().startsWith(QStringLiteral("2 of 4 rows match")),
                 qPrintable(dialog.summaryText()));
        QTableWidget *table = dialog.previewTable();
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("2"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("clip_000.flac"));
        QVERIFY2(table->item(0, 4)->text().startsWith(QStringLiteral("clip_000")),
                 qPrintable(table->item(0, 4)->text()));
        QVERIFY(table->item(0, 4)->toolTip().endsWith(QStringLiteral("clip_000.flac")));
        QCOMPARE(table->item(2, 4)->text(), QStringLiteral("No clip of the library has this name"));
        QVERIFY(dialog.errorText().isEmpty());
        QCOMPARE(*lib->labels().latestBatchId(), before); // nothing written by the preview

        QVERIFY(dialog.importButton()->isEnabled());
        QSignalSpy imported(&dialog, &widgets::ImportLabelsDialog::imported);
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QVERIFY(imported.wait(10000));
        QVERIFY2(imported.first().first().toString().contains(QStringLiteral("2 labels changed")),
                 qPrintable(imported.first().first().toString()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QString audio = dir.filePath(QStringLiteral("music/audio"));
        QCOMPARE(stateOf(*lib, QDir(audio).filePath(QStringLiteral("clip_000.flac")),
                         QStringLiteral("accordion")),
                 LabelState::Present);
        QCOMPARE(stateOf(*lib, QDir(audio).filePath(QStringLiteral("clip_001.flac")),
                         QStringLiteral("accordion")),
                 LabelState::Absent);
        const qint64 after = *lib->labels().latestBatchId();
        QCOMPARE(after, before + 1); // one batch
    }

    void badFileIsNamedAndNothingImports()
    {
        QTemporaryDir dir;
        auto lib = makeLibrary(dir);
        QVERIFY(lib);
        const QString csv = dir.filePath(QStringLiteral("theirs.csv"));
        QVERIFY(writeText(csv, "file,instrument,present\nclip_119.mp3,accordion,1\n"));
        widgets::ImportLabelsDialog dialog(lib);
        QSignalSpy ready(&dialog, &widgets::ImportLabelsDialog::previewReady);
        dialog.setFile(csv);
        QVERIFY(ready.wait(10000));
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("theirs.csv cannot be imported: "
                                                              "none of the 1 rows matched")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!dialog.importButton()->isEnabled());

        // A header without an instrument column: the file and the problem are named.
        QVERIFY(writeText(csv, "file,what,present\nclip_000.flac,accordion,1\n"));
        dialog.setFile(csv);
        QVERIFY(ready.wait(10000));
        QVERIFY2(dialog.errorText().contains(csv + QStringLiteral(":1:"))
                         && dialog.errorText().contains(QStringLiteral("no instrument column")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!dialog.importButton()->isEnabled());
        QCOMPARE(dialog.previewTable()->rowCount(), 0);
    }
};

QTEST_MAIN(ImportLabelsDialogTest)
#include "ImportLabelsDialog_test.moc"
