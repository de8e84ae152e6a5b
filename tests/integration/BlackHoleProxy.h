#pragma once
// A TCP proxy on 127.0.0.1 that forwards to a server until told to freeze;
// frozen, it keeps every connection open and accepts new ones but moves no
// byte: the "black hole" a dropped route or a hung server looks like.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace poolscope::test {

/// Proxy for one target. Starts listening in the constructor (port()); stops
/// and closes every socket in the destructor. Thread-safe.
class BlackHoleProxy {
public:
    /// Forwards to targetHost:targetPort (IPv4 literal); `frozen` starts it
    /// frozen (connections are accepted, nothing is forwarded).
    BlackHoleProxy(std::string targetHost, int targetPort, bool frozen = false);
    ~BlackHoleProxy();
    BlackHoleProxy(const BlackHoleProxy&) = delete;
    BlackHoleProxy& operator=(const BlackHoleProxy&) = delete;

    /// The listening port on 127.0.0.1 (0 when the proxy could not start).
    int port() const { return port_; }
    /// Stops forwarding on every connection, existing and new.
    void freeze();
    /// Forwards again.
    void thaw();
    /// Connections accepted so far.
    int accepted() const { return accepted_.load(); }

private:
    void run();
    void wake();

    std::string host_;
    int targetPort_;
    int listenFd_ = -1;
    int wakePipe_[2] = {-1, -1};
    int port_ = 0;
    std::atomic<bool> frozen_;
    std::atomic<bool> stop_{false};
    std::atomic<int> accepted_{0};
    std::vector<std::pair<int, int>> pairs_;  // client fd, server fd (-1 when frozen at accept)
    std::thread thread_;
};

}  // namespace poolscope::test
