// Words a person can act on for a failed SQLite call: a full disk and a read-only folder are
// named as such, with the file or folder, instead of SQLite's "disk I/O error" or "attempt
// to write a readonly database". Shared by the store and syncd's database layer.
#pragma once

#include <string>

struct sqlite3;

namespace c5::sql {

// The reason for the last failure on `db`: "the disk is full: cannot write FILE" when the
// disk ran out (SQLITE_FULL, or ENOSPC, EDQUOT or EFBIG under an I/O error), the same with
// "(the file size limit is reached)" when the file stands at the process's RLIMIT_FSIZE
// (SQLite keeps no errno then), "cannot write to FOLDER: read-only" when the file or its folder may
// not be written (SQLITE_READONLY, or EROFS, EACCES or EPERM), else SQLite's own message.
std::string describe_failure(sqlite3* db);

}  // namespace c5::sql
