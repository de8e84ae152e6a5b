#include "app/sources/ConnectionTester.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"

namespace poolscope {

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent) {}

ConnectionTester::~ConnectionTester() {
    // The pool thread finishes on its own; its result goes nowhere.
    if (watcher_) watcher_->disconnect(this);
}

bool ConnectionTester::busy() const { return watcher_ && watcher_->isRunning(); }

ConnectionTester::Outcome ConnectionTester::run(const QString& url, qint64 timeoutMs) {
    const std::string u = url.toStdString();
    auto driver = openDriver(u);
    if (!driver) return {false, QString::fromStdString(driver.message())};
    QElapsedTimer t;
    t.start();
    auto conn = (*driver)->connect(std::chrono::steady_clock::now() +
                                   std::chrono::milliseconds(timeoutMs));
    if (!conn) return {false, QString::fromStdString(conn.message())};
    auto ping = (*conn)->validate(std::chrono::steady_clock::now() +
                                  std::chrono::milliseconds(timeoutMs));
    if (!ping) return {false, QString::fromStdString(ping.message())};
    QString msg = tr("Connected to %1 in %2 ms")
                      .arg(QString::fromStdString(maskPassword(u)))
                      .arg(t.elapsed());
    if (const auto id = (*conn)->serverId(); id != 0) msg += tr(" (server session %1)").arg(id);
    return {true, msg};
}

void ConnectionTester::test(const QString& url, qint64 timeoutMs) {
    if (watcher_) {
        watcher_->disconnect(this);
        // Let the old future finish on its own; delete its watcher when it does.
        connect(watcher_, &QFutureWatcherBase::finished, watcher_, &QObject::deleteLater);
        if (!watcher_->isRunning()) watcher_->deleteLater();
        watcher_ = nullptr;
    }
    watcher_ = new QFutureWatcher<Outcome>(this);
    auto* w = watcher_;
    connect(w, &QFutureWatcherBase::finished, this, [this, w] {
        if (w != watcher_) return;
        const Outcome o = w->result();
        emit finished(o.ok, o.message);
    });
    w->setFuture(QtConcurrent::run([url, timeoutMs] { return run(url, timeoutMs); }));
}

}  // namespace poolscope
