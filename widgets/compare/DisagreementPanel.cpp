// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/DisagreementPanel.h"

#include "widgets/compare/DisagreementTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace timbre::widgets {

DisagreementPanel::DisagreementPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Instrument:"), this);
    m_instrument = new QComboBox(this);
    m_instrument->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_instrument);
    row->addWidget(label);
    row->addWidget(m_instrument);
    row->addSpacing(12);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_note, 1);
    layout->addLayout(row);
    m_model = new DisagreementTableModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    layout->addWidget(m_view, 1);
    connect(m_instrument, &QComboBox::currentIndexChanged, this,
            [this] { showInstrument(m_instrument->currentData().toString()); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            activateRow(index.row());
    });
}

QString DisagreementPanel::noteText() const
{
    return m_note->text();
}

void DisagreementPanel::setResult(const ComparisonResult *result)
{
    m_result = result;
    {
        const QSignalBlocker block(m_instrument);
        m_instrument->clear();
        if (m_result && !m_result->evaluation.models.empty()) {
            m_instrument->addItem(tr("All instruments"), QString());
            for (const QString &key : m_result->evaluation.models.front().classKeys)
                m_instrument->addItem(m_result->instrumentName(key), key);
        }
    }
    if (!m_result || m_result->evaluation.models.empty()) {
        m_model->clear();
        m_note->clear();
        return;
    }
    showInstrument(QString());
}

void DisagreementPanel::showInstrument(const QString &instrument)
{
    if (!m_result)
        return;
    const eval::LibraryEvaluation &e = m_result->evaluation;
    const int index = m_instrument->findData(instrument);
    if (index >= 0 && index != m_instrument->currentIndex()) {
        const QSignalBlocker block(m_instrument);
        m_instrument->setCurrentIndex(index);
    }
    if (e.models.size() < 2) {
        m_model->clear();
        m_note->setText(tr("Disagreements need two versions."));
        return;
    }
    std::vector<eval::Disagreement> rows;
    if (instrument.isEmpty()) {
        rows = e.disagreements;
    } else {
        const int k = int(e.models.front().classKeys.indexOf(instrument));
        if (k >= 0 && k < int(e.disagreementsByInstrument.size()))
            rows = e.disagreementsByInstrument[size_t(k)];
    }
    const QString a = e.models[0].name;
    const QString b = e.models[1].name;
    m_model->setDisagreements(std::move(rows), a, b, m_result->instrumentNames);
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setSectionResizeMode(DisagreementTableModel::TrackColumn,
                                                     QHeaderView::Stretch);
    m_note->setText(m_model->rowCount() == 0
                            ? tr("%1 and %2 know no instrument in common.").arg(a, b)
                            : tr("Where %1 and %2 differ most, largest difference first. Enter "
                                 "or a double-click opens the track with both versions' lanes.")
                                      .arg(a, b));
}

void DisagreementPanel::activateRow(int row)
{
    if (!m_result || row < 0 || row >= m_model->rowCount()
        || m_result->evaluation.models.size() < 2)
        return;
    const eval::LibraryEvaluation &e = m_result->evaluation;
    const eval::Disagreement &d = m_model->at(row);
    Q_EMIT openTrackCompared(d.trackId, {e.models[0].modelId, e.models[1].modelId}, d.instrument,
                             d.clipId);
}

} // namespace timbre::widgets
