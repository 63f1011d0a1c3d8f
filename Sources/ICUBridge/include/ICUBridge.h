// ICUBridge — the only code in Tilmash that includes ICU's headers.
//
// Every function here uses plain <stdint.h> types: UTF-16 text as `uint16_t *`, UTF-8 as
// `char *`, ICU objects as opaque `void *`, ICU's UErrorCode as `int32_t`. Swift code that
// imports Foundation (which ships its own private ICU copy on Linux) can therefore import
// this header without type clashes.
//
// Status convention (as in ICU): `*status` must be 0 on entry; on return a value > 0 is a
// failure, < 0 a warning. `tm_error_name` gives ICU's name for it ("U_BUFFER_OVERFLOW_ERROR").
// Functions that fill a buffer return the full length needed, even when it exceeds the
// capacity (status then reports U_BUFFER_OVERFLOW_ERROR and the caller retries).
#ifndef TILMASH_ICU_BRIDGE_H
#define TILMASH_ICU_BRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's symbolic name of a status code, e.g. "U_ILLEGAL_ARGUMENT_ERROR".
const char *tm_error_name(int32_t status);
/// The numeric value of U_BUFFER_OVERFLOW_ERROR.
int32_t tm_buffer_overflow_status(void);
/// The Unicode version ICU implements, e.g. "15.0".
void tm_unicode_version(char *dest, int32_t capacity);
/// ICU's own version, e.g. "72.1".
void tm_icu_version(char *dest, int32_t capacity);

// MARK: Case mapping (UTF-8 in, UTF-8 out)

/// Case operations for `tm_case_utf8`.
enum { TM_CASE_LOWER = 0, TM_CASE_UPPER = 1, TM_CASE_TITLE = 2, TM_CASE_FOLD = 3, TM_CASE_FOLD_TURKIC = 4 };

/// Opens a reusable, thread-safe case mapper for `locale` ("tr", "az", "" for root).
/// Lower, upper and fold on one mapper may run from many threads at once.
void *tm_casemap_open(const char *locale, int32_t *status);
void tm_casemap_close(void *casemap);
/// Maps `src` (UTF-8) with `casemap`; TITLE opens its own word break iterator per call.
int32_t tm_case_utf8(const void *casemap, int32_t operation, const char *locale,
                     const char *src, int32_t srcLength, char *dest, int32_t capacity,
                     int32_t *status);

// MARK: Normalization (UTF-16)

/// Forms for `tm_normalizer`.
enum { TM_NFC = 0, TM_NFD = 1, TM_NFKC = 2, TM_NFKD = 3, TM_NFKC_CASEFOLD = 4 };

/// ICU's shared, immutable normalizer for `form` (never closed; thread-safe).
const void *tm_normalizer(int32_t form, int32_t *status);
int32_t tm_normalize(const void *normalizer, const uint16_t *src, int32_t length,
                     uint16_t *dest, int32_t capacity, int32_t *status);
/// Length of the longest prefix of `src` that is certainly already normalized.
int32_t tm_normalized_prefix(const void *normalizer, const uint16_t *src, int32_t length,
                             int32_t *status);
/// 1 if `codePoint` always starts a new normalization segment (safe place to cut text).
int32_t tm_has_boundary_before(const void *normalizer, int32_t codePoint);

// MARK: Transliteration (UTF-16)

/// Opens a system transliterator by id ("Any-Latin", "Kazakh-Latin/BGN", "de-ASCII").
void *tm_translit_open_id(const uint16_t *id, int32_t idLength, int32_t *status);
/// Compiles transliteration rules; on a syntax error fills `errorLine`/`errorOffset`.
void *tm_translit_open_rules(const uint16_t *name, int32_t nameLength,
                             const uint16_t *rules, int32_t rulesLength,
                             int32_t *errorLine, int32_t *errorOffset, int32_t *status);
void *tm_translit_clone(const void *translit, int32_t *status);
void tm_translit_close(void *translit);
/// Transliterates `buffer[0..<length]` in place; returns the new length. When it exceeds
/// `capacity` the buffer content is undefined: retry with the original text and more room.
int32_t tm_translit(const void *translit, uint16_t *buffer, int32_t length, int32_t capacity,
                    int32_t *status);

// MARK: Break iteration (UTF-16)

enum { TM_BREAK_WORD = 0, TM_BREAK_SENTENCE = 1, TM_BREAK_CHARACTER = 2 };

/// Opens a break iterator of `kind` for `locale`. Not thread-safe: clone it per thread.
void *tm_break_open(int32_t kind, const char *locale, int32_t *status);
void *tm_break_clone(const void *iterator, int32_t *status);
void tm_break_close(void *iterator);
/// Points the iterator at `text`, which must stay alive and unchanged while it is used.
void tm_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status);
/// The next boundary (UTF-16 offset) after the current one, or -1 at the end.
int32_t tm_break_next(void *iterator);
/// The rule status of the boundary most recently returned (UBRK_WORD_NONE = 0,
/// NUMBER 100..199, LETTER 200..299, KANA 300..399, IDEO 400..499).
int32_t tm_break_rule_status(const void *iterator);

// MARK: Scripts and confusables

/// The UScriptCode of a code point (Latin 25, Cyrillic 8, Greek 14, Common 0, Inherited 1).
int32_t tm_script(int32_t codePoint);
/// 1 if `codePoint` is used with `script` (Script_Extensions), else 0.
int32_t tm_has_script(int32_t codePoint, int32_t script);
/// Opens a confusable-skeleton checker (UTS #39). Thread-safe once opened.
void *tm_spoof_open(int32_t *status);
void tm_spoof_close(void *checker);
/// The UTS #39 skeleton of `src`: two strings that look alike have the same skeleton.
int32_t tm_spoof_skeleton(const void *checker, const uint16_t *src, int32_t length,
                          uint16_t *dest, int32_t capacity, int32_t *status);

// MARK: UTF-8 decoding with repair

/// Decodes UTF-8 into UTF-16, replacing each ill-formed sequence by U+FFFD (maximal
/// subpart practice). `*substitutions` receives how many replacements were made.
int32_t tm_utf8_to_utf16(const char *src, int32_t length, uint16_t *dest, int32_t capacity,
                         int32_t *substitutions, int32_t *status);

// MARK: Legacy encodings (ICU converters)

/// Opens ICU's converter for the encoding `name` (cp1251, koi8-r, utf-16, ...), with a
/// callback that substitutes U+FFFD for unmappable or ill-formed bytes and counts them.
void *tm_converter_open(const char *name, int32_t *status);
void tm_converter_close(void *converter);
/// ICU's canonical name of the converter's encoding.
const char *tm_converter_name(const void *converter, int32_t *status);
/// Converts `length` bytes to UTF-16 (`ucnv_toUnicode`), streaming: bytes of a character
/// cut at the end stay in the converter until the next call (or `flush`). `offsets[i]`
/// is the index in `src` of the bytes that gave `dest[i]` (-1: bytes of an earlier call).
/// `*consumed` receives how many source bytes were read (less than `length` when `dest`
/// is full: status is then U_BUFFER_OVERFLOW_ERROR), `*pending` how many bytes of earlier
/// calls the converter held at the start. Returns the UTF-16 units written.
int32_t tm_converter_to_utf16(void *converter, const char *src, int32_t length, uint16_t *dest,
                              int32_t capacity, int32_t *offsets, int32_t flush, int32_t *consumed,
                              int32_t *pending, int32_t *status);
/// How many substitutions the converter has made since it was opened.
int32_t tm_converter_substitutions(const void *converter);

#ifdef __cplusplus
}
#endif

#endif
