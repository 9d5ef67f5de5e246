// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogStamp.h"

#include <QObject>

#include <memory>

class QTimer;

namespace timbre::library {

class Library;

// Polls one catalog for commits made by any other connection — another thread of this
// process, a job, the CLI, a second workbench — and says what changed.
//
// Lives on a thread of its own (LibrarySession makes it and moves it there): every tick asks
// SQLite's `PRAGMA data_version` on this thread's own connection, which changes exactly when
// another connection committed, and only then reads a CatalogStamp and diffs it with the last
// one. It also notices the catalog file vanishing. Signals are queued to the session; the
// first poll after start() only records the baseline.
//
// On a PostgreSQL catalog it LISTENs on the catalog's channel (CatalogDatabase::
// notificationChannel; QSqlDriver::subscribeToNotification) and reads the stamp when a notice
// came, and at least every kServerSafetyMs; after a failed read it closes its connection, so
// the next tick reconnects, subscribes again and rereads.
class CatalogWatcher : public QObject
{
    Q_OBJECT
public:
    CatalogWatcher(std::shared_ptr<Library> library, int generation, int intervalMs);
    ~CatalogWatcher() override;

    // On the watcher's thread (queued or blocking-queued invocations).
    Q_INVOKABLE void start();
    // Polls now rather than at the next tick (after a job ended or this process wrote).
    Q_INVOKABLE void pollNow();
    // Stops the timer and closes this thread's connection; the thread may end afterwards.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void changed(const timbre::library::CatalogChange &change);

private:
    void poll();
    bool serverNeedsRead(); // subscribes when needed; whether the stamp should be read now

    static constexpr qint64 kServerSafetyMs = 1000;

    std::shared_ptr<Library> m_library;
    int m_generation = 0;
    int m_intervalMs = 300;
    QTimer *m_timer = nullptr;
    bool m_haveStamp = false;
    CatalogStamp m_stamp;
    qint64 m_dataVersion = -1;
    QString m_problem; // the last one reported, so it is said once
    bool m_subscribed = false; // server: LISTENing on this thread's connection
    bool m_notified = false; // server: a notice arrived since the last read
    qint64 m_lastServerReadMs = 0;
};

} // namespace timbre::library

Q_DECLARE_METATYPE(timbre::library::CatalogChange)
