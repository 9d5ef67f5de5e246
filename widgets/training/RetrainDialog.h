// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/TrainJob.h"
#include "widgets/settings/WorkbenchSettings.h"
#include "widgets/training/RetrainContext.h"

#include <QDialog>
#include <QSet>
#include <QVariantMap>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

class ScientificSpinBox;

// Library > Retrain Model…: which kind to train (Mean Teacher unless chosen otherwise), from
// the active version (a warm start, the default when there is one) or from scratch, the
// hyper-parameters of docs/METHOD.md §9 with the defaults the job would use (read from core:
// jobs::TrainDefaults; a warm start shows what it inherits from the active version), the
// rarely changed ones folded away under "Advanced", and whether the new version becomes the
// active one. It says how many labelled clips and label edits the run will see; the counts are
// read off the GUI thread (load()).
//
// options() is what the window hands to a TrainJob: `overrides` holds only the values the user
// changed (so a warm start keeps inheriting the rest from its parent), `epochs` is 0 unless
// changed. The dialog starts nothing itself.
class RetrainDialog : public QDialog
{
    Q_OBJECT
public:
    RetrainDialog(const QString &libraryFolder, const WorkbenchSettings &settings,
                  QWidget *parent = nullptr);
    ~RetrainDialog() override;

    // Reads the active version and the counts on the thread pool; contextLoaded follows
    // (unless the dialog is gone by then).
    void load(std::shared_ptr<library::Library> library);
    // What load() delivers (tests, or a caller that has it already).
    void setContext(const RetrainContext &context);
    const RetrainContext &context() const { return m_context; }

    jobs::TrainJobOptions options() const;
    // The defaults shown for the current kind and start (TrainConfig JSON keys).
    const QVariantMap &defaults() const { return m_defaults; }

    // The model kinds offered, in order ("mt" first).
    static QStringList kinds();
    static QString kindName(const QString &kind);

    QComboBox *kindBox() const { return m_kind; }
    QRadioButton *warmStartButton() const { return m_warm; }
    QRadioButton *scratchButton() const { return m_scratch; }
    QSpinBox *epochsBox() const { return m_epochs; }
    ScientificSpinBox *learningRateBox() const { return m_learningRate; }
    QDoubleSpinBox *consistencyWeightBox() const { return m_consistency; }
    QDoubleSpinBox *emaDecayBox() const { return m_ema; }
    QToolButton *advancedButton() const { return m_advancedButton; }
    QWidget *advancedSection() const { return m_advanced; }
    QSpinBox *batchSizeBox() const { return m_batch; }
    QSpinBox *rampEpochsBox() const { return m_ramp; }
    QDoubleSpinBox *validationBox() const { return m_validation; }
    QLineEdit *seedEdit() const { return m_seed; }
    QSpinBox *threadsBox() const { return m_threads; }
    QLineEdit *noteEdit() const { return m_note; }
    QComboBox *activationBox() const { return m_activation; }
    QLabel *countsLabel() const { return m_counts; }

Q_SIGNALS:
    void contextLoaded();

private:
    void build(const WorkbenchSettings &settings);
    QWidget *buildAdvanced(const WorkbenchSettings &settings);
    // Recomputes the defaults for the kind, the start and the epochs, and shows them in every
    // field the user has not changed.
    void applyDefaults();
    void updateEnabled();
    void updateCounts();
    void setAdvancedShown(bool shown);
    // Marks `key` as the user's once its field is edited.
    void track(QSpinBox *box, const QString &key);
    void track(QDoubleSpinBox *box, const QString &key);
    bool warmStart() const;
    bool warmStartPossible(const QString &kind) const;
    bool changed(const QString &key, double value, int decimals) const;

    QString m_libraryFolder;
    RetrainContext m_context;
    QVariantMap m_defaults;
    int m_defaultEpochs = 0; // the start's own, whatever epochs the user asked for
    QSet<QString> m_touched;
    bool m_applying = false;
    int m_generation = 0;

    QComboBox *m_kind = nullptr;
    QRadioButton *m_warm = nullptr;
    QRadioButton *m_scratch = nullptr;
    QSpinBox *m_epochs = nullptr;
    ScientificSpinBox *m_learningRate = nullptr;
    QDoubleSpinBox *m_consistency = nullptr;
    QDoubleSpinBox *m_ema = nullptr;
    QToolButton *m_advancedButton = nullptr;
    QWidget *m_advanced = nullptr;
    QSpinBox *m_batch = nullptr;
    QSpinBox *m_ramp = nullptr;
    QDoubleSpinBox *m_validation = nullptr;
    QLineEdit *m_seed = nullptr;
    QSpinBox *m_threads = nullptr;
    QLineEdit *m_note = nullptr;
    QComboBox *m_activation = nullptr;
    QLabel *m_counts = nullptr;
};

} // namespace timbre::widgets
