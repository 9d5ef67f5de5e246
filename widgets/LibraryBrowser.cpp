#include "widgets/LibraryBrowser.h"

#include "core/library/Library.h"
#include "core/library/TrackTable.h"
#include "core/library/TrackTableModel.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace timbre::widgets {

LibraryBrowser::LibraryBrowser(QWidget *parent)
    : QWidget(parent), m_model(new library::TrackTableModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter: text, or e.g. violin > 0.7 and unlabelled"));
    m_filter->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);
    layout->addLayout(filterRow);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &LibraryBrowser::applyFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LibraryBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LibraryBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LibraryBrowser::updateCount);
    updateCount();
}

LibraryBrowser::~LibraryBrowser() = default;

void LibraryBrowser::setLibrary(std::shared_ptr<library::Library> library)
{
    m_library = std::move(library);
    const int generation = ++m_generation;
    if (!m_library) {
        m_model->setTable(library::TrackTable());
        return;
    }
    Q_EMIT statusMessage(tr("Reading the catalog…"));
    auto *watcher = new QFutureWatcher<library::CatalogResult<library::TrackTable>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        auto result = watcher->result();
        if (!result) {
            Q_EMIT statusMessage(tr("Cannot read the catalog: %1").arg(result.error().message));
            return;
        }
        m_model->setTable(result.take());
        // Every instrument of the taxonomy as a column: score and label state side by side.
        m_model->setInstrumentColumns(m_model->table().instrumentKeys());
        m_view->resizeColumnsToContents();
        Q_EMIT statusMessage(tr("%n track(s) in the library", nullptr, m_model->totalRowCount()));
    });
    std::shared_ptr<library::Library> lib = m_library;
    watcher->setFuture(QtConcurrent::run([lib] { return library::TrackTable::load(*lib); }));
}

void LibraryBrowser::applyFilter()
{
    const library::CatalogError error = m_model->setFilterText(m_filter->text());
    // A half-typed expression keeps the last good filter; say why instead of flickering.
    m_filter->setToolTip(error.isError() ? error.message : QString());
    m_filter->setStyleSheet(error.isError() ? QStringLiteral("color: #b03030;") : QString());
    updateCount();
}

void LibraryBrowser::updateCount()
{
    m_count->setText(tr("%1 of %2 tracks").arg(m_model->rowCount()).arg(m_model->totalRowCount()));
}

} // namespace timbre::widgets
