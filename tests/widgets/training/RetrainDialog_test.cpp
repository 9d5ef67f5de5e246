// SPDX-License-Identifier: GPL-3.0-or-later
// The retrain dialog: the defaults it shows are core's (jobs::TrainDefaults, i.e. the models'
// TrainConfig::defaultsFor and TrainJob's warm-start changes), per kind and per start; only the
// values a user changed land in options() (epochs in `epochs`, the rest in `overrides`), so a
// warm start keeps inheriting the others; warm start is offered only when there is an active
// version (of a kind it can continue); the activation choice maps to options.activation; the
// counts (labelled clips, edits since the active version) are read off the GUI thread from a
// generated library.
#include "app/gui/Translations.h"
#include "core/jobs/TrainDefaults.h"
#include "core/jobs/TrainJob.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "support/PlantedLibrary.h"
#include "widgets/training/RetrainDialog.h"
#include "widgets/training/ScientificSpinBox.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace timbre;
using widgets::RetrainContext;
using widgets::RetrainDialog;

namespace {

const QString kFolder = QStringLiteral("/libraries/jazz");

// A Mean Teacher parent trained with other numbers than the defaults (as a stored
// ModelRecord::hyperParametersJson has them).
const QString kParentJson = QStringLiteral(
        R"({"modelKind":"mt","epochs":150,"learningRate":0.0005,"consistencyWeight":5.0,)"
        R"("emaDecay":0.999,"batchSize":64,"consistencyRampEpochs":80,)"
        R"("validationFraction":0.2,"extra":{"hidden":64}})");

RetrainContext activeMt()
{
    RetrainContext c;
    c.activeName = QStringLiteral("mt-20261201-101010");
    c.activeKind = QStringLiteral("mt");
    c.activeHyperParameters = kParentJson;
    c.labelledClips = 300;
    c.trainableClips = 900;
    c.testClips = 100;
    c.editsSinceActive = 42;
    return c;
}

void selectKind(RetrainDialog &d, const QString &kind)
{
    d.kindBox()->setCurrentIndex(d.kindBox()->findData(kind));
}

} // namespace

class RetrainDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // English plural forms ("%n epoch(s)") come from the English translator, as in the app.
    void initTestCase() { QVERIFY(gui::installTranslators(QStringLiteral("en"))); }

    void defaultsFromCoreWithoutActiveVersion()
    {
        widgets::WorkbenchSettings settings;
        settings.threads = 3;
        RetrainDialog d(kFolder, settings);
        QCOMPARE(d.kindBox()->currentData().toString(), QStringLiteral("mt"));
        QCOMPARE(d.kindBox()->count(), 7);
        // No active version: nothing to continue from.
        QVERIFY(!d.warmStartButton()->isEnabled());
        QVERIFY(d.scratchButton()->isChecked());

        const QVariantMap mt = jobs::TrainDefaults::fromScratch(QStringLiteral("mt"));
        QCOMPARE(d.defaults(), mt);
        QCOMPARE(d.epochsBox()->value(), mt.value(QStringLiteral("epochs")).toInt());
        QCOMPARE(d.learningRateBox()->value(), mt.value(QStringLiteral("learningRate")).toDouble());
        QCOMPARE(d.consistencyWeightBox()->value(),
                 mt.value(QStringLiteral("consistencyWeight")).toDouble());
        QCOMPARE(d.emaDecayBox()->value(), mt.value(QStringLiteral("emaDecay")).toDouble());
        QCOMPARE(d.batchSizeBox()->value(), mt.value(QStringLiteral("batchSize")).toInt());
        QCOMPARE(d.rampEpochsBox()->value(),
                 mt.value(QStringLiteral("consistencyRampEpochs")).toInt());
        QCOMPARE(d.validationBox()->value(),
                 mt.value(QStringLiteral("validationFraction")).toDouble());
        // ... the thesis' (Ch. 5, docs/METHOD.md §9.1): 200 epochs, 1e-3, beta 3, alpha 0.999.
        QCOMPARE(d.epochsBox()->value(), 200);
        QCOMPARE(d.learningRateBox()->value(), 1e-3);
        QCOMPARE(d.consistencyWeightBox()->value(), 3.0);
        QCOMPARE(d.emaDecayBox()->value(), 0.999);
        QCOMPARE(d.rampEpochsBox()->value(), 100);
        QCOMPARE(d.learningRateBox()->text(), QLocale().toString(0.001, 'g', 4));
        // The advanced ones are folded away until asked for.
        QVERIFY(d.advancedSection()->isHidden());
        d.advancedButton()->click();
        QVERIFY(!d.advancedSection()->isHidden());
        QCOMPARE(d.threadsBox()->value(), 3);

        const jobs::TrainJobOptions o = d.options();
        QCOMPARE(o.libraryFolder, kFolder);
        QCOMPARE(o.kind, QStringLiteral("mt"));
        QVERIFY(o.warmStart.isEmpty());
        QCOMPARE(o.epochs, 0); // the kind's default, decided by the job
        QVERIFY2(o.overrides.isEmpty(), qPrintable(QVariant(o.overrides).toString()));
        QCOMPARE(o.threads, 3);
        QCOMPARE(o.seed, quint64(0));
        QCOMPARE(o.activation, QStringLiteral("if-better")); // the settings' default
        QVERIFY(o.activate);
        QCOMPARE(o.note, QStringLiteral("trained in the workbench"));

        // Another kind shows its own defaults; Mean Teacher's own numbers are disabled.
        selectKind(d, QStringLiteral("att"));
        const QVariantMap att = jobs::TrainDefaults::fromScratch(QStringLiteral("att"));
        QCOMPARE(d.epochsBox()->value(), att.value(QStringLiteral("epochs")).toInt());
        QCOMPARE(d.learningRateBox()->value(), att.value(QStringLiteral("learningRate")).toDouble());
        QCOMPARE(d.epochsBox()->value(), 250);
        QCOMPARE(d.learningRateBox()->value(), 5e-4);
        QVERIFY(!d.consistencyWeightBox()->isEnabled());
        QVERIFY(!d.emaDecayBox()->isEnabled());
        QVERIFY(!d.rampEpochsBox()->isEnabled());
        selectKind(d, QStringLiteral("dgm"));
        QCOMPARE(d.epochsBox()->value(), 100);
        QCOMPARE(d.learningRateBox()->value(), 1e-4);
        QCOMPARE(d.options().kind, QStringLiteral("dgm"));
        QVERIFY(d.options().overrides.isEmpty());
    }

    void changedValuesLandInOptions()
    {
        RetrainDialog d(kFolder, widgets::WorkbenchSettings());
        d.epochsBox()->setValue(7);
        d.learningRateBox()->setValue(2e-3);
        jobs::TrainJobOptions o = d.options();
        QCOMPARE(o.epochs, 7);
        QCOMPARE(o.overrides.size(), 1);
        QCOMPARE(o.overrides.value(QStringLiteral("learningRate")).toDouble(), 2e-3);

        d.consistencyWeightBox()->setValue(16.0);
        d.emaDecayBox()->setValue(0.99);
        d.batchSizeBox()->setValue(32);
        d.rampEpochsBox()->setValue(0);
        d.validationBox()->setValue(0.1);
        d.seedEdit()->setText(QStringLiteral("12345678901234"));
        d.noteEdit()->setText(QStringLiteral("after the violin pass"));
        o = d.options();
        const QVariantMap expected {{QStringLiteral("learningRate"), 2e-3},
                                    {QStringLiteral("consistencyWeight"), 16.0},
                                    {QStringLiteral("emaDecay"), 0.99},
                                    {QStringLiteral("batchSize"), 32},
                                    {QStringLiteral("consistencyRampEpochs"), 0},
                                    {QStringLiteral("validationFraction"), 0.1}};
        QCOMPARE(o.overrides.keys(), expected.keys());
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QCOMPARE(o.overrides.value(it.key()).toDouble(), it.value().toDouble());
        QCOMPARE(o.seed, quint64(12345678901234ULL));
        QCOMPARE(o.note, QStringLiteral("after the violin pass"));

        // A value changed and changed back is no override.
        d.consistencyWeightBox()->setValue(3.0);
        QVERIFY(!d.options().overrides.contains(QStringLiteral("consistencyWeight")));
        // Restore Defaults forgets every change.
        const auto buttons = d.findChildren<QAbstractButton *>();
        for (QAbstractButton *b : buttons)
            if (b->text().contains(QStringLiteral("Default")))
                b->click();
        o = d.options();
        QCOMPARE(o.epochs, 0);
        QVERIFY(o.overrides.isEmpty());
        QCOMPARE(d.epochsBox()->value(), 200);
    }

    void warmStartFromTheActiveVersion()
    {
        RetrainDialog d(kFolder, widgets::WorkbenchSettings());
        d.setContext(activeMt());
        QVERIFY(d.warmStartButton()->isEnabled());
        QVERIFY(d.warmStartButton()->isChecked()); // the default when there is an active version
        QVERIFY(d.warmStartButton()->text().contains(QStringLiteral("mt-20261201-101010")));

        // What the job would inherit from the parent, with TrainJob's warm-start changes.
        const QVariantMap warm = jobs::TrainDefaults::warmStart(QStringLiteral("mt"), kParentJson,
                                                                900);
        QCOMPARE(d.defaults(), warm);
        QCOMPARE(d.epochsBox()->value(), jobs::TrainJob::kWarmStartEpochs);
        QCOMPARE(d.learningRateBox()->value(), 5e-4); // the parent's
        QCOMPARE(d.consistencyWeightBox()->value(), 5.0); // the parent's beta
        QCOMPARE(d.rampEpochsBox()->value(), 0); // full weight from the first step
        QCOMPARE(d.validationBox()->value(), 0.0); // every label trained on
        QCOMPARE(d.batchSizeBox()->value(), 64);
        // alpha = 1 - 3 / steps: 10 epochs of ceil(900 / 64) = 15 steps.
        QCOMPARE(d.emaDecayBox()->value(), std::round((1.0 - 3.0 / 150.0) * 1e5) / 1e5);

        jobs::TrainJobOptions o = d.options();
        QCOMPARE(o.warmStart, QStringLiteral("active"));
        QCOMPARE(o.epochs, 0);
        QVERIFY(o.overrides.isEmpty()); // nothing changed: the job inherits all of it
        QCOMPARE(o.note, QStringLiteral("retrained in the workbench"));

        // More epochs: the EMA decay shown follows the longer run (20 x 15 steps).
        d.epochsBox()->setValue(20);
        QCOMPARE(d.emaDecayBox()->value(), std::round((1.0 - 3.0 / 300.0) * 1e5) / 1e5);
        o = d.options();
        QCOMPARE(o.epochs, 20);
        QVERIFY(o.overrides.isEmpty());

        // From scratch instead: the kind's own defaults.
        d.scratchButton()->setChecked(true);
        QCOMPARE(d.learningRateBox()->value(), 1e-3);
        QCOMPARE(d.rampEpochsBox()->value(), 100);
        QVERIFY(d.options().warmStart.isEmpty());
        QCOMPARE(d.options().epochs, 20); // the user's number stays

        // An ATT model can continue a Mean Teacher's student; a random forest cannot.
        d.warmStartButton()->setChecked(true);
        selectKind(d, QStringLiteral("att"));
        QVERIFY(d.warmStartButton()->isEnabled());
        QCOMPARE(d.options().warmStart, QStringLiteral("active"));
        selectKind(d, QStringLiteral("rf"));
        QVERIFY(!d.warmStartButton()->isEnabled());
        QVERIFY(d.scratchButton()->isChecked());
        QVERIFY(d.options().warmStart.isEmpty());
        QVERIFY(!d.epochsBox()->isEnabled());

        // The counts: labelled clips, clips to train on, edits since the active version.
        const QString counts = d.countsLabel()->text();
        QVERIFY2(counts.contains(QStringLiteral("300 labelled clips")), qPrintable(counts));
        QVERIFY(counts.contains(QStringLiteral("900 clips")));
        QVERIFY(counts.contains(QStringLiteral("42 label edits made since mt-20261201-101010")));
        QVERIFY(counts.contains(QStringLiteral("100 test clips")));
    }

    void activationChoiceMapsToOptions()
    {
        widgets::WorkbenchSettings settings;
        settings.activation = QStringLiteral("never");
        RetrainDialog d(kFolder, settings);
        QCOMPARE(d.options().activation, QStringLiteral("never"));
        QVERIFY(!d.options().activate);
        QCOMPARE(d.activationBox()->count(), 3);
        for (const QString &key :
             {QStringLiteral("always"), QStringLiteral("if-better"), QStringLiteral("never")}) {
            d.activationBox()->setCurrentIndex(d.activationBox()->findData(key));
            QCOMPARE(d.options().activation, key);
            QCOMPARE(d.options().activate, key != QLatin1String("never"));
        }
        d.activationBox()->setCurrentIndex(d.activationBox()->findData(QStringLiteral("if-better")));
        QCOMPARE(d.activationBox()->currentText(), QStringLiteral("When better on the test clips"));
    }

    void countsReadFromTheLibraryOffTheGuiThread()
    {
        QTemporaryDir dir;
        auto opened = library::Library::open(dir.path());
        QVERIFY(opened);
        std::shared_ptr<library::Library> lib(opened.take().release());
        testing::PlantedLibraryOptions po;
        po.tracks = 30;
        po.testFraction = 0.2; // the last 6 are test clips
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(*lib, po);
        QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        auto changes = lib->labels().changesAfter(0);
        QVERIFY(changes);

        RetrainDialog d(kFolder, widgets::WorkbenchSettings());
        QVERIFY(d.countsLabel()->text().contains(QStringLiteral("Counting")));
        QSignalSpy loaded(&d, &RetrainDialog::contextLoaded);
        d.load(lib);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(d.context().labelledClips, 24);
        QCOMPARE(d.context().trainableClips, 24);
        QCOMPARE(d.context().testClips, 6);
        QVERIFY(!d.context().hasActive());
        QVERIFY(!d.warmStartButton()->isEnabled());
        QVERIFY(d.countsLabel()->text().contains(QStringLiteral("24 labelled clips")));

        // An active version, then three edits after its label snapshot.
        library::ModelRecord model;
        model.name = QStringLiteral("mt-parent");
        model.kind = QStringLiteral("mt");
        model.hyperParametersJson = kParentJson;
        model.labelSnapshot = *lib->labels().latestBatchId();
        model.checkpointFile = QStringLiteral("mt-parent.ckpt");
        auto id = lib->models().add(model);
        QVERIFY(id);
        QVERIFY(!lib->models().activate(*id).isError());
        for (int i = 0; i < 3; ++i)
            QVERIFY(lib->labels().set(planted.clipIds.at(i), QStringLiteral("voice"),
                                      library::LabelState::Present, library::LabelSource::User,
                                      QStringLiteral("test")));
        d.load(lib);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(d.context().activeName, QStringLiteral("mt-parent"));
        QCOMPARE(d.context().editsSinceActive, qint64(3));
        QCOMPARE(d.context().labelledClips, 24);
        QVERIFY(d.warmStartButton()->isChecked());
        QCOMPARE(d.learningRateBox()->value(), 5e-4); // inherited from mt-parent
        QVERIFY2(d.countsLabel()->text().contains(
                         QStringLiteral("3 label edits made since mt-parent")),
                 qPrintable(d.countsLabel()->text()));
    }
};

QTEST_MAIN(RetrainDialogTest)
#include "RetrainDialog_test.moc"
