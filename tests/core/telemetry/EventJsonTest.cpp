#include "core/telemetry/EventJson.h"

#include <gtest/gtest.h>

#include <limits>

namespace poolscope {
namespace {

std::vector<TransitionEvent> sampleEvents() {
    std::vector<TransitionEvent> v;
    TransitionEvent a;
    a.seq = 1;
    a.tMs = 1'700'000'000'123;
    a.monoNs = 987'654'321;
    a.conn = 3;
    a.from = ConnState::Idle;
    a.to = ConnState::Allocating;
    a.reason = Reason::Acquire;
    v.push_back(a);
    TransitionEvent b = a;
    b.seq = std::numeric_limits<uint64_t>::max();  // 64-bit values survive
    b.monoNs = std::numeric_limits<int64_t>::min();
    b.from = ConnState::Returning;
    b.to = ConnState::Returning;
    b.reason = Reason::ConnectFailed;  // a reason with a space
    b.illegal = true;
    v.push_back(b);
    return v;
}

TEST(EventJsonTest, RoundTripsEveryField) {
    const auto events = sampleEvents();
    const std::string line = eventsToJsonLine("orders \"eu\"\n", events);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    auto back = eventsFromJsonLine(line);
    ASSERT_TRUE(back) << back.message();
    EXPECT_EQ(back->pool, "orders \"eu\"\n");
    EXPECT_EQ(back->events, events);
}

TEST(EventJsonTest, EveryStateAndReasonRoundTrips) {
    std::vector<TransitionEvent> events;
    for (int r = 0; r <= static_cast<int>(Reason::IllegalAttempt); ++r) {
        TransitionEvent e;
        e.seq = static_cast<uint64_t>(r) + 1;
        e.from = static_cast<ConnState>(r % kConnStateCount);
        e.to = static_cast<ConnState>((r + 1) % kConnStateCount);
        e.reason = static_cast<Reason>(r);
        events.push_back(e);
    }
    auto back = eventsFromJsonLine(eventsToJsonLine("p", events));
    ASSERT_TRUE(back) << back.message();
    EXPECT_EQ(back->events, events);
}

TEST(EventJsonTest, EmptyBatch) {
    const std::string line = eventsToJsonLine("p", {});
    auto back = eventsFromJsonLine(line);
    ASSERT_TRUE(back) << back.message();
    EXPECT_TRUE(back->events.empty());
}

TEST(EventJsonTest, DocumentedShape) {
    EXPECT_EQ(eventsToJsonLine("p", {sampleEvents()[0]}),
              R"({"kind":"events","pool":"p","columns":["seq","t_ms","mono_ns","conn","from","to","reason","illegal"],)"
              R"("events":[[1,1700000000123,987654321,3,"IDLE","ALLOCATING","acquire",false]]})");
}

TEST(EventJsonTest, ErrorsNameTheMember) {
    const std::string cols = R"("columns":["seq","t_ms","mono_ns","conn","from","to","reason","illegal"])";
    struct Case {
        std::string line;
        std::string expected;
    } cases[] = {
        {"[]", "expected an object"},
        {R"({"kind":"snapshot"})", "member \"kind\""},
        {R"({"kind":"events"})", "member \"pool\" is missing"},
        {R"({"kind":"events","pool":3})", "member \"pool\": expected a string, got a number"},
        {R"({"kind":"events","pool":"p","columns":["seq"],"events":[]})", "member \"columns\""},
        {R"({"kind":"events","pool":"p",)" + cols + "}", "member \"events\" is missing"},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[1,2,3,4,"IDLE","BUSY","acquire",false]]})",
         "events[0][5] (\"to\"): unknown state \"BUSY\""},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[1,2,3,4,"IDLE","IN_USE","nap",false]]})",
         "events[0][6] (\"reason\"): unknown reason \"nap\""},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[-1,2,3,4,"IDLE","IN_USE","acquire",false]]})",
         "events[0][0] (\"seq\"): expected an unsigned integer, got \"-1\""},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[1,2.5,3,4,"IDLE","IN_USE","acquire",false]]})",
         "events[0][1] (\"t_ms\")"},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[1,2,3,4,"IDLE","IN_USE","acquire"]]})",
         "events[0]: expected 8 values, got 7"},
        {R"({"kind":"events","pool":"p",)" + cols + R"(,"events":[[1,2,3,4,"IDLE","IN_USE","acquire",0]]})",
         "events[0][7] (\"illegal\"): expected a boolean, got a number"},
        {R"({"kind":"events",)", "line 1"},
    };
    for (const Case& c : cases) {
        auto r = eventsFromJsonLine(c.line);
        ASSERT_FALSE(r) << c.line;
        EXPECT_NE(r.message().find(c.expected), std::string::npos) << r.message();
    }
}

TEST(EventJsonTest, AppendWritesTheSameLineAfterWhatIsThere) {
    std::string out = "data: ";
    appendEventsJsonLine(out, "p\t", sampleEvents());
    EXPECT_EQ(out, "data: " + eventsToJsonLine("p\t", sampleEvents()));
}

// The exporter's lines take a fast path; other valid spellings of the same
// batch (whitespace, member order, escapes, added members) read the same.
TEST(EventJsonTest, OtherValidSpellingsReadTheSame) {
    const std::string rows = R"([[1,-2,3,4,"IDLE","ALLOCATING","acquire",false],[2,0,-0,5,"ALLOCATING","IN_USE","acquire",true]])";
    const std::string cols = R"(["seq","t_ms","mono_ns","conn","from","to","reason","illegal"])";
    const std::string lines[] = {
        R"({"kind":"events","pool":"p","columns":)" + cols + R"(,"events":)" + rows + "}",
        " { \"kind\" : \"events\" ,\n\"pool\":\"p\", \"columns\" :" + cols + ", \"events\" : " + rows + " }\r\n",
        R"({"pool":"p","kind":"events","events":)" + rows + R"(,"columns":)" + cols + "}",
        R"({"kind":"ev\u0065nts","pool":"\u0070","columns":)" + cols + R"(,"events":)" + rows + "}",
        R"({"kind":"events","pool":"p","columns":)" + cols + R"(,"events":)" + rows + R"(,"added":{"x":[1]}})",
    };
    for (const std::string& line : lines) {
        auto b = eventsFromJsonLine(line);
        ASSERT_TRUE(b) << line << ": " << b.message();
        EXPECT_EQ(b->pool, "p");
        ASSERT_EQ(b->events.size(), 2u) << line;
        EXPECT_EQ(b->events[0].tMs, -2);
        EXPECT_EQ(b->events[1].to, ConnState::InUse);
        EXPECT_TRUE(b->events[1].illegal);
    }
}

// Near misses of the exporter's own shape: each is refused (the fast path
// never accepts what strict JSON or the contract refuses).
TEST(EventJsonTest, NearMissesAreRefusedWithTheirReason) {
    const std::string head = R"({"kind":"events","pool":"p","columns":["seq","t_ms","mono_ns","conn","from","to","reason","illegal"],"events":[)";
    struct Case {
        std::string row;
        std::string expected;
    } cases[] = {
        {R"([01,2,3,4,"IDLE","IN_USE","acquire",false])", "line 1"},
        {R"([1,2,3,4e0,"IDLE","IN_USE","acquire",false])", "events[0][3] (\"conn\")"},
        {R"([18446744073709551616,2,3,4,"IDLE","IN_USE","acquire",false])", "events[0][0] (\"seq\")"},
        {R"([1,-9223372036854775809,3,4,"IDLE","IN_USE","acquire",false])", "events[0][1] (\"t_ms\")"},
        {R"([1,2,3,4,"IDLE","IN_USE","acquire",tru])", "line 1"},
        {R"([1,2,3,4,"IDLE","IN_USE","acquire",false,1])", "expected 8 values, got 9"},
        {R"([1,2,3,4,"IDLE","IN_USE","acquire",false],)", "line 1"},
        {R"([1,2,3,4,"IDLE","IN_USE","acquire",false]]} x)", "line 1"},
        {R"([1,2,3,4,"idle","IN_USE","acquire",false])", "events[0][4] (\"from\"): unknown state \"idle\""},
    };
    for (const Case& c : cases) {
        const std::string line = head + c.row + (c.row.ends_with("x") ? "" : "]}");
        auto r = eventsFromJsonLine(line);
        ASSERT_FALSE(r) << line;
        EXPECT_NE(r.message().find(c.expected), std::string::npos) << line << ": " << r.message();
    }
    // Cut anywhere, the exporter's line is refused.
    const std::string full = eventsToJsonLine("p", sampleEvents());
    for (size_t n = 0; n < full.size(); ++n) EXPECT_FALSE(eventsFromJsonLine(full.substr(0, n))) << n;
}

}  // namespace
}  // namespace poolscope
