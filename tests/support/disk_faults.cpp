// setrlimit/prlimit for a full disk; chown, chmod and seteuid for a read-only folder.
#include "support/disk_faults.hpp"

#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace c5::test {
namespace {

rlim_t as_rlim(std::uint64_t bytes) {
    return bytes == kNoSizeLimit ? RLIM_INFINITY : static_cast<rlim_t>(bytes);
}

}  // namespace

FileSizeLimit::FileSizeLimit(std::uint64_t bytes) {
    previous_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit{};
    getrlimit(RLIMIT_FSIZE, &limit);
    previous_ = limit.rlim_cur == RLIM_INFINITY ? kNoSizeLimit : limit.rlim_cur;
    limit.rlim_cur = std::min(as_rlim(bytes), limit.rlim_max);
    setrlimit(RLIMIT_FSIZE, &limit);
}

FileSizeLimit::~FileSizeLimit() {
    rlimit limit{};
    getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = std::min(as_rlim(previous_), limit.rlim_max);
    setrlimit(RLIMIT_FSIZE, &limit);
    signal(SIGXFSZ, previous_handler_);
}

bool limit_file_size(pid_t pid, std::uint64_t bytes) {
    rlimit limit{};
    if (prlimit(pid, RLIMIT_FSIZE, nullptr, &limit) != 0) return false;
    limit.rlim_cur = std::min(as_rlim(bytes), limit.rlim_max);
    return prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0;
}

ReadOnlyFolder::ReadOnlyFolder(const std::filesystem::path& folder) {
    const passwd* nobody = getpwnam("nobody");
    as_nobody_ = geteuid() == 0;
    if (as_nobody_ && nobody == nullptr) return;

    std::vector<std::filesystem::path> paths{folder};
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        paths.push_back(entry.path());
    for (const auto& path : paths) {
        struct stat info {};
        if (lstat(path.c_str(), &info) != 0) return;
        entries_.push_back(
            {path, std::filesystem::status(path).permissions(), info.st_uid, info.st_gid});
    }
    for (const Entry& entry : entries_) {
        if (as_nobody_ && chown(entry.path.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) return;
        // Readable and, for folders, searchable by the owner: no write bit for anyone.
        const bool folder_entry = std::filesystem::is_directory(entry.path);
        std::filesystem::permissions(
            entry.path, folder_entry ? std::filesystem::perms(0500) : std::filesystem::perms(0400));
    }
    if (as_nobody_ && (setegid(nobody->pw_gid) != 0 || seteuid(nobody->pw_uid) != 0)) return;
    active_ = true;
}

ReadOnlyFolder::~ReadOnlyFolder() {
    if (as_nobody_) {
        (void)seteuid(0);
        (void)setegid(0);
    }
    // The folder first, so its entries can be reached again; parents before children.
    for (const Entry& entry : entries_) {
        std::error_code ignored;
        std::filesystem::permissions(entry.path, entry.perms, ignored);
        if (as_nobody_) (void)lchown(entry.path.c_str(), entry.owner, entry.group);
    }
}

}  // namespace c5::test
