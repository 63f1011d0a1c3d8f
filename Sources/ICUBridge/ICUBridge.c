// The C side of Tilmash's ICU bridge. ICU's headers are included here only; see
// include/ICUBridge.h for the conventions every function follows.
#include "ICUBridge.h"

#include <string.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *tm_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

int32_t tm_buffer_overflow_status(void) { return (int32_t)U_BUFFER_OVERFLOW_ERROR; }

void tm_unicode_version(char *dest, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getUnicodeVersion(info);
    u_versionToString(info, text);
    strncpy(dest, text, (size_t)capacity);
    if (capacity > 0) dest[capacity - 1] = 0;
}

void tm_icu_version(char *dest, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    strncpy(dest, text, (size_t)capacity);
    if (capacity > 0) dest[capacity - 1] = 0;
}

// MARK: Case mapping

void *tm_casemap_open(const char *locale, int32_t *status) {
    return ucasemap_open(locale, 0, (UErrorCode *)status);
}

void tm_casemap_close(void *casemap) { ucasemap_close((UCaseMap *)casemap); }

int32_t tm_case_utf8(const void *casemap, int32_t operation, const char *locale,
                     const char *src, int32_t srcLength, char *dest, int32_t capacity,
                     int32_t *status) {
    UErrorCode *error = (UErrorCode *)status;
    const UCaseMap *map = (const UCaseMap *)casemap;
    switch (operation) {
    case TM_CASE_LOWER:
        return ucasemap_utf8ToLower(map, dest, capacity, src, srcLength, error);
    case TM_CASE_UPPER:
        return ucasemap_utf8ToUpper(map, dest, capacity, src, srcLength, error);
    case TM_CASE_FOLD:
        return ucasemap_utf8FoldCase(map, dest, capacity, src, srcLength, error);
    case TM_CASE_FOLD_TURKIC: {
        // Folding options live in the UCaseMap; a Turkic one is opened per call (cheap).
        UCaseMap *turkic = ucasemap_open(locale, U_FOLD_CASE_EXCLUDE_SPECIAL_I, error);
        int32_t length = ucasemap_utf8FoldCase(turkic, dest, capacity, src, srcLength, error);
        ucasemap_close(turkic);
        return length;
    }
    case TM_CASE_TITLE: {
        // Title casing stores a break iterator inside the UCaseMap, so it is not
        // thread-safe on a shared map: use a private one per call.
        UCaseMap *title = ucasemap_open(locale, 0, error);
        int32_t length = ucasemap_utf8ToTitle(title, dest, capacity, src, srcLength, error);
        ucasemap_close(title);
        return length;
    }
    default:
        *error = U_ILLEGAL_ARGUMENT_ERROR;
        return 0;
    }
}

// MARK: Normalization

const void *tm_normalizer(int32_t form, int32_t *status) {
    UErrorCode *error = (UErrorCode *)status;
    switch (form) {
    case TM_NFC: return unorm2_getNFCInstance(error);
    case TM_NFD: return unorm2_getNFDInstance(error);
    case TM_NFKC: return unorm2_getNFKCInstance(error);
    case TM_NFKD: return unorm2_getNFKDInstance(error);
    case TM_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(error);
    default: *error = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t tm_normalize(const void *normalizer, const uint16_t *src, int32_t length,
                     uint16_t *dest, int32_t capacity, int32_t *status) {
    return unorm2_normalize((const UNormalizer2 *)normalizer, (const UChar *)src, length,
                            (UChar *)dest, capacity, (UErrorCode *)status);
}

int32_t tm_normalized_prefix(const void *normalizer, const uint16_t *src, int32_t length,
                             int32_t *status) {
    return unorm2_spanQuickCheckYes((const UNormalizer2 *)normalizer, (const UChar *)src,
                                    length, (UErrorCode *)status);
}

int32_t tm_has_boundary_before(const void *normalizer, int32_t codePoint) {
    return unorm2_hasBoundaryBefore((const UNormalizer2 *)normalizer, (UChar32)codePoint) ? 1 : 0;
}

// MARK: Transliteration

void *tm_translit_open_id(const uint16_t *id, int32_t idLength, int32_t *status) {
    return utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD, NULL, 0, NULL,
                        (UErrorCode *)status);
}

void *tm_translit_open_rules(const uint16_t *name, int32_t nameLength,
                             const uint16_t *rules, int32_t rulesLength,
                             int32_t *errorLine, int32_t *errorOffset, int32_t *status) {
    UParseError parseError;
    memset(&parseError, 0, sizeof parseError);
    UTransliterator *result =
        utrans_openU((const UChar *)name, nameLength, UTRANS_FORWARD, (const UChar *)rules,
                     rulesLength, &parseError, (UErrorCode *)status);
    if (errorLine) *errorLine = parseError.line;
    if (errorOffset) *errorOffset = parseError.offset;
    return result;
}

void *tm_translit_clone(const void *translit, int32_t *status) {
    return utrans_clone((const UTransliterator *)translit, (UErrorCode *)status);
}

void tm_translit_close(void *translit) { utrans_close((UTransliterator *)translit); }

int32_t tm_translit(const void *translit, uint16_t *buffer, int32_t length, int32_t capacity,
                    int32_t *status) {
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars((const UTransliterator *)translit, (UChar *)buffer, &textLength,
                       capacity, 0, &limit, (UErrorCode *)status);
    return textLength;
}

// MARK: Break iteration

void *tm_break_open(int32_t kind, const char *locale, int32_t *status) {
    UBreakIteratorType type;
    switch (kind) {
    case TM_BREAK_WORD: type = UBRK_WORD; break;
    case TM_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    case TM_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
    return ubrk_open(type, locale, NULL, 0, (UErrorCode *)status);
}

void *tm_break_clone(const void *iterator, int32_t *status) {
    return ubrk_clone((const UBreakIterator *)iterator, (UErrorCode *)status);
}

void tm_break_close(void *iterator) { ubrk_close((UBreakIterator *)iterator); }

void tm_break_set_text(void *iterator, const uint16_t *text, int32_t length, int32_t *status) {
    ubrk_setText((UBreakIterator *)iterator, (const UChar *)text, length, (UErrorCode *)status);
}

int32_t tm_break_next(void *iterator) {
    int32_t next = ubrk_next((UBreakIterator *)iterator);
    return next == UBRK_DONE ? -1 : next;
}

int32_t tm_break_rule_status(const void *iterator) {
    return ubrk_getRuleStatus((UBreakIterator *)iterator);
}

// MARK: Scripts and confusables

int32_t tm_script(int32_t codePoint) {
    UErrorCode error = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codePoint, &error);
    return U_FAILURE(error) ? (int32_t)USCRIPT_INVALID_CODE : (int32_t)code;
}

int32_t tm_has_script(int32_t codePoint, int32_t script) {
    return uscript_hasScript((UChar32)codePoint, (UScriptCode)script) ? 1 : 0;
}

void *tm_spoof_open(int32_t *status) {
    UErrorCode *error = (UErrorCode *)status;
    USpoofChecker *checker = uspoof_open(error);
    if (U_SUCCESS(*error)) uspoof_setChecks(checker, USPOOF_CONFUSABLE, error);
    return checker;
}

void tm_spoof_close(void *checker) { uspoof_close((USpoofChecker *)checker); }

int32_t tm_spoof_skeleton(const void *checker, const uint16_t *src, int32_t length,
                          uint16_t *dest, int32_t capacity, int32_t *status) {
    return uspoof_getSkeleton((const USpoofChecker *)checker, 0, (const UChar *)src, length,
                              (UChar *)dest, capacity, (UErrorCode *)status);
}

// MARK: UTF-8 decoding

int32_t tm_utf8_to_utf16(const char *src, int32_t length, uint16_t *dest, int32_t capacity,
                         int32_t *substitutions, int32_t *status) {
    int32_t destLength = 0;
    u_strFromUTF8WithSub((UChar *)dest, capacity, &destLength, src, length, 0xFFFD,
                         substitutions, (UErrorCode *)status);
    return destLength;
}

// MARK: Legacy encodings

typedef struct {
    UConverter *converter;
    int32_t substitutions;
} tm_converter;

static void tm_counting_substitute(const void *context, UConverterToUnicodeArgs *args,
                                   const char *codeUnits, int32_t length,
                                   UConverterCallbackReason reason, UErrorCode *error) {
    if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
        ((tm_converter *)context)->substitutions += 1;
        // U+FFFD, whatever the converter's own substitution character is.
        static const UChar replacement = 0xFFFD;
        *error = U_ZERO_ERROR;
        ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
    }
}

void *tm_converter_open(const char *name, int32_t *status) {
    UErrorCode *error = (UErrorCode *)status;
    UConverter *converter = ucnv_open(name, error);
    if (U_FAILURE(*error)) return NULL;
    tm_converter *wrapper = (tm_converter *)calloc(1, sizeof(tm_converter));
    if (wrapper == NULL) { ucnv_close(converter); *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    wrapper->converter = converter;
    ucnv_setToUCallBack(converter, tm_counting_substitute, wrapper, NULL, NULL, error);
    if (U_FAILURE(*error)) { ucnv_close(converter); free(wrapper); return NULL; }
    return wrapper;
}

void tm_converter_close(void *converter) {
    if (converter == NULL) return;
    ucnv_close(((tm_converter *)converter)->converter);
    free(converter);
}

const char *tm_converter_name(const void *converter, int32_t *status) {
    return ucnv_getName(((const tm_converter *)converter)->converter, (UErrorCode *)status);
}

int32_t tm_converter_to_utf16(void *converter, const char *src, int32_t length, uint16_t *dest,
                              int32_t capacity, int32_t *offsets, int32_t flush, int32_t *consumed,
                              int32_t *pending, int32_t *status) {
    UConverter *cnv = ((tm_converter *)converter)->converter;
    UErrorCode countError = U_ZERO_ERROR;
    int32_t held = ucnv_toUCountPending(cnv, &countError);
    *pending = U_SUCCESS(countError) && held > 0 ? held : 0;
    UChar *target = (UChar *)dest;
    const char *source = src;
    ucnv_toUnicode(cnv, &target, (UChar *)dest + capacity, &source, src + length, offsets,
                   (UBool)(flush != 0), (UErrorCode *)status);
    *consumed = (int32_t)(source - src);
    return (int32_t)(target - (UChar *)dest);
}

int32_t tm_converter_substitutions(const void *converter) {
    return ((const tm_converter *)converter)->substitutions;
}
