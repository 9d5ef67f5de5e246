// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QString>
#include <QWidget>

class QLabel;
class QToolButton;

namespace timbre::widgets {

// Above the lanes while the track view compares versions: which ones ("Comparing: A name vs
// B name", each tag in its lanes' colour) and a button back to the active version's lanes.
class CompareBar : public QWidget
{
    Q_OBJECT
public:
    struct Version
    {
        QString tag;
        QString name;
    };

    explicit CompareBar(QWidget *parent = nullptr);

    // Version `i` is drawn in AttentionLanes::versionColour(i).
    void setVersions(const QList<Version> &versions);
    // The label as plain text.
    QString text() const;
    QToolButton *leaveButton() const { return m_leave; }

Q_SIGNALS:
    void leaveRequested();

private:
    void retranslate();

    QList<Version> m_versions;
    QLabel *m_label = nullptr;
    QToolButton *m_leave = nullptr;
};

} // namespace timbre::widgets
