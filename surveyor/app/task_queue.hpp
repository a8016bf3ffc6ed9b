// Background work for the app: one worker thread owns the unlocked store and runs jobs in
// order; results come back as tasks on the main queue, which the UI thread drains once per
// frame. So a frame never waits on disk, key derivation or the network.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "surveyor/app/session.hpp"

namespace c5::surveyor {

struct AppState;

// Tasks for the UI thread. post() may be called from any thread.
class MainQueue {
public:
    using Task = std::function<void(AppState&)>;

    void post(Task task);
    // Runs every task posted so far, in order, on the calling (UI) thread. Returns how many.
    std::size_t drain(AppState& state);
    // Called after each post, e.g. to wake a UI loop waiting for events.
    void set_wake(std::function<void()> wake);

private:
    std::mutex mutex_;
    std::vector<Task> tasks_;
    std::function<void()> wake_;
};

// What a job may touch: the session (empty while locked) and the way back to the UI.
struct WorkerContext {
    std::optional<Session>& session;
    MainQueue& ui;
};

class Worker {
public:
    using Job = std::function<void(WorkerContext&)>;

    explicit Worker(MainQueue& ui);
    // Finishes the jobs already posted, closes the session, and joins the thread.
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(Job job);
    // True while a job is queued or running.
    bool busy() const;
    // Blocks until no job is queued or running: for tests, the headless commands and exit.
    void wait_idle();

private:
    void run();

    MainQueue& ui_;
    std::optional<Session> session_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<Job> jobs_;
    bool running_ = false;
    bool stop_ = false;
    std::thread thread_;  // last: starts after the members above exist
};

}  // namespace c5::surveyor
