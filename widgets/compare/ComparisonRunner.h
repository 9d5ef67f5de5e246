// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/compare/ComparisonResult.h"

#include <QObject>

#include <memory>
#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// Runs comparisons on the thread pool, one at a time: a request made while one runs waits
// (only the latest waiting one is kept), and finished() delivers each result on the GUI
// thread. reset() (another library) drops the results of everything asked for before.
class ComparisonRunner : public QObject
{
    Q_OBJECT
public:
    explicit ComparisonRunner(QObject *parent = nullptr);

    void run(std::shared_ptr<library::Library> library, const ComparisonRequest &request);
    void reset();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started(const timbre::widgets::ComparisonRequest &request);
    void finished(const timbre::widgets::ComparisonResult &result);

private:
    void startNow(std::shared_ptr<library::Library> library, const ComparisonRequest &request);

    int m_generation = 0;
    bool m_running = false;
    std::optional<std::pair<std::shared_ptr<library::Library>, ComparisonRequest>> m_queued;
};

} // namespace timbre::widgets
