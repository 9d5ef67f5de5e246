// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/settings/WorkbenchSettings.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QGroupBox;
class QListWidget;
class QSpinBox;

namespace timbre::widgets {

// One model the dialog offers as the library's active model.
struct ModelChoice
{
    qint64 id = 0;
    QString label; // "mt-3 (mt, 2024-05-01)"
    bool active = false;
};

// Preferences: the library's audio folders, the feature extractor, the active model, the
// spectrogram colour map, the worker threads and retraining (automatic after N label edits,
// whether a retrained version becomes active). It edits values only; the caller reads
// settings() and activeModelId() after accept() and applies them (activating a model is a
// catalog write, which the dialog never does itself). Settings it does not show keep the
// values it was opened with.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const WorkbenchSettings &settings, const QStringList &extractorIds,
                   const QList<ModelChoice> &models, QWidget *parent = nullptr);

    WorkbenchSettings settings() const;
    qint64 activeModelId() const; // 0 = no model chosen (or none registered)

    QListWidget *folderList() const { return m_folders; }
    QComboBox *extractorBox() const { return m_extractor; }
    QComboBox *modelBox() const { return m_model; }
    QComboBox *colourMapBox() const { return m_colourMap; }
    QSpinBox *threadsBox() const { return m_threads; }
    QComboBox *activationBox() const { return m_activation; }
    QGroupBox *autoRetrainBox() const { return m_autoRetrain; }
    QSpinBox *autoRetrainEditsBox() const { return m_autoRetrainEdits; }
    QSpinBox *autoRetrainQuietBox() const { return m_autoRetrainQuiet; }

private:
    void addFolder();

    QListWidget *m_folders;
    QComboBox *m_extractor;
    QComboBox *m_model;
    QComboBox *m_colourMap;
    QSpinBox *m_threads;
    QComboBox *m_activation;
    QGroupBox *m_autoRetrain;
    QSpinBox *m_autoRetrainEdits;
    QSpinBox *m_autoRetrainQuiet;
    // What the dialog was opened with: settings() keeps the values it does not edit (the
    // lanes' overlap, bar height and loudness switches, set from the track view).
    WorkbenchSettings m_opened;
};

} // namespace timbre::widgets
