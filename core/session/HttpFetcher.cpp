#include "core/session/HttpFetcher.h"

#include <httplib.h>

#include "core/drivers/Url.h"
#include "core/telemetry/Json.h"

namespace poolscope {

namespace {

/// The usual reason phrase of the statuses an endpoint answers with.
std::string reasonOf(int status) {
    switch (status) {
        case 400: return "bad request";
        case 401: return "unauthorized";
        case 403: return "forbidden";
        case 404: return "not found";
        case 405: return "method not allowed";
        case 409: return "conflict";
        case 413: return "payload too large";
        case 429: return "too many requests";
        case 500: return "internal server error";
        case 501: return "not implemented";
        case 502: return "bad gateway";
        case 503: return "service unavailable";
        case 504: return "gateway timeout";
        default: return {};
    }
}

/// What went wrong with a request that got no reply, in words a person can
/// act on (cpp-httplib's own names are "Read", "Connection", ...).
std::string whatFailed(httplib::Error e, const HttpSettings& s) {
    switch (e) {
        case httplib::Error::Connection: return "cannot connect (connection refused, or no route to the host)";
        case httplib::Error::ConnectionTimeout:
            return "no connection within " + std::to_string(s.connectTimeoutMs) + " ms";
        case httplib::Error::Read:
            return "no complete reply within the " + std::to_string(s.readTimeoutMs) +
                   " ms read timeout (the service is too slow, or it dropped the connection)";
        case httplib::Error::Write:
            return "the request could not be sent within " + std::to_string(s.readTimeoutMs) +
                   " ms, or the connection dropped";
        case httplib::Error::SSLConnection: return "the TLS handshake failed (is it an https:// service?)";
        case httplib::Error::SSLLoadingCerts: return "the CA certificates could not be loaded";
        case httplib::Error::SSLServerVerification:
            return "the server's certificate is not trusted (give the CA that signed it with --tls-ca)";
        case httplib::Error::Canceled: return "canceled";
        default: return httplib::to_string(e);
    }
}

}  // namespace

Result<std::unique_ptr<HttpFetcher>> HttpFetcher::open(const HttpSettings& settings) {
    auto url = Url::parse(settings.url);
    if (!url) return url.error();
    if (url->scheme() != "http" && url->scheme() != "https")
        return Error{"URL '" + url->masked() + "' is not an http:// or https:// URL"};
    if (url->host().empty()) return Error{"URL '" + url->masked() + "' has no host"};
    std::unique_ptr<HttpFetcher> f(new HttpFetcher);
    f->settings_ = settings;
    const bool v6 = url->host().find(':') != std::string::npos;
    const std::string host = v6 ? "[" + url->host() + "]" : url->host();
    const int port = url->port() ? url->port() : (url->scheme() == "https" ? 443 : 80);
    f->base_ = url->scheme() + "://" + host + ":" + std::to_string(port);
    f->prefix_ = url->path();
    while (!f->prefix_.empty() && f->prefix_.back() == '/') f->prefix_.pop_back();
    f->shown_ = url->scheme() + "://" + host + ":" + std::to_string(port) + f->prefix_;
    f->client_ = std::make_unique<httplib::Client>(f->base_);
    httplib::Client& c = *f->client_;
    c.set_connection_timeout(std::chrono::milliseconds(settings.connectTimeoutMs));
    c.set_read_timeout(std::chrono::milliseconds(settings.readTimeoutMs));
    c.set_write_timeout(std::chrono::milliseconds(settings.readTimeoutMs));
    c.set_keep_alive(true);
    if (!settings.token.empty()) {
        c.set_bearer_token_auth(settings.token);
    } else if (!url->user().empty()) {
        c.set_basic_auth(url->user(), url->password());
    }
    if (url->scheme() == "https") {
        c.enable_server_certificate_verification(true);
        if (!settings.caFile.empty()) c.set_ca_cert_path(settings.caFile);
    }
    return f;
}

HttpFetcher::~HttpFetcher() = default;

std::string HttpFetcher::failure(std::string_view method, std::string_view path, const std::string& what) const {
    return std::string(method) + " " + shown_ + std::string(path) + ": " + what;
}

Result<HttpReply> HttpFetcher::get(std::string_view path) {
    HttpReply reply;
    bool tooLong = false;
    const size_t cap = settings_.maxReplyBytes;
    auto r = client_->Get(
        prefix_ + std::string(path), httplib::Headers{},
        [&](const httplib::Response& response) {
            reply.status = response.status;
            reply.contentType = response.get_header_value("Content-Type");
            return true;
        },
        [&](const char* data, size_t length) {
            if (reply.body.size() + length > cap) {
                tooLong = true;
                return false;
            }
            reply.body.append(data, length);
            return true;
        });
    if (tooLong)
        return Error{failure("GET", path, "the reply is longer than " + std::to_string(cap >> 20) +
                                              " MiB; refused (is this the right URL?)")};
    if (!r) return Error{failure("GET", path, whatFailed(r.error(), settings_))};
    reply.status = r->status;
    return reply;
}

Result<HttpReply> HttpFetcher::postJson(std::string_view path, const std::string& body) {
    auto r = client_->Post(prefix_ + std::string(path), body, "application/json");
    if (!r) return Error{failure("POST", path, whatFailed(r.error(), settings_))};
    if (r->body.size() > settings_.maxReplyBytes)
        return Error{failure("POST", path, "the reply is too long")};
    return HttpReply{r->status, r->body, r->get_header_value("Content-Type")};
}

Result<int> HttpFetcher::stream(std::string_view path,
                                const std::vector<std::pair<std::string, std::string>>& extraHeaders,
                                const std::function<bool(std::string_view)>& onData) {
    httplib::Headers headers;
    for (const auto& [k, v] : extraHeaders) headers.emplace(k, v);
    int status = 0;
    auto r = client_->Get(
        prefix_ + std::string(path), headers,
        [&](const httplib::Response& response) {
            status = response.status;
            return true;
        },
        [&](const char* data, size_t length) { return onData(std::string_view(data, length)); });
    if (!r) {
        if (r.error() == httplib::Error::Canceled) return status;
        return Error{failure("GET", path, whatFailed(r.error(), settings_))};
    }
    return r->status;
}

void HttpFetcher::stop() { client_->stop(); }

std::string HttpFetcher::describeStatus(std::string_view path, const HttpReply& reply) const {
    std::string what = "HTTP " + std::to_string(reply.status);
    if (const std::string reason = reasonOf(reply.status); !reason.empty()) what += " (" + reason + ")";
    // The exporter's errors are {"error":"..."}: show the server's own words.
    if (auto json = Json::parse(reply.body); json && json->isObject()) {
        if (auto e = (*json)["error"].asString()) what += ": " + std::string(*e);
    }
    return failure("GET", path, what);
}

}  // namespace poolscope
