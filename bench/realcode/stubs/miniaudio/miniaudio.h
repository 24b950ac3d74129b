// Parse-only stand-in for mackron's miniaudio.h (context, capture device, ring
// buffers). Declarations only; nothing runs.
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint8_t ma_uint8;
typedef uint32_t ma_uint32;
typedef ma_uint8 ma_bool8;
typedef ma_uint8 ma_channel;
#define MA_TRUE 1
#define MA_FALSE 0

#define MA_CHANNEL_FRONT_LEFT 2
#define MA_CHANNEL_FRONT_RIGHT 3
#define MA_CHANNEL_BACK_LEFT 7
#define MA_CHANNEL_BACK_RIGHT 8

typedef enum { MA_SUCCESS = 0, MA_ERROR = -1 } ma_result;
typedef enum {
  ma_format_unknown,
  ma_format_u8,
  ma_format_s16,
  ma_format_s24,
  ma_format_s32,
  ma_format_f32
} ma_format;
typedef enum { ma_backend_wasapi, ma_backend_alsa, ma_backend_null } ma_backend;
typedef enum {
  ma_device_type_playback = 1,
  ma_device_type_capture = 2,
  ma_device_type_duplex = 3
} ma_device_type;
typedef enum { ma_share_mode_shared, ma_share_mode_exclusive } ma_share_mode;
typedef enum {
  ma_wasapi_usage_default,
  ma_wasapi_usage_games,
  ma_wasapi_usage_pro_audio
} ma_wasapi_usage;

typedef struct ma_allocation_callbacks ma_allocation_callbacks;
typedef struct {
  void *pUserData;
} ma_context_config;
typedef struct {
  int opaque;
} ma_context;
typedef union {
  char opaque[256];
} ma_device_id;
typedef struct {
  ma_device_id id;
  char name[256];
  ma_bool8 isDefault;
} ma_device_info;

typedef struct ma_device {
  void *pUserData;
  struct {
    ma_format format;
    ma_uint32 channels;
  } capture, playback;
  ma_uint32 sampleRate;
} ma_device;

typedef void (*ma_device_data_proc)(ma_device *pDevice, void *pOutput,
                                    const void *pInput, ma_uint32 frameCount);

typedef struct {
  ma_device_type deviceType;
  ma_uint32 sampleRate;
  ma_uint32 periodSizeInFrames;
  ma_device_data_proc dataCallback;
  void *pUserData;
  struct {
    const ma_device_id *pDeviceID;
    ma_format format;
    ma_uint32 channels;
    ma_channel *pChannelMap;
    ma_share_mode shareMode;
  } capture, playback;
  struct {
    ma_wasapi_usage usage;
    ma_bool8 noAutoConvertSRC;
    ma_bool8 noDefaultQualitySRC;
  } wasapi;
} ma_device_config;

typedef struct {
  void *pBuffer;
  size_t subbufferSizeInBytes;
} ma_rb;
typedef struct {
  ma_rb rb;
  ma_format format;
  ma_uint32 channels;
} ma_pcm_rb;

ma_uint32 ma_get_bytes_per_frame(ma_format format, ma_uint32 channels);

ma_context_config ma_context_config_init(void);
ma_result ma_context_init(const ma_backend backends[], ma_uint32 backendCount,
                          const ma_context_config *pConfig,
                          ma_context *pContext);
ma_result ma_context_uninit(ma_context *pContext);
ma_result ma_context_get_devices(ma_context *pContext,
                                 ma_device_info **ppPlaybackDeviceInfos,
                                 ma_uint32 *pPlaybackDeviceCount,
                                 ma_device_info **ppCaptureDeviceInfos,
                                 ma_uint32 *pCaptureDeviceCount);

ma_device_config ma_device_config_init(ma_device_type deviceType);
ma_result ma_device_init(ma_context *pContext, const ma_device_config *pConfig,
                         ma_device *pDevice);
void ma_device_uninit(ma_device *pDevice);
ma_result ma_device_start(ma_device *pDevice);

ma_result ma_rb_init_ex(size_t subbufferSizeInBytes, size_t subbufferCount,
                        size_t subbufferStrideInBytes, void *pOptionalBuffer,
                        const ma_allocation_callbacks *pCallbacks, ma_rb *pRB);
void ma_rb_uninit(ma_rb *pRB);
ma_result ma_rb_acquire_read(ma_rb *pRB, size_t *pSizeInBytes, void **ppBuffer);
ma_result ma_rb_commit_read(ma_rb *pRB, size_t sizeInBytes);
ma_result ma_rb_acquire_write(ma_rb *pRB, size_t *pSizeInBytes,
                              void **ppBuffer);
ma_result ma_rb_commit_write(ma_rb *pRB, size_t sizeInBytes);

ma_result ma_pcm_rb_init(ma_format format, ma_uint32 channels,
                         ma_uint32 bufferSizeInFrames, void *pOptionalBuffer,
                         const ma_allocation_callbacks *pCallbacks,
                         ma_pcm_rb *pRB);
void ma_pcm_rb_uninit(ma_pcm_rb *pRB);
ma_uint32 ma_pcm_rb_available_read(ma_pcm_rb *pRB);
ma_result ma_pcm_rb_acquire_read(ma_pcm_rb *pRB, ma_uint32 *pSizeInFrames,
                                 void **ppBuffer);
ma_result ma_pcm_rb_commit_read(ma_pcm_rb *pRB, ma_uint32 sizeInFrames);
ma_result ma_pcm_rb_acquire_write(ma_pcm_rb *pRB, ma_uint32 *pSizeInFrames,
                                  void **ppBuffer);
ma_result ma_pcm_rb_commit_write(ma_pcm_rb *pRB, ma_uint32 sizeInFrames);

#ifdef __cplusplus
}
#endif
