#pragma once
// A controllable in-memory driver for pool unit tests: connects instantly,
// and lets a test make connects, validations or queries fail on demand.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/drivers/Driver.h"

namespace poolscope::test {

class FakeDriver : public Driver {
public:
    std::atomic<bool> failConnect{false};
    /// With failConnect: the first failed connect is the server's refusal
    /// ("too many clients"); later ones wait out the caller's deadline.
    std::atomic<bool> fullThenSilent{false};
    std::atomic<int> failedConnects{0};
    std::atomic<bool> failValidate{false};
    std::atomic<bool> failQueryFatal{false};
    std::atomic<int> connects{0};
    std::atomic<int> validations{0};
    std::atomic<int> closed{0};
    std::atomic<int> epoch{0};  ///< bumped by restart(): older connections are dead

    /// Simulates a server restart: every open connection silently dies.
    void restart() { ++epoch; }

    std::string_view name() const override { return "fake"; }
    std::string displayUrl() const override { return "fake://"; }
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override {
        if (failConnect && fullThenSilent) {
            if (failedConnects++ == 0) {
                Error e{"connect to fake:// failed: FATAL: sorry, too many clients already"};
                e.connectClass = ConnectErrorClass::ServerFull;
                return e;
            }
            std::this_thread::sleep_until(deadline);
            Error e{"connect to fake:// failed: no answer (deadline reached)"};
            e.connectClass = ConnectErrorClass::Unreachable;
            return e;
        }
        if (failConnect) return Error{"connect to fake:// failed: connection refused"};
        const int n = ++connects;
        return std::unique_ptr<Connection>(std::make_unique<FakeConnection>(*this, n));
    }

private:
    class FakeConnection : public Connection {
    public:
        FakeConnection(FakeDriver& d, int id) : d_(d), id_(id), epoch_(d.epoch.load()) {}
        ~FakeConnection() override { ++d_.closed; }
        Status validate(Deadline) override {
            ++d_.validations;
            if (d_.failValidate || epoch_ != d_.epoch) return Status::fail("server closed the connection unexpectedly", true);
            return Status::ok();
        }
        Result<QueryResult> execute(std::string_view, Deadline) override {
            if (d_.failQueryFatal || epoch_ != d_.epoch) return Error{"server closed the connection unexpectedly", true};
            return QueryResult{1};
        }
        int64_t serverId() const override { return 1000 + id_; }

    private:
        FakeDriver& d_;
        int id_;
        int epoch_;
    };
};

}  // namespace poolscope::test
