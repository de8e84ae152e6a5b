#include "core/recording/CsvExporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/core/recording/RecordingTestData.h"

namespace poolscope {
namespace {

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t pos; (pos = s.find(sep, start)) != std::string::npos; start = pos + sep.size())
        out.push_back(s.substr(start, pos - start));
    out.push_back(s.substr(start));
    return out;
}

TEST(CsvExporterTest, OneRowPerSnapshotPerPoolWithTheHeaderFirst) {
    testdata::TempDir dir;
    const auto w = testdata::writeSample(dir.file("csv.psrec"), 50, 100);
    auto r = RecordingReader::open(dir.file("csv.psrec"));
    ASSERT_TRUE(r.isOk());
    std::ostringstream out;
    const ScanReport report = CsvExporter::write(**r, out);
    EXPECT_EQ(report.framesRead, 100u);
    auto rows = split(out.str(), "\r\n");
    ASSERT_EQ(rows.back(), "");
    rows.pop_back();
    ASSERT_EQ(rows.size(), 101u);
    const auto header = split(rows[0], ",");
    EXPECT_EQ(header[0], "t_ms");
    EXPECT_EQ(header[2], "pool");
    EXPECT_EQ(header.back(), "DESTROYED>ALLOCATING");
    const auto first = split(rows[1], ",");
    ASSERT_EQ(first.size(), header.size());
    EXPECT_EQ(first[0], std::to_string(testdata::kT0));
    EXPECT_EQ(first[1], "2024-05-01T10:00:00.000Z");
    EXPECT_EQ(first[2], "default");
    EXPECT_EQ(first[4], "STARTED");
    const auto second = split(rows[2], ",");
    EXPECT_EQ(second[2], "orders");
    const auto last = split(rows[100], ",");
    const PoolSnapshot s = testdata::makeSnapshot(49, "orders");
    EXPECT_EQ(last[12], std::to_string(s.totals.acquired));
}

TEST(CsvExporterTest, QuotesFieldsThatNeedIt) {
    PoolSnapshot s = testdata::makeSnapshot(1, "a,\"b\"");
    const std::string row = CsvExporter::row(s);
    EXPECT_NE(row.find(",\"a,\"\"b\"\"\",sim,"), std::string::npos) << row;
}

}  // namespace
}  // namespace poolscope
