// A real syncd for tests: a throwaway data folder initialised with test passphrases (and the
// weakest key derivation), `syncd serve` on 127.0.0.1 with an ephemeral port, a readiness
// check on GET /v1/health with a deadline, stop by SIGTERM, kill by SIGKILL, and restart on
// the same folder. No HTTP library needed: the health check speaks plain HTTP/1.1.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace c5::test {

struct SyncdOptions {
    std::string program = C5_SYNCD_PATH;
    std::map<std::string, std::string> env;  // added to the passphrases and C5_KDF=min
    // Extra arguments of `syncd serve`. With --cert (HTTPS) readiness is the port accepting
    // a connection, since the plain-HTTP health check cannot speak TLS.
    std::vector<std::string> serve_args;
    std::chrono::milliseconds deadline = std::chrono::seconds(20);  // start, stop, commands
};

class SyncdProcess {
public:
    explicit SyncdProcess(SyncdOptions options = {});
    ~SyncdProcess();  // kills a running server and removes the folder
    SyncdProcess(const SyncdProcess&) = delete;
    SyncdProcess& operator=(const SyncdProcess&) = delete;

    // Runs `syncd init` on the data folder; the province code it printed is kept. False (see
    // last_error) when it fails.
    bool init();

    // Runs `syncd COMMAND --data DIR ARGS...` with the passphrases in the environment.
    ProcessResult run(const std::string& command, const std::vector<std::string>& args = {}) const;

    // `syncd enroll`: the code it printed ("XXXX-XXXX"), or "" (see last_error).
    std::string enroll(const std::string& role, const std::string& unit, const std::string& name);

    // Starts `syncd serve --listen 127.0.0.1:0` and waits, at most the deadline, for the
    // port file and a 200 from GET /v1/health. False (see last_error, server_log) on failure.
    bool start();

    // SIGTERM, then waits for the exit; true when it exited with status 0 in time (it is
    // killed otherwise).
    bool stop();

    // SIGKILL and reap: a power cut as far as the server can tell.
    void kill();

    // stop() (or kill() when it does not stop in time), then start() on the same folder.
    bool restart();

    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    std::string host() const { return "127.0.0.1"; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    std::filesystem::path database_file() const { return data_dir_ / "syncd.db"; }
    const std::string& province_code() const { return province_code_; }
    const std::string& passphrase() const { return passphrase_; }
    // The environment syncd commands get: passphrases and C5_KDF=min, plus options.env.
    std::map<std::string, std::string> env() const;
    // What the server wrote to stderr (all runs since construction).
    std::string server_log() const;
    const std::string& last_error() const { return last_error_; }

    // GET /v1/health once: true on a 200 with "status":"ok" (for HTTPS: the port accepts).
    bool healthy() const;

private:
    bool wait_for_exit(std::chrono::milliseconds deadline, int& status);

    SyncdOptions options_;
    TempDir root_;
    std::filesystem::path data_dir_;
    std::string passphrase_ = "test server passphrase";
    std::string recovery_passphrase_ = "test recovery passphrase";
    std::string province_code_;
    std::string last_error_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// Sends one HTTP/1.1 request to 127.0.0.1:port and returns the status (0 when no answer in
// time) and the body. For readiness checks and tests that need no HTTP library.
struct RawResponse {
    int status = 0;
    std::string body;
};
RawResponse raw_http(int port, const std::string& method, const std::string& path,
                     const std::string& body = {},
                     std::chrono::milliseconds deadline = std::chrono::seconds(5));

}  // namespace c5::test
