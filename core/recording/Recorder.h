#pragma once
// Records a live session to a .psrec file as it happens: callers append from
// any thread without waiting for the disk; a background thread commits what
// arrived every flush interval in one transaction, so a crash or kill -9
// loses at most the last interval (default 250 ms).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/recording/RecordingSink.h"
#include "core/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

class RecordingWriter;

class Recorder final : public RecordingSink {
public:
    struct Options {
        int64_t flushIntervalMs = 250;  ///< longest time between two commits
        /// Appends beyond these (the disk cannot keep up) are dropped and
        /// counted in the recording's meta; counters in snapshots never drop.
        size_t maxPendingEvents = 4'000'000;
        size_t maxPendingSnapshots = 100'000;
        /// A commit starts early once this many events wait.
        size_t eagerFlushEvents = 262'144;
    };

    /// Counters since start(). `bytes` is the file size after the last commit.
    struct Stats {
        uint64_t snapshots = 0;
        uint64_t events = 0;
        uint64_t alerts = 0;
        uint64_t snapshotsDropped = 0;
        uint64_t eventsDropped = 0;
        uint64_t bytes = 0;
        uint64_t commits = 0;
    };

    /// Creates the file (see RecordingWriter::create) and starts the thread.
    static Result<std::unique_ptr<Recorder>> start(const std::string& path, const RecordingMeta& meta,
                                                   Options options);
    static Result<std::unique_ptr<Recorder>> start(const std::string& path, const RecordingMeta& meta) {
        return start(path, meta, Options{});
    }
    /// close()s if still open; call close() yourself to learn its result.
    ~Recorder() override;
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    void append(RecordedSnapshot snapshot) override;
    void appendEvents(const std::string& pool, std::vector<TransitionEvent> events) override;
    void appendAlert(RecordedAlert alert) override;
    /// Sets a meta key with the next commit (e.g. the summary line).
    void setMeta(std::string key, std::string value);

    /// Commits everything appended so far, marks the recording cleanly
    /// closed and stops the thread. Returns the first error of the whole
    /// recording (a failed commit stops recording; the file keeps what was
    /// committed before). Idempotent.
    Status close();
    /// The first error so far (ok while recording works). Thread-safe.
    Status status() const;
    Stats stats() const;
    /// Events appended and not yet committed.
    size_t pendingEvents() const;
    const std::string& path() const { return path_; }

private:
    Recorder(std::string path, std::unique_ptr<RecordingWriter> writer, Options options);
    void run();

    const std::string path_;
    const Options options_;
    std::unique_ptr<RecordingWriter> writer_;  ///< used by the thread only
    mutable std::mutex mu_;
    std::condition_variable cv_;
    RecordingBatch pending_;
    std::vector<std::pair<std::string, std::string>> pendingMeta_;
    size_t pendingEvents_ = 0;
    bool stopping_ = false;
    bool failed_ = false;
    Status error_;
    Stats stats_;
    Status closeResult_;
    bool closed_ = false;
    std::thread thread_;
};

}  // namespace poolscope
