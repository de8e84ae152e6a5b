#pragma once
// "Test connection": opens one connection off the GUI thread and reports the
// driver's own words.

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace poolscope {

/// GUI thread object; the connect itself runs on Qt's global thread pool.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    /// The outcome of one test.
    struct Outcome {
        bool ok = false;
        QString message;  ///< success summary or the driver's error; no password
    };

    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;

    /// Starts a test of `url` giving up after `timeoutMs`. A test still
    /// running is forgotten (its result is dropped). Returns at once.
    void test(const QString& url, qint64 timeoutMs = 10'000);
    bool busy() const;

    /// The blocking test itself (what test() runs on a pool thread).
    static Outcome run(const QString& url, qint64 timeoutMs);

signals:
    void finished(bool ok, const QString& message);

private:
    QFutureWatcher<Outcome>* watcher_ = nullptr;
};

}  // namespace poolscope
