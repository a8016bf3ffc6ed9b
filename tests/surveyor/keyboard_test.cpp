// The surveyor's real window under Xvfb, driven with real key events (xdotool) the way a new
// surveyor works: the first run typed in and Enter, Ctrl+N for a new household, answers
// moved through with Tab and Enter, Ctrl+S to save, Ctrl+Enter to mark it completed, two
// more households (one typed straight through, one with nobody at home), Ctrl+K for the
// ward checklist (with an answer that shows new questions), Ctrl+R for the result; the next
// start unlocked with the passphrase. What was saved is read back with the headless
// commands. A screenshot of each step is taken; C5_KEEP_SCREENS names a folder to copy them
// to.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <utility>

#include "support/run_process.hpp"
#include "surveyor/surveyor_fixture.hpp"
#include "surveyor/x_session.hpp"

using namespace surveyor_test;

namespace {

constexpr const char* kXdotoolPath = "/usr/bin/xdotool";
constexpr const char* kXvfbPath = "/usr/bin/Xvfb";
constexpr const char* kTitle = "c5kit — Khảo sát Tiêu chí 5 · ";

c5::test::ProcessResult headless(const std::vector<std::string>& args) {
    return c5::test::run_process(C5_SURVEYOR_PATH, args, {{"C5_PASSPHRASE", kPassphrase}},
                                 std::chrono::seconds(60));
}

// The surveyor's window, found by its title, and the keys sent to it.
class Window {
public:
    Window(XSession& x, const c5::test::TempDir& dir) : x_(x), dir_(dir) {}

    bool find() {
        return wait_for(std::chrono::seconds(20), [&] {
            auto found = x_.xdotool({"search", "--name", "c5kit"});
            id_ = found.exit_code == 0 ? found.out.substr(0, found.out.find('\n')) : "";
            return !id_.empty();
        });
    }
    std::string title() const {
        auto name = x_.xdotool({"getwindowname", id_});
        return name.out.substr(0, name.out.find('\n'));
    }
    // Waits until the window shows `screen` (the title names the screen that is up).
    bool shows(const std::string& screen) const {
        return wait_for(std::chrono::seconds(20), [&] { return title() == kTitle + screen; });
    }
    // Types text as key presses (the letters were given keys by map_letters).
    void type(const std::string& text) const {
        auto run = x_.xdotool({"type", "--delay", "40", text});
        CHECK_MESSAGE(run.exit_code == 0, run.err);
    }
    // Presses keys ("Tab", "ctrl+s") as xdotool taps them: down and up within milliseconds.
    // Then pauses a tenth of a second, a fast typist's pace between keys.
    void key(const std::string& keys) const {
        auto run = x_.xdotool({"key", "--delay", "60", keys});
        CHECK_MESSAGE(run.exit_code == 0, run.err);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    void screen(const std::string& name) const {
        const auto png = dir_ / ("window-" + name + ".png");
        CHECK(x_.save_screen(png));
        if (const char* keep = std::getenv("C5_KEEP_SCREENS"); keep && *keep)
            std::filesystem::copy_file(png, std::filesystem::path(keep) / png.filename(),
                                       std::filesystem::copy_options::overwrite_existing);
    }

private:
    XSession& x_;
    const c5::test::TempDir& dir_;
    std::string id_;
};

// The household CSV of the store as `surveyor export` writes it: header, then one row each.
std::vector<std::map<std::string, std::string>> exported_households(
    const std::filesystem::path& store, const c5::test::TempDir& dir) {
    const auto csv = dir / "households.csv";
    auto run = headless({"--store", store.string(), "export", "--households", csv.string()});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::ifstream in(csv);
    auto split = [](const std::string& line) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) cells.push_back(std::exchange(cell, ""));
            else if (c != '\r') cell += c;
        }
        cells.push_back(cell);
        return cells;
    };
    std::string line;
    std::getline(in, line);
    const auto header = split(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto cells = split(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
            row[header[i]] = cells[i];
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST_CASE("a household is entered with the keyboard alone in the real window and saved") {
    if (!std::filesystem::exists(kXvfbPath) || !std::filesystem::exists(kXdotoolPath)) {
        WARN_MESSAGE(false, "Xvfb or xdotool is not installed (./c5 setup installs them)");
        return;
    }
    c5::test::TempDir dir;
    const auto store = dir / "s.c5";
    XSession x(dir.path(), 1280, 820);
    REQUIRE_MESSAGE(x.ok(), x.error());
    const std::map<std::string, std::string> env{
        {"DISPLAY", x.display()}, {"C5_REGISTRY", (kSamples / "registry-hanoi.csv").string()}};
    auto app = std::make_unique<Background>(
        C5_SURVEYOR_PATH, std::vector<std::string>{"--store", store.string()}, env,
        dir / "surveyor.log");
    // Every Vietnamese letter the test types has a key of its own, as on a real keyboard.
    REQUIRE(x.map_letters(std::string(kPassphrase) + "Lê Thu Trang Phạm Thị Hoa Số 5 phố "
                          "Trúc Bạch Nguyễn Văn Bình ngõ Hàng Bún Trần Cường Quán Thánh"));
    Window window(x, dir);
    REQUIRE(window.find());

    // 1. First run: the cursor is in "your name"; Tab goes down the boxes (the registry file
    // is filled in), Enter creates the store.
    REQUIRE(window.shows("Thiết lập lần đầu"));
    window.type("Lê Thu Trang");
    window.key("Tab");
    window.key("Tab");
    window.type(kPassphrase);
    window.key("Tab");
    window.type(kPassphrase);
    window.key("Tab");
    window.key("Tab");
    window.type(kWard);
    window.screen("1-first-run");
    window.key("Return");
    REQUIRE(window.shows("Trang chính"));
    window.screen("2-home");

    // 2. Ctrl+N: a new household, the cursor in the head's name.
    window.key("ctrl+n");
    REQUIRE(window.shows("Phiếu khảo sát hộ gia đình"));
    window.type("Phạm Thị Hoa");
    window.key("Tab");
    window.type("Số 5 phố Trúc Bạch");
    window.key("Return");
    window.type("0912345678");
    window.key("Tab");
    window.type("1");  // interviewed: the device questions appear
    window.key("Tab");
    window.type("c");  // consent
    window.screen("3-form-top");
    // Ten devices, yes or no, then the two counts: Tab and Enter alike move on, past the
    // bottom of the window.
    for (const char* answer : {"c", "k", "k", "c", "c", "k", "k", "k", "c", "c"}) {
        window.key("Tab");
        window.type(answer);
    }
    window.key("Return");
    window.type("4");
    window.key("Tab");
    window.type("3");
    window.screen("4-form-bottom");
    window.key("ctrl+s");

    // 3. Saved at once: the store holds the draft, every answer as typed.
    std::vector<std::map<std::string, std::string>> rows;
    const bool saved = wait_for(std::chrono::seconds(20), [&] {
        auto list = headless({"--store", store.string(), "list"});
        return list.exit_code == 0 && list.out.find("household") != std::string::npos;
    });
    window.screen("5-saved");
    REQUIRE(saved);
    rows = exported_households(store, dir);
    REQUIRE(rows.size() == 1);
    std::map<std::string, std::string> row = rows.front();
    CHECK(row["head_name"] == "Phạm Thị Hoa");
    CHECK(row["address"] == "Số 5 phố Trúc Bạch");
    CHECK(row["phone"] == "0912345678");
    CHECK(row["group"] == "01");
    CHECK(row["household_code"] == "01-0001");
    CHECK(row["visit_outcome"] == "interviewed");
    CHECK(row["consent"] == "1");
    CHECK(row["smart_tv"] == "1");
    CHECK(row["smart_tv_box"] == "0");
    CHECK(row["smart_audio"] == "1");
    CHECK(row["broadband_fixed"] == "1");
    CHECK(row["broadband_mobile"] == "1");
    CHECK(row["adults_15plus"] == "4");
    CHECK(row["adults_smartphone"] == "3");
    auto list = headless({"--store", store.string(), "list"});
    CHECK(list.out.find(" draft") != std::string::npos);

    // 4. Ctrl+Enter marks it completed.
    window.key("ctrl+Return");
    const bool completed = wait_for(std::chrono::seconds(20), [&] {
        auto now = headless({"--store", store.string(), "list"});
        return now.out.find(" completed") != std::string::npos;
    });
    window.screen("6-completed");
    CHECK(completed);

    // 5. Ctrl+N from the form: a second household, typed straight through as a fast typist
    // does, each answer and its Tab one stream of keys 40 ms apart, so that the letters after
    // a Tab reach the window before the cursor has moved (and letters before it, with Tab in
    // the same frame, change which questions follow). Then a third, nobody at home: its
    // device questions are hidden and it is completed without them.
    window.key("ctrl+n");
    REQUIRE(window.shows("Phiếu khảo sát hộ gia đình"));
    window.type("Nguyễn Văn Bình");
    window.key("Tab");
    window.type("Số 12 ngõ Hàng Bún");
    window.key("Return");
    std::string stream = "0987654321\t1\tc";  // phone, interviewed, consent
    for (const char* answer : {"k", "c", "c", "k", "k", "c", "c", "k", "k", "c"})
        stream += std::string("\t") + answer;
    window.type(stream + "\t2\t1");  // adults, of them with a smartphone
    window.key("ctrl+Return");
    auto completed_households = [&](std::size_t count) {
        return wait_for(std::chrono::seconds(20), [&] {
            std::istringstream lines(headless({"--store", store.string(), "list"}).out);
            std::size_t done = 0;
            for (std::string line; std::getline(lines, line);)
                done += line.find("household") != std::string::npos &&
                        line.find(" completed") != std::string::npos;
            return done == count;
        });
    };
    CHECK(completed_households(2));
    window.screen("7-second-household");

    window.key("ctrl+n");
    REQUIRE(window.shows("Phiếu khảo sát hộ gia đình"));
    window.type("Trần Văn Cường\tSố 3 phố Quán Thánh\t\t2");  // no phone; absent
    window.key("ctrl+Return");
    CHECK(completed_households(3));
    window.screen("8-third-household");
    rows = exported_households(store, dir);
    REQUIRE(rows.size() == 3);
    std::map<std::string, std::map<std::string, std::string>> by_code;
    for (const auto& household : rows) by_code[household.at("household_code")] = household;
    row = by_code["01-0002"];
    CHECK(row["head_name"] == "Nguyễn Văn Bình");
    CHECK(row["address"] == "Số 12 ngõ Hàng Bún");
    CHECK(row["phone"] == "0987654321");
    CHECK(row["visit_outcome"] == "interviewed");
    CHECK(row["consent"] == "1");
    const std::vector<std::pair<std::string, std::string>> second_devices{
        {"smart_tv", "0"},     {"smart_tv_box", "1"},        {"smart_projector", "1"},
        {"smart_audio", "0"},  {"tablet", "0"},              {"smart_camera", "1"},
        {"ereader", "1"},      {"smart_entertainment", "0"}, {"broadband_fixed", "0"},
        {"broadband_mobile", "1"}};
    for (const auto& [device, answer] : second_devices)
        CHECK_MESSAGE(row[device] == answer, device);
    CHECK(row["adults_15plus"] == "2");
    CHECK(row["adults_smartphone"] == "1");
    row = by_code["01-0003"];
    CHECK(row["head_name"] == "Trần Văn Cường");
    CHECK(row["address"] == "Số 3 phố Quán Thánh");
    CHECK(row["phone"].empty());
    CHECK(row["visit_outcome"] == "absent");
    CHECK(row["consent"].empty());
    CHECK(row["smart_tv"].empty());
    CHECK(by_code["01-0001"]["head_name"] == "Phạm Thị Hoa");

    // 6. Ctrl+K: the ward checklist, answered the same way, then Ctrl+R: the ward's result.
    window.key("ctrl+k");
    REQUIRE(window.shows("Bảng đánh giá Tiêu chí số 5 của phường, thị trấn (Phụ lục I)"));
    const std::vector<std::string> checklist{
        "c", "1", "2", "2", "c", "20", "20", "25", "25", "3",             // radio … wifi
        "c", "c", "c", "c", "c", "c", "c", "c", "c", "c", "c",  // services
        "c",                // a social channel: the network and link questions appear
        "1", "c", "zalo.me/tructbach"};  // Zalo, verified, the link
    for (std::size_t i = 0; i < checklist.size(); ++i) {
        if (i > 0) window.key(i % 2 ? "Tab" : "Return");
        window.type(checklist[i]);
    }
    window.screen("9-checklist");
    window.key("ctrl+Return");
    const bool checklist_saved = wait_for(std::chrono::seconds(20), [&] {
        std::istringstream lines(headless({"--store", store.string(), "list"}).out);
        for (std::string line; std::getline(lines, line);)
            if (line.find("ward_checklist") != std::string::npos &&
                line.find(" completed") != std::string::npos)
                return true;
        return false;
    });
    window.screen("10-checklist-completed");
    CHECK(checklist_saved);
    const auto json = dir / "checklists.json";
    auto exported = headless({"--store", store.string(), "export", "--checklists", json.string()});
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
    std::ifstream in(json);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text.find("\"staff_with_computer_broadband\": 25") != std::string::npos);
    CHECK(text.find("\"social_channel\": true") != std::string::npos);
    CHECK(text.find("\"social_platform\": \"zalo\"") != std::string::npos);
    CHECK(text.find("\"social_channel_verified\": true") != std::string::npos);
    CHECK(text.find("\"social_channel_link\": \"zalo.me/tructbach\"") != std::string::npos);

    window.key("ctrl+r");
    REQUIRE(window.shows("Kết quả"));
    window.screen("11-results");

    // 7. The next day: the app starts locked; the passphrase and Enter open it again.
    app->stop();
    app = std::make_unique<Background>(
        C5_SURVEYOR_PATH, std::vector<std::string>{"--store", store.string()}, env,
        dir / "surveyor.log");
    REQUIRE(window.find());
    REQUIRE(window.shows("Mở khoá dữ liệu"));
    window.type(kPassphrase);
    window.key("Return");
    REQUIRE(window.shows("Trang chính"));
    window.screen("12-unlocked");
    app->stop();
}
