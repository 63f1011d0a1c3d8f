// Only the C bridge (Sources/ICUBridge) includes ICU's headers; this shim exists so that
// SwiftPM can resolve the system library through pkg-config (icu-uc icu-i18n).
#include <unicode/utypes.h>
