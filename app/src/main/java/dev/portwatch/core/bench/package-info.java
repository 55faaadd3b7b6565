/**
 * Benchmark tooling, kept apart from the services: {@code portwatch bench}'s scan timings and a child process that
 * holds many listening sockets, so a benchmark measures portwatch and not the sockets' owner.
 */
package dev.portwatch.core.bench;
