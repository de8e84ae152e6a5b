#include "core/recording/AlertChangeLog.h"

#include <set>

namespace poolscope {

std::vector<RecordedAlert> AlertChangeLog::update(const std::string& pool, int64_t tMs,
                                                  const std::vector<RecordedAlert>& current) {
    std::vector<RecordedAlert> changes;
    std::set<Key> seen;
    for (RecordedAlert a : current) {
        a.pool = pool;
        a.tMs = tMs;
        Key key{pool, a.rule, a.subject};
        seen.insert(key);
        auto it = active_.find(key);
        const bool changed = it == active_.end() || it->second.grade != a.grade || it->second.state != a.state;
        if (changed) changes.push_back(a);
        if (a.state == "resolved") {
            if (it != active_.end()) active_.erase(it);
        } else {
            active_[key] = std::move(a);
        }
    }
    for (auto it = active_.begin(); it != active_.end();) {
        if (std::get<0>(it->first) == pool && !seen.count(it->first)) {
            RecordedAlert gone = it->second;
            gone.tMs = tMs;
            gone.state = "dropped";
            changes.push_back(std::move(gone));
            it = active_.erase(it);
        } else {
            ++it;
        }
    }
    return changes;
}

}  // namespace poolscope
