// One `syncd serve` per data folder. Two servers on one folder would each take part of the
// laptops' syncs, keep held changes and caches of their own, and the one stopping first
// would delete the other's port file; the lock makes the second refuse to start instead.
#pragma once

#include <filesystem>

#include "core/util/result.hpp"

namespace c5::syncd {

class ServeLock {
public:
    // Takes DATA/syncd.lock (an exclusive lock the system drops when the process ends, even
    // by SIGKILL) and writes this process's id into it. Errors: Conflict naming the process
    // that serves the folder; Io.
    [[nodiscard]] static Result<ServeLock> acquire(const std::filesystem::path& data_dir);

    ServeLock(ServeLock&& other) noexcept;
    ServeLock& operator=(ServeLock&&) = delete;
    ServeLock(const ServeLock&) = delete;
    ~ServeLock();

private:
    explicit ServeLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace c5::syncd
