// A minimal WebDriver client: only the commands the results-page test uses.
#include "web/webdriver.hpp"

#include <httplib.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <vector>

namespace c5::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

// A port nobody listens on now: bind port 0, read it, close. chromedriver takes it next.
int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

std::string decode_base64(const std::string& text) {
    static const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto pos = alphabet.find(c);
        if (pos == std::string::npos) continue;
        buffer = (buffer << 6) | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace

Browser::Browser(const std::filesystem::path& download_dir,
                 const std::filesystem::path& profile_dir) {
    port_ = free_port();
    const std::string port_arg = "--port=" + std::to_string(port_);
    driver_pid_ = fork();
    if (driver_pid_ == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(kChromedriver, kChromedriver, port_arg.c_str(), "--allowed-ips=127.0.0.1",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    if (driver_pid_ < 0) {
        error_ = "cannot fork chromedriver";
        return;
    }

    httplib::Client probe("127.0.0.1", port_);
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i) {
        auto res = probe.Get("/status");
        ready = res && res->status == 200;
        if (!ready) std::this_thread::sleep_for(100ms);
    }
    if (!ready) {
        error_ = "chromedriver did not answer on port " + std::to_string(port_);
        return;
    }

    // Root in a container needs --no-sandbox; the window is wide enough for the tables.
    const json options = {
        {"binary", kChromium},
        {"args",
         {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1280,900", "--lang=vi", "--no-first-run",
          "--user-data-dir=" + profile_dir.string()}},
        {"prefs",
         {{"download.default_directory", download_dir.string()},
          {"download.prompt_for_download", false},
          {"safebrowsing.enabled", false}}}};
    const json answer = call("POST", "/session",
                             {{"capabilities",
                               {{"alwaysMatch", {{"goog:chromeOptions", options}}}}}});
    if (!answer.contains("sessionId")) {
        error_ = "no session: " + answer.dump();
        return;
    }
    session_ = answer["sessionId"].get<std::string>();
    // Headless Chromium saves downloads only when told where, through the DevTools command.
    call("POST", "/session/" + session_ + "/chromium/send_command",
         {{"cmd", "Browser.setDownloadBehavior"},
          {"params", {{"behavior", "allow"}, {"downloadPath", download_dir.string()}}}});
}

Browser::~Browser() {
    if (!session_.empty()) call("DELETE", "/session/" + session_);
    if (driver_pid_ > 0) {
        kill(driver_pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 50; ++i) {
            if (waitpid(driver_pid_, &status, WNOHANG) == driver_pid_) return;
            std::this_thread::sleep_for(100ms);
        }
        kill(driver_pid_, SIGKILL);
        waitpid(driver_pid_, &status, 0);
    }
}

json Browser::call(const std::string& method, const std::string& path, const json& body) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    const std::string text = body.is_null() ? "{}" : body.dump();
    httplib::Result res = method == "GET"      ? client.Get(path.c_str())
                          : method == "DELETE" ? client.Delete(path.c_str())
                                               : client.Post(path.c_str(), text,
                                                             "application/json");
    if (!res) return json{{"error", "no answer from chromedriver"}};
    json parsed = json::parse(res->body, nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("value")) return json{{"error", res->body}};
    return parsed["value"];
}

void Browser::go(const std::string& url) {
    call("POST", "/session/" + session_ + "/url", {{"url", url}});
}

std::string Browser::find(const std::string& css) {
    const json found = call("POST", "/session/" + session_ + "/element",
                            {{"using", "css selector"}, {"value", css}});
    return found.is_object() && found.contains(kElementKey) ? found[kElementKey].get<std::string>()
                                                            : "";
}

void Browser::type(const std::string& css, const std::string& text) {
    call("POST", "/session/" + session_ + "/element/" + find(css) + "/value", {{"text", text}});
}

void Browser::click(const std::string& css) {
    call("POST", "/session/" + session_ + "/element/" + find(css) + "/click", json::object());
}

std::string Browser::text(const std::string& css) {
    const std::string id = find(css);
    if (id.empty()) return "";
    const json value = call("GET", "/session/" + session_ + "/element/" + id + "/text");
    return value.is_string() ? value.get<std::string>() : "";
}

json Browser::run(const std::string& script) {
    return call("POST", "/session/" + session_ + "/execute/sync",
                {{"script", script}, {"args", json::array()}});
}

bool Browser::wait_for(const std::string& script, std::chrono::milliseconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        const json value = run(script);
        if (value.is_boolean() && value.get<bool>()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

std::string Browser::current_url() {
    const json value = call("GET", "/session/" + session_ + "/url");
    return value.is_string() ? value.get<std::string>() : "";
}

bool Browser::screenshot(const std::filesystem::path& png, int width) {
    const json height = run("return document.documentElement.scrollHeight;");
    const int h = height.is_number() ? std::min(height.get<int>() + 200, 5000) : 900;
    call("POST", "/session/" + session_ + "/window/rect", {{"width", width}, {"height", h}});
    const json value = call("GET", "/session/" + session_ + "/screenshot");
    if (!value.is_string()) return false;
    std::ofstream out(png, std::ios::binary | std::ios::trunc);
    out << decode_base64(value.get<std::string>());
    return static_cast<bool>(out);
}

std::filesystem::path wait_for_download(const std::filesystem::path& dir,
                                        const std::string& suffix,
                                        std::chrono::milliseconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        std::filesystem::path found;
        bool partial = false;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            if (name.ends_with(".crdownload")) partial = true;
            if (name.ends_with(suffix)) found = entry.path();
        }
        if (!found.empty() && !partial) return found;
        std::this_thread::sleep_for(50ms);
    }
    return {};
}

}  // namespace c5::test
