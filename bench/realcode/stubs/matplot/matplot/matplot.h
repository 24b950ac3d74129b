// torch-tidy real-code benchmark: a parse-only stand-in for Matplot++
// (<matplot/matplot.h>). Every plotting call the listed files make is
// declared loosely (variadic templates returning a chainable handle), so the
// files parse without the library. Not Matplot++'s code; nothing here runs.
#pragma once
#include <array>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <vector>

namespace matplot {

struct handle_impl;
using handle = std::shared_ptr<handle_impl>;

struct handle_impl {
  handle_impl* operator->() { return this; }
  operator double() const { return 0; }  // getters such as f->width()
#define MATPLOT_STUB_METHOD(name) \
  template <class... A> handle_impl& name(A&&...) { return *this; }
  MATPLOT_STUB_METHOD(line_width)
  MATPLOT_STUB_METHOD(display_name)
  MATPLOT_STUB_METHOD(reactive_mode)
  MATPLOT_STUB_METHOD(nexttile)
  MATPLOT_STUB_METHOD(add_axes)
  MATPLOT_STUB_METHOD(position)
  MATPLOT_STUB_METHOD(tiledlayout)
  MATPLOT_STUB_METHOD(width)
  MATPLOT_STUB_METHOD(height)
  MATPLOT_STUB_METHOD(draw)
  MATPLOT_STUB_METHOD(marker_face_color)
  MATPLOT_STUB_METHOD(marker_color)
  MATPLOT_STUB_METHOD(marker_size)
  MATPLOT_STUB_METHOD(marker_face)
  MATPLOT_STUB_METHOD(marker)
  MATPLOT_STUB_METHOD(color)
  MATPLOT_STUB_METHOD(line_style)
  MATPLOT_STUB_METHOD(y_position)
  MATPLOT_STUB_METHOD(x_position)
  MATPLOT_STUB_METHOD(name)
  MATPLOT_STUB_METHOD(ylabel)
  MATPLOT_STUB_METHOD(xlabel)
  MATPLOT_STUB_METHOD(zlabel)
  MATPLOT_STUB_METHOD(title)
  MATPLOT_STUB_METHOD(hold)
  MATPLOT_STUB_METHOD(axis)
  MATPLOT_STUB_METHOD(xlim)
  MATPLOT_STUB_METHOD(ylim)
  MATPLOT_STUB_METHOD(grid)
  MATPLOT_STUB_METHOD(legend)
  MATPLOT_STUB_METHOD(size)
  MATPLOT_STUB_METHOD(font_size)
  MATPLOT_STUB_METHOD(location)
  MATPLOT_STUB_METHOD(box)
  MATPLOT_STUB_METHOD(num_columns)
  MATPLOT_STUB_METHOD(show)
  MATPLOT_STUB_METHOD(save)
  MATPLOT_STUB_METHOD(xticks)
  MATPLOT_STUB_METHOD(yticks)
  MATPLOT_STUB_METHOD(xticklabels)
  MATPLOT_STUB_METHOD(yticklabels)
  MATPLOT_STUB_METHOD(colormap)
  MATPLOT_STUB_METHOD(face_color)
  MATPLOT_STUB_METHOD(edge_color)
  MATPLOT_STUB_METHOD(fill)
  MATPLOT_STUB_METHOD(visible)
  MATPLOT_STUB_METHOD(x_axis)
  MATPLOT_STUB_METHOD(y_axis)
  MATPLOT_STUB_METHOD(label)
  MATPLOT_STUB_METHOD(children)
  MATPLOT_STUB_METHOD(font)
#undef MATPLOT_STUB_METHOD
  // colours given as braced lists: marker_color({0.f, .5f, .5f})
  handle_impl& marker_color(std::initializer_list<float>) { return *this; }
  handle_impl& marker_face_color(std::initializer_list<float>) { return *this; }
  handle_impl& color(std::initializer_list<float>) { return *this; }
  handle_impl& face_color(std::initializer_list<float>) { return *this; }
  handle_impl& edge_color(std::initializer_list<float>) { return *this; }
};

using figure_handle = handle;
using axes_handle = handle;
using line_handle = handle;

constexpr bool on = true;
constexpr bool off = false;

#define MATPLOT_STUB_FUNCTION(name) \
  template <class... A> handle name(A&&...) { return std::make_shared<handle_impl>(); }
MATPLOT_STUB_FUNCTION(figure)
MATPLOT_STUB_FUNCTION(gcf)
MATPLOT_STUB_FUNCTION(gca)
MATPLOT_STUB_FUNCTION(plot)
MATPLOT_STUB_FUNCTION(plot3)
MATPLOT_STUB_FUNCTION(scatter)
MATPLOT_STUB_FUNCTION(scatter3)
MATPLOT_STUB_FUNCTION(bar)
MATPLOT_STUB_FUNCTION(barh)
MATPLOT_STUB_FUNCTION(hist)
MATPLOT_STUB_FUNCTION(stairs)
MATPLOT_STUB_FUNCTION(area)
MATPLOT_STUB_FUNCTION(fplot)
MATPLOT_STUB_FUNCTION(semilogy)
MATPLOT_STUB_FUNCTION(semilogx)
MATPLOT_STUB_FUNCTION(loglog)
MATPLOT_STUB_FUNCTION(imshow)
MATPLOT_STUB_FUNCTION(image)
MATPLOT_STUB_FUNCTION(imagesc)
MATPLOT_STUB_FUNCTION(heatmap)
MATPLOT_STUB_FUNCTION(colorbar)
MATPLOT_STUB_FUNCTION(contour)
MATPLOT_STUB_FUNCTION(contourf)
MATPLOT_STUB_FUNCTION(mesh)
MATPLOT_STUB_FUNCTION(surf)
MATPLOT_STUB_FUNCTION(quiver)
MATPLOT_STUB_FUNCTION(text)
MATPLOT_STUB_FUNCTION(arrow)
MATPLOT_STUB_FUNCTION(rectangle)
MATPLOT_STUB_FUNCTION(line)
MATPLOT_STUB_FUNCTION(hold)
MATPLOT_STUB_FUNCTION(legend)
MATPLOT_STUB_FUNCTION(xlabel)
MATPLOT_STUB_FUNCTION(ylabel)
MATPLOT_STUB_FUNCTION(zlabel)
MATPLOT_STUB_FUNCTION(title)
MATPLOT_STUB_FUNCTION(sgtitle)
MATPLOT_STUB_FUNCTION(xlim)
MATPLOT_STUB_FUNCTION(ylim)
MATPLOT_STUB_FUNCTION(zlim)
MATPLOT_STUB_FUNCTION(xticks)
MATPLOT_STUB_FUNCTION(yticks)
MATPLOT_STUB_FUNCTION(xticklabels)
MATPLOT_STUB_FUNCTION(yticklabels)
MATPLOT_STUB_FUNCTION(xtickangle)
MATPLOT_STUB_FUNCTION(axis)
MATPLOT_STUB_FUNCTION(grid)
MATPLOT_STUB_FUNCTION(box)
MATPLOT_STUB_FUNCTION(colormap)
MATPLOT_STUB_FUNCTION(subplot)
MATPLOT_STUB_FUNCTION(tiledlayout)
MATPLOT_STUB_FUNCTION(nexttile)
MATPLOT_STUB_FUNCTION(show)
MATPLOT_STUB_FUNCTION(save)
MATPLOT_STUB_FUNCTION(cla)
MATPLOT_STUB_FUNCTION(axes)
MATPLOT_STUB_FUNCTION(gridlines)
#undef MATPLOT_STUB_FUNCTION

// Braced lists ({0.3, 0.99}, {"train", "test"}) cannot be deduced by the
// variadic templates above: one typed overload per function.
#define MATPLOT_STUB_LIST(name, type)                                                   \
  inline handle name(std::initializer_list<type>) { return std::make_shared<handle_impl>(); } \
  template <class H> handle name(H&&, std::initializer_list<type>) { return std::make_shared<handle_impl>(); }
MATPLOT_STUB_LIST(legend, std::string)
MATPLOT_STUB_LIST(xticklabels, std::string)
MATPLOT_STUB_LIST(yticklabels, std::string)
MATPLOT_STUB_LIST(xlim, double)
MATPLOT_STUB_LIST(ylim, double)
MATPLOT_STUB_LIST(zlim, double)
MATPLOT_STUB_LIST(axis, double)
MATPLOT_STUB_LIST(xticks, double)
MATPLOT_STUB_LIST(yticks, double)
#undef MATPLOT_STUB_LIST

template <class... A> std::vector<double> linspace(A&&...) { return {}; }
template <class... A> std::vector<double> iota(A&&...) { return {}; }
template <class... A> std::vector<std::vector<double>> imread(A&&...) { return {}; }

namespace palette {
template <class... A> std::vector<std::array<float, 3>> accent(A&&...) { return {}; }
}  // namespace palette

}  // namespace matplot
