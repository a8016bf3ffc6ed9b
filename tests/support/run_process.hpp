// Runs a program the way a user would from a shell, for tests of the command-line tools:
// arguments, environment additions, captured stdout and stderr, exit status, and a deadline.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace c5::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal or by the deadline
    bool timed_out = false;
    std::string out;
    std::string err;
};

// Runs `program` with `args` and waits at most `deadline`; the child is killed past it.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& extra_env = {},
                          std::chrono::milliseconds deadline = std::chrono::seconds(60));

}  // namespace c5::test
