/*
 * AsyncFl libstdc++ shim for TorchSharp on Linux distributions whose libstdc++ predates GLIBCXX_3.4.32
 * (GCC 13), e.g. Debian 12.
 *
 * GCC 13's <iostream> makes every translation unit reference std::ios_base_library_init() (mangled
 * _ZSt21ios_base_library_initv), a symbol that only libstdc++ >= 3.4.32 exports. On older libstdc++ the
 * standard streams are initialised by libstdc++ itself, so a no-op definition is correct.
 * eng/torchsharp-fix.py compiles this file and adds it as a NEEDED library of libLibTorchSharp.so.
 */
__attribute__((visibility("default"))) void asyncfl_ios_base_library_init(void) __asm__("_ZSt21ios_base_library_initv");

void asyncfl_ios_base_library_init(void)
{
}
