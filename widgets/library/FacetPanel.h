// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/library/LibraryFacets.h"

#include <QWidget>

#include <array>

class QListWidget;

namespace timbre::widgets {

// The browser's facets: one list each of folders, artists, albums and genres with their
// track counts. Selecting values (several with Ctrl / Shift) narrows the table to tracks that
// have one of them in every list with a selection; nothing selected = no restriction.
class FacetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FacetPanel(QWidget *parent = nullptr);

    // Replaces the values, keeping the selected ones that still exist.
    void setFacets(const LibraryFacets &facets);
    LibraryFacets::Selection selection() const;
    // Selects exactly these values of one kind (unknown ones are ignored).
    void select(FacetKind kind, const QStringList &values);
    void clearSelection();
    QListWidget *list(FacetKind kind) const { return m_lists[size_t(kind)]; }

Q_SIGNALS:
    void selectionChanged();

private:
    std::array<QListWidget *, kFacetKindCount> m_lists {};
    bool m_updating = false;
};

} // namespace timbre::widgets
