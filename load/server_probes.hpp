// What a ward officer and a monitor see while the laptops sync: syncd's health endpoint and
// the results page (logged in with a web account), each polled on its own thread, timed.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "load/figures.hpp"

namespace c5::load {

struct ProbeTarget {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string web_user;  // a web account of `syncd users add`
    std::string web_password;
    std::chrono::milliseconds every{250};
};

class ServerProbes {
public:
    // Starts both pollers at once.
    explicit ServerProbes(ProbeTarget target);
    ~ServerProbes();
    ServerProbes(const ServerProbes&) = delete;
    ServerProbes& operator=(const ServerProbes&) = delete;

    // Stops and joins the pollers; the figures are complete afterwards.
    void stop();

    const Figures& health() const { return health_; }
    // One sample: the overview page and the results it reads (what a browser needs to show
    // it), after one login at the start.
    const Figures& results_page() const { return results_page_; }

private:
    void poll_health();
    void poll_results_page();
    void pause();

    ProbeTarget target_;
    std::atomic<bool> stopping_ = false;
    Figures health_;
    Figures results_page_;
    std::thread health_thread_;
    std::thread page_thread_;
};

}  // namespace c5::load
