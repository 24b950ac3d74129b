// torch-tidy real-code benchmark: a parse-only stand-in for OpenCV.
// It declares the part of OpenCV's API that the benchmark's listed files use,
// loosely typed, so those files parse without libopencv-dev. Nothing here is
// OpenCV's code; nothing is meant to link or run. When real OpenCV headers are
// installed, run.sh can use them instead (see README.md, --no-stubs).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include <exception>
#include <ostream>

#define CV_8U 0
#define CV_8S 1
#define CV_16U 2
#define CV_16S 3
#define CV_32S 4
#define CV_32F 5
#define CV_64F 6
#define CV_CN_SHIFT 3
#define CV_MAT_DEPTH_MASK 7
#define CV_MAKETYPE(depth, cn) ((depth) + (((cn)-1) << CV_CN_SHIFT))
#define CV_8UC1 CV_MAKETYPE(CV_8U, 1)
#define CV_8UC2 CV_MAKETYPE(CV_8U, 2)
#define CV_8UC3 CV_MAKETYPE(CV_8U, 3)
#define CV_8UC4 CV_MAKETYPE(CV_8U, 4)
#define CV_16UC1 CV_MAKETYPE(CV_16U, 1)
#define CV_32SC1 CV_MAKETYPE(CV_32S, 1)
#define CV_32FC1 CV_MAKETYPE(CV_32F, 1)
#define CV_32FC3 CV_MAKETYPE(CV_32F, 3)
#define CV_64FC1 CV_MAKETYPE(CV_64F, 1)
#define CV_MAT_DEPTH(flags) ((flags) & CV_MAT_DEPTH_MASK)

typedef unsigned char uchar;
typedef unsigned short ushort;

namespace cv {

template <class T> struct Point_ {
  T x{}, y{};
  Point_() = default;
  template <class A, class B> Point_(A a, B b) : x(T(a)), y(T(b)) {}
};
using Point = Point_<int>;
using Point2f = Point_<float>;

template <class T> struct Size_ {
  T width{}, height{};
  Size_() = default;
  template <class A, class B> Size_(A w, B h) : width(T(w)), height(T(h)) {}
  T area() const { return width * height; }
};
using Size = Size_<int>;

template <class T> struct Rect_ {
  T x{}, y{}, width{}, height{};
  Rect_() = default;
  template <class A, class B, class C, class D>
  Rect_(A a, B b, C c, D d) : x(T(a)), y(T(b)), width(T(c)), height(T(d)) {}
  template <class A, class B> Rect_(A, B) {}
  T area() const { return width * height; }
  Point_<T> tl() const { return Point_<T>(x, y); }
  Point_<T> br() const { return Point_<T>(x + width, y + height); }
};
using Rect = Rect_<int>;

struct Range {
  int start = 0, end = 0;
  Range() = default;
  Range(int a, int b) : start(a), end(b) {}
  static Range all() { return Range(); }
};

struct Scalar {
  double val[4] = {0, 0, 0, 0};
  Scalar() = default;
  template <class... A> Scalar(A...) {}
  double operator[](int i) const { return val[i]; }
};

template <class T, int N> struct Vec {
  T val[N];
  T& operator[](int i) { return val[i]; }
  const T& operator[](int i) const { return val[i]; }
};
using Vec3b = Vec<unsigned char, 3>;
using Vec3f = Vec<float, 3>;

struct Mat {
  int rows = 0, cols = 0, dims = 2, flags = 0;
  unsigned char* data = nullptr;
  struct MSize {
    int p[2] = {0, 0};
    int operator[](int i) const { return p[i]; }
    Size operator()() const { return Size(); }
  } size;
  struct MStep {
    std::size_t operator[](int) const { return 0; }
    operator std::size_t() const { return 0; }
  } step;
  Mat() = default;
  template <class... A> Mat(A&&...) {}
  Mat clone() const { return *this; }
  template <class... A> void convertTo(A&&...) const {}
  template <class... A> void copyTo(A&&...) const {}
  template <class... A> Mat reshape(A&&...) const { return *this; }
  template <class... A> void create(A&&...) {}
  template <class... A> Mat operator()(A&&...) const { return *this; }
  Mat row(int) const { return *this; }
  Mat col(int) const { return *this; }
  Mat t() const { return *this; }
  int channels() const { return 1; }
  int type() const { return 0; }
  int depth() const { return 0; }
  bool empty() const { return true; }
  bool isContinuous() const { return true; }
  std::size_t total() const { return 0; }
  std::size_t elemSize() const { return 1; }
  void release() {}
  template <class T, class... A> T& at(A...) { static T t; return t; }
  template <class T, class... A> const T& at(A...) const { static T t; return t; }
  template <class T = unsigned char, class... A> T* ptr(A...) { return nullptr; }
  template <class T = unsigned char, class... A> const T* ptr(A...) const { return nullptr; }
  template <class... A> static Mat zeros(A&&...) { return Mat(); }
  template <class... A> static Mat ones(A&&...) { return Mat(); }
  template <class... A> static Mat eye(A&&...) { return Mat(); }
};
inline Mat operator+(const Mat& a, const Mat&) { return a; }
inline Mat operator-(const Mat& a, const Mat&) { return a; }
inline Mat operator*(const Mat& a, double) { return a; }
inline Mat operator/(const Mat& a, double) { return a; }
template <class T> std::ostream& operator<<(std::ostream& os, const Size_<T>&) { return os; }
template <class T> std::ostream& operator<<(std::ostream& os, const Point_<T>&) { return os; }
inline std::ostream& operator<<(std::ostream& os, const Mat&) { return os; }
using InputArray = const Mat&;
using OutputArray = Mat&;

struct Exception : std::exception {
  std::string msg;
  const char* what() const noexcept override { return msg.c_str(); }
};

template <class T, class U> T saturate_cast(U v) { return T(v); }

enum InterpolationFlags { INTER_NEAREST = 0, INTER_LINEAR = 1, INTER_CUBIC = 2, INTER_AREA = 3 };
enum ColorConversionCodes {
  COLOR_BGR2RGB = 4, COLOR_RGB2BGR = 4, COLOR_BGR2GRAY = 6, COLOR_RGB2GRAY = 7,
  COLOR_GRAY2BGR = 8, COLOR_GRAY2RGB = 8, COLOR_BGR2HSV = 40, COLOR_RGB2HSV = 41,
  COLOR_HSV2BGR = 54, COLOR_HSV2RGB = 55
};
enum ImreadModes { IMREAD_UNCHANGED = -1, IMREAD_GRAYSCALE = 0, IMREAD_COLOR = 1, IMREAD_ANYDEPTH = 2 };
enum HersheyFonts { FONT_HERSHEY_SIMPLEX = 0, FONT_HERSHEY_DUPLEX = 2 };
enum LineTypes { FILLED = -1, LINE_4 = 4, LINE_8 = 8, LINE_AA = 16 };
enum BorderTypes { BORDER_CONSTANT = 0, BORDER_REPLICATE = 1, BORDER_REFLECT = 2 };
enum WindowFlags { WINDOW_NORMAL = 0, WINDOW_AUTOSIZE = 1 };
enum VideoCaptureProperties { CAP_PROP_FRAME_WIDTH = 3, CAP_PROP_FRAME_HEIGHT = 4, CAP_PROP_FPS = 5 };

template <class... A> Mat imread(A&&...) { return Mat(); }
template <class... A> bool imwrite(A&&...) { return true; }
template <class... A> void imshow(A&&...) {}
template <class... A> int waitKey(A&&...) { return 0; }
template <class... A> void destroyAllWindows(A&&...) {}
template <class... A> void namedWindow(A&&...) {}
template <class... A> void cvtColor(A&&...) {}
inline void resize(const Mat&, Mat&, Size, double = 0, double = 0, int = INTER_LINEAR) {}
template <class... A> void split(A&&...) {}
template <class... A> void merge(A&&...) {}
template <class... A> void flip(A&&...) {}
template <class... A> void blur(A&&...) {}
inline void line(Mat&, Point, Point, const Scalar&, int = 1, int = LINE_8, int = 0) {}
inline void circle(Mat&, Point, int, const Scalar&, int = 1, int = LINE_8, int = 0) {}
inline void rectangle(Mat&, Point, Point, const Scalar&, int = 1, int = LINE_8, int = 0) {}
inline void rectangle(Mat&, Rect, const Scalar&, int = 1, int = LINE_8, int = 0) {}
inline void putText(Mat&, const std::string&, Point, int, double, Scalar, int = 1, int = LINE_8, bool = false) {}
template <class... A> void copyMakeBorder(A&&...) {}
template <class... A> Size getTextSize(A&&...) { return Size(); }
template <class T> T min(const T& a, const T&) { return a; }
template <class T> T max(const T& a, const T&) { return a; }
template <class T, class U> T min(const T& a, const U&) { return a; }
template <class T, class U> T max(const T& a, const U&) { return a; }

struct VideoCapture {
  VideoCapture() = default;
  template <class... A> VideoCapture(A&&...) {}
  template <class... A> bool open(A&&...) { return true; }
  bool isOpened() const { return true; }
  template <class... A> bool set(A&&...) { return true; }
  template <class... A> double get(A&&...) const { return 0; }
  bool read(Mat&) { return true; }
  VideoCapture& operator>>(Mat&) { return *this; }
  void release() {}
};

namespace dnn {
template <class... A> void NMSBoxes(A&&...) {}
}  // namespace dnn

}  // namespace cv
