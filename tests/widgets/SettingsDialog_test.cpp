// Settings persist: values edited in the dialog are saved to QSettings and come back in a
// new dialog; the colour maps offered are the track view's (translated names, stable keys
// stored), an unknown or retired one falls back to the default; the active model offered is
// the library's active one and the chosen one is returned (the window activates it).
#include "widgets/settings/SettingsDialog.h"
#include "widgets/settings/WorkbenchSettings.h"

#include <QApplication>
#include <QComboBox>
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
