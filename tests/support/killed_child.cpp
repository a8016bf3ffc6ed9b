// fork, a report pipe read with poll() until the moment of the kill, SIGKILL, drain, reap.
#include "support/killed_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace c5::test {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Appends what the pipe holds until it is closed or `until` passes; false once closed.
bool read_reports(int fd, std::string& reports, SteadyClock::time_point until) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now());
        if (left.count() <= 0) return true;
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return true;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return false;
        reports.append(buf, static_cast<std::size_t>(n));
    }
}

}  // namespace

KilledChild run_and_kill(const std::function<int(int report_fd)>& work,
                         std::chrono::milliseconds run_for) {
    KilledChild result;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return result;
    const pid_t child = fork();
    if (child < 0) {
        close(fds[0]);
        close(fds[1]);
        return result;
    }
    if (child == 0) {
        close(fds[0]);
        _exit(work(fds[1]));
    }
    close(fds[1]);

    const bool still_open = read_reports(fds[0], result.reports, SteadyClock::now() + run_for);
    if (still_open) kill(child, SIGKILL);
    // Reports written just before the kill are still in the pipe: drain them.
    read_reports(fds[0], result.reports, SteadyClock::now() + std::chrono::seconds(10));
    close(fds[0]);

    int status = 0;
    waitpid(child, &status, 0);
    result.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    return result;
}

}  // namespace c5::test
