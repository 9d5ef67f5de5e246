// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/ComparisonRunner.h"

#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace timbre::widgets {

ComparisonRunner::ComparisonRunner(QObject *parent) : QObject(parent) { }

void ComparisonRunner::run(std::shared_ptr<library::Library> library,
                           const ComparisonRequest &request)
{
    if (m_running) {
        // Evaluating loads every version's model: two at once would only slow both.
        m_queued = std::make_pair(std::move(library), request);
        return;
    }
    startNow(std::move(library), request);
}

void ComparisonRunner::reset()
{
    ++m_generation;
    m_running = false;
    m_queued.reset();
}

void ComparisonRunner::startNow(std::shared_ptr<library::Library> library,
                                const ComparisonRequest &request)
{
    if (!library)
        return;
    m_running = true;
    const int generation = m_generation;
    Q_EMIT started(request);
    auto *watcher = new QFutureWatcher<ComparisonResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_running = false;
        if (m_queued) {
            // Asked for since: this result is already out of date.
            auto [nextLibrary, nextRequest] = *std::exchange(m_queued, std::nullopt);
            startNow(std::move(nextLibrary), nextRequest);
            return;
        }
        Q_EMIT finished(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([library, request] {
        const timbre::library::CatalogThreadScope catalogScope(library->database());
        return ComparisonResult::compute(*library, request);
    }));
}

} // namespace timbre::widgets
