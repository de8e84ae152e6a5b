#pragma once
// One HTTP(S) endpoint that a remote session reads: the URL's scheme, host,
// port and path prefix, its credentials (bearer token, basic auth from the
// URL's user info), a custom CA, timeouts and a cap on reply sizes. Errors
// name the URL (masked) and say what was wrong.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/Result.h"

namespace httplib {
class Client;
}

namespace poolscope {

/// How to reach an endpoint.
struct HttpSettings {
    std::string url;          ///< http(s)://[user:pass@]host:port[/prefix][?...]; may hold a password
    std::string token;        ///< bearer token; empty: none (never logged)
    std::string caFile;       ///< PEM file of the CA that signed the server's certificate; empty: system CAs
    int connectTimeoutMs = 2'000;
    int readTimeoutMs = 5'000;
    size_t maxReplyBytes = 16u << 20;  ///< a longer reply is refused (and the connection dropped)
};

/// An HTTP reply that arrived whole.
struct HttpReply {
    int status = 0;
    std::string body;
    std::string contentType;
};

/// One client of one endpoint. Not thread-safe: give each thread its own
/// (they are cheap). stop() may be called from any thread and makes a
/// request in progress return at once.
class HttpFetcher {
public:
    /// Checks the URL (scheme http or https, a host). The error says what is
    /// wrong with it.
    static Result<std::unique_ptr<HttpFetcher>> open(const HttpSettings& settings);
    ~HttpFetcher();

    /// The URL with any password masked, without the query.
    const std::string& shownUrl() const { return shown_; }
    /// The path prefix of the URL ("" or "/prefix"), to put before API paths.
    const std::string& prefix() const { return prefix_; }

    /// GET prefix + `path` (which starts with '/'); the reply of any status.
    /// Fails when nothing answered (connection refused, timeout, TLS) or the
    /// reply is longer than maxReplyBytes.
    Result<HttpReply> get(std::string_view path);
    /// POST prefix + `path` with a JSON body.
    Result<HttpReply> postJson(std::string_view path, const std::string& body);
    /// GET prefix + `path` as a stream: `onData` gets each piece as it
    /// arrives and returns false to stop; `extraHeaders` (name, value) pairs
    /// are sent too. Returns the status, or an error when the connection
    /// failed or dropped (a stream normally ends that way).
    Result<int> stream(std::string_view path, const std::vector<std::pair<std::string, std::string>>& extraHeaders,
                       const std::function<bool(std::string_view)>& onData);
    /// Aborts a request in progress (from any thread).
    void stop();

    /// "GET http://h:1/api/v1/pools: HTTP 404 (not found)"-style text for a
    /// reply that is not 200, with the server's own message when it sent one.
    std::string describeStatus(std::string_view path, const HttpReply& reply) const;

private:
    HttpFetcher() = default;
    std::string failure(std::string_view method, std::string_view path, const std::string& what) const;

    HttpSettings settings_;
    std::string base_;    // scheme://host:port
    std::string prefix_;
    std::string shown_;
    std::unique_ptr<httplib::Client> client_;
};

}  // namespace poolscope
