// A served pool (`poolscope --headless --serve`, the real binary) attached to
// from this process (RemoteSession) and from a second real binary
// (`--attach`): the same figures, events in order, faults as the README says.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "core/session/HttpFetcher.h"
#include "core/session/RemoteSession.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "tests/app/RunPoolscope.h"
#include "tests/app/ServedProcess.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testrun::ServedProcess;

const fs::path kErrFile = fs::path(testing::TempDir()) / "poolscope-attach-stderr.txt";

/// Polls `session` until `done` says so or `seconds` pass (generous: CI is loaded).
template <class F>
bool pollUntil(RemoteSession& session, PollResult& all, F done, double seconds = 30) {
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < end) {
        PollResult r;
        session.poll(r);
        for (auto& s : r.snapshots) all.snapshots.push_back(std::move(s));
        for (auto& e : r.events) all.events.push_back(std::move(e));
        for (auto& m : r.markers) all.markers.push_back(std::move(m));
        for (auto& n : r.notices) all.notices.push_back(std::move(n));
        if (r.health) all.health = r.health;
        if (done(all)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

RemoteSpec specFor(int port, int intervalMs = 200) {
    RemoteSpec s;
    s.http.url = "http://127.0.0.1:" + std::to_string(port);
    s.intervalMs = intervalMs;
    return s;
}

std::vector<uint64_t> seqs(const PollResult& r) {
    std::vector<uint64_t> out;
    for (const auto& b : r.events)
        for (const auto& e : b.events) out.push_back(e.seq);
    return out;
}

TEST(AttachTest, AttachedSnapshotsEqualTheServedOnesAndEventsArriveInOrder) {
    ServedProcess served("attach-equal");
    const int port = served.start({"--connect", "sim://?query_ms=1", "--duration", "0", "--interval", "200",
                                   "--serve", "127.0.0.1:0"});
    ASSERT_GT(port, 0);
    RemoteSession session(specFor(port));
    const StartResult started = session.start();
    ASSERT_TRUE(started) << started.status.message();
    ASSERT_EQ(session.pools(), std::vector<std::string>{"default"});
    PollResult all;
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) {
        return r.snapshots.size() >= 10 && seqs(r).size() >= 500;
    })) << "snapshots " << all.snapshots.size() << ", events " << seqs(all).size();
    session.stop();
    ASSERT_EQ(served.kill(SIGTERM), 0) << served.stderrText();

    // Events in order with no gap, and none counted as dropped.
    const auto s = seqs(all);
    for (size_t i = 1; i < s.size(); ++i) ASSERT_EQ(s[i], s[i - 1] + 1) << "at " << i;
    EXPECT_EQ(all.snapshots.back().totals.eventsDropped, 0u);

    // Every attached snapshot is one the served process printed: same time,
    // counts, totals and transitions.
    std::map<int64_t, PoolSnapshot> printed;
    for (const std::string& line : served.stdoutLines()) {
        if (line.find("\"kind\":\"snapshot\"") == std::string::npos) continue;
        auto p = SnapshotLineParser::parse(line);
        ASSERT_TRUE(p) << p.message();
        printed[p->tMs] = *p;
    }
    int matched = 0;
    for (const PoolSnapshot& a : all.snapshots) {
        EXPECT_EQ(a.source, "http://127.0.0.1:" + std::to_string(port));
        auto it = printed.find(a.tMs);
        if (it == printed.end()) continue;  // published after the last line was read
        ++matched;
        EXPECT_EQ(a.counts, it->second.counts);
        EXPECT_EQ(a.totals, it->second.totals);
        EXPECT_EQ(a.transitions, it->second.transitions);
    }
    EXPECT_GE(matched, 8) << "of " << all.snapshots.size();
}

TEST(AttachTest, AHeadlessAttachPrintsTheServedLines) {
    ServedProcess served("attach-headless");
    const int port = served.start({"--connect", "sim://alice:s3cret@db?query_ms=1", "--duration", "0",
                                   "--interval", "250", "--serve", "127.0.0.1:0"});
    ASSERT_GT(port, 0);
    const auto r = testrun::runPoolscope("--headless --attach http://127.0.0.1:" + std::to_string(port) +
                                             " --duration 2 --interval 250",
                                         kErrFile);
    ASSERT_EQ(served.kill(SIGTERM), 0);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::map<int64_t, std::string> printed;
    for (const std::string& line : served.stdoutLines()) {
        auto p = SnapshotLineParser::parse(line);
        if (p) printed[p->tMs] = line;
    }
    int matched = 0, snapshots = 0;
    for (const std::string& line : r.lines) {
        auto a = SnapshotLineParser::parse(line);
        if (!a) continue;
        ++snapshots;
        auto it = printed.find(a->tMs);
        if (it == printed.end()) continue;
        ++matched;
        auto s = SnapshotLineParser::parse(it->second);
        EXPECT_EQ(a->totals, s->totals);
        EXPECT_EQ(a->counts, s->counts);
    }
    EXPECT_GE(snapshots, 5);
    EXPECT_GE(matched, snapshots - 1);
    for (const std::string& text : {r.out, r.err, served.stdoutText(), served.stderrText()})
        EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
}

TEST(AttachTest, AStoppedEndpointGoesStaleThenResumesWithTotalsThatNeverGoBack) {
    ServedProcess served("attach-restart");
    const std::vector<std::string> args{"--connect", "sim://?query_ms=1", "--duration", "0", "--interval", "200",
                                        "--serve"};
    auto withAddress = [&](const std::string& a) {
        auto v = args;
        v.push_back(a);
        return v;
    };
    const int port = served.start(withAddress("127.0.0.1:0"));
    ASSERT_GT(port, 0);
    RemoteSession session(specFor(port, 200));
    ASSERT_TRUE(session.start());
    PollResult all;
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) { return r.snapshots.size() >= 5; }));
    const uint64_t before = all.snapshots.back().totals.acquired;
    ASSERT_GT(before, 0u);

    served.kill(SIGKILL);
    const auto killed = Clock::now();
    ASSERT_TRUE(pollUntil(session, all, [](const PollResult& r) {
        return r.health && r.health->state == SourceHealth::State::Stale;
    })) << "never shown stale";
    // Within two intervals of the last data, give or take a loaded machine.
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - killed).count(), 5.0);
    EXPECT_FALSE(all.health->message.empty());
    const size_t staleAt = all.snapshots.size();

    ASSERT_EQ(served.start(withAddress("127.0.0.1:" + std::to_string(port))), port);
    ASSERT_TRUE(pollUntil(session, all, [&](const PollResult& r) {
        return r.health && r.health->state == SourceHealth::State::Live && r.snapshots.size() > staleAt + 3 &&
               !r.markers.empty();
    }, 60)) << "no reconnect: " << (all.health ? all.health->message : "");
    session.stop();
    served.kill(SIGTERM);
    // The restart is a marker, and no total ever went backwards.
    EXPECT_NE(all.markers.front().text.find("restarted"), std::string::npos);
    for (size_t i = 1; i < all.snapshots.size(); ++i) {
        EXPECT_GE(all.snapshots[i].totals.acquired, all.snapshots[i - 1].totals.acquired) << i;
        EXPECT_GE(all.snapshots[i].totals.created, all.snapshots[i - 1].totals.created) << i;
        for (size_t e = 0; e < kConnEdgeCount; ++e)
            EXPECT_GE(all.snapshots[i].transitions[e], all.snapshots[i - 1].transitions[e]) << i;
    }
    EXPECT_GT(all.snapshots.back().totals.acquired, before);
}

TEST(AttachTest, ActionsNeedTheRightTokenAndAWrongOneChangesNothing) {
    const fs::path tokenFile = fs::path(testing::TempDir()) / "attach-token.txt";
    std::ofstream(tokenFile) << "right-token-123\n";
    ServedProcess served("attach-token");
    const int port = served.start({"--connect", "sim://?query_ms=1", "--duration", "0", "--interval", "200",
                                   "--serve", "127.0.0.1:0", "--token-file", tokenFile.string()});
    ASSERT_GT(port, 0);

    RemoteSpec wrong = specFor(port);
    wrong.http.token = "wrong-token";
    {
        auto http = HttpFetcher::open(wrong.http);
        ASSERT_TRUE(http);
        auto reply = (*http)->postJson("/api/v1/pools/default/suspend", "{}");
        ASSERT_TRUE(reply) << reply.message();
        EXPECT_EQ(reply->status, 401);
    }
    RemoteSession wrongSession(wrong);
    ASSERT_TRUE(wrongSession.start());
    EXPECT_FALSE(wrongSession.lifecycleAction("default", "suspend"));
    PollResult seen;
    ASSERT_TRUE(pollUntil(wrongSession, seen, [](const PollResult& r) { return r.snapshots.size() >= 2; }));
    EXPECT_EQ(seen.snapshots.back().lifecycle, Lifecycle::Started);
    wrongSession.stop();

    // Without a token the session offers no controls and says why.
    RemoteSession readOnly(specFor(port));
    EXPECT_EQ(readOnly.controls(), SnapshotSource::NoControl);
    EXPECT_NE(readOnly.controlsNote().find("token"), std::string::npos);

    RemoteSpec right = specFor(port);
    right.http.token = "right-token-123";
    RemoteSession session(right);
    ASSERT_TRUE(session.start());
    const Status s = session.lifecycleAction("default", "suspend");
    ASSERT_TRUE(s) << s.message();
    PollResult after;
    EXPECT_TRUE(pollUntil(session, after, [](const PollResult& r) {
        return !r.snapshots.empty() && r.snapshots.back().lifecycle == Lifecycle::Suspended;
    }));
    session.stop();
    served.kill(SIGTERM);
    EXPECT_EQ(served.stderrText().find("right-token-123"), std::string::npos);
    EXPECT_EQ(served.stdoutText().find("right-token-123"), std::string::npos);
}

TEST(AttachTest, ServingBeyondLoopbackWithoutATokenIsRefused) {
    const auto r = testrun::runPoolscope(
        "--headless --connect 'sim://?query_ms=1' --duration 1 --serve 0.0.0.0:0", kErrFile);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("token"), std::string::npos) << r.err;
}

TEST(AttachTest, AttachingWhereNothingListensExitsThree) {
    const auto r = testrun::runPoolscope("--headless --attach http://127.0.0.1:1 --duration 1", kErrFile);
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_NE(r.err.find("http://127.0.0.1:1"), std::string::npos) << r.err;
}

TEST(AttachTest, AnEndpointThatIsNotPoolScopeIsABadArgumentNamingTheUrl) {
    ServedProcess served("attach-notpoolscope");
    const int port = served.start({"--connect", "sim://?query_ms=1", "--duration", "0", "--serve", "127.0.0.1:0"});
    ASSERT_GT(port, 0);
    // /metrics is not the pool list: a prefix that leads nowhere.
    const auto r = testrun::runPoolscope(
        "--headless --attach http://127.0.0.1:" + std::to_string(port) + "/nothing --duration 1", kErrFile);
    served.kill(SIGTERM);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("/nothing/api/v1/pools"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace poolscope
