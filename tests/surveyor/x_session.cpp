// Xvfb, background programs and the screen file for the window tests.
#include "surveyor/x_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stb/stb_image_write.h>

namespace surveyor_test {

namespace {

constexpr const char* kXvfb = "/usr/bin/Xvfb";
constexpr const char* kXdotool = "/usr/bin/xdotool";

std::uint32_t read_u32(const unsigned char* p, bool big_endian) {
    return big_endian ? std::uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]
                      : std::uint32_t(p[3]) << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

// The byte of `pixel` selected by `mask` (8 bits wide), e.g. 0x00ff0000 gives red.
unsigned char channel(std::uint32_t pixel, std::uint32_t mask) {
    if (mask == 0) return 0;
    int shift = 0;
    while (((mask >> shift) & 1u) == 0) ++shift;
    return static_cast<unsigned char>((pixel & mask) >> shift);
}

}  // namespace

Background::Background(const std::string& program, const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& extra_env,
                       const std::filesystem::path& log, int pass_fd) {
    std::vector<std::string> words{program};
    words.insert(words.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
        // Its own process group, so stopping it never signals the test runner.
        setpgid(0, 0);
        const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (out >= 0) {
            dup2(out, STDOUT_FILENO);
            dup2(out, STDERR_FILENO);
        }
        for (const auto& [name, value] : extra_env) setenv(name.c_str(), value.c_str(), 1);
        if (pass_fd >= 0) fcntl(pass_fd, F_SETFD, 0);  // keep it open across exec
        std::vector<char*> argv;
        for (std::string& word : words) argv.push_back(word.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
}

Background::~Background() { stop(std::chrono::seconds(2)); }

Background::Background(Background&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }

Background& Background::operator=(Background&& other) noexcept {
    if (this != &other) {
        stop(std::chrono::seconds(2));
        pid_ = other.pid_;
        other.pid_ = -1;
    }
    return *this;
}

bool Background::running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

void Background::stop(std::chrono::milliseconds deadline) {
    if (!running()) return;
    kill(pid_, SIGTERM);
    if (!wait_for(deadline, [&] { return !running(); })) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

XSession::XSession(const std::filesystem::path& work, int width, int height) : work_(work) {
    // Xvfb picks a free display number and writes it to the pipe (-displayfd).
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        error_ = "pipe failed";
        return;
    }
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    server_ = Background(kXvfb,
                         {"-displayfd", std::to_string(fds[1]), "-screen", "0", screen, "-fbdir",
                          work.string(), "-nolisten", "tcp", "-noreset"},
                         {}, work / "xvfb.log", fds[1]);
    close(fds[1]);
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    while (poll(&p, 1, 10'000) == 1) {
        char c = 0;
        if (read(fds[0], &c, 1) != 1 || c == '\n') break;
        number += c;
    }
    close(fds[0]);
    if (number.empty()) {
        error_ = "Xvfb did not start (see " + (work / "xvfb.log").string() + ")";
        return;
    }
    display_ = ":" + number;
}

c5::test::ProcessResult XSession::xdotool(const std::vector<std::string>& args) const {
    return c5::test::run_process(kXdotool, args, {{"DISPLAY", display_}},
                                 std::chrono::seconds(20));
}

bool XSession::map_letters(const std::string& text) const {
    Display* display = XOpenDisplay(display_.c_str());
    if (!display) return false;
    int first = 0, last = 0, per_code = 0;
    XDisplayKeycodes(display, &first, &last);
    KeySym* map = XGetKeyboardMapping(display, first, last - first + 1, &per_code);
    auto mapped = [&](KeySym sym) {
        for (int i = 0; i < (last - first + 1) * per_code; ++i)
            if (map[i] == sym) return true;
        return false;
    };
    int spare = first;
    auto next_spare = [&] {
        for (; spare <= last; ++spare) {
            bool empty = true;
            for (int j = 0; j < per_code; ++j) empty &= map[(spare - first) * per_code + j] == 0;
            if (empty) return spare++;
        }
        return -1;
    };
    bool ok = true;
    for (std::size_t i = 0; i < text.size();) {
        // Decode one UTF-8 letter.
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t point = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length && i + k < text.size(); ++k)
            point = point << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        if (point < 0x80) continue;
        const KeySym sym = point <= 0xFF ? point : 0x01000000 | point;
        if (mapped(sym)) continue;
        const int code = next_spare();
        if (code < 0) {
            ok = false;
            break;
        }
        KeySym syms[] = {sym};
        XChangeKeyboardMapping(display, code, 1, syms, 1);
        map[(code - first) * per_code] = sym;
    }
    XFree(map);
    XSync(display, False);
    XCloseDisplay(display);
    return ok;
}

bool XSession::save_screen(const std::filesystem::path& png) const {
    // Xvfb keeps screen 0 as an XWD image in Xvfb_screen0 (-fbdir).
    std::ifstream in(work_ / "Xvfb_screen0", std::ios::binary);
    const std::vector<unsigned char> xwd((std::istreambuf_iterator<char>(in)), {});
    if (xwd.size() < 100) return false;
    auto field = [&](int index) { return read_u32(xwd.data() + index * 4, true); };
    const std::uint32_t header_size = field(0), width = field(4), height = field(5);
    const bool pixels_big_endian = field(7) == 1;
    const std::uint32_t bits = field(11), line = field(12);
    const std::uint32_t red = field(14), green = field(15), blue = field(16);
    const std::uint32_t colours = field(19);
    const std::size_t start = header_size + std::size_t{colours} * 12;
    if (bits != 32 || xwd.size() < start + std::size_t{line} * height) return false;

    std::vector<unsigned char> rgb(std::size_t{width} * height * 3);
    for (std::uint32_t y = 0; y < height; ++y) {
        for (std::uint32_t x = 0; x < width; ++x) {
            const std::uint32_t pixel =
                read_u32(xwd.data() + start + std::size_t{y} * line + x * 4, pixels_big_endian);
            unsigned char* out = rgb.data() + (std::size_t{y} * width + x) * 3;
            out[0] = channel(pixel, red);
            out[1] = channel(pixel, green);
            out[2] = channel(pixel, blue);
        }
    }
    return stbi_write_png(png.c_str(), static_cast<int>(width), static_cast<int>(height), 3,
                          rgb.data(), static_cast<int>(width * 3)) != 0;
}

}  // namespace surveyor_test
