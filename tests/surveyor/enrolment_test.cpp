// What a laptop takes from the server when it enrols, against a real syncd on 127.0.0.1: the
// form definitions the server sends (used instead of the laptop's forms/ folder), and the
// province's recovery key (the store's data key is sealed to it, no longer to the key made
// at first run).
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/crypto/recovery_key.hpp"
#include "support/syncd_process.hpp"
#include "surveyor/app/sync_actions.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

const std::filesystem::path kForms = std::filesystem::path(C5_SOURCE_DIR) / "forms";

// The project's forms with one more question in the household survey, as a province might
// have revised them on its server.
std::filesystem::path revised_forms(const c5::test::TempDir& dir) {
    const auto folder = dir / "server-forms";
    std::filesystem::copy(kForms, folder, std::filesystem::copy_options::recursive);
    std::ifstream in(folder / "household.json");
    nlohmann::json form = nlohmann::json::parse(in);
    in.close();
    form["fields"].push_back({{"id", "water_source"},
                              {"type", "text"},
                              {"section", "other"},
                              {"label", {{"vi", "Nguồn nước sinh hoạt"}, {"en", "Water source"}}}});
    std::ofstream(folder / "household.json") << form.dump(2);
    return folder;
}

struct Server {
    c5::test::SyncdProcess process;
    explicit Server(c5::test::SyncdOptions options = {}) : process(std::move(options)) {
        REQUIRE_MESSAGE(process.init(), process.last_error());
        const auto imported =
            process.run("import-registry", {(kSamples / "registry-hanoi.csv").string()});
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
        REQUIRE_MESSAGE(process.start(), (process.last_error() + "\n" + process.server_log()));
    }
    std::string code(const std::string& role, const std::string& name) {
        const std::string code = process.enroll(role, kWard, name);
        REQUIRE_MESSAGE(!code.empty(), process.last_error());
        return code;
    }
};

bool asks(const Session& session, const std::string& form, const std::string& field) {
    const Form* f = session.catalog->form(form);
    return f && f->find(field);
}

}  // namespace

TEST_CASE("an enrolled laptop fills in the forms the server sent, not its local copies") {
    c5::test::TempDir dir;
    const auto server_forms = revised_forms(dir);
    c5::test::SyncdOptions options;
    options.serve_args = {"--forms", server_forms.string(), "--criteria",
                          (server_forms / "criteria" / "criterion5-2024.json").string()};
    Server server(options);

    // A laptop made offline knows only its own forms/ folder until it enrols.
    Session offline = new_session(dir / "offline.c5");
    CHECK_FALSE(asks(offline, "household", "water_source"));
    auto enrolled = enrol_session(offline, kPassphrase, server.process.base_url(),
                                  server.code("surveyor", "Lê Thu Trang"));
    REQUIRE_MESSAGE(enrolled.has_value(), (enrolled ? "" : enrolled.error().detail));
    CHECK(asks(offline, "household", "water_source"));

    // A laptop enrolled at its first run, and again after unlocking: the definitions are
    // sealed in the store with the enrolment, whatever forms/ folder the app is given.
    auto first_run = create_enrolled_store(create_request(dir / "first.c5"),
                                           server.process.base_url(),
                                           server.code("surveyor", "Lê Thu Trang"));
    REQUIRE_MESSAGE(first_run.has_value(), (first_run ? "" : first_run.error().detail));
    CHECK(asks(*first_run, "household", "water_source"));
    { Session closing = std::move(*first_run); }
    auto reopened = open_session(dir / "first.c5", kPassphrase, kForms);
    REQUIRE_MESSAGE(reopened.has_value(), (reopened ? "" : reopened.error().message));
    CHECK(asks(*reopened, "household", "water_source"));

    // The new question is saved and goes to the server like any other.
    auto values = interview("01", "01-0001", "Nguyễn Văn An");
    values["water_source"] = std::string("Nước máy");
    const SaveOutcome saved = save(*reopened, values, true);
    CHECK(saved.status == ReviewStatus::Completed);
    auto stored = reopened->store.get(saved.record_id);
    REQUIRE(stored.has_value());
    CHECK(stored->record.values.at("water_source") == Value{std::string("Nước máy")});
    auto synced = sync_session(*reopened, {});
    REQUIRE_MESSAGE(synced.has_value(), (synced ? "" : synced.error().detail));
    CHECK(changes_waiting(*reopened) == 0);
}

TEST_CASE("a store made offline is sealed to the province's recovery key once enrolled") {
    Server server;
    c5::test::TempDir dir;
    auto created = create_store(create_request(dir / "s.c5"));
    REQUIRE_MESSAGE(created.has_value(), (created ? "" : created.error().message));
    const std::string own_secret = created->recovery_secret;
    REQUIRE_FALSE(own_secret.empty());
    Session session = std::move(created->session);
    save(session, interview("01", "01-0001", "Nguyễn Văn An"), true);
    {
        auto own = decode_recovery_secret_key(own_secret);
        REQUIRE(own.has_value());
        CHECK(Store::open_with_recovery(dir / "s.c5", *own).has_value());
    }

    auto enrolled = enrol_session(session, kPassphrase, server.process.base_url(),
                                  server.code("surveyor", "Lê Thu Trang"));
    REQUIRE_MESSAGE(enrolled.has_value(), (enrolled ? "" : enrolled.error().detail));
    { Session closing = std::move(session); }

    // The province's secret key (syncd recovery-key --secret) opens the file; the key made
    // at first run no longer does.
    const auto printed = server.process.run("recovery-key", {"--secret"});
    REQUIRE_MESSAGE(printed.exit_code == 0, printed.err);
    const std::string text = printed.out.substr(0, printed.out.find_first_of("\r\n"));
    auto province = decode_recovery_secret_key(text);
    REQUIRE_MESSAGE(province.has_value(), printed.out);
    auto recovered = Store::open_with_recovery(dir / "s.c5", *province);
    REQUIRE_MESSAGE(recovered.has_value(), (recovered ? "" : recovered.error().message));
    CHECK(recovered->list().records.size() == 1);
    { Store closing = std::move(*recovered); }
    auto own = decode_recovery_secret_key(own_secret);
    REQUIRE(own.has_value());
    auto refused = Store::open_with_recovery(dir / "s.c5", *own);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == ErrorKind::WrongPassphrase);
}
