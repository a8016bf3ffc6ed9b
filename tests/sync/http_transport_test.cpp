// HttpTransport against a scripted loopback server: addresses with and without a path
// prefix, gzip answers, and the three ways a request gets no answer (refused, cut, too
// slow) kept apart from HTTP statuses.
#include "net/http_transport.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

using c5::net::HttpTransport;
using c5::net::HttpTransportOptions;
using c5::sync::TransportErrorKind;

namespace {

// What the scripted server does with each request: the raw HTTP reply to send, or nullopt
// to hang up without answering, after waiting `delay`.
struct Script {
    std::string reply;
    bool hang_up = false;
    std::chrono::milliseconds delay{0};
};

// One thread serving connections one at a time on 127.0.0.1 with an ephemeral port, keeping
// the last request's header block and body.
class ScriptedServer {
public:
    explicit ScriptedServer(Script script) : script_(std::move(script)) {
        REQUIRE(pipe(wake_) == 0);
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(listen(fd_, 4) == 0);
        REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = write(wake_[1], &byte, 1);
        thread_.join();
        close(fd_);
        close(wake_[0]);
        close(wake_[1]);
    }

    std::string url(const std::string& prefix = "") const {
        return "http://127.0.0.1:" + std::to_string(port_) + prefix;
    }
    std::string request() const {
        std::lock_guard lock(mutex_);
        return request_;
    }

private:
    bool wait_readable(int fd, std::chrono::milliseconds timeout) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        return poll(fds, 2, static_cast<int>(timeout.count())) > 0 && !fds[1].revents &&
               fds[0].revents;
    }

    void serve() {
        while (wait_readable(fd_, std::chrono::seconds(30))) {
            const int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            std::string got;
            char buf[4096];
            while (got.find("\r\n\r\n") == std::string::npos &&
                   wait_readable(client, std::chrono::seconds(5))) {
                const ssize_t n = recv(client, buf, sizeof buf, 0);
                if (n <= 0) break;
                got.append(buf, static_cast<std::size_t>(n));
            }
            {
                std::lock_guard lock(mutex_);
                request_ = got;
            }
            if (script_.delay.count() > 0) wait_readable(wake_[0], script_.delay);
            if (!script_.hang_up) {
                [[maybe_unused]] const ssize_t n =
                    send(client, script_.reply.data(), script_.reply.size(), MSG_NOSIGNAL);
            }
            close(client);
        }
    }

    Script script_;
    int fd_ = -1;
    int wake_[2] = {-1, -1};
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::string request_;
};

std::string http_reply(int status, const std::string& body, const std::string& headers = "") {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
           headers + "Content-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

std::string gzip(const std::string& text) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, text.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

HttpTransport make(const std::string& url, HttpTransportOptions options = {}) {
    auto transport = HttpTransport::create(url, options);
    REQUIRE_MESSAGE(transport, (transport ? std::string() : transport.error().message));
    return std::move(*transport);
}

}  // namespace

TEST_CASE("addresses that are not http or https URLs are refused") {
    for (const char* bad : {"10.0.0.2:8470", "ftp://10.0.0.2", "http://", "http://host:0",
                            "http://host:99999", "http://host:80x"}) {
        CAPTURE(bad);
        auto transport = HttpTransport::create(bad);
        REQUIRE_FALSE(transport);
        CHECK(transport.error().kind == c5::ErrorKind::InvalidInput);
    }
    CHECK(HttpTransport::create("https://syncd.example.vn").has_value());
    CHECK(HttpTransport::create("HTTP://[::1]:8470/c5/").has_value());
}

TEST_CASE("a request goes to the prefix and its answer comes back with its status") {
    ScriptedServer server({http_reply(409, R"({"error":"fork"})")});
    HttpTransport transport = make(server.url("/c5/"));
    CHECK(transport.base_url() == server.url("/c5"));
    auto response = transport.post("/v1/push", R"({"seq":1})");
    REQUIRE(response);
    CHECK(response->status == 409);
    CHECK(response->body == R"({"error":"fork"})");
    const std::string request = server.request();
    CHECK(request.rfind("POST /c5/v1/push HTTP/1.1\r\n", 0) == 0);
    CHECK(request.find("Content-Type: application/json") != std::string::npos);
}

TEST_CASE("gzip answers are accepted and inflated") {
    const std::string body = R"({"status":"ok","protocol":1})";
    ScriptedServer server({http_reply(200, gzip(body), "Content-Encoding: gzip\r\n")});
    HttpTransport transport = make(server.url());
    auto response = transport.get("/v1/health");
    REQUIRE_MESSAGE(response, (response ? std::string() : response.error().message));
    CHECK(response->body == body);
    CHECK(server.request().find("gzip") != std::string::npos);  // in Accept-Encoding
}

TEST_CASE("no answer is a transport error of its own kind, never a status") {
    SUBCASE("nobody listens") {
        int port = 0;
        {
            ScriptedServer closed({});
            port = std::stoi(closed.url().substr(closed.url().rfind(':') + 1));
        }
        HttpTransport transport = make("http://127.0.0.1:" + std::to_string(port));
        auto response = transport.post("/v1/pull", "{}");
        REQUIRE_FALSE(response);
        CHECK(response.error().kind == TransportErrorKind::NoConnection);
    }
    SUBCASE("the connection is closed before the answer") {
        ScriptedServer server({"", true});
        HttpTransport transport = make(server.url());
        auto response = transport.post("/v1/push", "{}");
        REQUIRE_FALSE(response);
        CHECK(response.error().kind == TransportErrorKind::NoConnection);
        CHECK(response.error().message.find("cut") != std::string::npos);
    }
    SUBCASE("an https address whose server does not speak TLS") {
        ScriptedServer server({http_reply(200, "{}")});
        HttpTransport transport = make("https" + server.url().substr(4));
        auto response = transport.post("/v1/pull", "{}");
        REQUIRE_FALSE(response);
        CHECK(response.error().kind == TransportErrorKind::Tls);
    }
    SUBCASE("the answer is too slow") {
        ScriptedServer server({http_reply(200, "{}"), false, std::chrono::milliseconds(3000)});
        HttpTransportOptions options;
        options.read_timeout = std::chrono::milliseconds(300);
        HttpTransport transport = make(server.url(), options);
        const auto start = std::chrono::steady_clock::now();
        auto response = transport.post("/v1/push", "{}");
        REQUIRE_FALSE(response);
        CHECK(response.error().kind == TransportErrorKind::Timeout);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    }
}
