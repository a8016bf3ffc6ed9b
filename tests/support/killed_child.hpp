// A child process that reports each step it finished through a pipe and is killed with
// SIGKILL at a chosen moment: a power cut as far as it can tell. Crash tests then check
// that every step reported before the kill survived it.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace c5::test {

struct KilledChild {
    std::string reports;  // every byte the child wrote to its report pipe, in order
    bool killed = false;  // it died of the SIGKILL, not by exiting first
    int exit_code = -1;   // its exit status when it exited before the kill
};

// Forks a child that runs `work(report_fd)` and then _exits with what it returned (work
// may also exec a program with report_fd as its output). After `run_for`, or sooner when
// the child closes the pipe, the parent kills it with SIGKILL, reads whatever it had
// reported, and reaps it. Reports written before the kill are never lost: the pipe keeps
// them. The caller's process must not have other threads running (fork copies one).
KilledChild run_and_kill(const std::function<int(int report_fd)>& work,
                         std::chrono::milliseconds run_for);

}  // namespace c5::test
