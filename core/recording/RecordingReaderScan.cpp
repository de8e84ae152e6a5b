// RecordingReader: sequential reads that salvage what is readable.
#include <algorithm>
#include <limits>

#include "core/recording/RecordingReader.h"
#include "core/recording/SqliteDb.h"

namespace poolscope {

namespace {

constexpr size_t kMaxProblems = 20;
/// After a damaged stretch: probe the next ids one by one this many times,
/// then double the step (a damaged page holds a few dozen rows; a damaged
/// interior page, thousands).
constexpr int kLinearProbes = 24;
constexpr int kMaxProbes = 80;

int64_t plus(int64_t a, int64_t b) {
    return a > std::numeric_limits<int64_t>::max() - b ? std::numeric_limits<int64_t>::max() : a + b;
}

void addProblem(ScanReport& report, std::string message) {
    if (report.problems.size() < kMaxProblems) report.problems.push_back(std::move(message));
    else if (report.problems.size() == kMaxProblems) report.problems.push_back("(more problems not listed)");
}

/// Calls `onRow` for every readable row of `sql` (which selects `id` first and
/// takes ?1 = the first id wanted, ordered by id), from id 1, skipping the
/// stretches whose pages cannot be read. `onGap(first, next, why)`: ids from
/// `first` up to `next` (exclusive; -1 = to the end) could not be read.
void salvage(SqliteDb& db, const std::string& sql, int64_t maxId,
             const std::function<bool(SqliteStatement&)>& onRow,
             const std::function<void(int64_t, int64_t, const std::string&)>& onGap) {
    auto st = db.prepare(sql);
    if (!st) return onGap(1, -1, st.message());
    int64_t next = 1;
    for (;;) {
        st->reset();
        st->bind(1, next);
        std::string why;
        for (;;) {
            auto row = st->step();
            if (!row) {
                why = row.message();
                break;
            }
            if (!*row) return;
            const int64_t id = st->int64(0);
            if (id < next) {
                why = "rows out of order";
                break;
            }
            if (!onRow(*st) || id == std::numeric_limits<int64_t>::max()) return;
            next = id + 1;
        }
        // Probe forward for the next readable row.
        const int64_t gapStart = next;
        int64_t found = -1;
        int64_t step = 1;
        for (int probe = 0; probe < kMaxProbes; ++probe) {
            const int64_t candidate = plus(gapStart, step);
            if (maxId > 0 && candidate > maxId) break;
            st->reset();
            st->bind(1, candidate);
            auto row = st->step();
            if (row && *row && st->int64(0) >= candidate) {
                found = st->int64(0);
                break;
            }
            if (row && !*row) break;  // nothing after: the damage ran to the end
            step = probe < kLinearProbes ? step + 1 : plus(step, step);
            if (candidate == std::numeric_limits<int64_t>::max()) break;
        }
        onGap(gapStart, found, why);
        if (found < 0) return;
        next = found;
    }
}

}  // namespace

ScanReport RecordingReader::scanFrames(const std::function<bool(const ReplayFrame&)>& onFrame) {
    ScanReport report;
    const auto onRow = [&](SqliteStatement& row) {
        auto frame = frameFromRow(row);
        if (!frame) {
            ++report.framesUnreadable;
            addProblem(report, frame.message());
            return true;
        }
        ++report.framesRead;
        if (frame->degraded) {
            ++report.framesDegraded;
            addProblem(report, frame->damage);
        }
        if (!report.readable) report.readable = TimeSpan{frame->tMs, frame->tMs};
        report.readable->firstMs = std::min(report.readable->firstMs, frame->tMs);
        report.readable->lastMs = std::max(report.readable->lastMs, frame->tMs);
        return onFrame(*frame);
    };
    const auto onGap = [&](int64_t first, int64_t next, const std::string& why) {
        const int64_t end = next >= 0 ? next : std::max(maxSnapshotId_ + 1, first);
        report.framesUnreadable += static_cast<uint64_t>(std::max<int64_t>(end - first, 0));
        std::string msg = "snapshots " + std::to_string(first) + " to " +
                          (next >= 0 ? std::to_string(next - 1) : std::string("the end")) +
                          " are unreadable (" + why + ")";
        addProblem(report, msg);
        warn("'" + name_ + "' is damaged: " + msg);
    };
    salvage(*db_, "SELECT " + frameColumns() + " FROM snapshots WHERE id >= ?1 ORDER BY id", maxSnapshotId_,
            onRow, onGap);
    for (const auto& p : report.problems)
        if (p.rfind("snapshot ", 0) == 0) warn("'" + name_ + "' is damaged: " + p);
    return report;
}

ScanReport RecordingReader::verify() {
    ScanReport report = scanFrames([](const ReplayFrame&) { return true; });
    auto check = db_->prepare("PRAGMA quick_check(10)");
    if (!check) {
        addProblem(report, "SQLite's check cannot run: " + check.message());
    } else {
        for (;;) {
            auto row = check->step();
            if (!row) {
                addProblem(report, "SQLite's check stopped: " + row.message());
                break;
            }
            if (!*row) break;
            if (check->text(0) != "ok") addProblem(report, "SQLite's check: " + std::string(check->text(0)));
        }
    }
    int64_t maxEventId = 0;
    if (auto m = db_->queryInt("SELECT ifnull(max(id), 0) FROM events")) maxEventId = *m;
    std::vector<TransitionEvent> block;
    const auto onRow = [&](SqliteStatement& row) {
        block.clear();
        if (auto s = decodeEventBlock(row.int64(1), row.int64(2), row.blob(3), block); !s) {
            ++report.eventBatchesUnreadable;
            addProblem(report, "event block " + std::to_string(row.int64(0)) + ": " + s.message());
        } else {
            report.eventsRead += block.size();
        }
        return true;
    };
    const auto onGap = [&](int64_t first, int64_t next, const std::string& why) {
        const int64_t end = next >= 0 ? next : std::max(maxEventId + 1, first);
        report.eventBatchesUnreadable += static_cast<uint64_t>(std::max<int64_t>(end - first, 0));
        addProblem(report, "event blocks " + std::to_string(first) + " to " +
                               (next >= 0 ? std::to_string(next - 1) : std::string("the end")) +
                               " are unreadable (" + why + ")");
    };
    salvage(*db_, "SELECT id, count, codec, data FROM events WHERE id >= ?1 ORDER BY id", maxEventId,
            onRow, onGap);
    for (const auto& p : report.problems) warn("'" + name_ + "' is damaged: " + p);
    return report;
}

}  // namespace poolscope
