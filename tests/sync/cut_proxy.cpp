// The cutting proxy: one thread accepts, one thread per connection pumps bytes both ways
// with poll(); a byte written to the wake pipe (never read) stops every thread at once.
#include "sync/cut_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace c5::test {
namespace {

int connect_to(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bool send_all(int fd, const char* data, std::size_t n) {
    while (n > 0) {
        const ssize_t sent = send(fd, data, n, MSG_NOSIGNAL);
        if (sent <= 0) return false;
        data += sent;
        n -= static_cast<std::size_t>(sent);
    }
    return true;
}

// The Content-Length of a complete header block, 0 when it has none.
std::size_t content_length(const std::string& head) {
    std::string lower(head);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return std::stoul(lower.substr(at + 17));
}

}  // namespace

CutProxy::CutProxy(int target_port) : target_port_(target_port) {
    if (pipe(wake_pipe_) != 0) throw std::runtime_error("cut proxy: pipe failed");
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(listen_fd_, 16) != 0 ||
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error("cut proxy: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

CutProxy::~CutProxy() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = write(wake_pipe_[1], &byte, 1);
    acceptor_.join();
    for (std::thread& t : pumps_) t.join();
    close(listen_fd_);
    close(wake_pipe_[0]);
    close(wake_pipe_[1]);
}

void CutProxy::set_target(int target_port) {
    std::lock_guard lock(mutex_);
    target_port_ = target_port;
}

void CutProxy::cut_upload(int index, std::size_t bytes) {
    std::lock_guard lock(mutex_);
    limits_[index].upload = bytes;
}

void CutProxy::cut_download(int index, std::size_t bytes) {
    std::lock_guard lock(mutex_);
    limits_[index].download = bytes;
}

int CutProxy::connections() const {
    std::lock_guard lock(mutex_);
    return accepted_;
}

bool CutProxy::wait_request_forwarded(int index, std::chrono::milliseconds deadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return progress_[index].request_forwarded; });
}

void CutProxy::accept_loop() {
    for (;;) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) continue;
        if (fds[1].revents) return;
        const int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        std::lock_guard lock(mutex_);
        const int index = ++accepted_;
        pumps_.emplace_back([this, index, client] { pump(index, client); });
    }
}

std::size_t CutProxy::note_upload(int index, const char* data, std::size_t n) {
    std::lock_guard lock(mutex_);
    Progress& p = progress_[index];
    const std::size_t limit = limits_[index].upload;
    const std::size_t allowed = std::min(n, limit > p.uploaded ? limit - p.uploaded : 0);
    if (p.request_size == 0) {
        p.head.append(data, allowed);
        const auto end = p.head.find("\r\n\r\n");
        if (end != std::string::npos) {
            p.request_size = end + 4 + content_length(p.head.substr(0, end + 2));
        }
    }
    p.uploaded += allowed;
    if (p.request_size > 0 && p.uploaded >= p.request_size && !p.request_forwarded) {
        p.request_forwarded = true;
        changed_.notify_all();
    }
    return allowed;
}

void CutProxy::pump(int index, int client_fd) {
    int target = 0;
    {
        std::lock_guard lock(mutex_);
        target = target_port_;
    }
    const int server_fd = connect_to(target);
    std::size_t downloaded = 0;
    char buf[64 * 1024];
    while (server_fd >= 0) {
        pollfd fds[3] = {
            {client_fd, POLLIN, 0}, {server_fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
        if (poll(fds, 3, -1) < 0) continue;
        if (fds[2].revents) break;
        if (fds[0].revents) {
            const ssize_t n = recv(client_fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            // The HTTP request is noted before it is sent, so a waiting test may kill the
            // server the moment its last byte is on the way.
            const std::size_t allowed = note_upload(index, buf, static_cast<std::size_t>(n));
            if (!send_all(server_fd, buf, allowed) || allowed < static_cast<std::size_t>(n)) break;
        }
        if (fds[1].revents) {
            const ssize_t n = recv(server_fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            std::size_t limit = 0;
            {
                std::lock_guard lock(mutex_);
                limit = limits_[index].download;
            }
            const std::size_t allowed =
                std::min(static_cast<std::size_t>(n), limit > downloaded ? limit - downloaded : 0);
            downloaded += allowed;
            if (!send_all(client_fd, buf, allowed) || allowed < static_cast<std::size_t>(n)) break;
        }
    }
    if (server_fd >= 0) close(server_fd);
    close(client_fd);
}

}  // namespace c5::test
