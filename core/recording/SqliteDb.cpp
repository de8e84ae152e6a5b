#include "core/recording/SqliteDb.h"

#include <sqlite3.h>

#include <cstring>

#include "core/recording/RecordingSchema.h"

namespace poolscope {

namespace {

/// SQLite calls the progress handler every this many VM steps.
constexpr int kProgressPeriod = 1000;

}  // namespace

SqliteDb::SqliteDb(sqlite3* db) : db_(db) {}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

int SqliteDb::onProgress(void* self) {
    auto* db = static_cast<SqliteDb*>(self);
    ++db->used_;
    return db->budget_ > 0 && db->used_ > db->budget_ ? 1 : 0;
}

void SqliteDb::harden() {
    sqlite3_extended_result_codes(db_, 0);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_limit(db_, SQLITE_LIMIT_LENGTH, static_cast<int>(RecordingSchema::kMaxBlobBytes));
    sqlite3_progress_handler(db_, kProgressPeriod, &SqliteDb::onProgress, this);
    // Checks each b-tree cell as it is read: damage is reported, not followed.
    // mmap off: a file truncated under us must not raise SIGBUS.
    (void)exec("PRAGMA cell_size_check=ON; PRAGMA mmap_size=0;");
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path, Mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    std::string name = path;
    switch (mode) {
        case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
        case Mode::Immutable: {
            flags |= SQLITE_OPEN_READONLY;
            // A URI so that '?' or '#' in a file name stay part of the name.
            std::string escaped;
            for (char c : path) {
                if (c == '?' || c == '#' || c == '%') {
                    static const char* hex = "0123456789ABCDEF";
                    escaped += '%';
                    escaped += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
                    escaped += hex[static_cast<unsigned char>(c) & 0xf];
                } else {
                    escaped += c;
                }
            }
            name = "file:" + escaped + "?immutable=1";
            break;
        }
    }
    // Without URI handling a plain path is taken literally.
    if (mode != Mode::Immutable) flags &= ~SQLITE_OPEN_URI;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
    if (rc != SQLITE_OK) {
        const std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        return Error{"cannot open '" + path + "': " + why};
    }
    db->harden();
    return db;
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::openBytes(std::string_view bytes) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
    if (rc != SQLITE_OK) return Error{"cannot open an in-memory database: " + db->lastMessage()};
    const size_t size = bytes.size();
    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(size ? size : 1));
    if (!copy) return Error{"out of memory copying " + std::to_string(size) + " bytes"};
    if (size) std::memcpy(copy, bytes.data(), size);
    // A WAL-mode image cannot be read from memory; as a rollback-journal
    // image it reads the same (the bytes of an uncheckpointed -wal are not
    // part of the image anyway).
    if (size >= 20 && copy[18] == 2 && copy[19] == 2) copy[18] = copy[19] = 1;
    const int drc = sqlite3_deserialize(raw, "main", copy, static_cast<sqlite3_int64>(size),
                                        static_cast<sqlite3_int64>(size),
                                        SQLITE_DESERIALIZE_FREEONCLOSE |
                                            SQLITE_DESERIALIZE_READONLY);
    if (drc != SQLITE_OK) return Error{"cannot load the bytes as a database: " + db->lastMessage()};
    db->harden();
    return db;
}

void SqliteDb::tolerateTruncation() {
    // SQLite refuses a file whose header counts more pages than it holds,
    // unless writable_schema is on, which the defensive flag forbids.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
    (void)exec("PRAGMA writable_schema=ON;");
}

Status SqliteDb::exec(std::string_view sql) {
    char* err = nullptr;
    resetBudget();
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = err ? err : lastMessage();
        sqlite3_free(err);
        return Status::fail(std::move(message));
    }
    return Status::ok();
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    resetBudget();
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Error{lastMessage()};
    }
    return SqliteStatement(stmt, this);
}

Result<int64_t> SqliteDb::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return Error{"no row from: " + std::string(sql)};
    return stmt->int64(0);
}

int64_t SqliteDb::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::string SqliteDb::lastMessage() const { return db_ ? sqlite3_errmsg(db_) : "out of memory"; }

}  // namespace poolscope
