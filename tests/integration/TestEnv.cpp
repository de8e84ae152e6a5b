#include "tests/integration/TestEnv.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

namespace poolscope::test {

std::string requireEnv(const char* name) {
    const char* v = std::getenv(name);
    if (v && *v) return v;
    ADD_FAILURE() << name << " is not set. The integration tests need real servers; start them with\n"
                  << "  env=$(scripts/servers/start-servers.sh) && set -a && . \"$env\" && set +a\n"
                  << "then run  ctest -L integration  and finally  scripts/servers/stop-servers.sh "
                     "\"$env\"";
    return {};
}

std::string withParam(std::string url, std::string_view key, std::string_view value) {
    url += url.find('?') == std::string::npos ? '?' : '&';
    url.append(key).append("=").append(value);
    return url;
}

int urlPort(std::string_view url) {
    auto at = url.rfind('@');
    auto hostStart = at == std::string_view::npos ? url.find("://") + 3 : at + 1;
    auto slash = url.find('/', hostStart);
    auto hostPort = url.substr(hostStart, slash - hostStart);
    auto colon = hostPort.rfind(':');
    if (colon == std::string_view::npos) return 0;
    return std::atoi(std::string(hostPort.substr(colon + 1)).c_str());
}

std::string urlPassword(std::string_view url) {
    auto start = url.find("://");
    auto at = url.rfind('@');
    if (start == std::string_view::npos || at == std::string_view::npos) return {};
    auto userinfo = url.substr(start + 3, at - start - 3);
    auto colon = userinfo.find(':');
    return colon == std::string_view::npos ? std::string() : std::string(userinfo.substr(colon + 1));
}

int runCommand(const std::string& command, int timeoutS) {
    std::string full = "timeout " + std::to_string(timeoutS) + " sh -c '" + command + "' 1>&2";
    int rc = std::system(full.c_str());
    if (rc == -1) return -1;
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int closedPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
        port = ntohs(a.sin_port);
    }
    ::close(fd);
    return port;
}

}  // namespace poolscope::test
