// Telling a full disk and a read-only folder apart from other SQLite failures.
#include "core/store/sqlite_failure.hpp"

#include <sqlite3.h>
#include <sys/resource.h>

#include <cerrno>
#include <filesystem>

namespace c5::sql {
namespace {

// Only these results come from the file system; for others the saved errno may be stale.
bool from_file_system(int primary) {
    return primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_READONLY;
}

// A write past the process's file size limit (ulimit -f) fails with EFBIG, which SQLite
// reports as a plain I/O error without keeping the errno: look at the limit itself.
bool at_file_size_limit(const std::filesystem::path& file) {
    rlimit limit{};
    if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
    for (const char* suffix : {"", "-wal", "-journal"}) {
        std::error_code missing;
        const auto size = std::filesystem::file_size(file.string() + suffix, missing);
        if (!missing && size >= limit.rlim_cur) return true;
    }
    return false;
}

}  // namespace

std::string describe_failure(sqlite3* db) {
    if (db == nullptr) return "out of memory";
    const int primary = sqlite3_extended_errcode(db) & 0xff;
    const int os_error = from_file_system(primary) ? sqlite3_system_errno(db) : 0;
    const char* name = sqlite3_db_filename(db, "main");
    const std::filesystem::path file = name ? name : "";

    if (primary == SQLITE_FULL || os_error == ENOSPC || os_error == EDQUOT || os_error == EFBIG) {
        return "the disk is full: cannot write " + file.string();
    }
    if (primary == SQLITE_IOERR && at_file_size_limit(file)) {
        return "the disk is full (the file size limit is reached): cannot write " + file.string();
    }
    if (primary == SQLITE_READONLY || os_error == EROFS || os_error == EACCES ||
        os_error == EPERM) {
        return "cannot write to " + file.parent_path().string() + ": read-only";
    }
    if (primary == SQLITE_NOTADB) {
        // Someone gave the path of another kind of file, or the file's first page is gone.
        return file.string() + " is not a c5kit database (or its header is damaged)";
    }
    return sqlite3_errmsg(db);
}

}  // namespace c5::sql
