#pragma once
// Turns "the alerts active at each evaluation" (what a health engine reports
// every interval) into the alert changes a recording stores, so a replay's
// alert list and scrubber markers show each change once.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/recording/RecordingTypes.h"

namespace poolscope {

/// Not thread-safe: one per source thread.
class AlertChangeLog {
public:
    /// `current`: every alert of `pool` at this evaluation (pending, firing,
    /// and those that resolved at it). Returns the changes to record, each
    /// stamped `tMs`: an alert when it first appears and whenever its grade
    /// or state changes (a new value or message alone is not a change); a
    /// resolved alert once, then forgotten; a pending alert that vanished
    /// without firing once, with state "dropped".
    std::vector<RecordedAlert> update(const std::string& pool, int64_t tMs,
                                      const std::vector<RecordedAlert>& current);

private:
    using Key = std::tuple<std::string, std::string, std::string>;  // pool, rule, subject
    std::map<Key, RecordedAlert> active_;
};

}  // namespace poolscope
