// A real X display for driving the surveyor's window the way a person does: an Xvfb server
// whose screen is readable as a file (so the test can save what is on it as PNG), the
// surveyor program started on it, and xdotool sending real key events to it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "support/run_process.hpp"

namespace surveyor_test {

// A program started in the background; killed (and reaped) when the object goes.
class Background {
public:
    Background() = default;
    // Starts `program` with `args`, the environment plus `extra_env`, output to `log`.
    Background(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& extra_env,
               const std::filesystem::path& log, int pass_fd = -1);
    ~Background();
    Background(Background&& other) noexcept;
    Background& operator=(Background&& other) noexcept;

    bool running();
    pid_t pid() const { return pid_; }
    // Asks it to end (SIGTERM) and waits at most `deadline`, then kills it.
    void stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));

private:
    pid_t pid_ = -1;
};

class XSession {
public:
    // Starts Xvfb at `width`x`height` on a free display number; `work` holds its screen file.
    XSession(const std::filesystem::path& work, int width, int height);

    bool ok() const { return !display_.empty(); }
    const std::string& display() const { return display_; }
    const std::string& error() const { return error_; }

    // Runs xdotool with `args` on this display.
    c5::test::ProcessResult xdotool(const std::vector<std::string>& args) const;
    // Binds every letter of `text` that the keyboard map lacks (ạ, ố, …) to a spare key, so
    // that xdotool types it with that key instead of rebinding one for each letter: a client
    // reading the map while xdotool puts it back would see no letter at all. False when the
    // display cannot be opened or no spare key is left.
    bool map_letters(const std::string& text) const;
    // Writes the whole screen as it is now to `png`. False when the screen file is unreadable.
    bool save_screen(const std::filesystem::path& png) const;

private:
    std::filesystem::path work_;
    std::string display_;
    std::string error_;
    Background server_;
};

// Polls `ready` every 50 ms until it holds or `deadline` passes: a wait that ends as soon as
// the condition does, never a fixed sleep.
template <class Condition>
bool wait_for(std::chrono::milliseconds deadline, Condition ready) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!ready()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

}  // namespace surveyor_test
