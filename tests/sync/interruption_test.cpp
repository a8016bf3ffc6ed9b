// Connections cut in the middle of a push or a pull (by a loopback proxy), and syncd killed
// with SIGKILL while it merges a large push: the next sync resends the same bytes or
// resumes from the stored cursor, and the server ends up with every change exactly once.
#include <thread>

#include "sync/cut_proxy.hpp"
#include "sync/raw_device.hpp"

using namespace sync_test;

namespace {

// Passes requests through and keeps the bodies of pushes, to compare a resend with the
// original.
class RecordingTransport final : public sync::Transport {
public:
    explicit RecordingTransport(sync::Transport& inner) : inner_(inner) {}

    sync::TransportResult post(std::string_view path, std::string_view body) override {
        if (path == "/v1/push") pushes.emplace_back(body);
        return inner_.post(path, body);
    }
    sync::TransportResult get(std::string_view path) override { return inner_.get(path); }

    std::vector<std::string> pushes;

private:
    sync::Transport& inner_;
};

void save_households(Laptop& laptop, int count) {
    for (int i = 0; i < count; ++i) laptop.household(kWardA, "07-" + std::to_string(10000 + i));
}

}  // namespace

TEST_CASE("a push cut in the middle is resent with the same bytes and applied once") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    Laptop reader(server, "surveyor", kWardA);
    save_households(laptop, 100);
    const std::size_t changes = laptop.waiting();
    c5::test::CutProxy proxy(server.process.port());
    laptop.use_url(proxy.base_url());
    RecordingTransport recording(laptop.transport());

    bool server_had_it = false;
    SUBCASE("cut while the request is uploading") {
        proxy.cut_upload(1, 4000);
    }
    SUBCASE("cut after the server took it, before the answer") {
        proxy.cut_download(1, 0);
        server_had_it = true;
    }
    auto cut = sync::sync(laptop.store(), recording);
    REQUIRE_FALSE(cut);
    CHECK(cut.error().kind == sync::SyncErrorKind::Offline);
    CHECK(cut.error().progress.sent == 0);
    auto status = sync::sync_status(laptop.store());
    REQUIRE(status);
    CHECK(status->push_pending);
    CHECK(status->waiting == changes);

    auto resumed = sync::sync(laptop.store(), recording);
    REQUIRE_MESSAGE(resumed, (resumed ? std::string() : resumed.error().message));
    CHECK(resumed->sent == changes);
    CHECK(resumed->repeats == (server_had_it ? 1 : 0));
    REQUIRE(recording.pushes.size() == 2);
    CHECK(recording.pushes[0] == recording.pushes[1]);
    CHECK(laptop.waiting() == 0);
    CHECK(reader.sync_ok().received == changes);
    CHECK(snapshot(reader.store()) == snapshot(laptop.store()));
}

TEST_CASE("a pull cut in the middle resumes from the last stored page") {
    SyncServer server;
    Laptop writer(server, "surveyor", kWardA);
    Laptop reader(server, "surveyor", kWardA);
    save_households(writer, 120);
    const std::size_t changes = writer.sync_ok().sent;
    c5::test::CutProxy proxy(server.process.port());
    reader.use_url(proxy.base_url());

    sync::SyncOptions options;
    options.pull_limit = 300;
    proxy.cut_download(3, 2000);  // the third page, part-way through its answer
    auto cut = reader.sync(options);
    REQUIRE_FALSE(cut);
    CHECK(cut.error().kind == sync::SyncErrorKind::Offline);
    CHECK(cut.error().progress.received == 600);
    CHECK(record_count(reader.store()) > 0);

    const sync::SyncReport resumed = reader.sync_ok(options);
    CHECK(resumed.received == changes - 600);
    CHECK(resumed.merged == resumed.received);
    CHECK(snapshot(reader.store()) == snapshot(writer.store()));
}

TEST_CASE("syncd killed while merging a large push loses no acknowledged batch") {
    SyncServer server;
    Laptop laptop(server, "surveyor", kWardA);
    Laptop reader(server, "surveyor", kWardA);
    save_households(laptop, 600);  // 5,400 changes: three batches of at most 2,000
    const std::size_t changes = laptop.waiting();
    c5::test::CutProxy proxy(server.process.port());
    laptop.use_url(proxy.base_url());

    // Batch 2 is the second connection; the server dies as soon as it has all of it.
    sync::SyncResult<sync::SyncReport> during;
    std::thread syncing([&] { during = laptop.sync(); });
    const bool forwarded = proxy.wait_request_forwarded(2, std::chrono::seconds(60));
    server.process.kill();
    syncing.join();
    REQUIRE(forwarded);
    REQUIRE_FALSE(during);
    CHECK(during.error().kind == sync::SyncErrorKind::Offline);
    const std::size_t acknowledged = during.error().progress.sent;
    CHECK(acknowledged > 0);
    CHECK(acknowledged < changes);

    REQUIRE_MESSAGE(server.process.start(), server.process.last_error());
    proxy.set_target(server.process.port());
    reader.use_url(server.url());
    // Every acknowledged batch is on the restarted server.
    CHECK(reader.sync_ok().received >= acknowledged);

    const sync::SyncReport resumed = laptop.sync_ok();
    CHECK(resumed.sent == changes - acknowledged);
    CHECK(laptop.waiting() == 0);
    Laptop fresh(server, "surveyor", kWardA);
    CHECK(fresh.sync_ok().received == changes);
    CHECK(snapshot(fresh.store()) == snapshot(laptop.store()));
    reader.sync_ok();
    CHECK(snapshot(reader.store()) == snapshot(laptop.store()));
}
