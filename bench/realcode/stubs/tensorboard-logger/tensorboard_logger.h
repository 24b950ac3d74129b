// torch-tidy real-code benchmark: a stand-in for the tensorboard_logger library's
// <tensorboard_logger.h>, declaring just what the listed files use.
#pragma once
#include <map>
#include <string>
#include <vector>

// The hyper-parameter value type comes from protobuf's struct.proto; a bare
// stand-in with the two setters used keeps this stub free of protobuf.
namespace google::protobuf {
class Value {
public:
  void set_number_value(double value) { number_ = value; }
  void set_bool_value(bool value) { flag_ = value; }

private:
  double number_ = 0;
  bool flag_ = false;
};
} // namespace google::protobuf

// Appends TensorBoard event records (scalars, histograms, hparams) to a file.
class TensorBoardLogger {
public:
  explicit TensorBoardLogger(const std::string &log_file);
  ~TensorBoardLogger();

  template <typename T>
  int add_scalar(const std::string &tag, int step, T value) {
    (void)tag, (void)step, (void)value;
    return 0;
  }

  template <typename T>
  int add_histogram(const std::string &tag, int step,
                    const std::vector<T> &values) {
    (void)tag, (void)step, (void)values;
    return 0;
  }

  int add_hparams(const std::map<std::string, google::protobuf::Value> &hparams,
                  const std::string &group_name, long long start_time);
};
