// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/TrackRecord.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace timbre::widgets {

// The files the scanner could not read, each with the reader's error, so a user can see why
// a file is not in the table (and fix or remove it) instead of wondering where it went.
class ScanProblemsView : public QWidget
{
    Q_OBJECT
public:
    enum Column { FileColumn, ErrorColumn, FolderColumn };

    explicit ScanProblemsView(QWidget *parent = nullptr);

    void setProblems(const QList<library::TrackRecord> &tracks);
    int count() const;
    QTreeWidget *list() const { return m_list; }

private:
    QLabel *m_summary;
    QTreeWidget *m_list;
};

} // namespace timbre::widgets
