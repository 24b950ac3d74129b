// torch-tidy real-code benchmark: a stand-in for the Arcade Learning Environment's
// <ale/ale_interface.hpp>, declaring just what the listed files use.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace ale {

// Joystick inputs; an unscoped enum, so values convert to integers.
enum Action {
  PLAYER_A_NOOP = 0,
  PLAYER_A_FIRE = 1,
  PLAYER_A_UP = 2,
  PLAYER_A_RIGHT = 3,
  PLAYER_A_LEFT = 4,
  PLAYER_A_DOWN = 5,
  PLAYER_A_UPRIGHT = 6,
  PLAYER_A_UPLEFT = 7,
  PLAYER_A_DOWNRIGHT = 8,
  PLAYER_A_DOWNLEFT = 9,
  PLAYER_A_UPFIRE = 10,
  PLAYER_A_RIGHTFIRE = 11,
  PLAYER_A_LEFTFIRE = 12,
  PLAYER_A_DOWNFIRE = 13,
  PLAYER_A_UPRIGHTFIRE = 14,
  PLAYER_A_UPLEFTFIRE = 15,
  PLAYER_A_DOWNRIGHTFIRE = 16,
  PLAYER_A_DOWNLEFTFIRE = 17,
  RESET = 40,
  UNDEFINED = 41,
  RANDOM = 42,
};

typedef std::vector<Action> ActionVect;
typedef int reward_t;

// The emulator's frame buffer; only its dimensions are read here.
class ALEScreen {
public:
  std::size_t height() const { return height_; }
  std::size_t width() const { return width_; }

private:
  std::size_t height_ = 210;
  std::size_t width_ = 160;
};

class ALEInterface {
public:
  ALEInterface();
  ~ALEInterface();

  void setInt(const std::string &key, int value);
  void setFloat(const std::string &key, float value);
  void setBool(const std::string &key, bool value);
  void setString(const std::string &key, const std::string &value);

  void loadROM(std::filesystem::path rom_file);

  reward_t act(Action action, float paddle_strength = 1.0f);
  bool game_over(bool with_truncation = true) const;
  bool game_truncated() const;
  void reset_game();
  int lives();

  ActionVect getLegalActionSet();
  ActionVect getMinimalActionSet();

  const ALEScreen &getScreen() const;
  void getScreenGrayscale(std::vector<unsigned char> &output_buffer) const;
  void getScreenRGB(std::vector<unsigned char> &output_buffer) const;
};

} // namespace ale
