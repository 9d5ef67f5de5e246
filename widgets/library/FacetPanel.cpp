// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/FacetPanel.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace timbre::widgets {

namespace {

constexpr int kValueRole = Qt::UserRole + 1;

QString facetTitle(FacetKind kind)
{
    switch (kind) {
    case FacetKind::Folder:
        return FacetPanel::tr("Folders");
    case FacetKind::Artist:
        return FacetPanel::tr("Artists");
    case FacetKind::Album:
        return FacetPanel::tr("Albums");
    case FacetKind::Genre:
        return FacetPanel::tr("Genres");
    }
    return QString();
}

} // namespace

FacetPanel::FacetPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Vertical, this);
    for (int k = 0; k < kFacetKindCount; ++k) {
        auto *box = new QWidget(split);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(facetTitle(FacetKind(k))), box);
        auto *list = new QListWidget(box);
        list->setSelectionMode(QAbstractItemView::ExtendedSelection);
        list->setUniformItemSizes(true); // thousands of albums lay out in constant time
        list->setTextElideMode(Qt::ElideMiddle);
        boxLayout->addWidget(title);
        boxLayout->addWidget(list, 1);
        m_lists[size_t(k)] = list;
        connect(list, &QListWidget::itemSelectionChanged, this, [this] {
            if (!m_updating)
                Q_EMIT selectionChanged();
        });
    }
    layout->addWidget(split, 1);
    auto *clear = new QPushButton(tr("Show All"), this);
    clear->setToolTip(tr("Clear the selection in every list"));
    connect(clear, &QPushButton::clicked, this, &FacetPanel::clearSelection);
    layout->addWidget(clear);
}

void FacetPanel::setFacets(const LibraryFacets &facets)
{
    const LibraryFacets::Selection before = selection();
    m_updating = true;
    for (int k = 0; k < kFacetKindCount; ++k) {
        QListWidget *list = m_lists[size_t(k)];
        list->clear();
        for (const FacetValue &v : facets.values(FacetKind(k))) {
            const QString shown = v.value.isEmpty()
                    ? tr("(none)")
                    : (FacetKind(k) == FacetKind::Folder ? QDir::toNativeSeparators(v.value)
                                                         : v.value);
            auto *item
                    = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(shown).arg(v.count), list);
            item->setData(kValueRole, v.value);
            item->setToolTip(shown);
            if (before[size_t(k)].contains(v.value))
                item->setSelected(true);
        }
    }
    m_updating = false;
    if (selection() != before)
        Q_EMIT selectionChanged();
}

LibraryFacets::Selection FacetPanel::selection() const
{
    LibraryFacets::Selection out;
    for (int k = 0; k < kFacetKindCount; ++k) {
        for (const QListWidgetItem *item : m_lists[size_t(k)]->selectedItems())
            out[size_t(k)].insert(item->data(kValueRole).toString());
    }
    return out;
}

void FacetPanel::select(FacetKind kind, const QStringList &values)
{
    QListWidget *list = m_lists[size_t(kind)];
    m_updating = true;
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setSelected(values.contains(list->item(i)->data(kValueRole).toString()));
    m_updating = false;
    Q_EMIT selectionChanged();
}

void FacetPanel::clearSelection()
{
    m_updating = true;
    for (QListWidget *list : m_lists)
        list->clearSelection();
    m_updating = false;
    Q_EMIT selectionChanged();
}

} // namespace timbre::widgets
