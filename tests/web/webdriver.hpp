// Drives Debian's headless Chromium through chromedriver's WebDriver HTTP protocol, with
// httplib and nlohmann-json: start chromedriver on a free loopback port, open a session,
// navigate, find elements, type, click, read text, run a script, take screenshots, and
// let downloads land in a folder.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace c5::test {

inline constexpr const char* kChromium = "/usr/bin/chromium";
inline constexpr const char* kChromedriver = "/usr/bin/chromedriver";

class Browser {
public:
    // Starts chromedriver and a headless Chromium whose downloads go to `download_dir` and
    // whose profile lives in `profile_dir`. Check ok() (and error()) before use.
    Browser(const std::filesystem::path& download_dir, const std::filesystem::path& profile_dir);
    ~Browser();  // ends the session and stops chromedriver
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;

    bool ok() const { return !session_.empty(); }
    const std::string& error() const { return error_; }

    void go(const std::string& url);
    // The element id of the first match of a CSS selector, or "" when none.
    std::string find(const std::string& css);
    void type(const std::string& css, const std::string& text);
    void click(const std::string& css);
    std::string text(const std::string& css);
    // Runs `script` (a function body) in the page and returns its value.
    nlohmann::json run(const std::string& script);
    // Waits until `script` returns true, at most `deadline`; false when it never did.
    bool wait_for(const std::string& script,
                  std::chrono::milliseconds deadline = std::chrono::seconds(10));
    std::string current_url();
    // Resizes the window to the page's full height (capped) and writes a PNG.
    bool screenshot(const std::filesystem::path& png, int width = 1280);

private:
    nlohmann::json call(const std::string& method, const std::string& path,
                        const nlohmann::json& body = nullptr);

    pid_t driver_pid_ = -1;
    int port_ = 0;
    std::string session_;
    std::string error_;
};

// Waits until a file ending in `suffix` is complete in `dir` (no .crdownload beside it) and
// returns its path, or an empty path after the deadline.
std::filesystem::path wait_for_download(const std::filesystem::path& dir,
                                        const std::string& suffix,
                                        std::chrono::milliseconds deadline =
                                            std::chrono::seconds(15));

}  // namespace c5::test
