// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/settings/SettingsDialog.h"

#include "widgets/settings/ActivationNames.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace timbre::widgets {

SettingsDialog::SettingsDialog(const WorkbenchSettings &settings, const QStringList &extractorIds,
                               const QList<ModelChoice> &models, QWidget *parent)
    : QDialog(parent), m_opened(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));

    m_folders = new QListWidget(this);
    for (const QString &f : settings.audioFolders)
        m_folders->addItem(QDir::toNativeSeparators(f));
    auto *addButton = new QPushButton(tr("Add…"), this);
    auto *removeButton = new QPushButton(tr("Remove"), this);
    connect(addButton, &QPushButton::clicked, this, &SettingsDialog::addFolder);
    connect(removeButton, &QPushButton::clicked, this,
            [this] { qDeleteAll(m_folders->selectedItems()); });
    auto *folderButtons = new QVBoxLayout;
    folderButtons->addWidget(addButton);
    folderButtons->addWidget(removeButton);
    folderButtons->addStretch(1);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folders, 1);
    folderRow->addLayout(folderButtons);

    m_extractor = new QComboBox(this);
    m_extractor->addItems(extractorIds);
    if (!extractorIds.contains(settings.extractorId))
        m_extractor->addItem(settings.extractorId); // registered in another library, keep it
    m_extractor->setCurrentText(settings.extractorId);

    m_model = new QComboBox(this);
    for (const ModelChoice &m : models) {
        m_model->addItem(m.active ? tr("%1 (active)").arg(m.label) : m.label, m.id);
        if (m.active)
            m_model->setCurrentIndex(m_model->count() - 1);
    }
    if (models.isEmpty()) {
        m_model->addItem(tr("No model trained yet"), qint64(0));
        m_model->setEnabled(false);
    }

    m_colourMap = new QComboBox(this);
    const QStringList colourKeys = WorkbenchSettings::colourMapNames();
    for (int i = 0; i < colourKeys.size(); ++i)
        m_colourMap->addItem(ColourMap::name(ColourMap::Kind(i)), colourKeys.at(i));
    m_colourMap->setCurrentIndex(qMax(0, m_colourMap->findData(settings.colourMap)));

    m_threads = new QSpinBox(this);
    m_threads->setRange(0, qMax(1, QThread::idealThreadCount()) * 2);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    m_threads->setValue(settings.threads);

    m_activation = new QComboBox(this);
    for (const QString &key : WorkbenchSettings::activationNames())
        m_activation->addItem(ActivationNames::label(key), key);
    m_activation->setCurrentIndex(qMax(0, m_activation->findData(settings.activation)));
    m_activation->setToolTip(tr("Whether a retrained version replaces the active one: always, "
                                "only when its test AUROC is higher, or never (then choose it "
                                "yourself in the lineage)"));

    m_autoRetrain = new QGroupBox(tr("Retrain automatically while labelling"), this);
    m_autoRetrain->setCheckable(true);
    m_autoRetrain->setChecked(settings.autoRetrain);
    m_autoRetrainEdits = new QSpinBox(m_autoRetrain);
    m_autoRetrainEdits->setRange(1, 100000);
    m_autoRetrainEdits->setValue(settings.autoRetrainEdits);
    m_autoRetrainQuiet = new QSpinBox(m_autoRetrain);
    m_autoRetrainQuiet->setRange(0, 3600);
    m_autoRetrainQuiet->setSuffix(tr(" s"));
    m_autoRetrainQuiet->setValue(settings.autoRetrainQuietSeconds);
    m_autoRetrainQuiet->setToolTip(tr("Waits this long after the last edit, so that a burst of "
                                      "edits starts one retrain"));
    auto *autoForm = new QFormLayout(m_autoRetrain);
    autoForm->addRow(tr("After label edits:"), m_autoRetrainEdits);
    autoForm->addRow(tr("Quiet period:"), m_autoRetrainQuiet);

    auto *form = new QFormLayout;
    form->addRow(tr("Audio folders:"), folderRow);
    form->addRow(tr("Feature extractor:"), m_extractor);
    form->addRow(tr("Active model:"), m_model);
    form->addRow(tr("Colour map:"), m_colourMap);
    form->addRow(tr("Worker threads:"), m_threads);
    form->addRow(tr("Retrained version becomes active:"), m_activation);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_autoRetrain);
    layout->addWidget(buttons);
}

void SettingsDialog::addFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Audio Folder"));
    if (!folder.isEmpty()
        && m_folders->findItems(QDir::toNativeSeparators(folder), Qt::MatchExactly).isEmpty())
        m_folders->addItem(QDir::toNativeSeparators(folder));
}

WorkbenchSettings SettingsDialog::settings() const
{
    WorkbenchSettings s = m_opened;
    s.audioFolders.clear();
    for (int i = 0; i < m_folders->count(); ++i)
        s.audioFolders << QDir::fromNativeSeparators(m_folders->item(i)->text());
    s.extractorId = m_extractor->currentText();
    s.colourMap = m_colourMap->currentData().toString();
    s.threads = m_threads->value();
    s.activation = m_activation->currentData().toString();
    s.autoRetrain = m_autoRetrain->isChecked();
    s.autoRetrainEdits = m_autoRetrainEdits->value();
    s.autoRetrainQuietSeconds = m_autoRetrainQuiet->value();
    return s;
}

qint64 SettingsDialog::activeModelId() const
{
    return m_model->currentData().toLongLong();
}

} // namespace timbre::widgets
