// SPDX-License-Identifier: GPL-3.0-or-later
// Settings persist: values edited in the dialog are saved to QSettings and come back in a
// new dialog; the colour maps offered are the track view's (translated names, stable keys
// stored), an unknown or retired one falls back to the default; the active model offered is
// the library's active one and the chosen one is returned (the window activates it); the
// lanes' overlap, bar height and loudness switches, which the dialog does not show, survive a
// save from it.
#include "widgets/settings/SettingsDialog.h"
#include "widgets/settings/WorkbenchSettings.h"

#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QListWidget>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::widgets;

class SettingsDialogTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    void editedValuesPersist()
    {
        QCOMPARE(WorkbenchSettings::load(), WorkbenchSettings()); // defaults on a fresh profile
        const QList<ModelChoice> models {{3, QStringLiteral("mt-1"), false},
                                         {7, QStringLiteral("mt-2"), true}};
        SettingsDialog dialog(WorkbenchSettings::load(),
                              {QStringLiteral("melstat"), QStringLiteral("vggish")}, models);
        QCOMPARE(dialog.activeModelId(), qint64(7));
        QCOMPARE(dialog.modelBox()->currentText(), QStringLiteral("mt-2 (active)"));
        dialog.folderList()->addItem(QStringLiteral("/music/jazz"));
        dialog.extractorBox()->setCurrentText(QStringLiteral("vggish"));
        // The track view's colour maps, by their display names, in ColourMap::Kind order.
        QComboBox *colours = dialog.colourMapBox();
        QStringList shown;
        for (int i = 0; i < colours->count(); ++i)
            shown << colours->itemText(i);
        QCOMPARE(shown, ColourMap::names());
        QCOMPARE(colours->currentText(), ColourMap::name(ColourMap::Viridis));
        colours->setCurrentText(ColourMap::name(ColourMap::Magma));
        dialog.threadsBox()->setValue(3);
        dialog.modelBox()->setCurrentIndex(0);
        QCOMPARE(dialog.activeModelId(), qint64(3));
        dialog.settings().save();

        const WorkbenchSettings back = WorkbenchSettings::load();
        QCOMPARE(back.audioFolders, QStringList {QStringLiteral("/music/jazz")});
        QCOMPARE(back.extractorId, QStringLiteral("vggish"));
        QCOMPARE(back.colourMap, QStringLiteral("magma")); // the key, not the display name
        QCOMPARE(back.colourMapKind(), ColourMap::Magma);
        QCOMPARE(back.threads, 3);

        SettingsDialog again(back, {QStringLiteral("melstat"), QStringLiteral("vggish")}, {});
        QCOMPARE(again.settings(), back);
        QCOMPARE(again.colourMapBox()->currentText(), ColourMap::name(ColourMap::Magma));
        QVERIFY(!again.modelBox()->isEnabled()); // no models: nothing to activate
        QCOMPARE(again.activeModelId(), qint64(0));
    }

    void retrainingSettings()
    {
        // Defaults (docs/ARCHITECTURE.md §5): automatic retraining off, after 20 edits and 10 s
        // of quiet; a retrained version becomes active when it is better on the test clips.
        const WorkbenchSettings defaults;
        QVERIFY(!defaults.autoRetrain);
        QCOMPARE(defaults.autoRetrainEdits, 20);
        QCOMPARE(defaults.autoRetrainQuietSeconds, 10);
        QCOMPARE(defaults.activation, QStringLiteral("if-better"));

        SettingsDialog dialog(defaults, {QStringLiteral("melstat")}, {});
        QVERIFY(!dialog.autoRetrainBox()->isChecked());
        QVERIFY(!dialog.autoRetrainEditsBox()->isEnabled()); // folded into the unchecked group
        QCOMPARE(dialog.activationBox()->currentData().toString(), QStringLiteral("if-better"));
        QCOMPARE(dialog.activationBox()->currentText(),
                 QStringLiteral("When better on the test clips"));
        dialog.autoRetrainBox()->setChecked(true);
        QVERIFY(dialog.autoRetrainEditsBox()->isEnabled());
        dialog.autoRetrainEditsBox()->setValue(50);
        dialog.autoRetrainQuietBox()->setValue(30);
        dialog.activationBox()->setCurrentIndex(
                dialog.activationBox()->findData(QStringLiteral("never")));
        dialog.settings().save();

        const WorkbenchSettings back = WorkbenchSettings::load();
        QVERIFY(back.autoRetrain);
        QCOMPARE(back.autoRetrainEdits, 50);
        QCOMPARE(back.autoRetrainQuietSeconds, 30);
        QCOMPARE(back.activation, QStringLiteral("never"));
        SettingsDialog again(back, {QStringLiteral("melstat")}, {});
        QCOMPARE(again.settings(), back);

        // An unknown activation falls back to the default; counts are at least 1.
        QSettings().setValue(QStringLiteral("training/activation"), QStringLiteral("sometimes"));
        QSettings().setValue(QStringLiteral("training/autoRetrainEdits"), 0);
        const WorkbenchSettings fallback = WorkbenchSettings::load();
        QCOMPARE(fallback.activation, QStringLiteral("if-better"));
        QCOMPARE(fallback.autoRetrainEdits, 1);
        WorkbenchSettings().save();
    }

    void lanesOverlapSwitchPersists()
    {
        // On by default; switched in the lanes' context menu, not in the dialog, which keeps
        // what it was opened with.
        // The bar height switch likewise: attention by default; and the loudness switch: on by
        // default.
        QVERIFY(WorkbenchSettings().overlappingInstances);
        QVERIFY(!WorkbenchSettings().laneScoreHeights);
        QVERIFY(WorkbenchSettings().levelCue);
        QSettings().remove(QStringLiteral("view/levelCue"));
        QVERIFY(WorkbenchSettings::load().levelCue); // never saved: on
        WorkbenchSettings s = WorkbenchSettings::load();
        s.overlappingInstances = false;
        s.laneScoreHeights = true;
        s.levelCue = false;
        QVERIFY(!(s == WorkbenchSettings::load()));
        s.save();
        QCOMPARE(QSettings().value(QStringLiteral("view/levelCue")).toBool(), false);
        QVERIFY(!WorkbenchSettings::load().overlappingInstances);
        QVERIFY(WorkbenchSettings::load().laneScoreHeights);
        QVERIFY(!WorkbenchSettings::load().levelCue);
        SettingsDialog dialog(WorkbenchSettings::load(), {QStringLiteral("melstat")}, {});
        dialog.threadsBox()->setValue(2);
        dialog.settings().save();
        QVERIFY(!WorkbenchSettings::load().overlappingInstances);
        QVERIFY(WorkbenchSettings::load().laneScoreHeights);
        QVERIFY(!WorkbenchSettings::load().levelCue);
        QCOMPARE(WorkbenchSettings::load().threads, 2);
        WorkbenchSettings().save();
        QVERIFY(WorkbenchSettings::load().overlappingInstances);
        QVERIFY(!WorkbenchSettings::load().laneScoreHeights);
        QVERIFY(WorkbenchSettings::load().levelCue);
    }

    void badStoredValuesFallBack()
    {
        QSettings().setValue(QStringLiteral("view/colourMap"), QStringLiteral("rainbow-of-doom"));
        QSettings().setValue(QStringLiteral("jobs/threads"), -4);
        const WorkbenchSettings s = WorkbenchSettings::load();
        QCOMPARE(s.colourMap, WorkbenchSettings().colourMap);
        QCOMPARE(s.colourMapKind(), ColourMap::Viridis);
        QCOMPARE(s.threads, 0);
        // Keys of earlier versions: "greys" is the grey map, "inferno" is no longer offered.
        QSettings().setValue(QStringLiteral("view/colourMap"), QStringLiteral("greys"));
        QCOMPARE(WorkbenchSettings::load().colourMapKind(), ColourMap::Grey);
        QSettings().setValue(QStringLiteral("view/colourMap"), QStringLiteral("inferno"));
        QCOMPARE(WorkbenchSettings::load().colourMapKind(), ColourMap::Viridis);
    }
};

QTEST_MAIN(SettingsDialogTest)
#include "SettingsDialog_test.moc"
