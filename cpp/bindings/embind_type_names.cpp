// Link-time support for Embind, not a registration: Embind's RTTI-free
// library names an unbound type by its address, with sprintf(str, "%p", ti)
// (__getTypeName in its bind.cpp, compiled to a call of siprintf, musl's
// sprintf without floating point), and that one call was all that kept libc's
// printf machinery (printf_core and its helpers) in the module. This
// siprintf, found by the linker before libc's, formats exactly that
// conversion as Emscripten's musl does ("0x1234"; "0" for null). Any
// other format traps: no code of ours calls sprintf (decimal.h formats numbers).
#include <cstdarg>
#include <cstdint>

extern "C" int siprintf(char* out, const char* format, ...) {
  if (format[0] != '%' || format[1] != 'p' || format[2] != '\0') __builtin_trap();
  va_list args;
  va_start(args, format);
  const std::uintptr_t p = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
  va_end(args);
  char* o = out;
  if (p != 0) {
    *o++ = '0';
    *o++ = 'x';
  }
  int shift = 0;
  while (shift + 4 < static_cast<int>(8 * sizeof p) && (p >> (shift + 4)) != 0) shift += 4;
  for (; shift >= 0; shift -= 4) *o++ = "0123456789abcdef"[(p >> shift) & 15];
  *o = '\0';
  return static_cast<int>(o - out);
}
