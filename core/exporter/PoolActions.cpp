#include "core/exporter/PoolActions.h"

#include "core/pool/Pool.h"
#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {
namespace {

ActionReply ok(const Pool& pool, bool withConfig) {
    JsonWriter w;
    w.beginObject().key("ok").value(true).key("pool").value(pool.name());
    w.key("lifecycle").value(toString(pool.lifecycle()));
    if (withConfig) {
        w.key("config").beginObject();
        writePoolConfigMembers(w, pool.config());
        w.endObject();
    }
    w.endObject();
    return {200, w.take()};
}

ActionReply fail(int status, std::string_view message) { return {status, errorJson(message)}; }

/// {"max_open":20,"validate":"borrow"} -> "max_open=20,validate=borrow".
ActionReply optionsText(std::string_view body, std::string& text) {
    JsonLimits limits;
    limits.uniqueKeys = true;
    limits.maxDepth = 4;
    auto parsed = Json::parse(body, limits);
    if (!parsed) return fail(400, "reconfigure: the body is not JSON: " + parsed.message());
    if (!parsed->isObject())
        return fail(400, "reconfigure: expected a JSON object of --pool keys, e.g. {\"max_open\":20}, got " +
                             std::string(parsed->typeName()));
    if (parsed->size() == 0) return fail(400, "reconfigure: the object is empty: give at least one --pool key");
    for (const auto& [key, value] : parsed->members()) {
        if (key == "name") return fail(400, "reconfigure: \"name\" cannot be changed over the exporter");
        std::string v;
        if (value.isNumber()) v = std::string(value.numberText());
        else if (auto s = value.asString()) v = std::string(*s);
        else return fail(400, "reconfigure: \"" + key + "\": expected a number or a string, got " +
                                  std::string(value.typeName()));
        if (key.find_first_of(",=") != std::string::npos || v.find_first_of(",=") != std::string::npos)
            return fail(400, "reconfigure: \"" + key + "\": ',' and '=' are not allowed in keys or values");
        if (!text.empty()) text += ',';
        text += key + "=" + v;
    }
    return {200, {}};
}

}  // namespace

bool isPoolAction(std::string_view action) {
    return action == "suspend" || action == "resume" || action == "evict" || action == "reconfigure";
}

std::string errorJson(std::string_view message) {
    JsonWriter w;
    w.beginObject().key("error").value(message).endObject();
    return w.take();
}

ActionReply runPoolAction(Pool& pool, std::string_view action, std::string_view body) {
    if (action == "suspend" || action == "resume") {
        const Status s = action == "suspend" ? pool.suspend() : pool.resume();
        if (!s) return fail(409, s.message());
        return ok(pool, false);
    }
    if (action == "evict") {
        pool.evictIdle();
        return ok(pool, false);
    }
    if (action == "reconfigure") {
        std::string text;
        if (ActionReply r = optionsText(body, text); r.status != 200) return r;
        PoolConfig config = pool.config();
        if (Status s = applyPoolOptions(config, text); !s) return fail(400, "reconfigure: " + s.message());
        if (Status s = pool.reconfigure(config); !s) return fail(400, "reconfigure: " + s.message());
        return ok(pool, true);
    }
    return fail(404, "unknown action \"" + std::string(action) +
                         "\": use suspend, resume, evict or reconfigure");
}

}  // namespace poolscope
