// The worker thread and the main-thread queue.
#include "surveyor/app/task_queue.hpp"

namespace c5::surveyor {

void MainQueue::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        wake = wake_;
    }
    if (wake) wake();
}

std::size_t MainQueue::drain(AppState& state) {
    std::vector<Task> tasks;
    {
        std::lock_guard lock(mutex_);
        tasks.swap(tasks_);
    }
    for (Task& task : tasks) task(state);
    return tasks.size();
}

void MainQueue::set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

Worker::Worker(MainQueue& ui) : ui_(ui), thread_([this] { run(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_all();
}

bool Worker::busy() const {
    std::lock_guard lock(mutex_);
    return running_ || !jobs_.empty();
}

void Worker::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return !running_ && jobs_.empty(); });
}

void Worker::run() {
    WorkerContext context{session_, ui_};
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (jobs_.empty()) break;  // stopping, and every posted job has run
            job = std::move(jobs_.front());
            jobs_.pop_front();
            running_ = true;
        }
        job(context);
        {
            std::lock_guard lock(mutex_);
            running_ = false;
        }
        idle_.notify_all();
    }
    session_.reset();
    idle_.notify_all();
}

}  // namespace c5::surveyor
