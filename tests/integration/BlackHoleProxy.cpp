#include "tests/integration/BlackHoleProxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace poolscope::test {

namespace {

int connectTo(const std::string& host, int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &a.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Copies what is readable on `from` to `to`. False when either side closed.
bool pump(int from, int to) {
    char buf[16384];
    ssize_t n = ::recv(from, buf, sizeof buf, 0);
    if (n <= 0) return false;
    for (ssize_t off = 0; off < n;) {
        ssize_t w = ::send(to, buf + off, static_cast<size_t>(n - off), MSG_NOSIGNAL);
        if (w <= 0) return false;
        off += w;
    }
    return true;
}

}  // namespace

BlackHoleProxy::BlackHoleProxy(std::string targetHost, int targetPort, bool frozen)
    : host_(std::move(targetHost)), targetPort_(targetPort), frozen_(frozen) {
    listenFd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listenFd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listenFd_, 64) != 0 ||
        ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&a), &len) != 0 ||
        ::pipe2(wakePipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
        return;
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
}

BlackHoleProxy::~BlackHoleProxy() {
    stop_.store(true);
    wake();
    if (thread_.joinable()) thread_.join();
    for (auto [c, s] : pairs_) {
        ::close(c);
        if (s >= 0) ::close(s);
    }
    for (int fd : {listenFd_, wakePipe_[0], wakePipe_[1]}) {
        if (fd >= 0) ::close(fd);
    }
}

void BlackHoleProxy::freeze() {
    frozen_.store(true);
    wake();
}

void BlackHoleProxy::thaw() {
    frozen_.store(false);
    wake();
}

void BlackHoleProxy::wake() {
    if (wakePipe_[1] >= 0) (void)!::write(wakePipe_[1], "x", 1);
}

void BlackHoleProxy::run() {
    while (!stop_.load()) {
        const bool frozen = frozen_.load();
        std::vector<pollfd> fds{{listenFd_, POLLIN, 0}, {wakePipe_[0], POLLIN, 0}};
        std::vector<size_t> owner;  // fds[2 + 2k], fds[3 + 2k] belong to pairs_[owner[k]]
        if (!frozen) {
            for (size_t k = 0; k < pairs_.size(); ++k) {
                if (pairs_[k].second < 0) continue;
                owner.push_back(k);
                fds.push_back({pairs_[k].first, POLLIN, 0});
                fds.push_back({pairs_[k].second, POLLIN, 0});
            }
        }
        if (::poll(fds.data(), fds.size(), 1000) <= 0) continue;
        if (fds[1].revents) {
            char b[64];
            while (::read(wakePipe_[0], b, sizeof b) > 0) {
            }
        }
        if (fds[0].revents & POLLIN) {
            int c = ::accept(listenFd_, nullptr, nullptr);
            if (c >= 0) {
                accepted_.fetch_add(1);
                // Frozen at accept: the server is never contacted. Read the
                // flag again: thaw() may have run since the top of the loop.
                const bool frozenNow = frozen_.load();
                int s = frozenNow ? -1 : connectTo(host_, targetPort_);
                if (!frozenNow && s < 0) {
                    ::close(c);
                } else {
                    pairs_.emplace_back(c, s);
                }
            }
        }
        if (frozen) continue;
        std::vector<bool> dead(pairs_.size(), false);
        for (size_t k = 0; k < owner.size(); ++k) {
            const pollfd& pc = fds[2 + 2 * k];
            const pollfd& ps = fds[3 + 2 * k];
            bool ok = true;
            if (pc.revents) ok = pump(pc.fd, ps.fd);
            if (ok && ps.revents) ok = pump(ps.fd, pc.fd);
            if (!ok) dead[owner[k]] = true;
        }
        for (size_t k = pairs_.size(); k-- > 0;) {
            if (!dead[k]) continue;
            ::close(pairs_[k].first);
            ::close(pairs_[k].second);
            pairs_.erase(pairs_.begin() + static_cast<long>(k));
        }
    }
}

}  // namespace poolscope::test
