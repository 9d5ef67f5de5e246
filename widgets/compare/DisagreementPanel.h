// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/compare/ComparisonResult.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace timbre::widgets {

class DisagreementTableModel;

// The comparison's disagreement tab: the clips where the first two compared versions differ
// most, over all instruments or on one (a selector), largest difference first. Enter or a
// double-click on a row asks for the track with both versions (openTrackCompared).
class DisagreementPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DisagreementPanel(QWidget *parent = nullptr);

    // The result must outlive its showing (the view owns it); nullptr clears.
    void setResult(const ComparisonResult *result);
    // One instrument (a key), or all of them (empty).
    void showInstrument(const QString &instrument);
    void activateRow(int row);

    QComboBox *instrumentSelector() const { return m_instrument; }
    DisagreementTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString noteText() const;

Q_SIGNALS:
    void openTrackCompared(qint64 trackId, const QList<qint64> &modelIds,
                           const QString &instrument, qint64 clipId);

private:
    const ComparisonResult *m_result = nullptr;
    QComboBox *m_instrument = nullptr;
    QLabel *m_note = nullptr;
    DisagreementTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace timbre::widgets
