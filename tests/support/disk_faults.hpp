// A full disk and a read-only folder on demand, with no mount (CI may run in a container
// that refuses one). A full disk is the file size limit (RLIMIT_FSIZE) with SIGXFSZ
// ignored: a write past it fails with EFBIG, as one on a full disk fails with ENOSPC. A
// read-only folder belongs to `nobody` without write bits while this process acts as
// nobody, since root writes whatever the bits say.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <vector>

namespace c5::test {

inline constexpr std::uint64_t kNoSizeLimit = std::numeric_limits<std::uint64_t>::max();

// Until destroyed, no file this process or a child started meanwhile writes may grow past
// `bytes`, and SIGXFSZ is ignored (the write fails instead of killing the writer). With
// kNoSizeLimit only the signal is ignored: a server started then can be limited later
// with limit_file_size.
class FileSizeLimit {
public:
    explicit FileSizeLimit(std::uint64_t bytes);
    ~FileSizeLimit();
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    std::uint64_t previous_ = kNoSizeLimit;
    void (*previous_handler_)(int) = nullptr;
};

// Sets the file size limit of another process (kNoSizeLimit lifts it). False on failure.
bool limit_file_size(pid_t pid, std::uint64_t bytes);

// Until destroyed, `folder` and its files cannot be written by this process or a child
// started meanwhile: as root, they are given to nobody without write bits and this
// process's effective user becomes nobody; otherwise only the write bits are taken away.
class ReadOnlyFolder {
public:
    explicit ReadOnlyFolder(const std::filesystem::path& folder);
    ~ReadOnlyFolder();
    ReadOnlyFolder(const ReadOnlyFolder&) = delete;
    ReadOnlyFolder& operator=(const ReadOnlyFolder&) = delete;

    // False when the folder could not be made read-only (see the test's message).
    bool active() const { return active_; }

private:
    struct Entry {
        std::filesystem::path path;
        std::filesystem::perms perms;
        uid_t owner;
        gid_t group;
    };
    std::vector<Entry> entries_;
    bool as_nobody_ = false;
    bool active_ = false;
};

}  // namespace c5::test
