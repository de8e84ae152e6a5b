#include "app/recording/RecordingTypes.h"

namespace poolscope {

SnapshotSample SnapshotSample::of(const PoolSnapshot& s) {
    SnapshotSample m;
    m.tMs = s.tMs;
    m.lifecycle = s.lifecycle;
    m.counts = s.counts;
    m.maxOpen = s.config.maxOpen;
    m.wait = s.wait;
    m.acquired = s.totals.acquired;
    m.timeouts = s.totals.timeouts;
    m.created = s.totals.created;
    m.destroyed = s.totals.destroyed;
    m.connectErrors = s.totals.connectErrors;
    m.validationFailures = s.totals.validationFailures;
    return m;
}

RecordedSnapshot RecordedSnapshot::of(const PoolSnapshot& s, std::string line) {
    RecordedSnapshot r;
    r.pool = s.pool;
    r.driver = s.driver;
    r.config = s.config;
    r.sample = SnapshotSample::of(s);
    r.line = std::move(line);
    return r;
}

}  // namespace poolscope
