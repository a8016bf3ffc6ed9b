// syncd's server commands run as an operator runs them: init refuses without a secret,
// enroll prints a code, a bad import changes nothing, and stored results agree with
// `syncd evaluate` on the same files.
#include <doctest/doctest.h>

#include <regex>

#include "support/syncd_process.hpp"

using namespace c5::test;

namespace {

const std::string kSamples = std::string(C5_SOURCE_DIR) + "/samples/";

void import_samples(SyncdProcess& server) {
    REQUIRE(server.run("import-registry", {kSamples + "registry-hanoi.csv"}).exit_code == 0);
    REQUIRE(server.run("import-households", {kSamples + "households.csv"}).exit_code == 0);
    REQUIRE(server.run("import-checklists", {kSamples + "checklists.json"}).exit_code == 0);
}

}  // namespace

TEST_CASE("syncd init refuses without a passphrase source and creates nothing") {
    TempDir dir;
    auto run = run_process(C5_SYNCD_PATH, {"init", "--data", (dir / "data").string()},
                           {{"C5_KDF", "min"}, {"C5_RECOVERY_PASSPHRASE", "r"}});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("--passphrase-file") != std::string::npos);
    CHECK(run.err.find("C5_SYNCD_PASSPHRASE") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "data" / "syncd.db"));

    SUBCASE("and without a recovery passphrase") {
        const auto pass = dir.write("pass.txt", "server pass\n");
        auto again = run_process(
            C5_SYNCD_PATH,
            {"init", "--data", (dir / "data").string(), "--passphrase-file", pass.string()},
            {{"C5_KDF", "min"}});
        CHECK(again.exit_code == 1);
        CHECK(again.err.find("C5_RECOVERY_PASSPHRASE") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir / "data" / "syncd.db"));
    }
}

TEST_CASE("syncd init prints a province code and refuses a second init") {
    SyncdProcess server;
    REQUIRE_MESSAGE(server.init(), server.last_error());
    CHECK(std::regex_match(server.province_code(),
                           std::regex("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")));
    CHECK(std::filesystem::exists(server.database_file()));
    auto again =
        run_process(C5_SYNCD_PATH, {"init", "--data", server.data_dir().string()}, server.env());
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("exists already") != std::string::npos);

    SUBCASE("a wrong passphrase unlocks nothing") {
        auto env = server.env();
        env["C5_SYNCD_PASSPHRASE"] = "wrong";
        auto run =
            run_process(C5_SYNCD_PATH, {"devices", "--data", server.data_dir().string()}, env);
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("wrong server passphrase") != std::string::npos);
    }
}

TEST_CASE("syncd enroll prints a one-time code and devices lists and revokes") {
    SyncdProcess server;
    REQUIRE(server.init());
    REQUIRE(server.run("import-registry", {kSamples + "registry-hanoi.csv"}).exit_code == 0);
    const std::string code = server.enroll("surveyor", "00004", "Nguyễn Thị Lan");
    CHECK(code.size() == 9);
    auto unknown_unit =
        server.run("enroll", {"--role", "surveyor", "--unit", "99999", "--name", "X"});
    CHECK(unknown_unit.exit_code == 1);
    CHECK(unknown_unit.err.find("99999") != std::string::npos);
    auto listed = server.run("devices");
    CHECK(listed.exit_code == 0);
    CHECK(listed.out.find("no device enrolled yet") != std::string::npos);
    CHECK(server.run("devices", {"--revoke", "dev-none"}).exit_code == 1);
}

TEST_CASE("an import with a bad row changes nothing and names file, line and field") {
    SyncdProcess server;
    REQUIRE(server.init());
    import_samples(server);
    const auto before = server.run("results", {"--format", "json"});
    REQUIRE(before.exit_code == 0);

    TempDir dir;
    std::string households = read_all(kSamples + "households.csv");
    // Line 3 gets a visit outcome the form does not know.
    std::size_t line3 = households.find('\n', households.find('\n') + 1) + 1;
    const std::size_t at = households.find(",interviewed,", line3);
    REQUIRE(at != std::string::npos);
    households.replace(at, 13, ",asleep,");
    const auto bad = dir.write("households.csv", households);
    auto refused = server.run("import-households", {bad.string()});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("nothing was changed") != std::string::npos);
    CHECK(refused.err.find("households.csv:3: field visit_outcome") != std::string::npos);

    const auto bad_json = dir.write("checklists.json", "[{\"form\": \"ward_checklist\"}]");
    CHECK(server.run("import-checklists", {bad_json.string()}).exit_code == 1);
    const auto bad_registry = dir.write("registry.csv", "level,code\nward,1\n");
    CHECK(server.run("import-registry", {bad_registry.string()}).exit_code == 1);

    const auto after = server.run("results", {"--format", "json"});
    CHECK(after.out == before.out);
}

TEST_CASE("a registry that leaves out units holding data is refused and changes nothing") {
    SyncdProcess server;
    REQUIRE(server.init());
    import_samples(server);
    const auto before = server.run("results", {"--format", "json"});
    REQUIRE(before.exit_code == 0);

    // The post-2025 registry has other wards: Phúc Xá's 726 records would vanish.
    auto refused = server.run("import-registry", {kSamples + "registry-2025.csv"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("nothing was changed") != std::string::npos);
    CHECK(refused.err.find("00001 (") != std::string::npos);

    const auto after = server.run("results", {"--format", "json"});
    CHECK(after.out == before.out);
    // The same registry again is still taken.
    CHECK(server.run("import-registry", {kSamples + "registry-hanoi.csv"}).exit_code == 0);
}

TEST_CASE("stored results agree with syncd evaluate on the samples") {
    SyncdProcess server;
    REQUIRE(server.init());
    import_samples(server);
    TempDir dir;
    const auto stored = dir / "stored.csv";
    REQUIRE(server.run("results", {"--format", "csv", "--out", stored.string()}).exit_code == 0);
    const auto evaluated = dir / "evaluated.csv";
    auto evaluate =
        run_process(C5_SYNCD_PATH, {"evaluate", "--registry", kSamples + "registry-hanoi.csv",
                                    "--households", kSamples + "households.csv", "--checklists",
                                    kSamples + "checklists.json", "--out", evaluated.string()});
    REQUIRE(evaluate.exit_code == 0);
    CHECK(read_all(stored) == read_all(evaluated));

    auto rescored = server.run("rescore");
    CHECK(rescored.exit_code == 0);
    REQUIRE(server.run("results", {"--out", stored.string()}).exit_code == 0);
    CHECK(read_all(stored) == read_all(evaluated));
    auto json = server.run("results", {"--format", "json"});
    CHECK(json.out.find("\"data_version\"") != std::string::npos);
}

TEST_CASE("syncd --help and each subcommand's help name what they do") {
    auto help = run_process(C5_SYNCD_PATH, {"--help"});
    CHECK(help.exit_code == 0);
    for (const char* command :
         {"init", "serve", "enroll", "devices", "import-registry", "import-households",
          "import-checklists", "results", "rescore", "evaluate"}) {
        CHECK_MESSAGE(help.out.find(command) != std::string::npos, command);
        auto sub = run_process(C5_SYNCD_PATH, {command, "--help"});
        CHECK(sub.exit_code == 0);
        const bool names_data = sub.out.find("--data") != std::string::npos;
        CHECK((names_data || std::string(command) == "evaluate"));
    }
}

TEST_CASE("syncd serve on a port another syncd holds is refused, not started beside it") {
    SyncdProcess first;
    REQUIRE(first.init());
    REQUIRE(first.start());
    SyncdProcess second;
    REQUIRE(second.init());

    const std::string address = "127.0.0.1:" + std::to_string(first.port());
    const auto result = second.run("serve", {"--listen", address});
    CHECK(result.exit_code != 0);
    CHECK_FALSE(result.timed_out);
    CHECK(result.err.find("cannot listen on " + address) != std::string::npos);
}
