// A burst of connections, as 200 laptops syncing at once make: syncd must take every one into
// its queue even when it is too busy to accept them at that moment. With a short listen
// backlog (httplib's is 5) the kernel drops the rest of the burst, and those laptops wait
// seconds for retransmissions or, when the queue stays full, lose the connection (found by
// c5-load; docs/reliability.md, "Load").
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "support/syncd_process.hpp"

namespace {

// Starts a non-blocking connect to 127.0.0.1:port; the descriptor, or -1.
int start_connect(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    return fd;
}

// True when the connect of `fd` completed within `ms` (the kernel finished the handshake).
bool connected_within(int fd, int ms) {
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, ms) <= 0) return false;
    int error = 0;
    socklen_t size = sizeof error;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
    return error == 0;
}

}  // namespace

TEST_CASE("syncd takes a burst of 200 connections while it is too busy to accept them") {
    c5::test::SyncdProcess server;
    REQUIRE_MESSAGE(server.init(), server.last_error());
    REQUIRE_MESSAGE(server.start(), server.last_error());

    // Stopped, syncd accepts nothing: only the kernel's listen queue can hold the burst.
    REQUIRE(kill(server.pid(), SIGSTOP) == 0);
    std::vector<int> sockets;
    for (int i = 0; i < 200; ++i) sockets.push_back(start_connect(server.port()));
    int connected = 0;
    for (int fd : sockets) connected += connected_within(fd, 200) ? 1 : 0;
    REQUIRE(kill(server.pid(), SIGCONT) == 0);
    for (int fd : sockets) close(fd);
    CHECK(connected == 200);

    // And it goes on serving afterwards.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!server.healthy() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(server.healthy());
}
