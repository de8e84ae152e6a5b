#include "core/recording/RecordingSchema.h"

#include "core/telemetry/JsonWriter.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

std::string_view RecordingSchema::createSql() {
    // Integers are SQLite varints, so small counts cost a byte; REAL values
    // with no fraction are stored as integers by SQLite.
    return R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE pools(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  driver TEXT NOT NULL,
  config TEXT NOT NULL,
  first_t_ms INTEGER NOT NULL
);
CREATE TABLE snapshots(
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL,
  t_ms INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  line_size INTEGER NOT NULL,
  line_crc INTEGER NOT NULL,
  line BLOB NOT NULL,
  lifecycle INTEGER NOT NULL,
  open INTEGER NOT NULL,
  idle INTEGER NOT NULL,
  in_use INTEGER NOT NULL,
  allocating INTEGER NOT NULL,
  "returning" INTEGER NOT NULL,
  waiting INTEGER NOT NULL,
  max_open INTEGER NOT NULL,
  wait_p50 REAL NOT NULL,
  wait_p95 REAL NOT NULL,
  wait_p99 REAL NOT NULL,
  wait_max REAL NOT NULL,
  acquired INTEGER NOT NULL,
  timeouts INTEGER NOT NULL,
  created INTEGER NOT NULL,
  destroyed INTEGER NOT NULL,
  connect_errors INTEGER NOT NULL,
  validation_failures INTEGER NOT NULL,
  closed_broken INTEGER,
  figures_crc INTEGER
);
CREATE INDEX snapshots_by_pool_time ON snapshots(pool_id, t_ms);
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL,
  t_first INTEGER NOT NULL,
  t_last INTEGER NOT NULL,
  seq_first INTEGER NOT NULL,
  seq_last INTEGER NOT NULL,
  count INTEGER NOT NULL,
  codec INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX events_by_time ON events(t_first);
CREATE TABLE alerts(
  id INTEGER PRIMARY KEY,
  t_ms INTEGER NOT NULL,
  pool TEXT NOT NULL,
  rule TEXT NOT NULL,
  subject TEXT NOT NULL,
  grade TEXT NOT NULL,
  state TEXT NOT NULL,
  message TEXT NOT NULL,
  value REAL NOT NULL,
  threshold REAL NOT NULL
);
CREATE INDEX alerts_by_time ON alerts(t_ms);
)sql";
}

std::string RecordingSchema::configToJson(const PoolConfig& c) {
    JsonWriter w;
    w.beginObject();
    w.key("name").value(c.name);
    writePoolConfigMembers(w, c);
    w.endObject();
    return w.take();
}

}  // namespace poolscope
