// A loopback TCP proxy for the sync tests: forwards every connection to syncd and, on
// request, cuts one connection after a number of bytes in either direction, the way a
// failing Wi-Fi link or a pulled cable does. It also reports when a connection's whole HTTP
// request has been forwarded, so a test can kill the server while that request is in work.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace c5::test {

class CutProxy {
public:
    // Listens on 127.0.0.1 with an ephemeral port and forwards to 127.0.0.1:target_port.
    explicit CutProxy(int target_port);
    ~CutProxy();
    CutProxy(const CutProxy&) = delete;
    CutProxy& operator=(const CutProxy&) = delete;

    int port() const { return port_; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // Forwards later connections to another port (syncd restarted on a new one).
    void set_target(int target_port);

    // Connection `index` (1 for the first accepted since construction) is closed once `bytes`
    // bytes of its request (upload) or its answer (download) have been forwarded.
    void cut_upload(int index, std::size_t bytes);
    void cut_download(int index, std::size_t bytes);

    // Waits until connection `index` has forwarded its whole HTTP request (headers and the
    // Content-Length body). False when the deadline passes first.
    bool wait_request_forwarded(int index, std::chrono::milliseconds deadline);

    // Connections accepted so far.
    int connections() const;

private:
    struct Limits {
        std::size_t upload = static_cast<std::size_t>(-1);
        std::size_t download = static_cast<std::size_t>(-1);
    };
    struct Progress {
        std::size_t uploaded = 0;
        std::size_t request_size = 0;  // headers + body, once the headers are complete
        std::string head;              // the request's header bytes, until complete
        bool request_forwarded = false;
    };

    void accept_loop();
    void pump(int index, int client_fd);
    // Records `n` more uploaded bytes of connection `index`; returns how many may be sent.
    std::size_t note_upload(int index, const char* data, std::size_t n);

    int listen_fd_ = -1;
    int wake_pipe_[2] = {-1, -1};
    int port_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    int target_port_ = 0;
    int accepted_ = 0;
    bool stopping_ = false;
    std::map<int, Limits> limits_;
    std::map<int, Progress> progress_;
    std::thread acceptor_;
    std::vector<std::thread> pumps_;
};

}  // namespace c5::test
