// Exporter: the HTTP handlers.
#include <httplib.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <optional>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exporter/BoundedTaskQueue.h"
#include "core/exporter/EventStream.h"
#include "core/exporter/Exporter.h"
#include "core/exporter/PoolActions.h"
#include "core/exporter/PoolFeed.h"
#include "core/pool/Pool.h"
#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/PrometheusText.h"

namespace poolscope {
namespace {

constexpr const char* kJson = "application/json";

void replyError(httplib::Response& res, int status, std::string_view message) {
    res.status = status;
    res.set_content(errorJson(message), kJson);
}

void unauthorized(httplib::Response& res) {
    res.set_header("WWW-Authenticate", "Bearer");
    replyError(res, 401, "missing or wrong token: send the header \"Authorization: Bearer <token>\"");
}

std::optional<uint64_t> parseSeq(const std::string& text) {
    uint64_t v = 0;
    const char* end = text.data() + text.size();
    auto r = std::from_chars(text.data(), end, v);
    if (text.empty() || r.ec != std::errc() || r.ptr != end) return std::nullopt;
    return v;
}

/// A pool name made safe for a download's file name.
std::string fileSafe(const std::string& name) {
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out.empty() ? "pool" : out;
}

}  // namespace

void Exporter::routes() {
    httplib::Server& svr = *server_;
    svr.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
        if (!BoundedTaskQueue::refusing()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Connection", "close");
        res.set_header("Retry-After", "1");
        replyError(res, 503, "too many clients: the exporter serves at most max_clients connections at once; retry later");
        return httplib::Server::HandlerResponse::Handled;
    });
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        replyError(res, res.status,
                   res.status == 404 ? "no such endpoint: " + req.method + " " + req.path
                                     : "request refused (HTTP " + std::to_string(res.status) + ")");
        return httplib::Server::HandlerResponse::Handled;
    }));
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what += std::string(": ") + e.what();
        } catch (...) {
            what += ": unknown exception";
        }
        replyError(res, 500, what);
    });
    svr.Get("/metrics", [this](const auto& req, auto& res) { getMetrics(req, res); });
    svr.Get("/api/v1/pools", [this](const auto& req, auto& res) { getPools(req, res); });
    svr.Get(R"(/api/v1/pools/([^/]+)/snapshot)", [this](const auto& req, auto& res) { getSnapshot(req, res); });
    svr.Get(R"(/api/v1/pools/([^/]+)/events)", [this](const auto& req, auto& res) { getEvents(req, res); });
    svr.Get(R"(/api/v1/pools/([^/]+)/recording)", [this](const auto& req, auto& res) { getRecording(req, res); });
    svr.Post(R"(/api/v1/pools/([^/]+)/([a-z]+))", [this](const auto& req, auto& res) { postAction(req, res); });
}

void Exporter::getMetrics(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, false)) return unauthorized(res);
    std::vector<PoolFeed::Latest> latest;
    for (const auto& f : feeds()) {
        auto l = f->latest();
        if (l.snapshot) latest.push_back(std::move(l));
    }
    std::vector<PrometheusPool> pools;
    pools.reserve(latest.size());
    for (const auto& l : latest) pools.push_back({l.snapshot.get(), l.health.get()});
    res.set_content(prometheusText(pools), std::string(kPrometheusContentType));
}

void Exporter::getPools(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, false)) return unauthorized(res);
    JsonWriter w;
    w.beginObject().key("pools").beginArray();
    for (const auto& f : feeds()) {
        const auto l = f->latest();
        w.beginObject().key("name").value(f->name());
        if (l.snapshot) {
            w.key("driver").value(l.snapshot->driver);
            w.key("lifecycle").value(toString(l.snapshot->lifecycle));
            w.key("source").value(l.snapshot->source);
            w.key("t_ms").value(l.snapshot->tMs);
        } else {
            w.key("driver").null().key("lifecycle").null().key("source").null().key("t_ms").null();
        }
        w.key("controls").value(f->hasControls());
        w.endObject();
    }
    w.endArray().endObject();
    res.set_content(w.take(), kJson);
}

void Exporter::getSnapshot(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, false)) return unauthorized(res);
    const std::string name = req.matches[1];
    auto f = feed(name);
    if (!f) return replyError(res, 404, "no pool named \"" + name + "\"");
    const auto l = f->latest();
    if (!l.line) return replyError(res, 404, "pool \"" + name + "\" has not published a snapshot yet");
    res.set_content(*l.line + "\n", kJson);
}

void Exporter::getEvents(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, true)) return unauthorized(res);
    const std::string name = req.matches[1];
    auto f = feed(name);
    if (!f) return replyError(res, 404, "no pool named \"" + name + "\"");
    std::optional<uint64_t> resume;
    std::string from = req.get_header_value("Last-Event-ID");
    if (from.empty() && req.has_param("from")) from = req.get_param_value("from");
    if (!from.empty()) {
        resume = parseSeq(from);
        if (!resume) return replyError(res, 400, "bad resume point \"" + from + "\": expected the seq of the last event received (an unsigned integer)");
    }
    // Each stream holds a worker thread: keep one free for everything else.
    const int maxStreams = std::max(1, options_.threads - 1);
    if (streams_.fetch_add(1) >= maxStreams) {
        streams_.fetch_sub(1);
        res.set_header("Retry-After", "1");
        return replyError(res, 503, "too many event streams: at most " + std::to_string(maxStreams) +
                                        " (one less than the exporter's threads); retry later");
    }
    auto stream = std::make_shared<EventStream>(f, resume, std::chrono::milliseconds(options_.sseKeepAliveMs), stopping_);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [stream](size_t, httplib::DataSink& sink) {
            const auto step = stream->step([&sink](std::string_view s) { return sink.write(s.data(), s.size()); });
            if (step == EventStream::Step::Done) sink.done();
            return step != EventStream::Step::ClientGone;
        },
        [this](bool) { streams_.fetch_sub(1); });
}

void Exporter::getRecording(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, true)) return unauthorized(res);
    const std::string name = req.matches[1];
    auto f = feed(name);
    if (!f) return replyError(res, 404, "no pool named \"" + name + "\"");
    int64_t lastMs = 0;  // everything kept
    if (req.has_param("minutes")) {
        const std::string m = req.get_param_value("minutes");
        const auto v = parseSeq(m);
        if (!v || *v < 1 || *v > static_cast<uint64_t>(options_.flightRecorderMinutes))
            return replyError(res, 400, "minutes=" + m + ": expected 1.." + std::to_string(options_.flightRecorderMinutes) +
                                            " (the flight recorder keeps that many minutes)");
        lastMs = static_cast<int64_t>(*v) * 60'000;
    }
    namespace fs = std::filesystem;
    const fs::path path = fs::temp_directory_path() /
                          ("poolscope-exporter-" + std::to_string(::getpid()) + "-" +
                           std::to_string(recordingSeq_.fetch_add(1)) + ".psrec");
    const Status saved = f->saveRecording(path.string(), lastMs);
    std::string bytes;
    if (saved) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        bytes = text.str();
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
    if (!saved) return replyError(res, 500, "saving the flight recorder failed: " + saved.message());
    if (bytes.empty()) return replyError(res, 500, "saving the flight recorder failed: the temporary file could not be read back");
    res.set_header("Content-Disposition", "attachment; filename=\"" + fileSafe(name) + ".psrec\"");
    res.set_content(std::move(bytes), "application/octet-stream");
}

void Exporter::postAction(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, true)) return unauthorized(res);
    const std::string name = req.matches[1];
    const std::string action = req.matches[2];
    if (!isPoolAction(action)) return replyError(res, 404, "unknown action \"" + action + "\": use suspend, resume, evict or reconfigure");
    auto f = feed(name);
    if (!f) return replyError(res, 404, "no pool named \"" + name + "\"");
    ActionReply reply{409, {}};
    const Status s = f->withControls([&](Pool& pool) {
        reply = runPoolAction(pool, action, req.body);
        return Status::ok();
    });
    if (!s) return replyError(res, 409, s.message());
    res.status = reply.status;
    res.set_content(reply.body, kJson);
}

}  // namespace poolscope
