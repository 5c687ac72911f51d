package io.qless.scripts;

/**
 * A Redis function library: {@code FUNCTION LOAD} its {@code text}, then call
 * {@code FCALL <functionName> 0 <command> <now> <args...>}.
 *
 * @param name the library name
 * @param functionName the function the library registers
 * @param text the library source, starting with {@code #!lua name=<name>}
 */
public record FunctionLibrary(String name, String functionName, String text) {
}
