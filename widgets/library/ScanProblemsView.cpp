// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/ScanProblemsView.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace timbre::widgets {

ScanProblemsView::ScanProblemsView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setHeaderLabels({tr("File"), tr("Error"), tr("Folder")});
    m_list->header()->resizeSection(FileColumn, 260);
    m_list->header()->resizeSection(ErrorColumn, 420);
    m_list->setSortingEnabled(true);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    setProblems({});
}

void ScanProblemsView::setProblems(const QList<library::TrackRecord> &tracks)
{
    m_list->setSortingEnabled(false);
    m_list->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(tracks.size());
    for (const library::TrackRecord &t : tracks) {
        const QFileInfo info(t.path);
        auto *item = new QTreeWidgetItem;
        item->setText(FileColumn, info.fileName());
        item->setText(ErrorColumn,
                      t.errorText.isEmpty() ? tr("unreadable (no message)") : t.errorText);
        item->setText(FolderColumn, QDir::toNativeSeparators(info.path()));
        item->setToolTip(FileColumn, QDir::toNativeSeparators(t.path));
        item->setToolTip(ErrorColumn, t.errorText);
        item->setData(FileColumn, Qt::UserRole, t.id);
        items << item;
    }
    m_list->addTopLevelItems(items);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(FileColumn, Qt::AscendingOrder);
    m_summary->setText(tracks.isEmpty()
                               ? tr("Every file of the library was read.")
                               : tr("Files that could not be read: %1. Rescan after fixing them; "
                                    "they stay listed here until then.")
                                         .arg(tracks.size()));
}

int ScanProblemsView::count() const
{
    return m_list->topLevelItemCount();
}

} // namespace timbre::widgets
