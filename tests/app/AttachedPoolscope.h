#pragma once
// `poolscope --headless --attach URL` run in the background (AttachedPoolscope),
// and its snapshot lines read back as JSON while it runs (SnapshotLine): what
// a user's script sees.

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/telemetry/Json.h"
#include "tests/app/ChildProcess.h"

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

namespace poolscope::testrun {

using Clock = std::chrono::steady_clock;

/// One snapshot line, parsed.
struct SnapshotLine {
    Json json;
    int64_t tMs = 0;
    std::string pool;

    /// line[section][key] as an integer; nullopt when null (not reported).
    std::optional<int64_t> integer(std::string_view section, std::string_view key) const {
        return json[section][key].asInt64();
    }
    std::optional<double> number(std::string_view section, std::string_view key) const {
        const Json& v = json[section][key];
        return v.isNumber() ? v.asDouble() : std::nullopt;
    }
    /// True when an alert of `rule` is firing in this line.
    bool firing(std::string_view rule) const {
        for (const Json& a : json["alerts"].items())
            if (a["rule"].asString() == rule && a["state"].asString() == "firing") return true;
        return false;
    }
    bool ruleOff(std::string_view rule) const {
        for (const Json& r : json["rules_off"].items())
            if (r["rule"].asString() == rule) return true;
        return false;
    }
    std::string derivation() const {
        auto d = json["wait_derivation"].asString();
        return d ? std::string(*d) : std::string();
    }
};

/// Checks that exactly the figures in `reported` ("counts.open", "totals.acquired",
/// "wait_ms_window.max", "transitions", ...) are numbers (or values) in `line`
/// and every other figure is null, never a zero standing in for "unknown".
/// The wait percentiles count as reported when the line says how they were derived.
inline void expectReportedExactly(const SnapshotLine& line, std::set<std::string> reported) {
    if (!line.derivation().empty())
        reported.insert({"wait_ms_window.p50", "wait_ms_window.p95", "wait_ms_window.p99"});
    for (const char* section : {"config", "counts", "totals", "wait_ms_window"}) {
        ASSERT_TRUE(line.json[section].isObject()) << section;
        for (const auto& [key, value] : line.json[section].members()) {
            const std::string path = std::string(section) + "." + key;
            if (reported.count(path))
                EXPECT_FALSE(value.isNull()) << path << " is reported by the source, yet null (pool " << line.pool
                                             << ")";
            else
                EXPECT_TRUE(value.isNull()) << path << " is not reported by the source, so it must be null, not "
                                            << value.numberText() << " (pool " << line.pool << ")";
        }
    }
    for (const char* key : {"lifecycle", "transitions", "connections", "leak_reports"}) {
        if (reported.count(key)) EXPECT_FALSE(line.json[key].isNull()) << key;
        else EXPECT_TRUE(line.json[key].isNull()) << key << " is not reported by the source, so it must be null";
    }
}

class AttachedPoolscope {
public:
    explicit AttachedPoolscope(std::string name) : proc_(std::move(name)) {}

    /// Starts `poolscope --headless --attach url --duration 0 --interval ms` + `extra`.
    bool start(const std::string& url, int intervalMs, std::vector<std::string> extra = {}) {
        std::vector<std::string> argv{POOLSCOPE_BIN, "--headless", "--attach", url, "--duration", "0",
                                      "--interval", std::to_string(intervalMs)};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return proc_.start(argv);
    }

    /// The snapshot lines printed so far (of `pool` when not empty).
    std::vector<SnapshotLine> lines(const std::string& pool = {}) const {
        std::vector<SnapshotLine> out;
        for (const std::string& text : proc_.stdoutLines()) {
            auto j = Json::parse(text);
            if (!j) {
                ADD_FAILURE() << "not a JSON line: " << text << ": " << j.message();
                continue;
            }
            if (j->operator[]("kind").asString() != "snapshot") continue;
            SnapshotLine l{*j, j->operator[]("t_ms").asInt64().value_or(0),
                           std::string(j->operator[]("pool").asString().value_or(""))};
            if (pool.empty() || l.pool == pool) out.push_back(std::move(l));
        }
        return out;
    }

    /// Waits until `done(lines(pool))` holds, up to `seconds` (generous: CI is
    /// loaded). False when it never did or poolscope ended.
    template <class F>
    bool waitFor(const std::string& pool, F done, double seconds = 30) {
        const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
        while (Clock::now() < end) {
            if (done(lines(pool))) return true;
            if (!proc_.running()) {
                ADD_FAILURE() << "poolscope ended early; stderr:\n" << proc_.stderrText();
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    /// Waits until stderr holds `text` at or after byte `from`.
    bool waitForMessage(const std::string& text, double seconds = 30, size_t from = 0) {
        const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
        while (Clock::now() < end) {
            if (proc_.stderrText().find(text, from) != std::string::npos) return true;
            if (!proc_.running()) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

    ChildProcess& process() { return proc_; }
    std::string stderrText() const { return proc_.stderrText(); }

private:
    ChildProcess proc_;
};

}  // namespace poolscope::testrun
