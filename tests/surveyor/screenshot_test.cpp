// Every screen rendered by the surveyor program under Xvfb, in both languages: the PNG is
// not blank, and no text is cut off at the default size (--strict fails when one is).
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <set>

#include "support/run_process.hpp"
#include "surveyor/surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

constexpr const char* kXvfbRun = "/usr/bin/xvfb-run";

c5::test::ProcessResult surveyor(const std::vector<std::string>& args) {
    return c5::test::run_process(C5_SURVEYOR_PATH, args, {{"C5_PASSPHRASE", kPassphrase}},
                                 std::chrono::seconds(60));
}

// In the sanitizer build (./c5 test --sanitize), LeakSanitizer finds 112 bytes that Mesa's
// driver allocates and keeps, reported at exit from the unloaded driver, so no suppression
// can name them: these runs leave the leak check out (the other checks stay on). Other
// builds ignore the variable.
c5::test::ProcessResult screenshot(const std::filesystem::path& store, const std::string& screen,
                                   const std::filesystem::path& out, const std::string& lang) {
    return c5::test::run_process(
        kXvfbRun,
        {"-a", "-s", "-screen 0 1400x900x24", C5_SURVEYOR_PATH, "--store", store.string(),
         "--screenshot", screen, "--out", out.string(), "--lang", lang, "--strict"},
        {{"C5_PASSPHRASE", kPassphrase}, {"ASAN_OPTIONS", "halt_on_error=1:detect_leaks=0"}},
        std::chrono::seconds(60));
}

// Distinct colours in the image, up to 64: a blank frame has one or two.
int colours(const std::filesystem::path& png, int& width, int& height) {
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    if (!pixels) return 0;
    std::set<unsigned> seen;
    for (long i = 0; i < static_cast<long>(width) * height && seen.size() < 64; i += 7)
        seen.insert(pixels[i * 3] << 16 | pixels[i * 3 + 1] << 8 | pixels[i * 3 + 2]);
    stbi_image_free(pixels);
    return static_cast<int>(seen.size());
}

// A store with a ward's households and checklist, as a surveyor or a supervisor laptop.
std::filesystem::path make_store(const c5::test::TempDir& dir, const std::string& name,
                                 const std::string& role) {
    const auto path = dir / name;
    auto created = surveyor({"--store", path.string(), "create", "--user", "Lê Thu Trang",
                             "--registry", (kSamples / "registry-hanoi.csv").string(), "--unit",
                             kWard, "--role", role, "--fast-kdf"});
    REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    auto imported =
        surveyor({"--store", path.string(), "import", (kSamples / "checklists.json").string()});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    return path;
}

}  // namespace

TEST_CASE("every screen renders, is not blank, and cuts no text off, in Vietnamese and English") {
    if (!std::filesystem::exists(kXvfbRun)) {
        WARN_MESSAGE(false,
                     "xvfb-run is not installed (./c5 setup installs it); screens not checked");
        return;
    }
    c5::test::TempDir dir;
    const auto surveyor_store = make_store(dir, "surveyor.c5", "surveyor");
    const auto supervisor_store = make_store(dir, "supervisor.c5", "supervisor");
    const std::vector<std::string> screens{"first_run", "unlock", "home",   "form",    "checklist",
                                           "results",   "sync",   "review", "settings"};
    for (const std::string lang : {"vi", "en"}) {
        for (const std::string& screen : screens) {
            CAPTURE(screen);
            CAPTURE(lang);
            const auto out = dir / (screen + "-" + lang + ".png");
            const auto& store = screen == "review" ? supervisor_store : surveyor_store;
            const auto run = screenshot(store, screen, out, lang);
            CHECK_MESSAGE(run.exit_code == 0, run.err);
            int width = 0, height = 0;
            CHECK(colours(out, width, height) > 8);
            CHECK(width == 1280);
            CHECK(height == 820);
        }
    }
}

TEST_CASE("the headless commands refuse to run without a passphrase") {
    c5::test::TempDir dir;
    auto run = c5::test::run_process(
        C5_SURVEYOR_PATH, {"--store", (dir / "s.c5").string(), "create", "--user", "Lan"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("C5_PASSPHRASE") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "s.c5"));
}
