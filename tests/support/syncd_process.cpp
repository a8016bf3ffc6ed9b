// Starting, checking, stopping and killing a real syncd for tests.
#include "support/syncd_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <regex>
#include <thread>

namespace c5::test {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Polls `ready` every few milliseconds until it holds or the deadline passes: waits are
// bounded and end as soon as the condition does, never a fixed sleep.
template <class Condition>
bool wait_until(std::chrono::milliseconds deadline, Condition ready) {
    const auto until = SteadyClock::now() + deadline;
    while (true) {
        if (ready()) return true;
        if (SteadyClock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int connect_loopback(int port, std::chrono::milliseconds deadline) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t len = sizeof error;
    if (poll(&p, 1, static_cast<int>(deadline.count())) != 1 ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

RawResponse raw_http(int port, const std::string& method, const std::string& path,
                     const std::string& body, std::chrono::milliseconds deadline) {
    RawResponse response;
    const auto until = SteadyClock::now() + deadline;
    const int fd = connect_loopback(port, deadline);
    if (fd < 0) return response;
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                          "Connection: close\r\nContent-Type: application/json\r\n" +
                          "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string reply;
    std::size_t sent = 0;
    while (SteadyClock::now() < until) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now());
        pollfd p{fd, static_cast<short>(sent < request.size() ? POLLIN | POLLOUT : POLLIN), 0};
        if (poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) break;
        if ((p.revents & POLLOUT) && sent < request.size()) {
            const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n > 0) sent += static_cast<std::size_t>(n);
        }
        if (p.revents & (POLLIN | POLLHUP)) {
            char buf[4096];
            const ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) break;
            reply.append(buf, static_cast<std::size_t>(n));
        }
    }
    close(fd);
    std::smatch status;
    if (std::regex_search(reply, status, std::regex("^HTTP/1\\.[01] (\\d{3})"))) {
        response.status = std::stoi(status[1]);
    }
    if (const auto blank = reply.find("\r\n\r\n"); blank != std::string::npos) {
        response.body = reply.substr(blank + 4);
    }
    return response;
}

SyncdProcess::SyncdProcess(SyncdOptions options)
    : options_(std::move(options)), data_dir_(root_ / "data") {}

SyncdProcess::~SyncdProcess() {
    if (running()) kill();
}

std::map<std::string, std::string> SyncdProcess::env() const {
    std::map<std::string, std::string> env{{"C5_SYNCD_PASSPHRASE", passphrase_},
                                           {"C5_RECOVERY_PASSPHRASE", recovery_passphrase_},
                                           {"C5_KDF", "min"}};
    for (const auto& [k, v] : options_.env) env[k] = v;
    return env;
}

bool SyncdProcess::init() {
    auto result = run_process(options_.program, {"init", "--data", data_dir_.string()}, env(),
                              options_.deadline);
    std::smatch code;
    if (result.exit_code != 0 ||
        !std::regex_search(result.out, code, std::regex("([0-9A-Z]{4}-[0-9A-Z]{4})"))) {
        last_error_ = "syncd init failed: " + result.err;
        return false;
    }
    province_code_ = code[1];
    return true;
}

ProcessResult SyncdProcess::run(const std::string& command,
                                const std::vector<std::string>& args) const {
    std::vector<std::string> all{command, "--data", data_dir_.string()};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(options_.program, all, env(), options_.deadline);
}

std::string SyncdProcess::enroll(const std::string& role, const std::string& unit,
                                 const std::string& name) {
    auto result = run("enroll", {"--role", role, "--unit", unit, "--name", name});
    std::smatch code;
    if (result.exit_code != 0 ||
        !std::regex_search(result.out, code, std::regex("([0-9A-Z]{4}-[0-9A-Z]{4})"))) {
        last_error_ = "syncd enroll failed: " + result.err;
        return {};
    }
    return code[1];
}

bool SyncdProcess::healthy() const {
    if (port_ <= 0) return false;
    const auto& args = options_.serve_args;
    if (std::find(args.begin(), args.end(), "--cert") != args.end()) {
        const int fd = connect_loopback(port_, std::chrono::seconds(2));
        if (fd >= 0) close(fd);
        return fd >= 0;
    }
    const RawResponse r = raw_http(port_, "GET", "/v1/health", {}, std::chrono::seconds(2));
    return r.status == 200 && r.body.find("\"status\":\"ok\"") != std::string::npos;
}

bool SyncdProcess::start() {
    if (running()) return true;
    const auto port_file = data_dir_ / "syncd.port";
    std::error_code ignored;
    std::filesystem::remove(port_file, ignored);
    port_ = 0;
    const std::string err_file = (root_ / "server.err").string();
    const std::string out_file = (root_ / "server.out").string();
    std::vector<std::string> args{options_.program,   "serve",    "--data",
                                  data_dir_.string(), "--listen", "127.0.0.1:0"};
    args.insert(args.end(), options_.serve_args.begin(), options_.serve_args.end());
    const auto environment = env();

    pid_ = fork();
    if (pid_ == 0) {
        const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(out, 1);
        dup2(err, 2);
        for (const auto& [k, v] : environment) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    if (pid_ < 0) {
        last_error_ = "fork failed";
        return false;
    }
    int status = 0;
    const bool ready = wait_until(options_.deadline, [&] {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return true;
        }
        if (port_ == 0) {
            std::ifstream in(port_file);
            if (!(in >> port_)) port_ = 0;
        }
        return healthy();
    });
    if (pid_ < 0) {
        last_error_ = "syncd serve exited early: " + server_log();
        return false;
    }
    if (!ready) {
        last_error_ = "syncd serve not ready in time: " + server_log();
        kill();
        return false;
    }
    return true;
}

bool SyncdProcess::wait_for_exit(std::chrono::milliseconds deadline, int& status) {
    return wait_until(deadline, [&] { return waitpid(pid_, &status, WNOHANG) == pid_; });
}

bool SyncdProcess::stop() {
    if (!running()) return true;
    ::kill(pid_, SIGTERM);
    int status = 0;
    if (!wait_for_exit(options_.deadline, status)) {
        last_error_ = "syncd serve did not stop after SIGTERM";
        kill();
        return false;
    }
    pid_ = -1;
    const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!clean) last_error_ = "syncd serve exited uncleanly: " + server_log();
    return clean;
}

void SyncdProcess::kill() {
    if (!running()) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

bool SyncdProcess::restart() {
    if (running() && !stop()) kill();
    return start();
}

std::string SyncdProcess::server_log() const {
    return read_all(root_ / "server.err");
}

}  // namespace c5::test
