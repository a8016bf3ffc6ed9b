// The window and frame loop, following Dear ImGui's GLFW + OpenGL3 example step by step.
#include "surveyor/render/ui_runtime.hpp"

#include <chrono>
#include <cstdio>
#include <vector>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"

namespace c5::surveyor {

namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kFontSize = 17.0f;

// What the loop keeps between frames; owned by run_window or write_screenshot.
struct Runtime {
    GLFWwindow* window = nullptr;
    ImVector<ImWchar> glyph_ranges;  // must outlive the font atlas
    float built_scale = 0.0f;
    bool had_input = false;
};

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void glfw_error(int code, const char* description) {
    std::fprintf(stderr, "surveyor: GLFW error %d: %s\n", code, description);
}

// Any key, click or scroll counts as use, for the idle lock. ImGui's backend chains to these.
void note_key(GLFWwindow* w, int, int, int, int) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}
void note_button(GLFWwindow* w, int, int, int) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}
void note_scroll(GLFWwindow* w, double, double) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}

// DejaVu Sans with the Vietnamese letters and General Punctuation (– — … “ ” •).
bool build_fonts(Runtime& rt, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    if (rt.glyph_ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
        static constexpr ImWchar kPunctuation[] = {0x2000, 0x206F, 0};
        builder.AddRanges(kPunctuation);
        builder.BuildRanges(&rt.glyph_ranges);
    }
    io.Fonts->Clear();
    if (!io.Fonts->AddFontFromFileTTF(kFontFile, kFontSize * scale, nullptr, rt.glyph_ranges.Data)) {
        std::fprintf(stderr, "surveyor: cannot load the font %s (install fonts-dejavu-core)\n", kFontFile);
        io.Fonts->AddFontDefault();
    }
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight();
    style.FrameRounding = 3.0f;
    style.FrameBorderSize = 1.0f;
    style.ScaleAllSizes(scale);
    rt.built_scale = scale;
    return true;
}

void apply_scale(Runtime& rt, float scale) {
    if (scale == rt.built_scale) return;
    build_fonts(rt, scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool open_window(Runtime& rt, int width, int height, const char* title) {
    // 1. Window and OpenGL context.
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    rt.window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!rt.window) {
        glfwTerminate();
        return false;
    }
    glfwMakeContextCurrent(rt.window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(rt.window, &rt);
    glfwSetKeyCallback(rt.window, note_key);
    glfwSetMouseButtonCallback(rt.window, note_button);
    glfwSetScrollCallback(rt.window, note_scroll);

    // 2. Dear ImGui context; no imgui.ini beside wherever the app was started.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    // 3. Backends (installing their callbacks, which chain to ours).
    ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return true;
}

void close_window(Runtime& rt) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(rt.window);
    glfwTerminate();
}

void draw_frame(Runtime& rt, AppState& state) {
    apply_scale(rt, state.settings.ui_scale);
    pump(state, wall_ms(), rt.had_input);
    rt.had_input = false;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw_app(state);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(rt.window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

int run_window(AppState& state) {
    Runtime rt;
    if (!open_window(rt, 1280, 820, "c5kit surveyor")) {
        std::fprintf(stderr, "surveyor: no window could be opened (is there a display?)\n");
        return 1;
    }
    state.queue.set_wake([] { glfwPostEmptyEvent(); });

    // 4. Main loop: wait for input or for the worker, at most a quarter second (idle lock).
    while (!glfwWindowShouldClose(rt.window)) {
        glfwWaitEventsTimeout(0.25);
        draw_frame(rt, state);
        glfwSwapBuffers(rt.window);
    }

    // 5. Keep what is typed, then tear down in reverse order.
    state.queue.set_wake({});
    if (state.editor && state.editor->dirty) save_form(state, false);
    state.worker->wait_idle();
    close_window(rt);
    return 0;
}

int write_screenshot(AppState& state, const std::filesystem::path& out, int width, int height) {
    Runtime rt;
    if (!open_window(rt, width, height, "c5kit surveyor screenshot")) {
        std::fprintf(stderr, "surveyor: no window could be opened (run under xvfb-run)\n");
        return 1;
    }
    // A few frames let windows and tables settle their sizes and focus.
    for (int frame = 0; frame < 4; ++frame) {
        glfwPollEvents();
        draw_frame(rt, state);
        if (frame < 3) glfwSwapBuffers(rt.window);
    }
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(rt.window, &fb_width, &fb_height);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(fb_width) * fb_height * 3);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, fb_width, fb_height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    const int stride = fb_width * 3;
    const int ok = stbi_write_png(out.c_str(), fb_width, fb_height, 3,
                                  pixels.data() + static_cast<std::size_t>(fb_height - 1) * stride,
                                  -stride);
    close_window(rt);
    if (!ok) {
        std::fprintf(stderr, "surveyor: cannot write %s\n", out.c_str());
        return 1;
    }
    return 0;
}

}  // namespace c5::surveyor
