// Routing, error bodies, request logging and the signal-driven stop around httplib.
#include "syncd/server/http_server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "core/sync/wire_messages.hpp"
#include "syncd/server/attempt_throttle.hpp"
#include "syncd/web/web_routes.hpp"

namespace c5::syncd {
namespace {

using Clock = std::chrono::steady_clock;

// Times each request from routing to the log line and carries the device the handler
// identified. Keyed by the Response object, unique while its request is in flight.
class RequestLog {
public:
    explicit RequestLog(spdlog::logger& log) : log_(log) {}

    void start(const httplib::Response& res) {
        std::lock_guard lock(mutex_);
        entries_[&res] = Entry{Clock::now(), {}, {}};
    }

    void note(const httplib::Response& res, const Reply& reply) {
        std::lock_guard lock(mutex_);
        auto& entry = entries_[&res];
        entry.device = reply.device_id;
        entry.summary = reply.summary;
    }

    void finish(const httplib::Request& req, const httplib::Response& res) {
        Entry entry;
        {
            std::lock_guard lock(mutex_);
            auto it = entries_.find(&res);
            if (it != entries_.end()) {
                entry = std::move(it->second);
                entries_.erase(it);
            }
        }
        const double ms =
            entry.started == Clock::time_point{}
                ? 0.0
                : std::chrono::duration<double, std::milli>(Clock::now() - entry.started).count();
        const auto level = res.status >= 500 ? spdlog::level::err : spdlog::level::info;
        log_.log(level,
                 "request handled method={} path={} status={} duration_ms={:.1f} device={}{}{}",
                 req.method, req.path, res.status, ms, entry.device.empty() ? "-" : entry.device,
                 entry.summary.empty() ? "" : " ", entry.summary);
    }

private:
    struct Entry {
        Clock::time_point started{};
        std::string device;
        std::string summary;
    };
    spdlog::logger& log_;
    std::mutex mutex_;
    std::map<const httplib::Response*, Entry> entries_;
};

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    res.set_content(reply.body.dump(), "application/json");
}

// The error code of a status httplib itself answered (no route, body too big, bad request).
std::pair<const char*, const char*> library_refusal(int status) {
    switch (status) {
        case 404:
            return {"not_found", "no such endpoint"};
        case 413:
            return {"too_large", "the body is over the limit"};
        case 400:
            return {"malformed", "the request is not well-formed HTTP"};
        default:
            return {status >= 500 ? "internal" : "refused", "the request was refused"};
    }
}

// Enrolment codes are 40 random bits, yet nothing else bounds how many a client may guess:
// an address that presented kMaxBadCodes wrong, used or expired codes within the window waits
// (429) until the window ends; a good code clears its count.
constexpr int kMaxBadCodes = 10;
constexpr std::int64_t kBadCodeWindowMs = 15 * 60 * 1000;

// Connections the kernel queues before syncd accepts them: a ward's or province's laptops
// syncing at once (capped by net.core.somaxconn).
constexpr int kListenBacklog = 1024;

struct ThrottledReply {
    Reply reply;
    std::int64_t retry_after_s = 0;  // for a 429: the Retry-After header
};

ThrottledReply enroll_throttled(SyncService& service, AttemptThrottle& throttle,
                                std::string_view body, const std::string& address) {
    const std::int64_t now = service.context().now_ms();
    if (const std::int64_t wait = throttle.wait_ms(address, now); wait > 0) {
        Reply reply = refusal(429, "too_many_attempts",
                              "too many wrong enrolment codes from this address; try again in " +
                                  std::to_string((wait + 59999) / 60000) + " minutes");
        return ThrottledReply{std::move(reply), (wait + 999) / 1000};
    }
    Reply reply = service.enroll(body);
    if (reply.status == 401) throttle.failed(address, now);
    if (reply.status == 200) throttle.clear(address);
    return ThrottledReply{std::move(reply), 0};
}

void add_routes(httplib::Server& server, SyncService& service, RequestLog& requests,
                AttemptThrottle& enrol_throttle) {
    const auto route = [&](Reply (SyncService::*handler)(std::string_view)) {
        return [&service, &requests, handler](const httplib::Request& req, httplib::Response& res) {
            const Reply reply = (service.*handler)(req.body);
            requests.note(res, reply);
            send(res, reply);
        };
    };
    server.Get("/v1/health", [&](const httplib::Request&, httplib::Response& res) {
        send(res, service.health());
    });
    server.Post("/v1/enroll", [&service, &requests, &enrol_throttle](const httplib::Request& req,
                                                                     httplib::Response& res) {
        const auto [reply, retry_after_s] =
            enroll_throttled(service, enrol_throttle, req.body, req.remote_addr);
        if (retry_after_s > 0) res.set_header("Retry-After", std::to_string(retry_after_s));
        requests.note(res, reply);
        send(res, reply);
    });
    server.Post("/v1/push", route(&SyncService::push));
    server.Post("/v1/pull", route(&SyncService::pull));

    server.set_pre_routing_handler([&](const httplib::Request&, httplib::Response& res) {
        requests.start(res);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    const httplib::Server::HandlerWithResponse shape_error = [](const httplib::Request&,
                                                                httplib::Response& res) {
        // Our handlers' refusals already carry their JSON body; shape only httplib's own.
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const auto [code, message] = library_refusal(res.status);
        res.set_content(sync::to_json(sync::ErrorBody{code, message, std::nullopt}).dump(),
                        "application/json");
        return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(shape_error);
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send(res, refusal(500, "internal", "syncd failed; the request was rolled back"));
        });
    server.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
        requests.finish(req, res);
    });
}

Result<std::unique_ptr<httplib::Server>> make_server(const HttpOptions& options) {
    if (options.cert_file.empty() != options.key_file.empty()) {
        return fail(ErrorKind::InvalidInput, "--cert and --key go together");
    }
    std::unique_ptr<httplib::Server> server;
    if (!options.cert_file.empty()) {
        auto tls = std::make_unique<httplib::SSLServer>(options.cert_file.c_str(),
                                                        options.key_file.c_str());
        if (!tls->is_valid()) {
            return fail(ErrorKind::Io, "the certificate or key does not load");
        }
        server = std::move(tls);
    } else {
        server = std::make_unique<httplib::Server>();
    }
    const int threads = std::max(1, options.threads);
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server->set_payload_max_length(options.max_body_bytes);
    server->set_read_timeout(std::chrono::seconds(30));
    server->set_write_timeout(std::chrono::seconds(30));
    return server;
}

// Merges held changes once the clock reaches them, checking every minute, so they do not
// wait for the next push. Stops (and joins) promptly when asked.
class HeldReleaser {
public:
    HeldReleaser(SyncService& service, spdlog::logger& log)
        : thread_([this, &service, &log] { run(service, log); }) {}
    ~HeldReleaser() { stop(); }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    void run(SyncService& service, spdlog::logger& log) {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; })) {
            lock.unlock();
            auto released = service.release_held();
            if (!released) {
                log.error("held changes not released reason=\"{}\"", released.error().message);
            } else if (*released > 0) {
                log.info("held changes released count={}", *released);
            }
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the members it uses exist
};

// Writes the port beside the data and renames it into place, so a reader never sees half.
Result<void> write_port_file(const std::filesystem::path& file, int port) {
    const std::filesystem::path temp = file.string() + ".part";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << port << "\n";
        if (!out) return fail(ErrorKind::Io, "cannot write " + temp.string());
    }
    std::error_code ec;
    std::filesystem::rename(temp, file, ec);
    if (ec) return fail(ErrorKind::Io, "cannot write " + file.string() + ": " + ec.message());
    return {};
}

}  // namespace

Result<std::pair<std::string, int>> parse_listen_address(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return fail(ErrorKind::InvalidInput, "--listen must be HOST:PORT, e.g. 127.0.0.1:8470");
    }
    const std::string port_text = text.substr(colon + 1);
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(port_text, &used);
        if (used != port_text.size()) port = -1;
    } catch (const std::exception&) {
        port = -1;
    }
    if (port < 0 || port > 65535) {
        return fail(ErrorKind::InvalidInput, "--listen port must be 0 to 65535");
    }
    return std::pair{text.substr(0, colon), port};
}

Result<void> serve_http(SyncService& service, const HttpOptions& options, spdlog::logger& log) {
    // Block the stop signals here, before httplib starts its threads, so that only the
    // waiting thread below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto server = make_server(options);
    if (!server) return std::unexpected(server.error());
    RequestLog requests(log);
    AttemptThrottle enrol_throttle(kMaxBadCodes, kBadCodeWindowMs);
    add_routes(**server, service, requests, enrol_throttle);
    // A Secure cookie is kept by browsers under HTTPS and on loopback addresses only.
    const bool loopback =
        options.host.starts_with("127.") || options.host == "localhost" || options.host == "::1";
    WebPages web(service.context(), WebOptions{!options.cert_file.empty() || loopback});
    web.add_routes(**server);

    // httplib's default sets SO_REUSEPORT, which lets a second syncd bind the same port and
    // take half the traffic with a stale database; SO_REUSEADDR alone still allows a quick
    // restart while old connections linger.
    socket_t listening = INVALID_SOCKET;
    (*server)->set_socket_options([&listening](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        listening = sock;
    });

    errno = 0;
    const int port =
        options.port == 0
            ? (*server)->bind_to_any_port(options.host)
            : ((*server)->bind_to_port(options.host, options.port) ? options.port : -1);
    // httplib listens with a backlog of 5, compiled into Debian's library: when many laptops
    // connect at once, the kernel drops the rest of the burst and they wait for retransmits
    // or lose the connection. Listening again on the bound socket only lengthens the queue.
    if (port >= 0 && listening != INVALID_SOCKET) ::listen(listening, kListenBacklog);
    if (port < 0) {
        // httplib says only that it failed; the errno of its bind tells why, when it is kept.
        const int why = errno;
        std::string reason = "is another program, perhaps another syncd, using it?";
        if (why == EADDRNOTAVAIL) {
            reason = "no network interface of this machine has that address";
        } else if (why == EACCES) {
            reason = "ports below 1024 need root";
        } else if (why != 0 && why != EADDRINUSE) {
            reason = std::strerror(why);
        }
        return fail(ErrorKind::Io, "cannot listen on " + options.host + ":" +
                                       std::to_string(options.port) + " (" + reason + ")");
    }
    if (!options.port_file.empty()) {
        if (auto written = write_port_file(options.port_file, port); !written) return written;
    }
    const char* scheme = options.cert_file.empty() ? "http" : "https";
    log.info("syncd listening address={}://{}:{} threads={}", scheme, options.host, port,
             options.threads);
    std::cout << "syncd listening on " << scheme << "://" << options.host << ":" << port
              << std::endl;
    std::cout << "Results pages: " << scheme << "://" << options.host << ":" << port << "/web/"
              << std::endl;
    if (options.cert_file.empty() && !loopback) {
        // Sync bodies are sealed end to end, but web passwords, session cookies and the
        // household downloads of the results pages are not: on a network they need TLS.
        log.warn(
            "syncd serves plain HTTP on a network address host={}: web logins and "
            "downloads travel unencrypted; use --cert and --key",
            options.host);
        std::cout << "Warning: plain HTTP on " << options.host
                  << ": web logins and household downloads travel unencrypted. "
                     "Serve HTTPS with --cert and --key."
                  << std::endl;
    }

    std::atomic<bool> stopping = false;
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        if (!stopping.exchange(true)) {
            log.info("syncd stopping signal={}", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
        }
        (*server)->stop();
    });
    HeldReleaser releaser(service, log);
    // Returns once stop() closed the socket and the pool finished the requests in flight.
    const bool clean = (*server)->listen_after_bind();
    releaser.stop();
    if (!stopping.exchange(true)) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (!options.port_file.empty()) {
        std::error_code ignored;
        std::filesystem::remove(options.port_file, ignored);
    }
    log.info("syncd stopped");
    if (!clean) return fail(ErrorKind::Io, "the listening socket failed");
    return {};
}

}  // namespace c5::syncd
