#include "core/remote/SseReader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace poolscope {
namespace {

std::vector<SseEvent> readAll(const std::string& stream, size_t chunk, size_t limit = 1 << 20) {
    SseReader r(limit);
    std::vector<SseEvent> out;
    for (size_t at = 0; at < stream.size(); at += chunk)
        EXPECT_TRUE(r.feed(std::string_view(stream).substr(at, chunk), [&](const SseEvent& e) { out.push_back(e); }));
    return out;
}

TEST(SseReaderTest, ReadsTheEndpointsStreamWhereverItIsCut) {
    // What core/exporter/EventStream writes: a greeting, batches, a gap
    // notice, keep-alives.
    const std::string stream =
        "retry: 1000\n: connected\n\n"
        "id: 5\nevent: events\ndata: {\"kind\":\"events\"}\n\n"
        ": keep-alive\n\n"
        "id: 9\nevent: gap\ndata: {\"from_seq\":6,\"to_seq\":8}\n\n";
    const std::vector<SseEvent> expected = {{"events", "{\"kind\":\"events\"}", "5"},
                                            {"gap", "{\"from_seq\":6,\"to_seq\":8}", "9"}};
    for (size_t chunk = 1; chunk <= stream.size(); ++chunk) EXPECT_EQ(readAll(stream, chunk), expected) << chunk;
}

TEST(SseReaderTest, EveryLineEndingAndACrlfCutBetweenChunks) {
    const std::vector<SseEvent> expected = {{"", "a", ""}, {"", "b", ""}};
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string stream = "data: a" + eol + eol + "data: b" + eol + eol;
        for (size_t chunk = 1; chunk <= stream.size(); ++chunk)
            EXPECT_EQ(readAll(stream, chunk), expected) << "chunk " << chunk << " eol " << eol.size();
    }
}

TEST(SseReaderTest, FieldsAsTheSpecificationReadsThem) {
    const auto events = readAll(
        "data: first\ndata:second\ndata\ndata: \n\n"  // four data lines: the fourth is empty
        "event: events\nid: 3\n\n"                    // no data: not dispatched, but the id stays
        "data:  two spaces\n\n"                       // only one leading space is removed
        "retry: 5\nunknown: x\ndata: y\n\n",
        7);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].data, "first\nsecond\n\n");
    EXPECT_EQ(events[1].data, " two spaces");
    EXPECT_EQ(events[1].id, "3");
    EXPECT_EQ(events[1].type, "") << "the event type does not carry over to the next event";
    EXPECT_EQ(events[2].data, "y");
}

TEST(SseReaderTest, ALineLongerThanTheLimitIsRefused) {
    SseReader r(16);
    int n = 0;
    EXPECT_TRUE(r.feed("data: short\n\n", [&](const SseEvent&) { ++n; }));
    EXPECT_EQ(n, 1);
    EXPECT_FALSE(r.feed("data: 0123456789abcdef", [&](const SseEvent&) { ++n; }));
    EXPECT_EQ(r.pendingBytes(), 0u) << "nothing is kept after a refusal";
}

}  // namespace
}  // namespace poolscope
