#pragma once
// The actions the exporter offers on a pool (POST /api/v1/pools/NAME/ACTION),
// with their input checked: suspend, resume, evict, reconfigure.

#include <string>
#include <string_view>

namespace poolscope {

class Pool;

/// An HTTP answer: status and a JSON body.
struct ActionReply {
    int status = 200;
    std::string body;  ///< {"ok":true,...} or {"error":"..."}
};

/// Runs `action` on `pool`. reconfigure takes `body`: a JSON object with the
/// --pool keys (README, "--pool keys"), e.g. {"max_open":20,"validate":"borrow"};
/// values are numbers or strings; "name" cannot be changed. Answers 400 with a
/// message naming the key for bad input, 404 for an unknown action, 409 when
/// the pool refuses (e.g. resume of a pool that is not suspended), 200 with
/// the pool's lifecycle (and config for reconfigure) on success.
ActionReply runPoolAction(Pool& pool, std::string_view action, std::string_view body);

/// True for "suspend", "resume", "evict", "reconfigure".
bool isPoolAction(std::string_view action);

/// {"error":"<message>"}.
std::string errorJson(std::string_view message);

}  // namespace poolscope
