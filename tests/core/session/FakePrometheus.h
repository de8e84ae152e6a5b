#pragma once
// A Prometheus HTTP API as a unit test scripts it: a loopback server holding
// a list of series (labels and values over time) that answers
// /api/v1/query and /api/v1/query_range the way Prometheus does for the
// `{__name__=~"a|b",l="v",...}` selectors PoolScope sends (names from the
// regex alternatives, exact `l="v"` matchers applied, other matchers
// ignored), or with a canned reply the test sets. Counts the queries.

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace poolscope::testrun {

class FakePrometheus {
public:
    struct Series {
        std::map<std::string, std::string> labels;  ///< __name__ included
        /// (seconds, value) points, oldest first; an instant query answers the
        /// newest at or before its time.
        std::vector<std::pair<double, std::string>> points;
    };
    struct Canned {
        int status = 200;
        std::string body;
    };

    FakePrometheus() {
        server_.Get("/api/v1/query", [this](const httplib::Request& req, httplib::Response& res) {
            answer(req, res, false);
        });
        server_.Get("/api/v1/query_range", [this](const httplib::Request& req, httplib::Response& res) {
            answer(req, res, true);
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() before the accept loop runs would leave it running forever.
        while (!server_.is_running()) std::this_thread::yield();
    }
    ~FakePrometheus() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    FakePrometheus(const FakePrometheus&) = delete;
    FakePrometheus& operator=(const FakePrometheus&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& scheme = "prometheus") const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }

    void setSeries(std::vector<Series> s) {
        std::lock_guard lock(mu_);
        series_ = std::move(s);
    }
    /// Every answer from now on is this one (nullopt: answer from the series).
    void setCanned(std::optional<Canned> c) {
        std::lock_guard lock(mu_);
        canned_ = std::move(c);
    }
    /// Warnings added to every successful answer.
    void setWarnings(std::vector<std::string> w) {
        std::lock_guard lock(mu_);
        warnings_ = std::move(w);
    }
    /// Requires this Authorization header (401 with Prometheus' body otherwise).
    void requireAuthorization(std::string value) {
        std::lock_guard lock(mu_);
        authorization_ = std::move(value);
    }

    int instantQueries() const { return instant_; }
    int rangeQueries() const { return range_; }
    std::vector<std::string> queries() const {
        std::lock_guard lock(mu_);
        return queries_;
    }
    std::string lastRangeParams() const {
        std::lock_guard lock(mu_);
        return lastRange_;
    }

    static std::string quoteJson(const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out + "\"";
    }

private:
    static std::string num(double t) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", t);
        return buf;
    }

    /// What a selector asks for: the names of its regex and its exact matchers.
    struct Selector {
        std::set<std::string> names;
        std::vector<std::pair<std::string, std::string>> equal;
    };
    static Selector parse(const std::string& query) {
        Selector sel;
        static const std::regex names(R"re(__name__=~"([^"]*)")re");
        std::smatch m;
        if (std::regex_search(query, m, names)) {
            const std::string list = m[1];
            for (size_t from = 0;;) {
                const size_t bar = list.find('|', from);
                sel.names.insert(list.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
                if (bar == std::string::npos) break;
                from = bar + 1;
            }
        }
        static const std::regex equal(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re");
        for (auto it = std::sregex_iterator(query.begin(), query.end(), equal); it != std::sregex_iterator(); ++it)
            sel.equal.emplace_back((*it)[1], (*it)[2]);
        return sel;
    }
    static bool selected(const Series& s, const Selector& sel) {
        auto name = s.labels.find("__name__");
        if (name == s.labels.end() || !sel.names.contains(name->second)) return false;
        for (const auto& [label, value] : sel.equal) {
            auto l = s.labels.find(label);
            if ((l == s.labels.end() ? std::string() : l->second) != value) return false;
        }
        return true;
    }

    std::string metricJson(const Series& s) const {
        std::string out = "{";
        for (const auto& [k, v] : s.labels) out += (out.size() > 1 ? "," : "") + quoteJson(k) + ":" + quoteJson(v);
        return out + "}";
    }

    void answer(const httplib::Request& req, httplib::Response& res, bool range) {
        std::lock_guard lock(mu_);
        (range ? range_ : instant_)++;
        const std::string query = req.get_param_value("query");
        queries_.push_back(query);
        if (range) lastRange_ = req.get_param_value("start") + " " + req.get_param_value("end") + " " +
                                req.get_param_value("step");
        if (!authorization_.empty() && req.get_header_value("Authorization") != authorization_) {
            res.status = 401;
            res.set_content("Unauthorized\n", "text/plain");
            return;
        }
        if (canned_) {
            res.status = canned_->status;
            res.set_content(canned_->body, "application/json");
            return;
        }
        std::string result;
        const Selector selector = parse(query);
        const double time = req.has_param("time") ? std::stod(req.get_param_value("time")) : 1e12;
        for (const Series& s : series_) {
            if (!selected(s, selector)) continue;
            std::string item;
            if (range) {
                const double start = std::stod(req.get_param_value("start"));
                const double end = std::stod(req.get_param_value("end"));
                const double step = std::stod(req.get_param_value("step"));
                std::string values;
                for (double t = start; t <= end + 1e-9; t += step) {
                    const std::pair<double, std::string>* at = nullptr;
                    for (const auto& p : s.points)
                        if (p.first <= t + 1e-9) at = &p;
                    if (at) values += (values.empty() ? "" : ",") + std::string("[") + num(t) + "," + quoteJson(at->second) + "]";
                }
                if (values.empty()) continue;
                item = "{\"metric\":" + metricJson(s) + ",\"values\":[" + values + "]}";
            } else {
                const std::pair<double, std::string>* at = nullptr;
                for (const auto& p : s.points)
                    if (p.first <= time + 1e-9) at = &p;
                if (!at) continue;
                item = "{\"metric\":" + metricJson(s) + ",\"value\":[" + num(time) + "," + quoteJson(at->second) + "]}";
            }
            result += (result.empty() ? "" : ",") + item;
        }
        std::string warnings;
        for (const auto& w : warnings_) warnings += (warnings.empty() ? "" : ",") + quoteJson(w);
        res.set_content("{\"status\":\"success\",\"data\":{\"resultType\":\"" + std::string(range ? "matrix" : "vector") +
                            "\",\"result\":[" + result + "]}" +
                            (warnings.empty() ? "" : ",\"warnings\":[" + warnings + "]") + "}",
                        "application/json");
    }

    httplib::Server server_;
    std::thread thread_;
    mutable std::mutex mu_;
    std::vector<Series> series_;
    std::optional<Canned> canned_;
    std::vector<std::string> warnings_;
    std::string authorization_;
    std::vector<std::string> queries_;
    std::string lastRange_;
    std::atomic<int> instant_{0}, range_{0};
    int port_ = 0;
};

}  // namespace poolscope::testrun
