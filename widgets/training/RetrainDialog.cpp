// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/RetrainDialog.h"

#include "core/jobs/TrainDefaults.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "models/api/ModelKinds.h"
#include "widgets/settings/ActivationNames.h"
#include "widgets/training/ScientificSpinBox.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace timbre::widgets {

namespace {

const QString kEpochs = QStringLiteral("epochs");
const QString kLearningRate = QStringLiteral("learningRate");
const QString kConsistency = QStringLiteral("consistencyWeight");
const QString kEma = QStringLiteral("emaDecay");
const QString kBatch = QStringLiteral("batchSize");
const QString kRamp = QStringLiteral("consistencyRampEpochs");
const QString kValidation = QStringLiteral("validationFraction");

const models::ModelKind *kindOf(const QString &kind)
{
    return models::findModelKind(kind.toStdString());
}

// Its scores are a teacher's: the consistency and EMA settings apply.
bool isMeanTeacher(const QString &kind)
{
    const models::ModelKind *k = kindOf(kind);
    return k && k->teacher;
}

// Trained by gradient steps over epochs (the random forest is fitted once).
bool isNetwork(const QString &kind)
{
    const models::ModelKind *k = kindOf(kind);
    return k && k->iterative;
}

} // namespace

RetrainDialog::RetrainDialog(const QString &libraryFolder, const WorkbenchSettings &settings,
                             QWidget *parent)
    : QDialog(parent), m_libraryFolder(libraryFolder)
{
    setWindowTitle(tr("Retrain Model"));
    setObjectName(QStringLiteral("RetrainDialog"));
    build(settings);
    setContext(RetrainContext());
}

RetrainDialog::~RetrainDialog() = default;

QStringList RetrainDialog::kinds()
{
    // TrainJob's bag kinds, Mean Teacher first (the workbench's default).
    QStringList keys;
    for (const std::string &key : models::bagKindKeys())
        keys << QString::fromStdString(key);
    return keys;
}

QString RetrainDialog::kindName(const QString &kind)
{
    if (kind == QLatin1String("mt"))
        return tr("Mean Teacher (semi-supervised attention)");
    if (kind == QLatin1String("att"))
        return tr("Attention MIL (ATT)");
    if (kind == QLatin1String("fct"))
        return tr("Mean-pooled instance scores (FC_T)");
    if (kind == QLatin1String("fc"))
        return tr("Fully connected (FC)");
    if (kind == QLatin1String("rnn"))
        return tr("Bidirectional GRU (RNN)");
    if (kind == QLatin1String("dgm"))
        return tr("Deep generative model (DGM, semi-supervised)");
    if (kind == QLatin1String("rf"))
        return tr("Random forests (RF-BR)");
    return kind;
}

void RetrainDialog::build(const WorkbenchSettings &settings)
{
    m_kind = new QComboBox(this);
    for (const QString &kind : kinds())
        m_kind->addItem(kindName(kind), kind);

    m_warm = new QRadioButton(this);
    m_scratch = new QRadioButton(tr("From scratch"), this);
    auto *start = new QButtonGroup(this);
    start->addButton(m_warm);
    start->addButton(m_scratch);
    auto *startBox = new QVBoxLayout;
    startBox->setContentsMargins(0, 0, 0, 0);
    startBox->addWidget(m_warm);
    startBox->addWidget(m_scratch);

    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100000);
    m_learningRate = new ScientificSpinBox(this);
    m_consistency = new QDoubleSpinBox(this);
    m_consistency->setRange(0.0, 1000.0);
    m_consistency->setDecimals(2);
    m_consistency->setToolTip(tr("Weight beta of the consistency term between student and "
                                 "teacher (Mean Teacher)"));
    m_ema = new QDoubleSpinBox(this);
    m_ema->setRange(0.0, 0.99999);
    m_ema->setDecimals(5);
    m_ema->setSingleStep(0.001);
    m_ema->setToolTip(tr("How slowly the teacher follows the student: teacher = alpha · teacher "
                         "+ (1 − alpha) · student after every step"));

    m_activation = new QComboBox(this);
    for (const QString &key : WorkbenchSettings::activationNames())
        m_activation->addItem(ActivationNames::label(key), key);
    m_activation->setCurrentIndex(qMax(0, m_activation->findData(settings.activation)));

    m_counts = new QLabel(this);
    m_counts->setWordWrap(true);
    m_counts->setObjectName(QStringLiteral("retrainCounts"));

    auto *form = new QFormLayout;
    form->addRow(tr("Model:"), m_kind);
    form->addRow(tr("Start:"), startBox);
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Learning rate:"), m_learningRate);
    form->addRow(tr("Consistency weight (beta):"), m_consistency);
    form->addRow(tr("Teacher EMA decay (alpha):"), m_ema);
    form->addRow(tr("Make it the active version:"), m_activation);

    m_advancedButton = new QToolButton(this);
    m_advancedButton->setText(tr("Advanced"));
    m_advancedButton->setCheckable(true);
    m_advancedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedButton->setAutoRaise(true);
    m_advanced = buildAdvanced(settings);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                                 | QDialogButtonBox::RestoreDefaults,
                                         this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start Training"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                m_touched.clear();
                applyDefaults();
            });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_advancedButton, 0, Qt::AlignLeft);
    layout->addWidget(m_advanced);
    layout->addWidget(m_counts);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setAdvancedShown(false);
    connect(m_advancedButton, &QToolButton::toggled, this, &RetrainDialog::setAdvancedShown);

    track(m_epochs, kEpochs);
    track(m_learningRate, kLearningRate);
    track(m_consistency, kConsistency);
    track(m_ema, kEma);
    track(m_batch, kBatch);
    track(m_ramp, kRamp);
    track(m_validation, kValidation);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (!warmStartPossible(m_kind->currentData().toString()))
            m_scratch->setChecked(true);
        applyDefaults();
    });
    connect(m_warm, &QRadioButton::toggled, this, [this] { applyDefaults(); });
    // A warm start's EMA decay follows from its number of steps.
    connect(m_epochs, &QSpinBox::valueChanged, this, [this] {
        if (!m_applying && warmStart())
            applyDefaults();
    });
}

QWidget *RetrainDialog::buildAdvanced(const WorkbenchSettings &settings)
{
    auto *section = new QWidget(this);
    section->setObjectName(QStringLiteral("retrainAdvanced"));
    m_batch = new QSpinBox(section);
    m_batch->setRange(1, 65536);
    m_ramp = new QSpinBox(section);
    m_ramp->setRange(0, 100000);
    m_ramp->setToolTip(tr("Epochs over which the consistency weight rises to beta; 0 = full "
                          "weight from the first step"));
    m_validation = new QDoubleSpinBox(section);
    m_validation->setRange(0.0, 0.9);
    m_validation->setDecimals(2);
    m_validation->setSingleStep(0.05);
    m_validation->setToolTip(tr("Share of the training clips held out to pick the best epoch; "
                                "0 = keep the last epoch"));
    m_seed = new QLineEdit(QStringLiteral("0"), section);
    m_seed->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_threads = new QSpinBox(section);
    m_threads->setRange(0, qMax(1, QThread::idealThreadCount()) * 2);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    m_threads->setValue(settings.threads);
    m_note = new QLineEdit(section);
    m_note->setPlaceholderText(tr("retrained in the workbench"));

    auto *form = new QFormLayout(section);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Batch size:"), m_batch);
    form->addRow(tr("Consistency ramp (epochs):"), m_ramp);
    form->addRow(tr("Validation fraction:"), m_validation);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Threads:"), m_threads);
    form->addRow(tr("Note:"), m_note);
    return section;
}

void RetrainDialog::setAdvancedShown(bool shown)
{
    m_advancedButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(shown);
    if (isVisible())
        adjustSize();
}

void RetrainDialog::track(QSpinBox *box, const QString &key)
{
    connect(box, &QSpinBox::valueChanged, this, [this, key] {
        if (!m_applying)
            m_touched.insert(key);
    });
}

void RetrainDialog::track(QDoubleSpinBox *box, const QString &key)
{
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, key] {
        if (!m_applying)
            m_touched.insert(key);
    });
}

void RetrainDialog::load(std::shared_ptr<library::Library> library)
{
    const int generation = ++m_generation;
    if (!library)
        return;
    auto *watcher = new QFutureWatcher<RetrainContext>(this);
    connect(watcher, &QFutureWatcher<RetrainContext>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                setContext(watcher->result());
                Q_EMIT contextLoaded();
            });
    watcher->setFuture(QtConcurrent::run([library] {
        const timbre::library::CatalogThreadScope catalogScope(library->database());
        return RetrainContext::read(*library);
    }));
}

void RetrainDialog::setContext(const RetrainContext &context)
{
    m_context = context;
    if (context.hasActive()) {
        m_warm->setText(tr("Continue from the active version %1 (warm start)")
                                .arg(context.activeName));
        m_warm->setChecked(warmStartPossible(m_kind->currentData().toString()));
    } else {
        m_warm->setText(tr("Continue from the active version (there is none yet)"));
    }
    if (!warmStartPossible(m_kind->currentData().toString()))
        m_scratch->setChecked(true);
    applyDefaults();
    updateCounts();
}

bool RetrainDialog::warmStartPossible(const QString &kind) const
{
    if (!m_context.hasActive())
        return false;
    // The checkpoint must hold the kind's network: the same kind, or Mean Teacher and ATT,
    // whose student is an ATT model.
    return models::warmStartFits(m_context.activeKind.toStdString(), kind.toStdString());
}

bool RetrainDialog::warmStart() const
{
    return m_warm->isChecked() && m_warm->isEnabled();
}

void RetrainDialog::applyDefaults()
{
    const QString kind = m_kind->currentData().toString();
    const bool warm = m_warm->isChecked() && warmStartPossible(kind);
    m_defaults = warm ? jobs::TrainDefaults::warmStart(
                                kind, m_context.activeHyperParameters,
                                qMax(0, m_context.trainableClips),
                                m_touched.contains(kEpochs) ? m_epochs->value() : 0)
                      : jobs::TrainDefaults::fromScratch(kind);
    m_defaultEpochs = warm ? jobs::TrainDefaults::warmStart(kind, m_context.activeHyperParameters,
                                                            qMax(0, m_context.trainableClips))
                                     .value(kEpochs)
                                     .toInt()
                           : m_defaults.value(kEpochs).toInt();
    m_applying = true;
    const auto show = [this](const QString &key, auto *box) {
        if (!m_touched.contains(key))
            box->setValue(m_defaults.value(key).toDouble());
    };
    show(kEpochs, m_epochs);
    show(kLearningRate, m_learningRate);
    show(kConsistency, m_consistency);
    show(kEma, m_ema);
    show(kBatch, m_batch);
    show(kRamp, m_ramp);
    show(kValidation, m_validation);
    m_applying = false;
    updateEnabled();
}

void RetrainDialog::updateEnabled()
{
    const QString kind = m_kind->currentData().toString();
    const bool possible = warmStartPossible(kind);
    m_warm->setEnabled(possible);
    m_warm->setToolTip(
            possible || !m_context.hasActive()
                    ? QString()
                    : tr("The active version is a %1 model: a %2 model cannot continue from it")
                              .arg(m_context.activeKind, kind));
    const bool mt = isMeanTeacher(kind);
    const bool network = isNetwork(kind);
    m_consistency->setEnabled(mt);
    m_ema->setEnabled(mt);
    m_ramp->setEnabled(mt);
    m_epochs->setEnabled(network);
    m_learningRate->setEnabled(network);
    m_batch->setEnabled(network);
    m_note->setPlaceholderText(warmStart() ? tr("retrained in the workbench")
                                           : tr("trained in the workbench"));
}

void RetrainDialog::updateCounts()
{
    const RetrainContext &c = m_context;
    if (!c.problem.isEmpty()) {
        m_counts->setText(tr("The library's labels could not be read: %1").arg(c.problem));
        return;
    }
    if (!c.counted()) {
        m_counts->setText(tr("Counting the labelled clips…"));
        return;
    }
    QString text = tr("The run will see %n labelled clip(s)", nullptr, c.labelledClips);
    text += QLatin1Char(' ')
            + tr("of %n clip(s) to train on", nullptr, c.trainableClips);
    if (c.hasActive())
        text += QLatin1Char(' ')
                + tr("and %n label edit(s) made since %1.", nullptr, int(c.editsSinceActive))
                          .arg(c.activeName);
    else
        text += QLatin1Char('.');
    text += QLatin1Char(' ')
            + tr("%n test clip(s) are only scored.", nullptr, c.testClips);
    text += QLatin1Char(' ') + tr("Edits made while it runs count for the next run.");
    m_counts->setText(text);
}

bool RetrainDialog::changed(const QString &key, double value, int decimals) const
{
    if (!m_touched.contains(key))
        return false;
    return std::abs(value - m_defaults.value(key).toDouble()) > 0.5 * std::pow(10.0, -decimals);
}

jobs::TrainJobOptions RetrainDialog::options() const
{
    jobs::TrainJobOptions o;
    o.libraryFolder = m_libraryFolder;
    o.kind = m_kind->currentData().toString();
    const bool warm = warmStart();
    o.warmStart = warm ? QStringLiteral("active") : QString();
    if (m_touched.contains(kEpochs) && m_epochs->value() != m_defaultEpochs)
        o.epochs = m_epochs->value();
    const auto put = [this, &o](const QString &key, const QDoubleSpinBox *box) {
        if (box->isEnabled() && changed(key, box->value(), box->decimals()))
            o.overrides.insert(key, box->value());
    };
    // The learning rate's box keeps 12 decimals: compare relative to its size instead.
    if (m_learningRate->isEnabled() && m_touched.contains(kLearningRate)) {
        const double d = m_defaults.value(kLearningRate).toDouble();
        if (std::abs(m_learningRate->value() - d) > 1e-6 * std::max(std::abs(d), 1e-12))
            o.overrides.insert(kLearningRate, m_learningRate->value());
    }
    put(kConsistency, m_consistency);
    put(kEma, m_ema);
    if (m_batch->isEnabled() && changed(kBatch, m_batch->value(), 0))
        o.overrides.insert(kBatch, m_batch->value());
    if (m_ramp->isEnabled() && changed(kRamp, m_ramp->value(), 0))
        o.overrides.insert(kRamp, m_ramp->value());
    put(kValidation, m_validation);
    o.seed = m_seed->text().toULongLong();
    o.threads = m_threads->value();
    o.note = m_note->text().trimmed().isEmpty() ? m_note->placeholderText()
                                                : m_note->text().trimmed();
    o.activation = m_activation->currentData().toString();
    o.activate = o.activation != QLatin1String("never");
    return o;
}

} // namespace timbre::widgets
