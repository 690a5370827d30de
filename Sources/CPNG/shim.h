// CPNG: the libpng C API, as installed by Debian's libpng-dev, plus two helpers that keep libpng's longjmp-based
// error reporting on the C side. Never API of RadFleet itself; only the ImageIO target imports it.
//
// libpng reports a fatal error by calling the error handler, which must not return: it longjmps back to the
// setjmp of the caller. Swift cannot be unwound by longjmp, so each helper below calls setjmp itself and turns
// every libpng error into an error code plus a message. Swift never calls a libpng function that can longjmp.
#ifndef RADFLEET_CPNG_SHIM_H
#define RADFLEET_CPNG_SHIM_H

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    CPNG_OK = 0,
    CPNG_NOT_PNG = 1,          // the 8-byte PNG signature is missing
    CPNG_TRUNCATED = 2,        // the data ended before the image did
    CPNG_TOO_MANY_PIXELS = 3,  // width x height (from IHDR) exceeds the caller's limit
    CPNG_DECODE_ERROR = 4,     // libpng rejected the data (bad CRC, bad IHDR, zlib error, ...): see message
    CPNG_OUT_OF_MEMORY = 5,
    CPNG_INVALID_ARGUMENT = 6,
};

#define CPNG_MESSAGE_SIZE 256

/// Everything the reader learns. Samples are as stored, after only these transforms: sub-8-bit samples unpacked
/// to one byte each (values NOT scaled), interlacing removed. 16-bit samples stay big-endian byte pairs.
/// Palette images keep their indices; the palette is returned alongside.
typedef struct CPNG_Image {
    uint32_t width;
    uint32_t height;
    int bitDepth;        // as in IHDR: 1, 2, 4, 8, 16
    int colorType;       // as in IHDR: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
    int interlaced;      // 1 for Adam7
    int channels;        // samples per pixel in `pixels`
    int bytesPerSample;  // 1 or 2 (big-endian)
    int hasPhys;
    uint32_t physX;      // pixels per unit along x
    uint32_t physY;
    int physUnit;        // 1 = metre, 0 = unknown (aspect ratio only)
    int paletteCount;
    uint8_t palette[256 * 3];
    uint8_t *pixels;     // malloc'd; release with CPNG_releaseImage
    size_t pixelBytes;
    char message[CPNG_MESSAGE_SIZE];  // the error, or the last libpng warning (empty if none) on success
} CPNG_Image;

/// Where the read callback takes its bytes from and what the error handler writes to.
typedef struct CPNG_ReadState {
    const uint8_t *data;
    size_t size;
    size_t offset;
    int truncated;
    char *message;
    char warning[CPNG_MESSAGE_SIZE];  // libpng often warns with the details before a generic error
} CPNG_ReadState;

static void CPNG_copyMessage(char *destination, const char *text) {
    if (destination == NULL) return;
    strncpy(destination, text != NULL ? text : "(no message)", CPNG_MESSAGE_SIZE - 1);
    destination[CPNG_MESSAGE_SIZE - 1] = '\0';
}

static void CPNG_errorHandler(png_structp png, png_const_charp text) {
    CPNG_ReadState *state = (CPNG_ReadState *)png_get_error_ptr(png);
    // A NULL text means the caller already wrote the message. A preceding warning carries the details of
    // generic errors such as "Invalid IHDR data" ("Invalid bit depth in IHDR").
    if (state != NULL && !state->truncated && text != NULL && state->message != NULL) {
        if (state->warning[0] != '\0') {
            snprintf(state->message, CPNG_MESSAGE_SIZE, "%s: %s", text, state->warning);
        } else {
            CPNG_copyMessage(state->message, text);
        }
    }
    png_longjmp(png, 1);
}

static void CPNG_warningHandler(png_structp png, png_const_charp text) {
    CPNG_ReadState *state = (CPNG_ReadState *)png_get_error_ptr(png);
    if (state != NULL) CPNG_copyMessage(state->warning, text);
}

static void CPNG_readBytes(png_structp png, png_bytep out, size_t count) {
    CPNG_ReadState *state = (CPNG_ReadState *)png_get_io_ptr(png);
    if (state->size - state->offset < count) {
        state->truncated = 1;
        CPNG_copyMessage(state->message, "the data ends before the image does");
        png_error(png, "truncated");
    }
    memcpy(out, state->data + state->offset, count);
    state->offset += count;
}

static inline void CPNG_releaseImage(CPNG_Image *image) {
    if (image == NULL) return;
    free(image->pixels);
    image->pixels = NULL;
    image->pixelBytes = 0;
}

/// Decodes the PNG in `data[0..<size]` into `out`. Returns a CPNG_* code; on failure `out->message` says why and
/// nothing needs releasing. `maxPixels` is checked against IHDR before any pixel memory is allocated.
static inline int CPNG_readImage(const uint8_t *data, size_t size, uint64_t maxPixels, CPNG_Image *out) {
    if (out == NULL) return CPNG_INVALID_ARGUMENT;
    memset(out, 0, sizeof(*out));
    if (data == NULL || size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        CPNG_copyMessage(out->message, size < 8 ? "too short to be a PNG file" : "no PNG signature");
        return CPNG_NOT_PNG;
    }
    CPNG_ReadState state = {data, size, 0, 0, out->message, {0}};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, CPNG_errorHandler, CPNG_warningHandler);
    if (png == NULL) {
        CPNG_copyMessage(out->message, "libpng could not allocate its state");
        return CPNG_OUT_OF_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        CPNG_copyMessage(out->message, "libpng could not allocate its state");
        return CPNG_OUT_OF_MEMORY;
    }
    // Written after setjmp and read after a longjmp, so volatile (C11 7.13.2.1).
    png_bytep *volatile rows = NULL;
    volatile int failure = CPNG_DECODE_ERROR;
    if (setjmp(png_jmpbuf(png))) {
        int code = state.truncated ? CPNG_TRUNCATED : failure;
        free(rows);
        CPNG_releaseImage(out);
        png_destroy_read_struct(&png, &info, NULL);
        return code;
    }
    png_set_read_fn(png, &state, CPNG_readBytes);
    // A CRC error in any chunk is an error (libpng's default only warns for ancillary chunks and drops them, which
    // would silently lose a pHYs spacing); Pillow refuses such files too.
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    // Never let libpng's own size limits be what stops an image: RadFleet's pixel limit is the one that applies.
    png_set_user_limits(png, 0x7fffffffU, 0x7fffffffU);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bitDepth = 0, colorType = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bitDepth, &colorType, &interlace, NULL, NULL);
    out->width = width;
    out->height = height;
    out->bitDepth = bitDepth;
    out->colorType = colorType;
    out->interlaced = interlace == PNG_INTERLACE_ADAM7;
    if ((uint64_t)width * (uint64_t)height > maxPixels) {
        snprintf(out->message, CPNG_MESSAGE_SIZE, "%u x %u pixels exceeds the limit of %llu pixels",
                 (unsigned)width, (unsigned)height, (unsigned long long)maxPixels);
        failure = CPNG_TOO_MANY_PIXELS;
        png_error(png, NULL);
    }
    png_uint_32 unitX = 0, unitY = 0;
    int unit = 0;
    if (png_get_pHYs(png, info, &unitX, &unitY, &unit) & PNG_INFO_pHYs) {
        out->hasPhys = 1;
        out->physX = unitX;
        out->physY = unitY;
        out->physUnit = unit;
    }
    png_colorp palette = NULL;
    int paletteCount = 0;
    if (colorType == PNG_COLOR_TYPE_PALETTE && (png_get_PLTE(png, info, &palette, &paletteCount) & PNG_INFO_PLTE)) {
        if (paletteCount > 256) paletteCount = 256;
        for (int i = 0; i < paletteCount; i++) {
            out->palette[3 * i] = palette[i].red;
            out->palette[3 * i + 1] = palette[i].green;
            out->palette[3 * i + 2] = palette[i].blue;
        }
        out->paletteCount = paletteCount;
    }
    if (bitDepth < 8) png_set_packing(png);  // one byte per sample, value unchanged
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    size_t rowBytes = png_get_rowbytes(png, info);
    out->channels = png_get_channels(png, info);
    out->bytesPerSample = bitDepth == 16 ? 2 : 1;
    if (rowBytes != (size_t)width * (size_t)out->channels * (size_t)out->bytesPerSample) {
        CPNG_copyMessage(out->message, "unexpected row layout after unpacking");
        png_error(png, NULL);
    }
    if (height > 0 && rowBytes > SIZE_MAX / height) {
        failure = CPNG_OUT_OF_MEMORY;
        CPNG_copyMessage(out->message, "image too large for memory");
        png_error(png, NULL);
    }
    out->pixelBytes = rowBytes * height;
    out->pixels = (uint8_t *)malloc(out->pixelBytes > 0 ? out->pixelBytes : 1);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * (height > 0 ? height : 1));
    if (out->pixels == NULL || rows == NULL) {
        failure = CPNG_OUT_OF_MEMORY;
        CPNG_copyMessage(out->message, "out of memory for the pixels");
        png_error(png, NULL);
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = out->pixels + (size_t)y * rowBytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);  // checks the last IDAT's CRC and that the stream ends properly
    CPNG_copyMessage(out->message, state.warning[0] != '\0' ? state.warning : "");
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return CPNG_OK;
}

/// A growable output buffer for the writer.
typedef struct CPNG_Buffer {
    uint8_t *bytes;  // malloc'd; release with CPNG_releaseBuffer
    size_t count;
    size_t capacity;
    int failed;
} CPNG_Buffer;

static inline void CPNG_releaseBuffer(CPNG_Buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->count = 0;
    buffer->capacity = 0;
}

static void CPNG_writeBytes(png_structp png, png_bytep data, size_t count) {
    CPNG_Buffer *buffer = (CPNG_Buffer *)png_get_io_ptr(png);
    if (buffer->capacity - buffer->count < count) {
        size_t capacity = buffer->capacity > 0 ? buffer->capacity : 4096;
        while (capacity - buffer->count < count) {
            if (capacity > SIZE_MAX / 2) { buffer->failed = 1; png_error(png, "output too large"); }
            capacity *= 2;
        }
        uint8_t *grown = (uint8_t *)realloc(buffer->bytes, capacity);
        if (grown == NULL) { buffer->failed = 1; png_error(png, "out of memory for the output"); }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->count, data, count);
    buffer->count += count;
}

static void CPNG_flush(png_structp png) { (void)png; }

/// Encodes `height` rows of `width` pixels (`channels` samples each, 8 or 16 bits, 16-bit samples big-endian)
/// as a non-interlaced PNG into `out` (release with CPNG_releaseBuffer). colorType as in IHDR (0, 2, 4, 6).
/// `pixelsPerMetre` > 0 writes a pHYs chunk with unit metre. Returns a CPNG_* code, `message` says why on failure.
static inline int CPNG_writeImage(const uint8_t *pixels, uint32_t width, uint32_t height, int bitDepth, int colorType,
                                  uint32_t pixelsPerMetreX, uint32_t pixelsPerMetreY, CPNG_Buffer *out,
                                  char message[CPNG_MESSAGE_SIZE]) {
    if (out == NULL || message == NULL) return CPNG_INVALID_ARGUMENT;
    memset(out, 0, sizeof(*out));
    message[0] = '\0';
    int channels = colorType == 0 ? 1 : colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 0;
    if (pixels == NULL || width == 0 || height == 0 || channels == 0 || (bitDepth != 8 && bitDepth != 16)) {
        CPNG_copyMessage(message, "invalid image layout for writing");
        return CPNG_INVALID_ARGUMENT;
    }
    CPNG_ReadState errorState = {NULL, 0, 0, 0, message, {0}};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &errorState, CPNG_errorHandler, CPNG_warningHandler);
    if (png == NULL) { CPNG_copyMessage(message, "libpng could not allocate its state"); return CPNG_OUT_OF_MEMORY; }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        CPNG_copyMessage(message, "libpng could not allocate its state");
        return CPNG_OUT_OF_MEMORY;
    }
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        int code = out->failed ? CPNG_OUT_OF_MEMORY : CPNG_DECODE_ERROR;
        free(rows);
        CPNG_releaseBuffer(out);
        png_destroy_write_struct(&png, &info);
        return code;
    }
    png_set_write_fn(png, out, CPNG_writeBytes, CPNG_flush);
    png_set_IHDR(png, info, width, height, bitDepth, colorType, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (pixelsPerMetreX > 0 && pixelsPerMetreY > 0) {
        png_set_pHYs(png, info, pixelsPerMetreX, pixelsPerMetreY, PNG_RESOLUTION_METER);
    }
    size_t rowBytes = (size_t)width * (size_t)channels * (size_t)(bitDepth / 8);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (rows == NULL) { out->failed = 1; png_error(png, "out of memory for the rows"); }
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * rowBytes);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(rows);
    png_destroy_write_struct(&png, &info);
    return CPNG_OK;
}

#endif
