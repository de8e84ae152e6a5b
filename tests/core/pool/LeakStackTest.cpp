#include "core/pool/StackTrace.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/pool/Housekeeper.h"
#include "core/pool/Pool.h"
#include "tests/core/pool/FakeDriver.h"
#include "tests/core/pool/PoolTestSupport.h"

namespace poolscope::test {
// Where the code below calls, recorded as it runs, so the expected lines
// follow edits to this file.
int checkoutLine = 0;
int createLine = 0;

/// Inlined into OrderService::create(): the report shows it as a frame of its
/// own. External linkage, so debug info holds its full name.
[[gnu::always_inline]] inline Result<Lease> checkout(Pool& pool) {
    checkoutLine = __LINE__ + 1;
    return pool.acquire("OrderService.create");
}
}  // namespace poolscope::test

namespace poolscope {
namespace {

using test::checkout;
using test::checkoutLine;
using test::createLine;

/// Application code that takes a connection and never gives it back. Internal
/// linkage on purpose: debug info names it, the dynamic symbol table could not.
struct OrderService {
    [[gnu::noinline]] static Result<Lease> create(Pool& pool) {
        createLine = __LINE__ + 1;
        auto lease = checkout(pool);
        asm volatile("" ::: "memory");  // keeps this frame on the stack (no tail call)
        return lease;
    }
};

std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += "  " + l + "\n";
    return all;
}

class LeakStackTest : public ::testing::Test {
protected:
    std::shared_ptr<test::FakeDriver> driver = std::make_shared<test::FakeDriver>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<Pool> pool;

    /// The one leak report after `OrderService::create()` leaked a connection.
    LeakReport reportLeak() {
        auto c = test::testConfig(4);
        c.leakThresholdMs = 10;
        pool = std::make_unique<Pool>(c, driver, clock);
        EXPECT_TRUE(pool->start().isOk());
        leaked_ = OrderService::create(*pool);
        EXPECT_TRUE(leaked_.isOk());
        clock->advanceMs(11);
        EXPECT_EQ(pool->housekeeper().runOnce().leaksReported, 1);
        const auto reports = pool->snapshot().leakReports;
        return reports.empty() ? LeakReport{} : reports.front();
    }

private:
    Result<Lease> leaked_ = Result<Lease>(Error{});
};

TEST_F(LeakStackTest, NamesFunctionFileAndLineInnermostFirst) {
    const LeakReport r = reportLeak();
    RecordProperty("stack", joined(r.stack));  // in --gtest_output=xml, for reading
    ASSERT_GE(r.stack.size(), 2u) << joined(r.stack);
    const std::string file = " at tests/core/pool/LeakStackTest.cpp:";
    // PoolScope's own acquire frames are left out: the leaking code comes first,
    // the inlined helper before the function it was inlined into.
    EXPECT_TRUE(r.stack[0].starts_with("poolscope::test::checkout(poolscope::Pool&)"))
        << joined(r.stack);
    EXPECT_TRUE(r.stack[0].ends_with(file + std::to_string(checkoutLine))) << joined(r.stack);
    EXPECT_TRUE(r.stack[1].starts_with("poolscope::(anonymous namespace)::OrderService::create(poolscope::Pool&)"))
        << joined(r.stack);
    EXPECT_TRUE(r.stack[1].ends_with(file + std::to_string(createLine))) << joined(r.stack);
    bool seesTestBody = false;
    for (const auto& f : r.stack) seesTestBody |= f.find("NamesFunctionFileAndLineInnermostFirst") != std::string::npos;
    EXPECT_TRUE(seesTestBody) << "callers further out are named too:\n" << joined(r.stack);
}

TEST_F(LeakStackTest, ResolvesTheSameOnManyThreads) {
    void* frames[16];
    const int n = StackTrace::capture(frames, 16, 0);
    ASSERT_GT(n, 0);
    std::vector<std::vector<std::string>> out(4);
    std::vector<std::thread> threads;
    for (auto& o : out) threads.emplace_back([&o, &frames, n] { o = StackTrace::symbolize(frames, n); });
    for (auto& t : threads) t.join();
    ASSERT_FALSE(out[0].empty());
    for (const auto& o : out) EXPECT_EQ(o, out[0]);
    EXPECT_NE(joined(out[0]).find("LeakStackTest.cpp:"), std::string::npos) << joined(out[0]);
}

TEST_F(LeakStackTest, AnAddressOutsideAnyModuleIsShownAsIs) {
    void* frames[] = {reinterpret_cast<void*>(0x11)};
    const auto lines = StackTrace::symbolize(frames, 1);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "0x10") << "the address inside the call, one byte before the return address";
}

}  // namespace
}  // namespace poolscope
