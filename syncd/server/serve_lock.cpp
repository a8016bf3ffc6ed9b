// The data folder's serve lock: flock on DATA/syncd.lock, with the holder's pid inside for
// the refusal message.
#include "syncd/server/serve_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace c5::syncd {

namespace {

// The pid the holder wrote, or "" when the file holds none yet.
std::string holder_of(int fd) {
    char text[32] = {};
    const ssize_t n = pread(fd, text, sizeof text - 1, 0);
    std::string pid = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return pid;
}

}  // namespace

Result<ServeLock> ServeLock::acquire(const std::filesystem::path& data_dir) {
    const std::filesystem::path file = data_dir / "syncd.lock";
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(ErrorKind::Io, "cannot open " + file.string() + ": " + std::strerror(errno));
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        const std::string pid = holder_of(fd);
        close(fd);
        if (why != EWOULDBLOCK) {
            return fail(ErrorKind::Io, "cannot lock " + file.string() + ": " + std::strerror(why));
        }
        return fail(ErrorKind::Conflict,
                    "another syncd" + (pid.empty() ? std::string() : " (process " + pid + ")") +
                        " is already serving " + data_dir.string() +
                        "; stop it first, or give this one another --data folder");
    }
    const std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid only makes the message of a second server clearer: the lock holds anyway.
    }
    return ServeLock(fd);
}

ServeLock::ServeLock(ServeLock&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

ServeLock::~ServeLock() {
    if (fd_ >= 0) close(fd_);
}

}  // namespace c5::syncd
