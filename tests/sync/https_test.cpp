// Sync over HTTPS: syncd serves with a throwaway self-signed certificate (made with the
// openssl program; the test is skipped without it), and the client trusts it only when told
// to. The fixture's readiness check speaks plain HTTP, so this test starts `syncd serve`
// itself on the fixture's data folder and waits for it with check_server.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "support/run_process.hpp"
#include "sync/sync_fixture.hpp"

using namespace sync_test;

namespace {

// `syncd serve` with TLS on 127.0.0.1 and an ephemeral port; SIGTERM when it goes.
class TlsServer {
public:
    TlsServer(const c5::test::SyncdProcess& data, const std::filesystem::path& cert,
              const std::filesystem::path& key, const std::filesystem::path& log)
        : port_file_(data.data_dir() / "syncd.port") {
        std::filesystem::remove(port_file_);
        const auto env = data.env();
        std::vector<std::string> args{
            C5_SYNCD_PATH, "serve",       "--data", data.data_dir().string(),
            "--listen",    "127.0.0.1:0", "--cert", cert.string(),
            "--key",       key.string()};
        pid_ = fork();
        if (pid_ == 0) {
            const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            dup2(out, 1);
            dup2(out, 2);
            for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
    }
    ~TlsServer() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }

    // Waits, at most `deadline`, until a transport that trusts nothing in particular gets
    // syncd's health answer; returns the https URL.
    std::string wait_ready(std::chrono::milliseconds deadline) {
        const auto until = std::chrono::steady_clock::now() + deadline;
        while (std::chrono::steady_clock::now() < until) {
            int port = 0;
            std::ifstream in(port_file_);
            if (in >> port) {
                const std::string url = "https://127.0.0.1:" + std::to_string(port);
                net::HttpTransportOptions options;
                options.verify_certificate = false;
                auto transport = net::HttpTransport::create(url, options);
                if (transport && sync::check_server(*transport)) return url;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return "";
    }

private:
    std::filesystem::path port_file_;
    pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("sync over https trusts the server's certificate only when told to") {
    c5::test::TempDir dir;
    const auto made = c5::test::run_process(
        "/usr/bin/openssl",
        {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", (dir / "key.pem").string(), "-out", (dir / "cert.pem").string(), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    if (made.exit_code != 0) {
        MESSAGE("skipped: no openssl program to make a test certificate");
        return;
    }
    SyncServer server;  // made over plain HTTP: codes, registry, the data folder
    const std::string code = server.code("surveyor", kWardA);
    server.process.stop();
    TlsServer tls(server.process, dir / "cert.pem", dir / "key.pem", dir / "tls.log");
    const std::string url = tls.wait_ready(std::chrono::seconds(20));
    REQUIRE_MESSAGE(!url.empty(), c5::test::read_all(dir / "tls.log"));

    StoreOptions store_options;
    store_options.kdf_strength = KdfStrength::Minimum;
    net::HttpTransportOptions strict;
    {
        auto untrusted = net::HttpTransport::create(url, strict);
        REQUIRE(untrusted);
        auto refused =
            sync::enroll(dir / "a.c5store", kPassphrase, *untrusted, code, "L", store_options);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == sync::SyncErrorKind::Offline);
        CHECK(refused.error().message.find("secure connection") != std::string::npos);
    }
    strict.ca_cert_file = (dir / "cert.pem").string();
    auto trusted = net::HttpTransport::create(url, strict);
    REQUIRE(trusted);
    auto store = sync::enroll(dir / "b.c5store", kPassphrase, *trusted, code, "L", store_options);
    REQUIRE_MESSAGE(store, (store ? std::string() : store.error().message));
    RecordEdit edit{
        std::nullopt, "household", 1, kWardA, {{"household_code", Value{std::string("01-0001")}}}};
    REQUIRE(store->save(edit));
    auto report = sync::sync(*store, *trusted);
    REQUIRE_MESSAGE(report, (report ? std::string() : report.error().message));
    CHECK(report->sent == 2);
}
